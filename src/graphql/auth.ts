/** Turns a bearer token into the person acting, or nobody. */
import { getAccount, viewerFor, type Account } from '../accounts/accounts.ts';
import { tokenVerifier } from '../accounts/tokens.ts';
import type { Viewer } from '../dispute/access.ts';
import type { EventStore } from '../eventstore/port.ts';
import { DomainError } from '../shared/errors.ts';

export type Authenticate = (authorization: string | undefined) => Promise<{ viewer?: Viewer; account?: Account }>;

export function authenticator(store: EventStore, secret: string): Authenticate {
  const verify = tokenVerifier(secret);
  return async (authorization) => {
    if (!authorization) return {};
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const invalid = new DomainError('UNAUTHENTICATED', '登录凭证无效或已过期 / invalid or expired token');
    if (!match) throw invalid;
    let claims;
    try {
      claims = verify(match[1]!);
    } catch {
      throw invalid;
    }
    const account = await getAccount(store, claims.sub);
    if (!account || !account.roles.includes(claims.role)) throw invalid;
    return { viewer: viewerFor(account, claims.role), account };
  };
}
