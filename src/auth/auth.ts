/**
 * Signing in with an e-mailed code (API.md "Authentication"): request a code, sign in with it,
 * register as a consumer. The I/O edge around loginCodes.ts: the event store, the mail, the limits.
 */
import { join } from 'node:path';
import { createAccount, findAccountByEmail, findAccountIdByEmail } from '../accounts/accounts.ts';
import { tokenSigner } from '../accounts/tokens.ts';
import type { Config } from '../config.ts';
import type { Role } from '../dispute/model.ts';
import { WrongExpectedRevision, type EventStore } from '../eventstore/port.ts';
import { createMailTransport, type MailTransport } from '../mail/transport.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { loginCodeMail } from './codeMail.ts';
import { emailAddress, type RegisterConsumerInput } from './inputs.ts';
import { windowLimiter, type Limiter, type WindowLimit } from './limiter.ts';
import { decideAttempt, foldLogin, issueCode, loginStream, mayIssue, type LoginEvent, type StoredLoginEvent } from './loginCodes.ts';
import { loginKeys, newLoginCode } from './secrets.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Sign-in tokens live shorter than the CLI's: a lost device stops working by the next day. */
export const SIGN_IN_TOKEN_MS = 12 * HOUR_MS;

/**
 * Per client address, beyond the generic per-IP limiter: generous enough for an office behind one
 * address, tight enough to stop guessing codes across many accounts or mailing strangers in bulk.
 */
export const IP_LIMITS = {
  requestLoginCode: { limit: 60, windowMs: HOUR_MS },
  signIn: { limit: 30, windowMs: MINUTE_MS },
  registerConsumer: { limit: 20, windowMs: HOUR_MS },
} satisfies Record<string, WindowLimit>;

export interface AuthLog {
  warn(obj: object, msg: string): void;
}

/** Who is asking: the client address for the limits, the request for the events and the log. */
export interface Caller {
  ip: string;
  correlationId: string;
  log?: AuthLog;
}

export interface Auth {
  /** Always true (unless the address is malformed): nobody learns whether an account exists. */
  requestLoginCode(email: string, caller: Caller): Promise<true>;
  /** A bearer token, or UNAUTHENTICATED with the same message whatever was wrong. */
  signIn(email: string, code: string, role: Role | undefined, caller: Caller): Promise<string>;
  /** Always true: a new consumer's account is created; either way the address is sent a code. */
  registerConsumer(input: RegisterConsumerInput, caller: Caller): Promise<true>;
  /** Waits for mail still being sent. */
  close(): Promise<void>;
}

const refused = () => new DomainError('UNAUTHENTICATED', '验证码错误或已失效，请重新获取 / the code is wrong or no longer valid; request a new one');

function rateLimited(retryAfterMs: number) {
  return new DomainError('RATE_LIMITED', '请求过于频繁，请稍后再试 / too many requests, try again later', {
    retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
  });
}

function enforce(limiter: Limiter, ip: string): void {
  const { allowed, retryAfterMs } = limiter(ip);
  if (!allowed) throw rateLimited(retryAfterMs);
}

/** What may be logged of a failed send: codes from the mail library, never its message (it may quote the address). */
function mailFailure(error: unknown) {
  const { name, code, responseCode, command } = (error ?? {}) as Record<string, unknown>;
  return { name, code, responseCode, command };
}

// Appends conflict only when the same address is used at the same instant; then decide again.
const ATTEMPT_TRIES = 5;

export function createAuth(deps: { store: EventStore; clock: Clock; secret: string; mail: MailTransport; limits?: typeof IP_LIMITS }): Auth {
  const { store, clock, mail } = deps;
  const limits = deps.limits ?? IP_LIMITS;
  const keys = loginKeys(deps.secret);
  const sign = tokenSigner(deps.secret, SIGN_IN_TOKEN_MS);
  const perIp = {
    requestLoginCode: windowLimiter(limits.requestLoginCode, clock),
    signIn: windowLimiter(limits.signIn, clock),
    registerConsumer: windowLimiter(limits.registerConsumer, clock),
  };
  const deliveries = new Set<Promise<void>>();

  async function readLogin(email: string) {
    const stream = loginStream(keys.addressDigest(email));
    const events = await store.readStream(stream);
    const expectedRevision = events.at(-1)?.revision ?? ('no_stream' as const);
    return { stream, state: foldLogin(events as unknown as StoredLoginEvent[]), expectedRevision };
  }

  const append = (stream: string, id: string, event: LoginEvent, now: Date, caller: Caller, expectedRevision: number | 'no_stream') =>
    store.appendToStream(stream, [{ id, ...event, metadata: { occurredAt: now.toISOString(), correlationId: caller.correlationId } }], {
      expectedRevision,
    });

  // Not awaited: the answer must not wait for (or reveal) the mail server.
  function deliver(email: string, code: string, caller: Caller): void {
    const delivery = mail
      .send(loginCodeMail(email, code))
      .catch((error: unknown) => caller.log?.warn({ err: mailFailure(error) }, 'sign-in code mail not sent'))
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
  }

  /**
   * Issues a code unless the address is throttled, whether or not an account has the address (the
   * same reads and the same append either way); only an account's address is mailed.
   */
  async function sendCode(email: string, caller: Caller): Promise<void> {
    const [{ stream, state, expectedRevision }, accountId] = await Promise.all([readLogin(email), findAccountIdByEmail(store, email)]);
    const now = clock.now();
    if (!mayIssue(state, now)) return;
    const code = newLoginCode();
    const id = newId();
    try {
      await append(stream, id, issueCode(keys.codeHmac(id, code), now), now, caller, expectedRevision);
    } catch (error) {
      // A code was issued to the address meanwhile: that one stands.
      if (error instanceof WrongExpectedRevision) return;
      throw error;
    }
    if (accountId) deliver(email, code, caller);
  }

  return {
    async requestLoginCode(email, caller) {
      // Past the per-client limit nothing is sent, and the answer stays the same.
      if (perIp.requestLoginCode(caller.ip).allowed) await sendCode(email, caller);
      return true;
    },

    async signIn(given, code, role, caller) {
      enforce(perIp.signIn, caller.ip);
      const parsed = emailAddress.safeParse(given);
      if (!parsed.success) throw refused();
      const email = parsed.data;
      const account = await findAccountByEmail(store, email);
      const actingAs = role ?? account?.roles[0];
      // Each attempt is judged on the stream as it is and recorded at that exact revision, so
      // concurrent guesses are counted one by one and a code is used once.
      for (let tries = 0; tries < ATTEMPT_TRIES; tries++) {
        const { stream, state, expectedRevision } = await readLogin(email);
        const now = clock.now();
        // The code is compared first, so that an unknown account or role costs the same time.
        const event = decideAttempt(
          state,
          now,
          (live) => keys.matches(live.id, live.codeHmac, code) && actingAs !== undefined && account?.roles.includes(actingAs) === true,
        );
        if (!event) throw refused();
        try {
          await append(stream, newId(), event, now, caller, expectedRevision);
        } catch (error) {
          if (error instanceof WrongExpectedRevision) continue;
          throw error;
        }
        if (event.type !== 'LoginCodeUsed' || !account || !actingAs) throw refused();
        return sign({ sub: account.id, role: actingAs });
      }
      throw refused();
    },

    async registerConsumer(input, caller) {
      enforce(perIp.registerConsumer, caller.ip);
      // An address that has an account already is sent a sign-in code and nothing else: the
      // existing account is not changed and the answer does not say it exists.
      if (!(await findAccountIdByEmail(store, input.email))) {
        await createAccount(store, clock, { email: input.email, name: input.name, phone: input.phone, role: 'CONSUMER' }, 'self');
      }
      await sendCode(input.email, caller);
      return true;
    },

    async close() {
      await Promise.allSettled([...deliveries]);
      mail.close();
    },
  };
}

/** The platform's sign-in: codes mailed through SMTP_URL or the outbox in DATA_DIR. */
export function openAuth(config: Config, store: EventStore): Auth {
  const mail = createMailTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: join(config.dataDir, 'outbox') });
  return createAuth({ store, clock: config.clock, secret: config.jwtSecret, mail });
}
