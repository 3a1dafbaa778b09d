/**
 * Intake (DOMAIN.md 2.2): filing, requests for information, acceptance or rejection, withdrawal,
 * referral to the authorities. Input schemas (zod) first, then the decisions.
 */
import { z } from 'zod';
import { command, OPEN_STATUSES, type CreationSpec } from '../dispute/decider.ts';
import {
  AUTHORITY_KINDS,
  CATEGORIES,
  PROCEDURES,
  REJECTION_REASONS,
  REMEDY_KINDS,
  type Category,
  type Procedure,
  type RejectionReason,
  type AuthorityKind,
} from '../dispute/model.ts';
import type { Claimant } from '../dispute/state.ts';
import type { IntakeEvent } from './events.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { limitationWarning } from '../rules/deadlines.ts';
import { badInput, DomainError, forbidden } from '../shared/errors.ts';
import {
  distinct,
  fen,
  id,
  line,
  list,
  localDate,
  mainlandMobile,
  optionalCreditCode,
  optionalFen,
  optionalId,
  optionalLine,
  optionalResidentId,
  optionalText,
  text,
} from '../shared/validation.ts';

/** The most remedies one filing may claim: one of each kind, and a few more of OTHER. */
export const MAX_REMEDIES = 20;

/**
 * The filing's input for a given day (dates may not be after it). Built once a day: building and
 * compiling a zod schema costs far more than parsing with it, and filing is the busiest command.
 */
export function fileDisputeInput(today: string) {
  if (filingInput?.today !== today) filingInput = { today, schema: filingInputOn(today) };
  return filingInput.schema;
}
let filingInput: { today: string; schema: ReturnType<typeof filingInputOn> } | undefined;

function filingInputOn(today: string) {
  return z.object({
    respondent: z.object({
      institutionId: optionalId,
      name: line(200),
      code: optionalCreditCode,
      licence: optionalLine(100),
    }),
    categories: distinct(CATEGORIES).min(1, '至少选择一个类别 / choose at least one category'),
    procedure: line(200),
    occurredOn: localDate.refine((d) => d <= today, '日期不能晚于今天 / must not be in the future'),
    place: optionalLine(200),
    description: text(20_000),
    amountPaidFen: fen,
    remedies: list(z.object({ kind: z.enum(REMEDY_KINDS), amountFen: optionalFen }), MAX_REMEDIES).min(1, '至少提出一项请求 / claim at least one remedy'),
    claimant: z.object({
      name: line(50),
      phone: mainlandMobile,
      idNumber: optionalResidentId(today),
      address: optionalLine(300),
    }),
  });
}
export type FileDisputeInput = z.output<ReturnType<typeof filingInputOn>>;

export const intakeInputs = {
  requestInformation: z.object({ message: text(5000) }),
  supplementInformation: z.object({ text: text(20_000) }),
  acceptDispute: z.object({ procedure: z.enum(PROCEDURES) }),
  rejectDispute: z.object({ reason: z.enum(REJECTION_REASONS), note: optionalText(5000).transform((v) => v ?? '') }),
  withdrawDispute: z.object({ reason: optionalText(5000) }),
  referToAuthority: z.object({
    authority: z.enum(AUTHORITY_KINDS),
    categories: distinct(CATEGORIES).min(1, '至少选择一个类别 / choose at least one category'),
    note: text(5000),
  }),
  recordAuthorityOutcome: z.object({ referralId: id, outcome: text(5000), violationConfirmed: z.boolean() }),
};

/** The filing as decided: the respondent is resolved by the resolver (linked to a registered institution when one matches). */
export type FileDispute = Omit<Extract<IntakeEvent, { type: 'DisputeFiled' }>['data'], 'claimant' | 'limitationWarning'> & {
  claimant: Omit<Claimant, 'userId'>;
};

export const fileDispute: CreationSpec<FileDispute> = {
  roles: ['CONSUMER'],
  decide(state, input, { ctx }) {
    if (state.exists) throw new DomainError('INVALID_TRANSITION', 'dispute already filed', { status: state.status });
    const { disputeId, caseNumber, claimant, ...complaint } = input;
    return [
      {
        type: 'DisputeFiled',
        data: {
          disputeId,
          caseNumber,
          ...complaint,
          claimant: { userId: ctx.viewer.userId, ...claimant },
          limitationWarning: limitationWarning(input.occurredOn, toLocalDate(ctx.now)),
        },
      },
    ];
  },
};

const CLAIMANT_SIDE = ['CLAIMANT', 'CLAIMANT_LAWYER'] as const;
/** "any status before SETTLED" (DOMAIN.md 2.1). */
const WITHDRAWABLE = ['SUBMITTED', 'AWAITING_INFORMATION', 'ACCEPTED', 'IN_MEDIATION', 'AGREEMENT_DRAFTED'] as const;

export const intakeCommands = {
  requestInformation: command<{ message: string }>({
    by: ['INTAKE'],
    from: ['SUBMITTED'],
    decide: (_, data) => [{ type: 'InformationRequested', data }],
  }),

  supplementInformation: command<{ text: string }>({
    by: CLAIMANT_SIDE,
    from: ['AWAITING_INFORMATION'],
    decide: (_, data) => [{ type: 'InformationSupplemented', data }],
  }),

  acceptDispute: command<{ procedure: Procedure }>({
    by: ['INTAKE'],
    from: ['SUBMITTED'],
    decide: (_, data) => [{ type: 'DisputeAccepted', data }],
  }),

  rejectDispute: command<{ reason: RejectionReason; note: string }>({
    by: ['INTAKE'],
    from: ['SUBMITTED'],
    decide: (_, data) => [{ type: 'DisputeRejected', data }],
  }),

  withdrawDispute: command<{ reason?: string }>({
    by: CLAIMANT_SIDE,
    from: WITHDRAWABLE,
    decide: (_, data) => [{ type: 'DisputeWithdrawn', data }],
  }),

  referToAuthority: command<{ authority: AuthorityKind; categories: Category[]; note: string }>({
    by: ['INTAKE', 'MEDIATOR'],
    from: OPEN_STATUSES,
    decide: (_, data, { ctx }) => [{ type: 'ReferredToAuthority', data: { referralId: ctx.newId(), ...data } }],
  }),

  recordAuthorityOutcome: command<{ referralId: string; outcome: string; violationConfirmed: boolean }>({
    by: ['REGULATOR'],
    // The authority's proceedings are independent of the civil dispute: its outcome is recorded whatever became of it.
    from: [...OPEN_STATUSES, 'REJECTED', 'WITHDRAWN', 'CLOSED'],
    decide(state, data, { ctx }) {
      const referral = state.referrals.find((r) => r.id === data.referralId);
      if (!referral) throw badInput([{ path: 'referralId', message: '没有这项移送 / no such referral' }]);
      if (referral.authority !== ctx.viewer.authority) throw forbidden('this referral went to another authority');
      if (referral.outcome) throw new DomainError('INVALID_TRANSITION', 'the outcome is already recorded', { status: state.status });
      return [{ type: 'AuthorityOutcomeRecorded', data: { ...data, authority: referral.authority } }];
    },
  }),
};
