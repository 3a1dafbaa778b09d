/**
 * One-time sign-in codes, event-sourced: one stream per e-mail address (named by a keyed digest,
 * never the address), so every replica on a shared store sees the same codes, attempts and uses.
 * The code itself is never stored, only its HMAC. Pure: the fold and the decisions.
 */

export const LOGIN_STREAM_PREFIX = 'login-';
export const loginStream = (addressDigest: string) => `${LOGIN_STREAM_PREFIX}${addressDigest}`;

export const CODE_VALID_MS = 10 * 60_000;
/** Wrong codes tolerated per code; the next attempt finds it dead and a new one must be requested. */
export const MAX_FAILED_ATTEMPTS = 5;
/** Per address: at most one code a minute and five an hour. */
export const REQUEST_SPACING_MS = 60_000;
export const REQUESTS_PER_HOUR = 5;
const HOUR_MS = 3600_000;

export type LoginEvent =
  | { type: 'LoginCodeIssued'; data: { codeHmac: string; expiresAt: string } }
  | { type: 'LoginAttemptFailed'; data: { codeId: string } }
  | { type: 'LoginCodeUsed'; data: { codeId: string } };

/** What the fold needs of a stored event: a code is known by the id of the event that issued it. */
export type StoredLoginEvent = LoginEvent & { id: string; metadata: { occurredAt: string } };

export interface IssuedCode {
  id: string;
  codeHmac: string;
  expiresAt: string;
  failedAttempts: number;
  used: boolean;
}

export interface LoginState {
  /** When each code was issued, oldest first: the per-address throttle. */
  issuedAt: string[];
  /** The latest code; a new one supersedes every earlier one. */
  current?: IssuedCode;
}

export const initialLoginState: LoginState = { issuedAt: [] };

export function evolve(state: LoginState, event: StoredLoginEvent): LoginState {
  switch (event.type) {
    case 'LoginCodeIssued':
      return {
        issuedAt: [...state.issuedAt, event.metadata.occurredAt],
        current: { id: event.id, codeHmac: event.data.codeHmac, expiresAt: event.data.expiresAt, failedAttempts: 0, used: false },
      };
    case 'LoginAttemptFailed':
      if (state.current?.id !== event.data.codeId) return state;
      return { ...state, current: { ...state.current, failedAttempts: state.current.failedAttempts + 1 } };
    case 'LoginCodeUsed':
      if (state.current?.id !== event.data.codeId) return state;
      return { ...state, current: { ...state.current, used: true } };
    default:
      return state;
  }
}

export const foldLogin = (events: readonly StoredLoginEvent[]): LoginState => events.reduce(evolve, initialLoginState);

/** Whether the address may be sent another code now. */
export function mayIssue(state: LoginState, now: Date): boolean {
  const t = now.getTime();
  const recent = state.issuedAt.map((at) => Date.parse(at)).filter((at) => t - at < HOUR_MS);
  if (recent.length >= REQUESTS_PER_HOUR) return false;
  return recent.every((at) => t - at >= REQUEST_SPACING_MS);
}

export function issueCode(codeHmac: string, now: Date): LoginEvent {
  return { type: 'LoginCodeIssued', data: { codeHmac, expiresAt: new Date(now.getTime() + CODE_VALID_MS).toISOString() } };
}

/** The code that may still be used: the latest, unused, unexpired, not worn out by wrong guesses. */
export function liveCode(state: LoginState, now: Date): IssuedCode | undefined {
  const code = state.current;
  if (!code || code.used || code.failedAttempts >= MAX_FAILED_ATTEMPTS) return undefined;
  return now.getTime() < Date.parse(code.expiresAt) ? code : undefined;
}

/**
 * A sign-in attempt: the live code is used if `matches` says the caller holds it, otherwise the
 * attempt counts against it. Without a live code there is nothing to decide (and nothing to record).
 */
export function decideAttempt(state: LoginState, now: Date, matches: (code: IssuedCode) => boolean): LoginEvent | undefined {
  const code = liveCode(state, now);
  if (!code) return undefined;
  return matches(code) ? { type: 'LoginCodeUsed', data: { codeId: code.id } } : { type: 'LoginAttemptFailed', data: { codeId: code.id } };
}
