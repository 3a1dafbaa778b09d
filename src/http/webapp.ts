/**
 * The web app (web/, built into web/dist): its hashed assets under /assets/, and its one HTML page
 * for every other GET of a page, so /disputes/<id> opened from a mail or a bookmark works. Routes
 * registered by anyone (the API, the evidence and report downloads) always win: the page is only
 * the not-found answer to a browser asking for HTML at a path with no file extension.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WEB_DIST = new URL('../../web/dist/', import.meta.url).pathname;

/** The API's own paths: never answered with the page, even when nothing there matched. */
const API_PATHS = /^\/(?:graphql|graphiql|healthz|readyz)(?:[/?]|$)/;

// Ant Design writes its styles at run time (CSS-in-JS); evidence is shown from blob: URLs fetched
// with the bearer token; the subscriptions' WebSocket is same-origin.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const MISSING = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>医美纠纷调解平台</title>
<p>网页应用尚未构建：请运行 <code>npm start</code>（会先构建）或 <code>npm run build:web</code>。</p>
<p lang="en">The web app is not built yet: run <code>npm start</code> (it builds first) or <code>npm run build:web</code>.</p></html>`;

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?', 1)[0]!;
  if (API_PATHS.test(path) || /\.[A-Za-z0-9]+$/.test(path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export async function webApp(app: FastifyInstance, distDir = WEB_DIST): Promise<void> {
  const indexFile = join(distDir, 'index.html');
  const built = existsSync(indexFile);
  if (!built) app.log.warn('web/dist is missing: the web app is not served (npm run build:web)');
  // Read once: the build replaces the whole directory, and a server is restarted after a build.
  const page = built ? readFileSync(indexFile, 'utf8') : MISSING;

  if (built && existsSync(join(distDir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(distDir, 'assets'),
      prefix: '/assets/',
      wildcard: false,
      index: false,
      // File names carry their content hash.
      immutable: true,
      maxAge: '365d',
    });
  }

  const sendPage = (reply: FastifyReply) =>
    reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', CSP).send(page);

  app.get('/', (_, reply) => sendPage(reply));
  app.setNotFoundHandler((request, reply) => {
    if (wantsPage(request)) return sendPage(reply);
    return reply.code(404).send({ error: 'not found' });
  });
}
