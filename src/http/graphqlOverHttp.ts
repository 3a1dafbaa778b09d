/**
 * GraphQL over HTTP (the GraphQL Foundation's specification), around mercurius: the response media
 * type negotiated from Accept (`application/graphql-response+json`, or `application/json` for the
 * clients that ask for it or for nothing), the request's parameters checked before anything is parsed
 * (400 naming the parameter), and a POST that is not JSON refused (415). The status codes of a
 * GraphQL response are set where errors are formatted (src/graphql/errors.ts), by `mediaTypeOf`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { InputIssue } from '../shared/errors.ts';

export const GRAPHQL_RESPONSE = 'application/graphql-response+json';
export const JSON_MEDIA = 'application/json';
export type GraphQLMediaType = typeof GRAPHQL_RESPONSE | typeof JSON_MEDIA;

/**
 * The media type the client prefers (quality first, then ours first). Without an Accept header, or
 * with one naming neither, `application/json`: the legacy default, which older clients expect.
 */
export function negotiateMediaType(accept: string | undefined): GraphQLMediaType {
  if (!accept) return JSON_MEDIA;
  let best: GraphQLMediaType = JSON_MEDIA;
  let bestQ = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const media = type === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : type === JSON_MEDIA || type === 'application/*' || type === '*/*' ? JSON_MEDIA : undefined;
    if (!media) continue;
    if (q > bestQ || (q === bestQ && media === GRAPHQL_RESPONSE)) {
      best = media;
      bestQ = q;
    }
  }
  return best;
}

export const mediaTypeOf = (request: FastifyRequest | undefined): GraphQLMediaType => negotiateMediaType(request?.headers.accept);

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with the parameters of a GraphQL POST body (the spec's request parameters). */
export function requestParameterIssues(body: unknown): InputIssue[] {
  if (!isMap(body)) return [{ path: 'body', message: '请求体须为 JSON 对象 / the body must be a JSON object with a query' }];
  const issues: InputIssue[] = [];
  if (typeof body.query !== 'string') issues.push({ path: 'query', message: 'query 须为字符串 / query must be a string' });
  if (body.operationName != null && typeof body.operationName !== 'string') {
    issues.push({ path: 'operationName', message: 'operationName 须为字符串 / operationName must be a string' });
  }
  if (body.variables != null && !isMap(body.variables)) issues.push({ path: 'variables', message: 'variables 须为对象 / variables must be a map' });
  if (body.extensions != null && !isMap(body.extensions)) issues.push({ path: 'extensions', message: 'extensions 须为对象 / extensions must be a map' });
  return issues;
}

function refuse(reply: FastifyReply, status: number, issues: InputIssue[]) {
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return reply.code(status).send({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', issues } }] });
}

const JSON_BODY = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const GRAPHQL_BODY = /^application\/graphql\s*(?:;|$)/i;

export const graphqlOverHttp = fp<{ path: string }>(
  async (app, { path }) => {
    const onPath = (request: FastifyRequest) => request.url === path || request.url.startsWith(`${path}?`);

    app.addHook('onRequest', async (request, reply) => {
      if (!onPath(request) || request.headers.upgrade) return;
      if (request.method !== 'POST') return;
      const type = request.headers['content-type'] ?? '';
      if (!JSON_BODY.test(type) && !GRAPHQL_BODY.test(type)) {
        return refuse(reply, 415, [{ path: 'content-type', message: '请以 application/json 提交 / POST with content-type application/json' }]);
      }
    });

    // Before Fastify's schema (which would coerce a number into a query string) and before mercurius.
    app.addHook('preValidation', async (request, reply) => {
      if (request.method !== 'POST' || !onPath(request)) return;
      const issues = requestParameterIssues(request.body);
      if (issues.length > 0) return refuse(reply, 400, issues);
      const body = request.body as Record<string, unknown>;
      // null means absent (the spec); mercurius' schema wants a map.
      if (body.extensions === null) delete body.extensions;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (!onPath(request) || mediaTypeOf(request) !== GRAPHQL_RESPONSE) return payload;
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith(JSON_MEDIA)) reply.header('content-type', `${GRAPHQL_RESPONSE}; charset=utf-8`);
      return payload;
    });
  },
  { name: 'graphql-over-http' },
);
