/**
 * Hardening of the HTTP edge: security headers, request rates (per IP, per person, and stricter for
 * the public sign-in mutations) and the limits on GraphQL documents handed to mercurius. Registered
 * before any route, so every route gets it. Request body sizes are Fastify's `bodyLimit` (src/app.ts);
 * evidence uploads have their own multipart limits.
 */
import helmet from '@fastify/helmet';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tokenVerifier } from '../accounts/tokens.ts';
import type { Config, Limits } from '../config.ts';
import { parseJsonBody } from './jsonBody.ts';
import { documentRules } from './queryLimits.ts';

/** Health probes come from the orchestrator, often all from one address. */
const UNLIMITED = new Set(['/healthz', '/readyz']);
/** The public mutations that send mail or try codes. A name in the text over-approximates: sound, and cheap. */
const AUTH_MUTATIONS = /\b(?:requestLoginCode|signIn|registerConsumer)\b/;
const RATE_LIMITED = '请求过于频繁，请稍后再试 / too many requests, try again later';

const pathOf = (request: FastifyRequest) => request.url.split('?', 1)[0]!;

/** The mercurius options that bound what a document may ask for; applied to subscriptions in src/live. */
export function graphqlLimits(limits: Limits['graphql']) {
  return {
    validationRules: documentRules(limits),
    graphql: { parseOptions: { maxTokens: limits.maxTokens } },
  };
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

export const hardening = fp<{ config: Config }>(
  async (app, { config }) => {
    // GraphiQL (outside production only) loads its scripts and styles from a CDN: no CSP on its pages.
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/graphiql')) route.helmet = { contentSecurityPolicy: false };
    });
    await app.register(helmet);

    // JSON bodies: prototype keys and deep nesting refused with the path (src/http/jsonBody.ts).
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });

    await app.register(rateLimit, { global: false });
    const { windowMs, perIp, perPerson, authPerIp } = config.limits.rate;
    const limiter = (max: number, key: (request: FastifyRequest) => string): Limiter | undefined =>
      max > 0 ? app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: key }) : undefined;

    // The person is the token's subject when its signature holds (an HMAC, no lookup); else nobody.
    const verify = tokenVerifier(config.jwtSecret);
    const subjects = new WeakMap<FastifyRequest, string | undefined>();
    const personOf = (request: FastifyRequest): string | undefined => {
      if (subjects.has(request)) return subjects.get(request);
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
      let subject: string | undefined;
      try {
        subject = token ? verify(token).sub : undefined;
      } catch {
        subject = undefined;
      }
      subjects.set(request, subject);
      return subject;
    };

    const byIp = limiter(perIp, (request) => `ip:${normalizeIP(request.ip)}`);
    const byPerson = limiter(perPerson, (request) => `person:${personOf(request)}`);
    const byAuthIp = limiter(authPerIp, (request) => `auth:${normalizeIP(request.ip)}`);

    /** Counts the request against the limiter; refuses it once past the limit. */
    async function check(limiter: Limiter | undefined, kind: string, request: FastifyRequest, reply: FastifyReply) {
      const result = limiter && (await limiter(request));
      if (!result || result.isAllowed || !result.isExceeded) return false;
      request.log.warn({ limit: kind }, 'rate limited');
      const extensions = { code: 'RATE_LIMITED', retryAfterSeconds: result.ttlInSeconds };
      reply.code(429).header('retry-after', String(result.ttlInSeconds));
      // GraphQL clients get a GraphQL error; the other routes the shape of the evidence API.
      if (pathOf(request) === '/graphql') reply.send({ data: null, errors: [{ message: RATE_LIMITED, extensions }] });
      else reply.send({ error: { message: RATE_LIMITED, ...extensions } });
      return true;
    }

    app.addHook('onRequest', async (request, reply) => {
      if (UNLIMITED.has(pathOf(request))) return;
      if (await check(byIp, 'ip', request, reply)) return reply;
      if (byPerson && personOf(request) && (await check(byPerson, 'person', request, reply))) return reply;
    });

    // After the body is parsed, before mercurius validates or runs anything.
    app.addHook('preValidation', async (request, reply) => {
      if (request.method !== 'POST' || pathOf(request) !== '/graphql') return;
      const documents = [request.body].flat() as Array<{ query?: unknown } | undefined>;
      if (!documents.some((d) => typeof d?.query === 'string' && AUTH_MUTATIONS.test(d.query))) return;
      if (await check(byAuthIp, 'auth', request, reply)) return reply;
    });
  },
  { name: 'hardening' },
);
