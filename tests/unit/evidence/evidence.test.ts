import { describe, expect, it } from 'vitest';
import { auditSection } from '../../../src/audit/summary.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import type { DisputeEvent, StoredDisputeEvent } from '../../../src/dispute/events.ts';
import type { PartySide } from '../../../src/dispute/model.ts';
import { accepted, by, filed, given, people, stateOf } from '../../support/decider.ts';

const SHA = 'a3f1c9e2b4d6f8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b6c8';

const submit = (overrides: Partial<Extract<DisputeCommand, { type: 'submitEvidence' }>['data']> = {}): DisputeCommand => ({
  type: 'submitEvidence',
  data: {
    kind: 'PHOTO',
    description: '术后第三天照片',
    caucus: false,
    fileName: '术后.jpg',
    mediaType: 'image/jpeg',
    size: 48_213,
    sha256: SHA,
    ...overrides,
  },
});
const withdraw = (evidenceId = 'ev-1'): DisputeCommand => ({ type: 'withdrawEvidence', data: { evidenceId } });
const download = (evidenceId = 'ev-1'): DisputeCommand => ({ type: 'downloadEvidence', data: { evidenceId } });

/** An item as stored, submitted by `who` on 2026-04-07 (the first working day after Qingming). */
function submitted(who: (typeof people)[keyof typeof people], evidenceId = 'ev-1', caucusSide?: PartySide): StoredDisputeEvent {
  return by(who, '2026-04-07T09:30:00+08:00', {
    type: 'EvidenceSubmitted',
    data: { evidenceId, kind: 'CHAT_RECORD', description: '微信聊天记录', fileName: 'chat.txt', mediaType: 'text/plain', size: 1024, sha256: SHA, ...(caucusSide ? { caucusSide } : {}) },
  });
}

const mediatorAssigned = by(people.officer, '2026-03-04T10:00:00+08:00', { type: 'MediatorAssigned', data: { mediatorId: people.mediator.userId, name: '调解员' } });
const withdrawnDispute = by(people.consumer, '2026-03-05T10:00:00+08:00', { type: 'DisputeWithdrawn', data: { reason: '已和解' } });
const rejected = by(people.officer, '2026-03-03T10:00:00+08:00', { type: 'DisputeRejected', data: { reason: 'OUT_OF_SCOPE', note: '' } });
const legalAidLawyer = [
  by(people.consumer, '2026-03-04T10:00:00+08:00', { type: 'LegalAidApplied', data: { circumstances: '低保户', urgent: false } }),
  by(people.coordinator, '2026-03-05T10:00:00+08:00', { type: 'LegalAidDecided', data: { granted: true, reason: '符合条件' } }),
  by(people.coordinator, '2026-03-05T11:00:00+08:00', { type: 'LegalAidLawyerAssigned', data: { lawyerId: people.lawyer.userId, name: '律师' } }),
];
const AT = '2026-04-07T10:00:00+08:00';

describe('submitEvidence', () => {
  it('records the file a claimant submits, with its SHA-256, under a fresh id', () => {
    given([filed()]).when(people.consumer, AT, submit()).then([
      {
        type: 'EvidenceSubmitted',
        data: { evidenceId: 'id-1', kind: 'PHOTO', description: '术后第三天照片', fileName: '术后.jpg', mediaType: 'image/jpeg', size: 48_213, sha256: SHA },
      },
    ]);
  });

  it('puts caucus evidence on the submitting side: the claimant, the legal-aid lawyer for the claimant, the respondent', () => {
    const sideOf = (events: DisputeEvent[]) => (events[0]!.data as { caucusSide?: string }).caucusSide;
    expect(sideOf(given([filed()]).when(people.consumer, AT, submit({ caucus: true })).thenEvents())).toBe('CLAIMANT');
    expect(sideOf(given([filed(), ...legalAidLawyer]).when(people.lawyer, AT, submit({ caucus: true })).thenEvents())).toBe('CLAIMANT');
    expect(sideOf(given([filed(), accepted()]).when(people.respondent, AT, submit({ caucus: true })).thenEvents())).toBe('RESPONDENT');
  });

  it('takes evidence from the respondent after acceptance and from the assigned mediator', () => {
    expect(given([filed(), accepted()]).when(people.respondent, AT, submit()).thenEvents()[0]!.type).toBe('EvidenceSubmitted');
    expect(given([filed(), accepted(), mediatorAssigned]).when(people.mediator, AT, submit({ kind: 'MEDICAL_RECORD' })).thenEvents()[0]!.type).toBe('EvidenceSubmitted');
  });

  it("refuses caucus for the mediator's own evidence, which both sides see", () => {
    given([filed(), accepted(), mediatorAssigned])
      .when(people.mediator, AT, submit({ caucus: true }))
      .thenFails('BAD_USER_INPUT', { issues: [expect.objectContaining({ path: 'caucus' })] });
  });

  it('is NOT_FOUND for someone who may not see the dispute, including the clinic before acceptance', () => {
    given([filed()]).when(people.otherConsumer, AT, submit()).thenFails('NOT_FOUND');
    given([filed()]).when(people.respondent, AT, submit()).thenFails('NOT_FOUND');
    given([filed(), accepted()]).when(people.otherRespondent, AT, submit()).thenFails('NOT_FOUND');
  });

  it('is FORBIDDEN to case staff who are not parties', () => {
    given([filed()]).when(people.officer, AT, submit()).thenFails('FORBIDDEN');
  });

  it('is an INVALID_TRANSITION once the dispute is rejected or withdrawn', () => {
    given([filed(), rejected]).when(people.consumer, AT, submit()).thenFails('INVALID_TRANSITION', { status: 'REJECTED' });
    given([filed(), withdrawnDispute]).when(people.consumer, AT, submit()).thenFails('INVALID_TRANSITION', { status: 'WITHDRAWN' });
  });
});

describe('withdrawEvidence', () => {
  it('marks an item withdrawn by the side that submitted it', () => {
    given([filed(), accepted(), submitted(people.consumer)]).when(people.consumer, AT, withdraw()).then([{ type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1' } }]);
    given([filed(), ...legalAidLawyer, submitted(people.consumer)]).when(people.lawyer, AT, withdraw()).then([{ type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1' } }]);
  });

  it('keeps a caucus item in its caucus: the withdrawal carries the side', () => {
    given([filed(), accepted(), submitted(people.respondent, 'ev-1', 'RESPONDENT')])
      .when(people.respondent, AT, withdraw())
      .then([{ type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1', caucusSide: 'RESPONDENT' } }]);
  });

  it("is FORBIDDEN to the other side, and to the mediator who is not a party", () => {
    given([filed(), accepted(), submitted(people.consumer)]).when(people.respondent, AT, withdraw()).thenFails('FORBIDDEN');
    given([filed(), accepted(), mediatorAssigned, submitted(people.mediator)]).when(people.consumer, AT, withdraw()).thenFails('FORBIDDEN');
    given([filed(), accepted(), mediatorAssigned, submitted(people.mediator)]).when(people.mediator, AT, withdraw()).thenFails('FORBIDDEN');
  });

  it("is NOT_FOUND for an unknown item and for the other side's caucus item", () => {
    given([filed(), accepted(), submitted(people.consumer)]).when(people.consumer, AT, withdraw('ev-9')).thenFails('NOT_FOUND');
    given([filed(), accepted(), submitted(people.consumer, 'ev-1', 'CLAIMANT')]).when(people.respondent, AT, withdraw()).thenFails('NOT_FOUND');
  });

  it('is an INVALID_TRANSITION for an item already withdrawn, and once the dispute is over', () => {
    const once = by(people.consumer, '2026-04-08T10:00:00+08:00', { type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1' } });
    given([filed(), submitted(people.consumer), once]).when(people.consumer, AT, withdraw()).thenFails('INVALID_TRANSITION', { status: 'SUBMITTED' });
    given([filed(), submitted(people.consumer), withdrawnDispute]).when(people.consumer, AT, withdraw()).thenFails('INVALID_TRANSITION', { status: 'WITHDRAWN' });
  });
});

describe('downloadEvidence', () => {
  it('records a download by anyone who sees the item', () => {
    for (const reader of [people.consumer, people.respondent, people.officer, people.mediator]) {
      given([filed(), accepted(), mediatorAssigned, submitted(people.consumer)]).when(reader, AT, download()).then([{ type: 'EvidenceDownloaded', data: { evidenceId: 'ev-1' } }]);
    }
  });

  it('is possible in a terminal status and for a withdrawn item: reading the record is always allowed', () => {
    const itemWithdrawn = by(people.consumer, '2026-03-04T10:00:00+08:00', { type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1' } });
    given([filed(), submitted(people.consumer), itemWithdrawn, withdrawnDispute])
      .when(people.officer, '2026-10-08T10:00:00+08:00', download())
      .then([{ type: 'EvidenceDownloaded', data: { evidenceId: 'ev-1' } }]);
  });

  it('shows caucus evidence only to its side and the mediator (DOMAIN.md 5)', () => {
    const history = [filed(), accepted(), mediatorAssigned, submitted(people.consumer, 'ev-1', 'CLAIMANT')];
    given(history).when(people.consumer, AT, download()).then([{ type: 'EvidenceDownloaded', data: { evidenceId: 'ev-1', caucusSide: 'CLAIMANT' } }]);
    given(history).when(people.mediator, AT, download()).then([{ type: 'EvidenceDownloaded', data: { evidenceId: 'ev-1', caucusSide: 'CLAIMANT' } }]);
    given(history).when(people.respondent, AT, download()).thenFails('NOT_FOUND');
    given(history).when(people.officer, AT, download()).thenFails('NOT_FOUND');
  });

  it('is NOT_FOUND for an outsider, an unknown item, and a regulator (who sees the referral, not the evidence)', () => {
    const referred = by(people.officer, '2026-03-04T10:00:00+08:00', {
      type: 'ReferredToAuthority',
      data: { referralId: 'r-1', authority: 'HEALTH', categories: ['UNLICENSED_INSTITUTION'], note: '无执业许可证' },
    });
    given([filed(), submitted(people.consumer)]).when(people.otherConsumer, AT, download()).thenFails('NOT_FOUND');
    given([filed(), submitted(people.consumer)]).when(people.consumer, AT, download('ev-9')).thenFails('NOT_FOUND');
    given([filed(), submitted(people.consumer), referred]).when(people.regulator, AT, download()).thenFails('NOT_FOUND');
  });

  it('audits downloads and withdrawals of caucus items within the caucus', () => {
    expect(auditSection('EvidenceDownloaded', { evidenceId: 'ev-1', caucusSide: 'RESPONDENT' })).toBe('CAUCUS:RESPONDENT');
    expect(auditSection('EvidenceWithdrawn', { evidenceId: 'ev-1', caucusSide: 'CLAIMANT' })).toBe('CAUCUS:CLAIMANT');
    expect(auditSection('EvidenceDownloaded', { evidenceId: 'ev-1' })).toBe('CASE');
  });
});

describe('evidence in the folded dispute', () => {
  it('lists a submitted item with its submitter and time, marks it withdrawn, and is unchanged by downloads', () => {
    const afterSubmit = stateOf([filed(), accepted(), submitted(people.respondent, 'ev-1', 'RESPONDENT')]);
    expect(afterSubmit.evidence).toEqual([
      {
        id: 'ev-1',
        kind: 'CHAT_RECORD',
        description: '微信聊天记录',
        fileName: 'chat.txt',
        mediaType: 'text/plain',
        size: 1024,
        sha256: SHA,
        caucusSide: 'RESPONDENT',
        submittedBy: { userId: people.respondent.userId, role: 'RESPONDENT' },
        submittedAt: '2026-04-07T01:30:00.000Z',
        withdrawn: false,
      },
    ]);
    const downloaded = by(people.mediator, '2026-04-08T10:00:00+08:00', { type: 'EvidenceDownloaded', data: { evidenceId: 'ev-1' } });
    const afterDownload = stateOf([filed(), accepted(), submitted(people.respondent, 'ev-1', 'RESPONDENT'), downloaded]);
    expect(afterDownload.evidence).toEqual(afterSubmit.evidence);
    expect(afterDownload.version).toBe(afterSubmit.version + 1);

    const itemWithdrawn = by(people.respondent, '2026-04-09T10:00:00+08:00', { type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1' } });
    const afterWithdrawal = stateOf([filed(), accepted(), submitted(people.respondent, 'ev-1', 'RESPONDENT'), itemWithdrawn]);
    expect(afterWithdrawal.evidence).toEqual([{ ...afterSubmit.evidence[0], withdrawn: true }]);
  });
});
