/**
 * GraphQL over HTTP (the GraphQL Foundation's spec): the graphql-http audit suite against the running
 * server, and what the audits leave out: parameters of the wrong type, the two media types' status
 * codes for the same failure, a refused token.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateMediaType } from '../../src/http/graphqlOverHttp.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const GQL_RESPONSE = 'application/graphql-response+json';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('the graphql-http audit suite', () => {
  it('passes every MUST, SHOULD and MAY', async () => {
    const failed: string[] = [];
    for (const audit of serverAudits({ url: `${server.url}/graphql`, fetchFn: fetch })) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
  });
});

describe('request parameters', () => {
  it.each([123, true, 0, { a: 1 }, ['{ me { id } }'], null])('a query of %j is refused with 400 naming it, for either media type', async (query) => {
    for (const accept of ['application/json', GQL_RESPONSE]) {
      const response = await post({ query }, { accept });
      expect(response.status).toBe(400);
      const body = (await response.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions.issues).toEqual([expect.objectContaining({ path: 'query' })]);
    }
  });

  it('refuses variables and operationName of the wrong shape, and a body that is not an object', async () => {
    const variables = await post({ query: '{ __typename }', variables: [1] });
    expect(variables.status).toBe(400);
    expect(((await variables.json()) as any).errors[0].extensions.issues[0].path).toBe('variables');
    const operationName = await post({ query: '{ __typename }', operationName: 7 });
    expect(((await operationName.json()) as any).errors[0].extensions.issues[0].path).toBe('operationName');
    expect((await post('[{"query":"{ __typename }"}]')).status).toBe(400);
  });

  it('takes null extensions, operationName and variables as absent', async () => {
    const response = await post({ query: '{ __typename }', extensions: null, operationName: null, variables: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a POST that is not JSON with 415', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the two media types', () => {
  it('answers application/json clients as before: 200, data null and the errors in the body', async () => {
    for (const query of ['{', '{ noSuchField }']) {
      const response = await post({ query });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as any;
      expect(body.data).toBeNull();
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers application/graphql-response+json with 400 and no data for a request that never ran', async () => {
    for (const [query, variables] of [['{', undefined], ['{ noSuchField }', undefined], ['query($id: ID!) { dispute(id: $id) { id } }', { id: null }]] as const) {
      const response = await post({ query, variables }, { accept: GQL_RESPONSE });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(GQL_RESPONSE);
      const body = (await response.json()) as any;
      expect('data' in body).toBe(false);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps 200 with data when the operation ran, even with field errors', async () => {
    const consumer = await server.user('CONSUMER');
    const response = await post({ query: '{ dispute(id: "unknown") { id } }' }, { accept: GQL_RESPONSE, authorization: `Bearer ${consumer.token}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(GQL_RESPONSE);
    const body = (await response.json()) as any;
    expect('data' in body).toBe(true);
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses a bad token with 401 under application/graphql-response+json, and 200 with the error under application/json', async () => {
    const headers = { authorization: 'Bearer not-a-token' };
    const strict = await post({ query: '{ me { id } }' }, { ...headers, accept: GQL_RESPONSE });
    expect(strict.status).toBe(401);
    expect(((await strict.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const legacy = await post({ query: '{ me { id } }' }, headers);
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('negotiates by quality, ours first on a tie, application/json without a preference', () => {
    expect(negotiateMediaType(undefined)).toBe('application/json');
    expect(negotiateMediaType('*/*')).toBe('application/json');
    expect(negotiateMediaType('text/html')).toBe('application/json');
    expect(negotiateMediaType(`application/json, ${GQL_RESPONSE}`)).toBe(GQL_RESPONSE);
    expect(negotiateMediaType(`${GQL_RESPONSE};q=0.5, application/json`)).toBe('application/json');
    expect(negotiateMediaType(`${GQL_RESPONSE};q=0, application/json;q=0.1`)).toBe('application/json');
  });
});
