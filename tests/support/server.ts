/**
 * Test servers: the real app listening on a free port with its own DATA_DIR, in this process
 * (startServer, for speed and an injectable clock) or as a child process (spawnServer, for what
 * must cross a process boundary: kill -9, the CLI beside a running server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { createAccount, registerInstitution, type NewAccount } from '../../src/accounts/accounts.ts';
import { tokenSigner } from '../../src/accounts/tokens.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Role } from '../../src/dispute/model.ts';
import { startMailReactor, type MailReactor, type MailReactorOptions } from '../../src/mail/reactor.ts';
import { configuredMailTransport } from '../../src/mail/transport.ts';
import { openPlatform, type Platform } from '../../src/platform.ts';
import { clockStartingAt, type Clock } from '../../src/shared/clock.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * Where every test server's clock starts unless a test pins its own: the suite's literal dates
 * (filings in 2026, sessions and due dates after them) are read against this instant, never
 * against the day the suite happens to run. The clock runs on from here in real time.
 */
export const TEST_NOW = '2026-11-16T10:00:00+08:00';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }>;
}

export function tempDir(prefix = 'yimei-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** POST /graphql; returns the parsed body. */
export async function graphql<T = any>(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

let institutionSeq = 0;

export interface TestUser {
  id: string;
  email: string;
  token: string;
  role: Role;
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  platform: Platform;
  config: Config;
  dataDir: string;
  /** The mail reactor, when started with `mail`. */
  mail?: MailReactor;
  gql<T = any>(token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  user(role: Role, attributes?: Partial<NewAccount>): Promise<TestUser>;
  institution(name?: string): Promise<{ id: string; code: string }>;
  close(): Promise<void>;
}

/** Valid unified social credit codes for test institutions (GB 32100 check characters). */
export const USCC = ['91440300MA5F0JXC83', '91310000MA1FL3L2AY', '92110105MA00ABCD1D'] as const;

export async function startServer(
  options: { env?: Record<string, string>; clock?: Clock; dataDir?: string; mail?: boolean | MailReactorOptions; logStream?: DestinationStream } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  // Request rates are not what most tests are about: limits high unless a test sets its own.
  const rates = { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_PERSON: '100000', RATE_LIMIT_AUTH_PER_IP: '100000' };
  const base = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'test', ...rates, ...options.env });
  const config: Config = { ...base, clock: options.clock ?? clockStartingAt(new Date(TEST_NOW)) };
  const platform = await openPlatform(config);
  const app = await buildApp(platform, options.logStream ? { logStream: options.logStream } : { logger: false });
  await platform.runner.start();
  const mail = options.mail ? startMailReactor(platform, configuredMailTransport(config), options.mail === true ? {} : options.mail) : undefined;
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const sign = tokenSigner(config.jwtSecret);
  let users = 0;
  return {
    url: address,
    app,
    platform,
    config,
    dataDir,
    mail,
    gql: (token, query, variables) => graphql(address, token, query, variables),
    async user(role, attributes = {}) {
      const email = attributes.email ?? `${role.toLowerCase()}-${++users}-${Math.random().toString(36).slice(2, 8)}@test.cn`;
      const { id } = await createAccount(platform.store, config.clock, { name: `${role} ${users}`, ...attributes, email, role });
      return { id, email, role, token: sign({ sub: id, role }) };
    },
    async institution(name = '美丽医疗美容诊所') {
      const code = USCC[institutionSeq++ % USCC.length]!;
      const { id } = await registerInstitution(platform.store, config.clock, { name, code });
      return { id, code };
    },
    async close() {
      await app.close();
      await mail?.stop();
      await platform.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** FAKE_NOW at TEST_NOW for a child process, unless it runs in production (which refuses FAKE_NOW). */
function pinnedClock(env: Record<string, string>): Record<string, string> {
  return env.NODE_ENV === 'production' ? {} : { FAKE_NOW: TEST_NOW };
}

/** The node binary running the tests (Node 24), for child processes. */
export const NODE = process.execPath;

export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(NODE, ['src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, ...pinnedClock(env), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface SpawnedServer {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `node src/main.ts` on a free port; resolves once /readyz says ready. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
  // A random port may be taken by another process on the machine: then try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnPort(dataDir, env, 20_000 + Math.floor(Math.random() * 20_000));
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function spawnOnPort(dataDir: string, env: Record<string, string>, port: number): Promise<SpawnedServer> {
  const child = spawn(NODE, ['src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', ...pinnedClock(env), ...env },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The fields most tests ask for. */
export const DISPUTE_FIELDS = `id caseNumber status version viewerRelation
  claimant { name phone idNumber address } respondent { id name code }
  deadlines { kind dueAt lastDay provisional }`;

export function complaint(overrides: Record<string, unknown> = {}) {
  return {
    respondent: { name: '美丽医疗美容诊所', code: USCC[0] },
    categories: ['MEDICAL_INJURY', 'FALSE_ADVERTISING'],
    procedure: '玻尿酸注射',
    occurredOn: '2026-10-01',
    place: '深圳市福田区',
    description: '注射后出现血管栓塞，诊所拒绝承担责任。',
    amountPaidFen: 1_280_000,
    remedies: [{ kind: 'REFUND', amountFen: 1_280_000 }, { kind: 'COMPENSATION', amountFen: 500_000 }],
    claimant: { name: '张三', phone: '13912341111', idNumber: '11010519491231002X', address: '深圳市福田区福华路1号' },
    ...overrides,
  };
}
