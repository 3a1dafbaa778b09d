/** Bearer tokens: JWT (HS256) over the account id and the role it acts in. */
import { createSigner, createVerifier } from 'fast-jwt';
import type { Role } from '../dispute/model.ts';

export interface TokenClaims {
  sub: string;
  role: Role;
}

const ISSUER = 'yimei-mediation';

// Token lifetimes run on the real clock (FAKE_NOW moves legal time, not security time).
export function tokenSigner(secret: string, expiresInMs = 30 * 24 * 3600_000) {
  const sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: expiresInMs, iss: ISSUER });
  return (claims: TokenClaims): string => sign({ sub: claims.sub, role: claims.role });
}

export function tokenVerifier(secret: string) {
  // fast-jwt checks exp and iss only when present: a token signed without them would never expire.
  const verify = createVerifier({ key: secret, algorithms: ['HS256'], allowedIss: ISSUER, requiredClaims: ['exp', 'iss', 'sub', 'role'] });
  // Tokens verified already, until their exp: a client sends the same token on every request, and
  // decoding and checking it again was 8% of a read's CPU (fast-jwt's own cache hashes each token
  // for its key, half that cost again). Failures are not kept: they are checked every time.
  const verified = new Map<string, { claims: TokenClaims; expiresAt: number }>();
  return (token: string): TokenClaims => {
    const known = verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    const claims = verify(token) as TokenClaims & { exp: number };
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { claims, expiresAt: claims.exp * 1000 });
    return claims;
  };
}
