/**
 * The classes of issue 12, one reproduction each, against the real server: every bad input gets a
 * clear error naming what is wrong and changes nothing.
 */
import { Writable } from 'node:stream';
import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { filed, startWithCast, type Cast } from '../support/cases.ts';
import { complaint, startServer, tempDir, type TestServer } from '../support/server.ts';

const FILE = `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id caseNumber amountPaid { amountFen } } }`;
const SCHEMA_ALIAS = `__schema { types { name fields { name args { name type { name ofType { name ofType { name } } } } type { name ofType { name ofType { name } } } } } }`;
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) };

const post = (server: TestServer, body: string, token?: string) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });

describe('bad input over GraphQL', () => {
  let server: TestServer;
  let c: Cast;
  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock: manualClock(new Date('2026-11-23T02:00:00Z')) }));
  });
  afterAll(() => server?.close());

  const head = () => server.platform.store.headPosition();

  it('a lone surrogate, a control character or a bidi override in any text of a filing: BAD_USER_INPUT naming it, nothing appended', async () => {
    const before = await head();
    for (const [field, input] of [
      ['input.description', complaint({ description: 'x\ud800' })],
      ['input.procedure', complaint({ procedure: '玻尿酸\u0000' })],
      ['input.claimant.name', complaint({ claimant: { name: '张\u202e三', phone: '13912341111' } })],
      ['input.respondent.licence', complaint({ respondent: { name: '诊所', licence: '\udc00' } })],
      ['input.description', complaint({ description: '\u200b\u200b\u200b' })],
      ['input.occurredOn', complaint({ occurredOn: '1897-12-31' })],
      ['input.remedies', complaint({ remedies: Array.from({ length: 20_000 }, () => ({ kind: 'APOLOGY' })) })],
      ['input.claimant.idNumber', complaint({ claimant: { name: '张三', phone: '13912341111', idNumber: '110105202611240010' } })],
      ['input.amountPaidFen', complaint({ amountPaidFen: 10_000_000_001 })],
    ] as const) {
      const result = await server.gql(c.consumer.token, FILE, { input });
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', issues: expect.arrayContaining([expect.objectContaining({ path: field })]) });
    }
    expect(await head()).toBe(before);
  });

  it('the same check on the other texts: a message, a withdrawal reason, a request for information', async () => {
    const id = await filed(server, c, { occurredOn: '2026-10-01' });
    const before = await head();
    const ask = await server.gql(c.officer.token, `mutation($id: ID!, $m: String!) { requestInformation(disputeId: $id, message: $m) { id } }`, { id, m: '请补充\ud800' });
    expect(ask.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'message' }] });
    const withdraw = await server.gql(c.consumer.token, `mutation($id: ID!, $r: String) { withdrawDispute(disputeId: $id, reason: $r) { id } }`, { id, r: '\u0007' });
    expect(withdraw.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'reason' }] });
    expect(await head()).toBe(before);
  });

  it('amounts up to the platform limit go in and come out whole (beyond GraphQL Int)', async () => {
    const result = await server.gql(c.consumer.token, FILE, { input: complaint({ amountPaidFen: 10_000_000_000, remedies: [{ kind: 'REFUND', amountFen: 10_000_000_000 }] }) });
    expect(result.errors).toBeUndefined();
    expect(result.data.fileDispute.amountPaid.amountFen).toBe(10_000_000_000);

    const damages = await server.gql(undefined, `{ calculateDamages(input: { amountPaidFen: 10000000000, medicalExpenses: 10000000000, fraud: true }) { total { amountFen } } }`);
    expect(damages.errors).toBeUndefined();
    expect(damages.data.calculateDamages.total.amountFen).toBeGreaterThan(2 ** 31);

    const huge = await server.gql(undefined, `{ calculateDamages(input: { amountPaidFen: 99999999999999999999 }) { total { amountFen } } }`);
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fractional = await server.gql(undefined, `query($a: Fen!) { calculateDamages(input: { amountPaidFen: $a }) { total { amountFen } } }`, { a: 1.5 });
    expect(fractional.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'a' }] });
  });

  it('names the key of a __proto__ or constructor in the body, and refuses deep nesting without overflowing', async () => {
    const proto = await post(server, `{"query": "mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }", "variables": {"input": {"__proto__": {"x": 1}}}}`, c.consumer.token);
    expect(proto.status).toBeLessThan(500);
    const body = (await proto.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'variables.input.__proto__' }] });

    const deepLiteral = `mutation { proposeSettlement(disputeId: "x", items: { kind: ${'['.repeat(2400)}REFUND${']'.repeat(2400)} }) { id } }`;
    const literal = await server.gql(c.consumer.token, deepLiteral);
    expect(literal.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/nests brackets more than/) });

    const deepVariables = await post(server, JSON.stringify({ query: 'query($x: [String]) { __typename }', variables: { x: JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) } }));
    expect(deepVariables.status).toBe(400);
    expect(((await deepVariables.json()) as any).errors[0].extensions.issues[0].message).toMatch(/nested more than/);
  });

  it('counts introspection against the field limit', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `s${i}: ${SCHEMA_ALIAS}`).join(' ');
    const result = await server.gql(undefined, `{ ${aliases} }`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/fields, more than 500/) });
    // GraphiQL's own introspection still fits the default limits.
    expect((await server.gql(undefined, getIntrospectionQuery())).errors).toBeUndefined();
  });

  it('refuses a malformed multipart upload with 400 and keeps nothing', async () => {
    const id = await filed(server, c, { occurredOn: '2026-10-01' });
    const before = await head();
    const upload = (contentType: string, body: string) =>
      fetch(`${server.url}/disputes/${id}/evidence`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${c.consumer.token}` }, body });
    const noBoundary = await upload('multipart/form-data', 'xx');
    expect(noBoundary.status).toBe(400);
    expect(((await noBoundary.json()) as any).error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/malformed multipart/) });
    const field = (name: string, value: string) => `--b\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const cutOff = await upload(
      'multipart/form-data; boundary=b',
      `${field('kind', 'PHOTO')}${field('description', '照片')}--b\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\ncontent-type: image/png\r\n\r\n\x89PNG\r\n`,
    );
    expect(cutOff.status).toBe(400);
    expect(((await cutOff.json()) as any).error.message).toMatch(/malformed multipart/);
    expect(await head()).toBe(before);
  });
});

describe('production', () => {
  it('turns introspection off unless configured on, and gives no "Did you mean" hints', async () => {
    const server = await startServer({ env: PRODUCTION });
    const open = await startServer({ env: { ...PRODUCTION, GRAPHQL_INTROSPECTION: 'on' } });
    const development = await startServer();
    try {
      const introspect = '{ __schema { queryType { name } } }';
      expect((await server.gql(undefined, introspect)).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/introspection/) });
      expect((await server.gql(undefined, '{ __typename }')).data).toEqual({ __typename: 'Query' });
      expect((await open.gql(undefined, introspect)).data.__schema.queryType.name).toBe('Query');

      const typo = `{ calculateDamages(input: { amountPaidFen: 1, medicalExpense: 2 }) { totl { amountFen } } }`;
      const hinted = JSON.stringify(await development.gql(undefined, typo));
      expect(hinted).toMatch(/Did you mean/);
      const answer = await server.gql(undefined, typo);
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer)).not.toMatch(/Did you mean/);
      const variable = await server.gql(undefined, `query($i: DamagesInput!) { calculateDamages(input: $i) { total { amountFen } } }`, { i: { amountPaidFen: 1, medicalExpense: 2 } });
      expect(variable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'i.medicalExpense' }] });
      expect(JSON.stringify(variable)).not.toMatch(/Did you mean/);
    } finally {
      await Promise.all([server.close(), open.close(), development.close()]);
    }
  });

  it('validates GRAPHQL_INTROSPECTION and SUBSCRIPTIONS_PER_CONNECTION', () => {
    const dir = tempDir();
    expect(() => loadConfig({ DATA_DIR: dir, GRAPHQL_INTROSPECTION: 'yes' })).toThrow(/GRAPHQL_INTROSPECTION/);
    expect(() => loadConfig({ DATA_DIR: dir, SUBSCRIPTIONS_PER_CONNECTION: '0' })).toThrow(/SUBSCRIPTIONS_PER_CONNECTION/);
    expect(loadConfig({ DATA_DIR: dir, ...PRODUCTION }).limits.graphql.introspection).toBe(false);
    expect(loadConfig({ DATA_DIR: dir }).limits.graphql.introspection).toBe(true);
  });
});

describe('WebSocket', () => {
  let server: TestServer;
  let c: Cast;
  let output = '';
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    ({ server, cast: c } = await startWithCast({ logStream, env: { LOG_LEVEL: 'info', SUBSCRIPTIONS_PER_CONNECTION: '2' } }));
  });
  afterAll(() => server?.close());
  const url = () => `${server.url.replace(/^http/, 'ws')}/graphql`;

  it('closes the connection with 4400 on a frame that is not a protocol message', async () => {
    const socket = new WebSocket(url(), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send('this is not JSON');
    expect(await closed).toBe(4400);
  });

  it('holds at most SUBSCRIPTIONS_PER_CONNECTION subscriptions; a refused one is not logged as an error', async () => {
    const id = await filed(server, c, { occurredOn: '2026-10-01' });
    const client = createClient({ url: url(), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${c.consumer.token}` }, retryAttempts: 0 });
    try {
      const outcomes: Array<Promise<unknown>> = [];
      const stops: Array<() => void> = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push(
          new Promise((resolve) => {
            stops.push(client.subscribe({ query: 'subscription($id: ID!) { disputeUpdated(id: $id) { id } }', variables: { id } }, {
              next: () => {},
              error: (error) => resolve(error),
              complete: () => resolve('complete'),
            }));
          }),
        );
      }
      const refused = (await outcomes[2]) as Array<{ extensions?: { code?: string } }>;
      expect(refused[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(refused)).toMatch(/at most 2 subscriptions/);

      // One stopped, another may start.
      stops[0]!();
      await new Promise((r) => setTimeout(r, 50));
      const again = await new Promise((resolve) => {
        client.subscribe({ query: 'subscription($id: ID!) { disputeUpdated(id: $id) { id } }', variables: { id } }, { next: () => {}, error: resolve, complete: () => resolve('complete') });
        setTimeout(() => resolve('listening'), 200);
      });
      expect(again).toBe('listening');
      // A refusal for access, too, is the subscriber's error, not the server's.
      const unknown = await new Promise((resolve) => {
        client.subscribe({ query: 'subscription($id: ID!) { disputeUpdated(id: $id) { id } }', variables: { id: 'no-such-dispute' } }, { next: () => {}, error: resolve, complete: () => resolve('complete') });
      });
      expect((unknown as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code).toBe('NOT_FOUND');

      const errors = output.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number }).filter((l) => l.level >= 50);
      expect(errors).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});
