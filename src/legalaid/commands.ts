/**
 * Legal aid (DOMAIN.md 2.8; LAL): the consumer (or the intake officer for them) applies, a
 * coordinator grants or denies and assigns a lawyer, who then acts for the consumer. Signing in the
 * consumer's place needs their power of attorney (checked where signing is: settlement/guards.ts).
 */
import { z } from 'zod';
import { command, OPEN_STATUSES } from '../dispute/decider.ts';
import { openDeadlines } from '../dispute/deadlines.ts';
import type { DisputeState, LegalAid } from '../dispute/state.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { isLegalAidUrgent } from '../rules/deadlines.ts';
import type { RuleParameters } from '../rules/parameters.ts';
import { badInput, DomainError } from '../shared/errors.ts';
import { id, text } from '../shared/validation.ts';

export const legalAidInputs = {
  applyForLegalAid: z.object({ circumstances: text(10_000) }),
  decideLegalAid: z.object({ granted: z.boolean(), reason: text(5000) }),
  assignLegalAidLawyer: z.object({ lawyerId: id }),
};

/**
 * LAL Art. 44: some deadline of the dispute runs out less than LEGAL_AID_URGENT days from now, so
 * aid may be granted first and reviewed after. Deadlines already passed protect nothing.
 */
export function legalAidUrgent(state: DisputeState, now: Date, rules: RuleParameters): boolean {
  const today = toLocalDate(now);
  return openDeadlines(state, rules).some((d) => Date.parse(d.dueAt) > now.getTime() && isLegalAidUrgent(d.lastDay, today, rules));
}

function legalAidIs(state: DisputeState, allowed: ReadonlyArray<LegalAid['status'] | undefined>, command: string): LegalAid | undefined {
  const status = state.legalAid?.status;
  if (!allowed.includes(status)) {
    throw new DomainError('INVALID_TRANSITION', `${command} is not possible while legal aid is ${status ?? 'not applied for'}`, {
      status: state.status,
      legalAidStatus: status ?? null,
    });
  }
  return state.legalAid;
}

export const legalAidCommands = {
  applyForLegalAid: command<{ circumstances: string }>({
    // The assigned lawyer may do what the consumer may (DOMAIN.md 1); with aid granted it is refused by status.
    by: ['CLAIMANT', 'CLAIMANT_LAWYER', 'INTAKE'],
    from: OPEN_STATUSES,
    decide(state, { circumstances }, { ctx }) {
      // Once per dispute, unless denied: the consumer may apply again with new circumstances.
      legalAidIs(state, [undefined, 'DENIED'], 'applyForLegalAid');
      return [{ type: 'LegalAidApplied', data: { circumstances, urgent: legalAidUrgent(state, ctx.now, ctx.rules) } }];
    },
  }),

  decideLegalAid: command<{ granted: boolean; reason: string }>({
    by: ['LEGAL_AID_COORDINATOR'],
    from: OPEN_STATUSES,
    decide(state, data) {
      legalAidIs(state, ['APPLIED'], 'decideLegalAid');
      return [{ type: 'LegalAidDecided', data }];
    },
  }),

  /** `name` is set by the resolver only when lawyerId is a legal-aid lawyer's account. */
  assignLegalAidLawyer: command<{ lawyerId: string; name?: string }>({
    by: ['LEGAL_AID_COORDINATOR'],
    from: OPEN_STATUSES,
    decide(state, { lawyerId, name }) {
      const aid = legalAidIs(state, ['GRANTED'], 'assignLegalAidLawyer');
      if (name === undefined) throw badInput([{ path: 'lawyerId', message: '不是法律援助律师的账户 / not a legal-aid lawyer account' }]);
      if (aid?.lawyer?.id === lawyerId) {
        throw new DomainError('INVALID_TRANSITION', 'this lawyer is already assigned', { status: state.status, legalAidStatus: aid.status });
      }
      return [{ type: 'LegalAidLawyerAssigned', data: { lawyerId, name } }];
    },
  }),

  recordPowerOfAttorney: command<Record<string, never>>({
    by: ['CLAIMANT'],
    from: OPEN_STATUSES,
    decide(state) {
      const aid = legalAidIs(state, ['GRANTED'], 'recordPowerOfAttorney');
      if (!aid?.lawyer || aid.powerOfAttorney) {
        throw new DomainError('INVALID_TRANSITION', aid?.lawyer ? 'the power of attorney is already recorded' : 'no lawyer is assigned yet', {
          status: state.status,
          legalAidStatus: aid?.status ?? null,
        });
      }
      return [{ type: 'PowerOfAttorneyRecorded', data: { lawyerId: aid.lawyer.id } }];
    },
  }),
};
