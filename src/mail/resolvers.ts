/** The visible record of mail that could not be delivered (yet). */
import { requireViewer, type GraphQLContext } from '../graphql/context.ts';
import type { QueryResolvers } from '../graphql/generated.ts';
import { withSubject } from '../privacy/subject.ts';
import { forbidden } from '../shared/errors.ts';

export const mailQueries: QueryResolvers<GraphQLContext> = {
  mailFailures(_, __, ctx) {
    const viewer = requireViewer(ctx);
    if (viewer.role !== 'ADMIN' && viewer.role !== 'INTAKE_OFFICER') throw forbidden('only an administrator or an intake officer sees mail failures');
    // The address is account data (ADMIN's); the case number is case content (not ADMIN's, DOMAIN.md 5).
    const admin = viewer.role === 'ADMIN';
    // The recipient is whose address it is: reading it is logged (src/privacy/accessFields.ts).
    return ctx.platform.mail.failures().map((m) => withSubject({
      id: String(m.id),
      recipientRole: m.recipientRole,
      kind: m.kind,
      caseNumber: admin ? null : m.caseNumber,
      recipientEmail: admin ? m.email : null,
      attempts: m.attempts,
      lastError: m.lastError ?? null,
      nextAttemptAt: new Date(m.nextAttemptAt).toISOString(),
      status: m.status === 'FAILED' ? ('FAILED' as const) : ('RETRYING' as const),
    }, { personId: m.recipientId, disputeId: m.disputeId, caseNumber: null, inFull: true }));
  },
};
