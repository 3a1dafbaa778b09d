import { Writable } from 'node:stream';
import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { complaint, startServer, type TestServer } from '../support/server.ts';

const post = (server: TestServer, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const codeOf = async (response: Response) => ((await response.json()) as any).errors?.[0]?.extensions?.code;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('security headers', () => {
  it('sets them on every response, with no CSP on GraphiQL (outside production) so it can load', async () => {
    const server = await startServer();
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
      const api = await post(server, { query: '{ me { id } }' });
      expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");

      const graphiql = await fetch(`${server.url}/graphiql`);
      expect(graphiql.status).toBe(200);
      expect(graphiql.headers.get('content-security-policy')).toBeNull();
      expect(graphiql.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await server.close();
    }
  });

  it('serves no GraphiQL in production', async () => {
    const server = await startServer({ env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) } });
    try {
      expect((await fetch(`${server.url}/graphiql`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('limits on requests and GraphQL documents', () => {
  let server: TestServer;
  let small: TestServer;
  beforeAll(async () => {
    server = await startServer();
    small = await startServer({ env: { REQUEST_BODY_MAX_BYTES: '4096', GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_FIELDS: '20', GRAPHQL_MAX_TOKENS: '300' } });
  });
  afterAll(async () => {
    await server.close();
    await small.close();
  });

  it('refuses a query with 1000 aliases of `dispute` before running any of it', async () => {
    const consumer = await server.user('CONSUMER');
    const { queries } = server.platform;
    const read = queries.dispute;
    let reads = 0;
    queries.dispute = (id) => (reads++, read(id));
    try {
      const aliases = Array.from({ length: 1000 }, (_, i) => `d${i}: dispute(id: "x") { id }`).join(' ');
      const result = await server.gql(consumer.token, `{ ${aliases} }`);
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(reads).toBe(0);
    } finally {
      queries.dispute = read;
    }
  });

  it('refuses documents too deep, too large or too long, with BAD_USER_INPUT', async () => {
    const consumer = await small.user('CONSUMER');
    expect((await small.gql(consumer.token, '{ disputes { totalCount } }')).errors).toBeUndefined();

    const deep = await small.gql(consumer.token, '{ disputes { edges { node { id } } } }');
    expect(deep.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('more than 3') });

    // Fragments count as what they expand to.
    const wide = await small.gql(consumer.token, `{ ...A } fragment A on Query { a: me { ...U } b: me { ...U } c: me { ...U } d: me { ...U } e: me { ...U } } fragment U on User { id email name roles }`);
    expect(wide.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('25 fields, more than 20') });

    const long = await small.gql(consumer.token, `{ ${Array.from({ length: 400 }, () => '__typename').join(' ')} }`);
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets GraphiQL introspect the schema under the default limits', async () => {
    const result = await server.gql(undefined, getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    expect(result.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses batched queries', async () => {
    const response = await post(server, [{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(await codeOf(response)).toBe('BAD_USER_INPUT');
  });

  it('refuses a body over the limit with 413, and malformed JSON with 400, in the GraphQL error shape', async () => {
    const big = await post(small, { query: `{ me { id } } # ${'x'.repeat(8000)}` });
    expect(big.status).toBe(413);
    expect(await codeOf(big)).toBe('BAD_USER_INPUT');

    const malformed = await fetch(`${small.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(await codeOf(malformed)).toBe('BAD_USER_INPUT');
  });
});

describe('rate limits', () => {
  const LIMITED = { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } };

  it('counts the public sign-in mutations per address, more strictly than the rest', async () => {
    const server = await startServer({ env: { RATE_LIMIT_AUTH_PER_IP: '3' } });
    try {
      const request = () => post(server, { query: 'mutation($e: String!) { requestLoginCode(email: $e) }', variables: { e: 'someone@example.cn' } });
      for (let i = 0; i < 3; i++) expect((await request()).status).toBe(200);
      const refused = await request();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as any).errors[0]).toMatchObject(LIMITED);
      // Hidden under an alias and a fragment, still the same mutation.
      const disguised = await post(server, { query: 'mutation { ...M } fragment M on Mutation { x: signIn(email: "a@b.cn", code: "123456") }' });
      expect(disguised.status).toBe(429);
      // Everything else goes on.
      expect((await server.gql(undefined, '{ me { id } }')).errors).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('counts per person: one person over their limit does not hold up another at the same address', async () => {
    const server = await startServer({ env: { RATE_LIMIT_PER_PERSON: '5' } });
    try {
      const [busy, other] = [await server.user('CONSUMER'), await server.user('CONSUMER')];
      for (let i = 0; i < 5; i++) expect((await server.gql(busy.token, '{ me { id } }')).errors).toBeUndefined();
      const refused = await post(server, { query: '{ me { id } }' }, { authorization: `Bearer ${busy.token}` });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as any).errors[0]).toMatchObject(LIMITED);
      expect((await server.gql(other.token, '{ me { id } }')).data.me.id).toBe(other.id);
    } finally {
      await server.close();
    }
  });

  it('counts per address on every route but the health probes; other routes answer 429 with Retry-After', async () => {
    const server = await startServer({ env: { RATE_LIMIT_PER_IP: '10' } });
    try {
      for (let i = 0; i < 10; i++) expect((await post(server, { query: '{ me { id } }' })).status).toBe(200);
      expect(await codeOf(await post(server, { query: '{ me { id } }' }))).toBe('RATE_LIMITED');
      const download = await fetch(`${server.url}/disputes/00000000-0000-0000-0000-000000000000/evidence/x`);
      expect(download.status).toBe(429);
      expect(Number(download.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await download.json()).toEqual({ error: { message: expect.any(String), code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('turns an unexpected failure in a resolver into INTERNAL, without stack or SQL', async () => {
    const consumer = await server.user('CONSUMER');
    const { queries, readModel } = server.platform;
    const read = queries.dispute;
    // A real SQLite failure inside the resolver.
    queries.dispute = () => readModel.prepare('SELECT claimant_phone FROM no_such_table WHERE id = ?').get('x') as never;
    try {
      const response = await post(server, { query: '{ dispute(id: "x") { id } }' }, { authorization: `Bearer ${consumer.token}` });
      const text = await response.text();
      expect(JSON.parse(text).errors).toEqual([{ message: '内部错误 / internal error', path: ['dispute'], extensions: { code: 'INTERNAL' } }]);
      expect(text).not.toMatch(/SELECT|no_such_table|sqlite|stack|\.ts:\d+/i);
    } finally {
      queries.dispute = read;
    }
  });

  it("answers a failure outside GraphQL with a bare 500, and unknown routes with a bare 404", async () => {
    const runner = server.platform.runner;
    Object.defineProperty(runner, 'caughtUp', {
      configurable: true,
      get: () => {
        throw new Error('SQLITE_ERROR: SELECT position FROM checkpoints');
      },
    });
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toMatch(/SELECT|SQLITE|stack|\.ts:\d+/i);
    } finally {
      delete (runner as { caughtUp?: unknown }).caughtUp;
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toMatch(/stack|\.ts:\d+/);
  });
});

describe('logs', () => {
  const PERSONAL = {
    name: '张三',
    phone: '13912341111',
    idNumber: '11010519491231002X',
    email: 'zhang.san@example.cn',
    registering: 'zhangsan.new@example.cn',
  };

  it('hold no personal data after a whole intake, though requests are logged', async () => {
    let output = '';
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const server = await startServer({ logStream, env: { LOG_LEVEL: 'trace' } });
    const secrets: string[] = [];
    try {
      const institution = await server.institution();
      const consumer = await server.user('CONSUMER', { name: PERSONAL.name, email: PERSONAL.email });
      const officer = await server.user('INTAKE_OFFICER');
      const clinic = await server.user('RESPONDENT', { institutionId: institution.id, institutionCode: institution.code });
      secrets.push(consumer.token, officer.token, clinic.token);

      // The public mutations: registration, a code, a wrong code.
      await server.gql(undefined, 'mutation($i: RegisterConsumerInput!) { registerConsumer(input: $i) }', {
        i: { email: PERSONAL.registering, name: PERSONAL.name, phone: PERSONAL.phone },
      });
      await server.gql(undefined, 'mutation($e: String!) { requestLoginCode(email: $e) }', { e: PERSONAL.email });
      await server.gql(undefined, 'mutation($e: String!) { signIn(email: $e, code: "000000") }', { e: PERSONAL.email });

      // A complaint refused for its input, then filed; read back, also by GET with the variables in the URL.
      await server.gql(consumer.token, 'mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }', {
        input: complaint({ claimant: { name: PERSONAL.name, phone: `${PERSONAL.phone}9`, idNumber: PERSONAL.idNumber, address: '深圳' } }),
      });
      const filed = await server.gql(consumer.token, 'mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id caseNumber } }', { input: complaint() });
      expect(filed.errors).toBeUndefined();
      const { id, caseNumber } = filed.data.fileDispute;
      const query = encodeURIComponent('query($c: String!) { disputeByCaseNumber(caseNumber: $c) { id } }');
      await fetch(`${server.url}/graphql?query=${query}&variables=${encodeURIComponent(JSON.stringify({ c: PERSONAL.phone }))}`, {
        headers: { authorization: `Bearer ${consumer.token}` },
      });
      await server.gql(consumer.token, 'query($c: String!) { disputeByCaseNumber(caseNumber: $c) { id } }', { c: caseNumber });

      // Live updates, acceptance, the clinic's view, evidence.
      const client = createClient({
        url: `${server.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${consumer.token}` },
        retryAttempts: 0,
      });
      const received: unknown[] = [];
      client.subscribe({ query: `subscription($id: ID!) { disputeUpdated(id: $id) { status claimant { name phone idNumber } } }`, variables: { id } }, {
        next: (r) => void received.push(r),
        error: () => {},
        complete: () => {},
      });
      await new Promise((r) => setTimeout(r, 200));
      expect((await server.gql(officer.token, `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { status } }`, { id })).errors).toBeUndefined();
      await server.gql(clinic.token, `query($id: ID!) { dispute(id: $id) { claimant { name phone } } }`, { id });
      const form = new FormData();
      form.append('kind', 'PHOTO');
      form.append('description', `${PERSONAL.name} ${PERSONAL.phone} 术后照片`);
      form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), `${PERSONAL.name}.png`);
      await fetch(`${server.url}/disputes/${id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${consumer.token}` }, body: form });
      await new Promise((r) => setTimeout(r, 200));
      await client.dispose();
    } finally {
      await server.close();
    }

    const lines = output.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    expect(output).toContain('incoming request');
    for (const value of [...Object.values(PERSONAL), ...secrets]) expect(output).not.toContain(value);
    // A phone number stays out in any form it might be logged in.
    expect(output).not.toMatch(/1391234111/);
  });
});
