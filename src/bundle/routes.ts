/**
 * GET /disputes/:id/bundle.pdf (API.md "Case bundle"): the case bundle as the caller may see the
 * dispute, authorised like the dispute itself (NOT_FOUND for one they may not see, exactly as for an
 * unknown id). The generation is recorded first, so the bundle's chain proof ends with its own record.
 */
import type { FastifyPluginAsync } from 'fastify';
import { relationOf } from '../dispute/access.ts';
import { disputeStream } from '../dispute/events.ts';
import { evidenceVisibleTo, showsContactTo } from '../dispute/view.ts';
import { contentDisposition, HTTP_STATUS } from '../evidence/routes.ts';
import { openEvidenceStore } from '../evidence/storage.ts';
import type { Authenticate } from '../graphql/auth.ts';
import type { Platform } from '../platform.ts';
import { shownReads } from '../privacy/accessLog.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { bundleContent } from './content.ts';
import { renderBundle } from './render.ts';

export interface BundleRoutesOptions {
  platform: Platform;
  authenticate: Authenticate;
}

export const bundlePath = (disputeId: string) => `/disputes/${encodeURIComponent(disputeId)}/bundle.pdf`;

export const bundleRoutes: FastifyPluginAsync<BundleRoutesOptions> = async (app, { platform, authenticate }) => {
  const evidence = await openEvidenceStore(platform.config.dataDir);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) return reply.code(HTTP_STATUS[error.code]).send({ error: { code: error.code, message: error.message } });
    request.log.error({ err: error }, 'bundle request failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '内部错误 / internal error' } });
  });

  // No HEAD route: it would record a generation that sends nothing.
  app.get<{ Params: { id: string } }>('/disputes/:id/bundle.pdf', { exposeHeadRoute: false }, async (request, reply) => {
    const { viewer } = await authenticate(request.headers.authorization);
    if (!viewer) throw new DomainError('UNAUTHENTICATED', '请先登录 / sign in first');
    const disputeId = request.params.id;
    const known = platform.queries.dispute(disputeId);
    const relation = known && relationOf(known, viewer);
    if (!known || !relation) throw notFound();

    const result = await platform.execute(disputeId, { type: 'generateBundle', data: {} }, { viewer, correlationId: request.id });
    const generated = result.appended[0]!;
    // The stream up to this generation (later events belong to a later bundle).
    const events = (await platform.store.readStream(disputeStream(disputeId))).filter((e) => e.revision <= generated.revision);
    // The chain proof hashes the events as stored (personal data sealed).
    const storedEvents = (await platform.rawStore.readStream(disputeStream(disputeId))).filter((e) => e.revision <= generated.revision);
    const stored = new Set<string>();
    for (const item of result.state.evidence) {
      if (evidenceVisibleTo(result.state, item.id, result.relation ?? relation) && (await evidence.sizeOf(item.sha256)) === item.size) stored.add(item.id);
    }
    const content = bundleContent({ disputeId, events, storedEvents, viewer, relation: result.relation ?? relation, rules: platform.config.rules, stored });
    // The claimant's data the bundle shows this reader, logged before the first byte goes out.
    const personId = result.state.claimant.userId;
    const reads = [{ personId, disputeId, caseNumber: content.view.caseNumber, field: 'bundle' as const }, ...shownReads(content.view, personId, showsContactTo(content.relation), stored)];
    await platform.accessLog.record(viewer, reads, 'BUNDLE', request.id);
    const doc = renderBundle(content, { openEvidence: (sha256) => evidence.open(sha256) });
    reply.raw.once('close', () => doc.destroy());
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition(`案件材料汇编-${content.view.caseNumber}.pdf`))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(doc);
  });
};
