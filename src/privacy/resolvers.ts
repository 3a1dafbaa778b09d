/** erasePersonalData (ADMIN): a person's erasure under PIPL Art. 47, at once. */
import { z } from 'zod';
import { requireViewer, type GraphQLContext } from '../graphql/context.ts';
import type { MutationResolvers } from '../graphql/generated.ts';
import { forbidden } from '../shared/errors.ts';
import { id, parseInput, text } from '../shared/validation.ts';
import { erasePersonalData } from './erase.ts';

const erasureInput = z.object({ personId: id, reason: text(2000) });

export const privacyMutations: MutationResolvers<GraphQLContext> = {
  async erasePersonalData(_, args, ctx) {
    const viewer = requireViewer(ctx);
    if (viewer.role !== 'ADMIN') throw forbidden('only an administrator erases personal data');
    const { personId, reason } = parseInput(erasureInput, args);
    return erasePersonalData(ctx.platform, { personId, reason, by: viewer, correlationId: ctx.correlationId });
  },
};
