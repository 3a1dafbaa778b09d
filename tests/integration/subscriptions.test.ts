import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { disputeTopic } from '../../src/live/subscriptions.ts';
import { startWithCast } from '../support/cases.ts';
import { complaint, type TestServer, type TestUser } from '../support/server.ts';

const FILE = `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`;
const ACCEPT = `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawDispute(disputeId: $id, reason: "已和解") { status } }`;
const UPDATED = `subscription($id: ID!) { disputeUpdated(id: $id) { id status claimant { phone } } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One subscription's messages as they arrive. */
interface Watch {
  results: Array<{ data?: any; errors?: unknown }>;
  error?: any;
  completed: boolean;
  until(done: () => boolean, timeoutMs?: number): Promise<void>;
}

describe('live updates over WebSocket (graphql-transport-ws)', () => {
  let server: TestServer;
  let consumer: TestUser;
  let officer: TestUser;
  let stranger: TestUser;
  let clinic: TestUser;
  const clients: Client[] = [];

  function connect(authorization?: string): Client {
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: authorization ? { authorization } : {},
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  }

  function watch(client: Client, id: string, query = UPDATED): Watch {
    const state: Watch = {
      results: [],
      completed: false,
      async until(done, timeoutMs = 2000) {
        const deadline = Date.now() + timeoutMs;
        while (!done()) {
          if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${JSON.stringify(state)}`);
          await sleep(5);
        }
      },
    };
    client.subscribe({ query, variables: { id } }, {
      next: (result) => void state.results.push(result),
      error: (error) => void (state.error = error),
      complete: () => void (state.completed = true),
    });
    return state;
  }

  /** Waits until the server holds the subscription: announces the dispute until a message arrives, then forgets it. */
  async function live(subscription: Watch, id: string) {
    const deadline = Date.now() + 3000;
    while (subscription.results.length === 0) {
      if (subscription.error || Date.now() > deadline) throw new Error(`subscription not live: ${JSON.stringify(subscription.error)}`);
      server.app.graphql.pubsub.publish({ topic: disputeTopic(id), payload: id });
      await sleep(30);
    }
    subscription.results.length = 0;
  }

  async function file(): Promise<string> {
    const filed = await server.gql(consumer.token, FILE, { input: complaint() });
    expect(filed.errors).toBeUndefined();
    return filed.data.fileDispute.id;
  }

  beforeAll(async () => {
    ({ server, cast: { consumer, officer, clinic } } = await startWithCast());
    stranger = await server.user('CONSUMER');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server.close();
  });

  // How fast is the benchmark's business (read-model lag in `npm run bench`), not this test's.
  it('sends the claimant the dispute after a write, as they may see it', async () => {
    const id = await file();
    const updates = watch(connect(`Bearer ${consumer.token}`), id);
    await live(updates, id);

    const accepted = await server.gql(officer.token, ACCEPT, { id });
    expect(accepted.errors).toBeUndefined();
    await updates.until(() => updates.results.length > 0, 10_000);
    expect(updates.results[0]).toEqual({ data: { disputeUpdated: { id, status: 'ACCEPTED', claimant: { phone: '13912341111' } } } });
    expect(updates.error).toBeUndefined();
  });

  it('refuses a stranger exactly as for an unknown dispute, and sends them nothing when it changes', async () => {
    const id = await file();
    const client = connect(`Bearer ${stranger.token}`);
    const seen = watch(client, id);
    const unknown = watch(client, '00000000-0000-0000-0000-000000000000');
    await seen.until(() => seen.error !== undefined && unknown.error !== undefined);
    expect(seen.error[0].extensions.code).toBe('NOT_FOUND');
    expect(seen.error[0].message).toBe(unknown.error[0].message);

    await server.gql(officer.token, ACCEPT, { id });
    server.app.graphql.pubsub.publish({ topic: disputeTopic(id), payload: id });
    await sleep(300);
    expect(seen.results).toEqual([]);
  });

  it('refuses a caller without a token, or with a bad one: UNAUTHENTICATED', async () => {
    const id = await file();
    const anonymous = watch(connect(), id);
    const forged = watch(connect('Bearer not-a-token'), id);
    await anonymous.until(() => anonymous.error !== undefined && forged.error !== undefined);
    expect(anonymous.error[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(forged.error[0].extensions.code).toBe('UNAUTHENTICATED');
    expect([...anonymous.results, ...forged.results]).toEqual([]);
  });

  it('lets the clinic follow a dispute only from acceptance on, each subscriber with their own view', async () => {
    const id = await file();
    const early = watch(connect(`Bearer ${clinic.token}`), id);
    await early.until(() => early.error !== undefined);
    expect(early.error[0].extensions.code).toBe('NOT_FOUND');

    await server.gql(officer.token, ACCEPT, { id });
    const asClinic = watch(connect(`Bearer ${clinic.token}`), id);
    const asConsumer = watch(connect(`Bearer ${consumer.token}`), id);
    await live(asClinic, id);
    await live(asConsumer, id);

    expect((await server.gql(consumer.token, WITHDRAW, { id })).errors).toBeUndefined();
    await asClinic.until(() => asClinic.results.length > 0 && asConsumer.results.length > 0);
    expect(asClinic.results[0]!.data.disputeUpdated).toEqual({ id, status: 'WITHDRAWN', claimant: { phone: '139****1111' } });
    expect(asConsumer.results[0]!.data.disputeUpdated).toEqual({ id, status: 'WITHDRAWN', claimant: { phone: '13912341111' } });
  });

  it('ends the subscription of someone who may no longer see the dispute, sending nothing more', async () => {
    const id = await file();
    const updates = watch(connect(`Bearer ${consumer.token}`), id);
    await live(updates, id);

    // As if the dispute had passed to someone else (access is lost through other capabilities).
    const { queries } = server.platform;
    const read = queries.dispute;
    queries.dispute = (disputeId) => {
      const state = read(disputeId);
      return state && disputeId === id ? { ...state, claimant: { ...state.claimant, userId: stranger.id } } : state;
    };
    try {
      server.app.graphql.pubsub.publish({ topic: disputeTopic(id), payload: id });
      await updates.until(() => updates.completed);
    } finally {
      queries.dispute = read;
    }
    await server.gql(officer.token, ACCEPT, { id });
    await sleep(200);
    expect(updates.results).toEqual([]);
    expect(updates.error).toBeUndefined();
  });

  it('checks subscription documents as queries are checked: validity and size', async () => {
    const id = await file();
    const client = connect(`Bearer ${consumer.token}`);
    const invalid = watch(client, id, `subscription($id: ID!) { disputeUpdated(id: $id) { nope } }`);
    const aliases = Array.from({ length: 600 }, (_, i) => `a${i}: id`).join(' ');
    const huge = watch(client, id, `subscription($id: ID!) { disputeUpdated(id: $id) { ${aliases} } }`);
    await invalid.until(() => invalid.error !== undefined && huge.error !== undefined);
    expect(invalid.error[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(huge.error[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('more than 500') });
  });
});
