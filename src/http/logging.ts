/**
 * The server's log (pino through Fastify): requests by method and path only, never bodies, query
 * strings (a GET /graphql carries its variables there) or credentials; keys that name personal data
 * are censored wherever a log call passes them by mistake.
 */
import type { FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.ts';

const REDACT = [
  // Request headers, wherever a library logs them (@fastify/multipart does at trace level).
  '*.headers.authorization',
  '*.headers.cookie',
  ...['authorization', 'token', 'email', 'to', 'phone', 'idNumber', 'address', 'variables', 'body'].flatMap((key) => [key, `*.${key}`]),
];

export function loggerOptions(config: Config, stream?: DestinationStream) {
  return {
    level: config.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        path: request.url.split('?', 1)[0],
        remoteAddress: request.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  };
}
