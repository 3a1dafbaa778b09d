import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { tokenSigner, tokenVerifier } from '../../../src/accounts/tokens.ts';

const SECRET = 's'.repeat(48);
const claims = { sub: 'u1', role: 'CONSUMER' };

describe('bearer tokens', () => {
  const verify = tokenVerifier(SECRET);

  it('accepts what the platform signs', () => {
    expect(verify(tokenSigner(SECRET)({ sub: 'u1', role: 'CONSUMER' }))).toMatchObject(claims);
  });

  it('refuses a token signed with the secret but without exp or iss, or from another issuer', () => {
    const withoutExp = createSigner({ key: SECRET, algorithm: 'HS256', iss: 'yimei-mediation' })(claims);
    const withoutIss = createSigner({ key: SECRET, algorithm: 'HS256', expiresIn: 60_000 })(claims);
    const foreign = createSigner({ key: SECRET, algorithm: 'HS256', expiresIn: 60_000, iss: 'someone-else' })(claims);
    const withoutRole = createSigner({ key: SECRET, algorithm: 'HS256', expiresIn: 60_000, iss: 'yimei-mediation' })({ sub: 'u1' });
    for (const token of [withoutExp, withoutIss, foreign, withoutRole]) expect(() => verify(token)).toThrow();
  });
});
