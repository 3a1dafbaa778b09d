/**
 * What the court and the arbitrator see (DOMAIN.md 2.5, 2.6; CONFIDENTIAL_CONCESSIONS, OMR Art. 18):
 * the court sees the agreement, the parties, the mediator's record and the evidence index; neither
 * sees offers or mediation messages; the arbitrator sees no agreement draft or session record either.
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../src/dispute/access.ts';
import { relationOf } from '../../../src/dispute/access.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import type { StoredDisputeEvent } from '../../../src/dispute/events.ts';
import { viewDispute } from '../../../src/dispute/view.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { by, people, stateOf } from '../../support/decider.ts';
import { at, draft, dueOn, inMediation, sign, step } from '../settlement/scenario.ts';

const evidence = (evidenceId: string, caucusSide?: 'CLAIMANT' | 'RESPONDENT') =>
  ({
    type: 'EvidenceSubmitted',
    data: { evidenceId, kind: 'PHOTO', description: `照片 ${evidenceId}`, fileName: `${evidenceId}.jpg`, mediaType: 'image/jpeg', size: 1024, sha256: 'f'.repeat(64), ...(caucusSide ? { caucusSide } : {}) },
  }) as const;

/** Mediation with every kind of content, then an agreement both sides take to the court. */
function mediatedAndSettled(): StoredDisputeEvent[] {
  let history: StoredDisputeEvent[] = [
    ...inMediation('2026-08-24'),
    by(people.mediator, at('2026-08-25'), { type: 'SessionScheduled', data: { sessionId: 's-1', startsAt: '2026-08-27T02:00:00.000Z', mode: 'ONLINE', link: 'https://meet.example.cn/s-1' } }),
    by(people.mediator, at('2026-08-27', '12:00'), { type: 'SessionRecorded', data: { sessionId: 's-1', attendees: ['张三', '诊所代表'], minutes: '双方陈述意见' } }),
    by(people.consumer, at('2026-08-25'), { type: 'MessagePosted', data: { messageId: 'm-1', body: '希望全额退款' } }),
    by(people.respondent, at('2026-08-26'), { type: 'MessagePosted', data: { messageId: 'm-2', body: '私下说：最多退一半', caucusWith: people.mediator.userId, caucusSide: 'RESPONDENT' } }),
    by(people.respondent, at('2026-08-26'), { type: 'SettlementProposed', data: { offerId: 'o-1', by: 'RESPONDENT', items: [{ kind: 'REFUND', amountFen: 640_000 }] } }),
    by(people.consumer, at('2026-08-25'), evidence('e-public')),
    by(people.respondent, at('2026-08-26'), evidence('e-caucus', 'RESPONDENT')),
  ];
  history = step(history, people.mediator, at('2026-09-04'), draft(dueOn('2026-10-30')));
  for (const signer of [people.consumer, people.respondent, people.mediator]) history = step(history, signer, at('2026-09-05'), sign(history));
  for (const party of [people.consumer, people.respondent]) {
    history = step(history, party, at('2026-09-07'), { type: 'applyForConfirmation', data: { court: people.court.court } });
  }
  return history;
}

const viewAs = (history: StoredDisputeEvent[], viewer: Viewer) => {
  const state = stateOf(history);
  const relation = relationOf(state, viewer);
  if (!relation) throw new Error(`${viewer.userId} does not see the dispute`);
  return viewDispute(state, { relation, viewer, now: new Date(at('2026-09-30')), rules: RULES });
};

const requested = mediatedAndSettled();
const refuse: DisputeCommand = { type: 'ruleOnConfirmation', data: { confirmed: false, grounds: ['NOT_VOLUNTARY'] } };
let arbitrating = step(requested, people.court, at('2026-09-08'), refuse);
for (const party of [people.consumer, people.respondent]) {
  arbitrating = step(arbitrating, party, at('2026-09-09'), { type: 'signArbitrationAgreement', data: { commission: '深圳国际仲裁院' } });
}
arbitrating = step(arbitrating, people.officer, at('2026-09-10'), { type: 'appointArbitrator', data: { arbitratorId: people.arbitrator.userId, name: people.arbitrator.name } });

describe('the court\'s view', () => {
  const view = viewAs(requested, people.court);

  it('has the agreement, the parties, the mediator\'s session record and the evidence index', () => {
    expect(view.viewerRelation).toBe('COURT');
    expect(view.agreement).toMatchObject({ hash: stateOf(requested).agreement!.hash, effectiveAt: new Date(at('2026-09-05')).toISOString() });
    expect(view.agreement!.signatures.map((s) => s.role)).toEqual(['CLAIMANT', 'RESPONDENT', 'MEDIATOR']);
    expect(view.claimant.name).toBe('张三');
    expect(view.respondent.name).toBe('美丽医疗美容诊所');
    expect(view.sessions).toEqual([expect.objectContaining({ id: 's-1', minutes: '双方陈述意见', attendees: ['张三', '诊所代表'] })]);
    expect(view.confirmation).toMatchObject({ court: people.court.court, status: 'REQUESTED' });
    expect(view.evidence.map((e) => e.id)).toEqual(['e-public']);
  });

  it('sees the claimant by name, with contact data masked as for everyone outside the case staff (API.md)', () => {
    // The applicants give the court their particulars with the application itself (CPL Interpretation Art. 354).
    expect(view.claimant).toEqual({ name: '张三', phone: '139****1111', idNumber: null, address: null });
    expect(viewAs(requested, people.consumer).claimant).toEqual({ name: '张三', phone: '13912341111', idNumber: '11010519491231002X', address: '深圳市福田区' });
  });

  it('has no offers and no mediation messages, caucus or not', () => {
    expect(view.offers).toEqual([]);
    expect(view.messages).toEqual([]);
    // The parties do see them: the filter is the court's, not an empty history.
    expect(viewAs(requested, people.consumer).offers).toHaveLength(1);
    expect(viewAs(requested, people.consumer).messages.map((m) => m.id)).toEqual(['m-1']);
  });

  it('another court does not see the dispute at all', () => {
    expect(relationOf(stateOf(requested), people.otherCourt)).toBeUndefined();
  });
});

describe('the arbitrator\'s view', () => {
  const view = viewAs(arbitrating, people.arbitrator);

  it('has the arbitration and the evidence index', () => {
    expect(view.viewerRelation).toBe('ARBITRATOR');
    expect(view.arbitration).toMatchObject({ commission: '深圳国际仲裁院', arbitrators: [{ id: people.arbitrator.userId, name: people.arbitrator.name }] });
    expect(view.arbitration!.agreementSignatures.map((s) => s.role)).toEqual(['CLAIMANT', 'RESPONDENT']);
    expect(view.evidence.map((e) => e.id)).toEqual(['e-public']);
    expect(view.claimant.phone).toBe('139****1111');
  });

  it('has no offers, messages, session records, settlement agreement or its obligations', () => {
    expect(view.offers).toEqual([]);
    expect(view.messages).toEqual([]);
    expect(view.sessions).toEqual([]);
    expect(view.agreement).toBeNull();
    expect(view.obligations).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('最多退一半');
    expect(JSON.stringify(view)).not.toContain(String(640_000));
    expect(JSON.stringify(view)).not.toContain(stateOf(arbitrating).agreement!.terms);
  });

  it('an arbitrator not appointed to the dispute does not see it', () => {
    expect(relationOf(stateOf(arbitrating), { ...people.arbitrator, userId: 'u-arbitrator-2' })).toBeUndefined();
  });
});
