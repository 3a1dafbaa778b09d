/**
 * Configuration from the environment (API.md "Running"), validated at start: a bad value stops
 * start-up with a message naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { rulesFromEnv, type RuleParameters } from './rules/parameters.ts';
import { clockStartingAt, systemClock, type Clock } from './shared/clock.ts';

const env = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  EVENTSTORE_URL: z
    .string()
    .regex(/^(esdb|kurrentdb|esdb\+discover|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//, 'must be an esdb:// or kurrentdb:// connection string')
    .optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('医美纠纷调解平台 <noreply@yimei-mediation.local>'),
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  FAKE_NOW: z.iso.datetime({ offset: true }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  /** Remind this many working days before a deadline. */
  REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  /** Whether this replica sends mail: with several replicas on one EventStoreDB, exactly one should. */
  MAIL_REACTOR: z.enum(['on', 'off']).default('on'),
  /** How often the deadline reactor looks for passed deadlines. */
  DEADLINE_SCAN_MS: z.coerce.number().int().min(50).default(30_000),
  /** Limits of the HTTP edge (src/http): bodies other than evidence uploads, GraphQL documents, request rates (0: no limit). */
  REQUEST_BODY_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  // The standard introspection query (GraphiQL) is 15 levels deep: introspection counts like any field.
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(15),
  GRAPHQL_MAX_FIELDS: z.coerce.number().int().min(10).default(500),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  /** Schema introspection (__schema, __type); unset: off in production, on elsewhere. */
  GRAPHQL_INTROSPECTION: z.enum(['on', 'off']).optional(),
  /** Live subscriptions one WebSocket connection may hold at once. */
  SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(1000).default(20),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).default(1200),
  RATE_LIMIT_PER_PERSON: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_AUTH_PER_IP: z.coerce.number().int().min(0).default(120),
});

export interface Limits {
  bodyMaxBytes: number;
  graphql: { maxDepth: number; maxFields: number; maxTokens: number; introspection: boolean };
  /** Requests per window; 0 turns a limit off. `authPerIp` counts only sign-in and registration. */
  rate: { windowMs: number; perIp: number; perPerson: number; authPerIp: number };
  subscriptionsPerConnection: number;
}

export interface Config {
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  eventStoreUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  publicUrl: string;
  jwtSecret: string;
  clock: Clock;
  fakeNow?: Date;
  logLevel: string;
  evidenceMaxBytes: number;
  reminderWorkingDays: number;
  deadlineScanMs: number;
  mailReactor: boolean;
  limits: Limits;
  rules: RuleParameters;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // An empty variable counts as unset.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = env.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.FAKE_NOW) throw new ConfigError('FAKE_NOW: not allowed when NODE_ENV=production');
  if (production && !e.JWT_SECRET) throw new ConfigError('JWT_SECRET: required when NODE_ENV=production');
  const rules = rulesFromEnv(cleaned);
  if (rules.issues.length > 0) throw new ConfigError(rules.issues.map((i) => `${i.variable}: ${i.message}`).join('\n'));

  const dataDir = resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const fakeNow = e.FAKE_NOW ? new Date(e.FAKE_NOW) : undefined;
  return {
    production,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    eventStoreUrl: e.EVENTSTORE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL,
    jwtSecret: e.JWT_SECRET ?? localSecret(dataDir),
    clock: fakeNow ? clockStartingAt(fakeNow) : systemClock,
    fakeNow,
    logLevel: e.LOG_LEVEL,
    evidenceMaxBytes: e.EVIDENCE_MAX_BYTES,
    reminderWorkingDays: e.REMINDER_WORKING_DAYS,
    deadlineScanMs: e.DEADLINE_SCAN_MS,
    mailReactor: e.MAIL_REACTOR === 'on',
    limits: {
      bodyMaxBytes: e.REQUEST_BODY_MAX_BYTES,
      graphql: {
        maxDepth: e.GRAPHQL_MAX_DEPTH,
        maxFields: e.GRAPHQL_MAX_FIELDS,
        maxTokens: e.GRAPHQL_MAX_TOKENS,
        introspection: (e.GRAPHQL_INTROSPECTION ?? (production ? 'off' : 'on')) === 'on',
      },
      subscriptionsPerConnection: e.SUBSCRIPTIONS_PER_CONNECTION,
      rate: { windowMs: e.RATE_LIMIT_WINDOW_MS, perIp: e.RATE_LIMIT_PER_IP, perPerson: e.RATE_LIMIT_PER_PERSON, authPerIp: e.RATE_LIMIT_AUTH_PER_IP },
    },
    rules: rules.params,
  };
}

/** Outside production: a secret generated once and kept in DATA_DIR, shared by the server and the CLI. */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}
