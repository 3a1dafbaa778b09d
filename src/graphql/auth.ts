/** Turns a bearer token into the person acting, or nobody. */
import { getAccount, viewerFor, type Account } from '../accounts/accounts.ts';
import { tokenVerifier } from '../accounts/tokens.ts';
import type { Viewer } from '../dispute/access.ts';
import type { EventStore } from '../eventstore/port.ts';
import { DomainError } from '../shared/errors.ts';

export type Authenticate = (authorization: string | undefined) => Promise<{ viewer?: Viewer; account?: Account }>;

const invalidToken = () => new DomainError('UNAUTHENTICATED', '登录凭证无效或已过期 / invalid or expired token');

/** How long an account read from its stream is reused: a role granted meanwhile counts after this. */
const ACCOUNT_TTL_MS = 5_000;

export function authenticator(store: EventStore, secret: string): Authenticate {
  const verify = tokenVerifier(secret);
  const accounts = new Map<string, { account: Account; until: number }>();
  const accountOf = async (id: string, role: string) => {
    const cached = accounts.get(id);
    // A cached account without the token's role may just have been granted it: read again.
    if (cached && cached.until > Date.now() && cached.account.roles.includes(role as never)) return cached.account;
    const account = await getAccount(store, id);
    if (accounts.size > 10_000) accounts.clear();
    // Only found accounts are kept: one created a moment ago by the CLI is found on the next request.
    if (account) accounts.set(id, { account, until: Date.now() + ACCOUNT_TTL_MS });
    return account;
  };
  return async (authorization) => {
    if (!authorization) return {};
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw invalidToken();
    let claims;
    try {
      claims = verify(match[1]!);
    } catch {
      throw invalidToken();
    }
    const account = await accountOf(claims.sub, claims.role);
    if (!account || !account.roles.includes(claims.role)) throw invalidToken();
    return { viewer: viewerFor(account, claims.role), account };
  };
}
