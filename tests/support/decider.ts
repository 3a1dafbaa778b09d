/**
 * given / when / then for the dispute decider (Emmett's style): given past events, when a command
 * is decided by someone, then these events — or this error, and nothing appended.
 */
import { expect } from 'vitest';
import type { Viewer } from '../../src/dispute/access.ts';
import { decide, evolve, type DisputeCommand } from '../../src/dispute/dispute.ts';
import type { FileDispute } from '../../src/intake/commands.ts';
import type { DisputeEvent, StoredDisputeEvent } from '../../src/dispute/events.ts';
import type { Actor } from '../../src/dispute/model.ts';
import { initialState, type DisputeState } from '../../src/dispute/state.ts';
import { RULES } from '../../src/rules/parameters.ts';
import { DomainError, type ErrorCode } from '../../src/shared/errors.ts';

export const DISPUTE_ID = 'd-1';

/** People of a typical case. */
export const people = {
  consumer: { userId: 'u-consumer', role: 'CONSUMER', name: '张三' },
  otherConsumer: { userId: 'u-other', role: 'CONSUMER', name: '王五' },
  respondent: { userId: 'u-clinic', role: 'RESPONDENT', name: '诊所', institutionId: 'inst-1', institutionCode: '91440300MA5F0JXC83' },
  otherRespondent: { userId: 'u-clinic-2', role: 'RESPONDENT', name: '别的诊所', institutionId: 'inst-2', institutionCode: '91310000MA1FL3L2AY' },
  officer: { userId: 'u-officer', role: 'INTAKE_OFFICER', name: '李四' },
  mediator: { userId: 'u-mediator', role: 'MEDIATOR', name: '调解员' },
  otherMediator: { userId: 'u-mediator-2', role: 'MEDIATOR', name: '另一调解员' },
  arbitrator: { userId: 'u-arbitrator', role: 'ARBITRATOR', name: '仲裁员' },
  lawyer: { userId: 'u-lawyer', role: 'LEGAL_AID_LAWYER', name: '律师', coordinator: false },
  coordinator: { userId: 'u-coordinator', role: 'LEGAL_AID_LAWYER', name: '协调人', coordinator: true },
  court: { userId: 'u-court', role: 'COURT', name: '法官', court: '深圳市福田区人民法院' },
  otherCourt: { userId: 'u-court-2', role: 'COURT', name: '别的法官', court: '广州市天河区人民法院' },
  regulator: { userId: 'u-regulator', role: 'REGULATOR', name: '监管', authority: 'HEALTH' },
  admin: { userId: 'u-admin', role: 'ADMIN', name: '管理员' },
  system: { userId: 'system', role: 'SYSTEM', name: '平台' },
} satisfies Record<string, Viewer>;

/** An event as it would be stored: by whom and when. */
export function by(actor: Viewer, at: string, event: DisputeEvent): StoredDisputeEvent {
  const metadata = { actor: { userId: actor.userId, role: actor.role } as Actor, occurredAt: new Date(at).toISOString() };
  return { ...event, metadata } as StoredDisputeEvent;
}

export function stateOf(events: StoredDisputeEvent[]): DisputeState {
  return events.reduce(evolve, initialState(DISPUTE_ID));
}

export function decideAs(viewer: Viewer, at: string, events: StoredDisputeEvent[], command: DisputeCommand, rules = RULES) {
  let n = 0;
  return decide(stateOf(events), command, { now: new Date(at), viewer, rules, newId: () => `id-${++n}` });
}

export function given(events: StoredDisputeEvent[]) {
  return {
    when(viewer: Viewer, at: string, command: DisputeCommand) {
      const run = () => decideAs(viewer, at, events, command);
      return {
        then(expected: DisputeEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenEvents() {
          return run();
        },
        thenFails(code: ErrorCode, extensions?: Record<string, unknown>) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught, `expected ${code}`).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          if (extensions) expect((caught as DomainError).extensions).toMatchObject(extensions);
        },
      };
    },
  };
}

/** The fileDispute command of a typical complaint (filed() is the event it gives). */
export const FILING: FileDispute = {
  disputeId: DISPUTE_ID,
  caseNumber: '2026-YM-000001',
  respondent: { name: '美丽医疗美容诊所', code: '91440300MA5F0JXC83' },
  categories: ['MEDICAL_INJURY'],
  procedure: '玻尿酸注射',
  occurredOn: '2026-02-01',
  description: '注射后出现血管栓塞',
  amountPaidFen: 1_280_000,
  remedies: [{ kind: 'REFUND', amountFen: 1_280_000 }],
  claimant: { name: '张三', phone: '13912341111', idNumber: '11010519491231002X', address: '深圳市福田区' },
};

/** A complaint as filed, for the start of most scenarios. */
export function filed(at = '2026-03-02T10:00:00+08:00', overrides: Partial<Extract<DisputeEvent, { type: 'DisputeFiled' }>['data']> = {}) {
  return by(people.consumer, at, {
    type: 'DisputeFiled',
    data: {
      ...FILING,
      claimant: { userId: people.consumer.userId, ...FILING.claimant },
      respondent: { institutionId: 'inst-1', ...FILING.respondent },
      limitationWarning: false,
      ...overrides,
    },
  });
}

export const accepted = (at = '2026-03-03T10:00:00+08:00', procedure: 'MEDICAL_DISPUTE_MEDIATION' | 'CONSUMER_COMPLAINT_MEDIATION' = 'MEDICAL_DISPUTE_MEDIATION') =>
  by(people.officer, at, { type: 'DisputeAccepted', data: { procedure } });
