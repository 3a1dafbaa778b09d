/**
 * GET /statistics.csv?from=YYYY-MM-DD&to=YYYY-MM-DD (API.md "reports"): the monthly report of
 * `statistics(from, to)` as CSV. Public like the query (DOMAIN.md 5); a token that is sent must be
 * valid, as for GraphQL. A bad period is 400 naming `from` or `to`, in the GraphQL error's shape.
 */
import type { FastifyPluginAsync } from 'fastify';
import { contentDisposition, HTTP_STATUS } from '../evidence/routes.ts';
import type { Authenticate } from '../graphql/auth.ts';
import type { Platform } from '../platform.ts';
import { DomainError } from '../shared/errors.ts';
import { monthlyReport } from './monthlyReport.ts';
import { statisticsPeriod } from './publicRecords.ts';
import { statisticsCsv } from './statisticsCsv.ts';

export interface StatisticsRoutesOptions {
  platform: Platform;
  authenticate: Authenticate;
}

export const statisticsRoutes: FastifyPluginAsync<StatisticsRoutesOptions> = async (app, { platform, authenticate }) => {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) {
      return reply.code(HTTP_STATUS[error.code]).send({ error: { code: error.code, message: error.message, ...error.extensions } });
    }
    request.log.error({ err: error }, 'statistics request failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '内部错误 / internal error' } });
  });

  app.get<{ Querystring: Record<string, unknown> }>('/statistics.csv', async (request, reply) => {
    if (request.headers.authorization !== undefined) await authenticate(request.headers.authorization);
    const { from, to } = statisticsPeriod(request.query.from, request.query.to);
    const { rows } = monthlyReport(platform.queries.monthlyCells(from, to), from, to);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`医美纠纷统计-${from}-${to}.csv`))
      .header('cache-control', 'no-cache')
      .send(statisticsCsv(rows));
  });
};
