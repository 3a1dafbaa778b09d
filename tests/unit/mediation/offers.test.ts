import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../src/dispute/access.ts';
import type { DisputeCommand } from '../../../src/dispute/dispute.ts';
import type { SettlementItem } from '../../../src/dispute/state.ts';
import type { PartySide } from '../../../src/dispute/model.ts';
import { by, given, people, stateOf } from '../../support/decider.ts';
import { awaitingAnswer, lawyerAssigned, mediating, proposed } from './scenario.ts';

const items: SettlementItem[] = [
  { kind: 'REFUND', amountFen: 800_000 },
  { kind: 'CORRECTIVE_TREATMENT', description: '免费修复治疗一次' },
];
const propose = (expiresAt?: string): DisputeCommand => ({ type: 'proposeSettlement', data: { items, expiresAt } });
const respond = (offerId: string, accept: boolean): DisputeCommand => ({ type: 'respondToOffer', data: { offerId, accept } });
const answered = (viewer: Viewer, at: string, offerId: string, side: PartySide, accept: boolean) =>
  by(viewer, at, { type: 'OfferAnswered', data: { offerId, side, accept } });

const at = '2026-03-06T10:00:00+08:00';
const offerStatus = (events: Parameters<typeof stateOf>[0], id: string) => stateOf(events).offers.find((o) => o.id === id)?.status;

describe('proposeSettlement', () => {
  it('a party proposes: an OPEN offer from its side', () => {
    given(mediating()).when(people.consumer, at, propose('2026-03-13T10:00:00+08:00')).then([
      { type: 'SettlementProposed', data: { offerId: 'id-1', by: 'CLAIMANT', items, expiresAt: '2026-03-13T10:00:00+08:00' } },
    ]);
    const [offer] = stateOf([...mediating(), proposed(at, people.consumer, 'o-1', 'CLAIMANT')]).offers;
    expect(offer).toMatchObject({ id: 'o-1', by: 'CLAIMANT', status: 'OPEN', responses: [], proposedAt: '2026-03-06T02:00:00.000Z', proposedBy: { userId: people.consumer.userId } });
  });

  it('the legal-aid lawyer proposes for the claimant’s side; the mediator proposes as MEDIATOR', () => {
    const [byLawyer] = given([...mediating(), ...lawyerAssigned()]).when(people.lawyer, at, propose()).thenEvents();
    expect(byLawyer).toMatchObject({ data: { by: 'CLAIMANT' } });
    const [byMediator] = given(mediating()).when(people.mediator, at, propose()).thenEvents();
    expect(byMediator).toMatchObject({ data: { by: 'MEDIATOR' } });
    const [byClinic] = given(mediating()).when(people.respondent, at, propose()).thenEvents();
    expect(byClinic).toMatchObject({ data: { by: 'RESPONDENT' } });
  });

  it('an expiry, if given, lies in the future', () => {
    given(mediating()).when(people.consumer, at, propose('2026-03-06T09:00:00+08:00')).thenFails('BAD_USER_INPUT', { issues: [{ path: 'expiresAt', message: expect.any(String) }] });
  });

  it('FORBIDDEN to the intake officer, INVALID_TRANSITION before consent, DEADLINE_PASSED after the mediation limit', () => {
    given(mediating()).when(people.officer, at, propose()).thenFails('FORBIDDEN');
    given(awaitingAnswer()).when(people.consumer, at, propose()).thenFails('INVALID_TRANSITION', { status: 'ACCEPTED' });
    given(mediating()).when(people.consumer, '2026-04-16T00:00:00+08:00', propose()).thenFails('DEADLINE_PASSED', { dueAt: '2026-04-15T16:00:00.000Z' });
  });
});

describe('respondToOffer', () => {
  const claimantOffer = () => [...mediating(), proposed(at, people.consumer, 'o-1', 'CLAIMANT', '2026-03-13T10:00:00+08:00')];

  it('the other side accepts a party’s offer', () => {
    given(claimantOffer()).when(people.respondent, '2026-03-07T10:00:00+08:00', respond('o-1', true)).then([
      { type: 'OfferAnswered', data: { offerId: 'o-1', side: 'RESPONDENT', accept: true } },
    ]);
    const history = [...claimantOffer(), answered(people.respondent, '2026-03-07T10:00:00+08:00', 'o-1', 'RESPONDENT', true)];
    expect(stateOf(history).offers[0]).toMatchObject({
      status: 'ACCEPTED',
      responses: [{ side: 'RESPONDENT', accept: true, at: '2026-03-07T02:00:00.000Z', by: people.respondent.userId }],
    });
  });

  it('or rejects it', () => {
    expect(offerStatus([...claimantOffer(), answered(people.respondent, '2026-03-07T10:00:00+08:00', 'o-1', 'RESPONDENT', false)], 'o-1')).toBe('REJECTED');
  });

  it('a counter-offer is a new proposal by the other side, which the first side may accept', () => {
    const countered = [...claimantOffer(), proposed('2026-03-07T10:00:00+08:00', people.respondent, 'o-2', 'RESPONDENT')];
    given(countered).when(people.consumer, '2026-03-08T10:00:00+08:00', respond('o-2', true)).then([
      { type: 'OfferAnswered', data: { offerId: 'o-2', side: 'CLAIMANT', accept: true } },
    ]);
    given(countered).when(people.respondent, '2026-03-08T10:00:00+08:00', respond('o-2', true)).thenFails('FORBIDDEN');
  });

  it('a party never answers its own offer, not even through its lawyer', () => {
    given(claimantOffer()).when(people.consumer, '2026-03-07T10:00:00+08:00', respond('o-1', true)).thenFails('FORBIDDEN');
    given([...claimantOffer(), ...lawyerAssigned()]).when(people.lawyer, '2026-03-07T10:00:00+08:00', respond('o-1', true)).thenFails('FORBIDDEN');
  });

  it('an expired offer can no longer be accepted: DEADLINE_PASSED', () => {
    given(claimantOffer()).when(people.respondent, '2026-03-13T09:59:00+08:00', respond('o-1', true)).thenEvents();
    given(claimantOffer())
      .when(people.respondent, '2026-03-13T10:00:00+08:00', respond('o-1', true))
      .thenFails('DEADLINE_PASSED', { dueAt: '2026-03-13T10:00:00+08:00' });
  });

  it('an offer already decided is INVALID_TRANSITION; an unknown one BAD_USER_INPUT', () => {
    const decided = [...claimantOffer(), answered(people.respondent, '2026-03-07T10:00:00+08:00', 'o-1', 'RESPONDENT', false)];
    given(decided).when(people.respondent, '2026-03-08T10:00:00+08:00', respond('o-1', true)).thenFails('INVALID_TRANSITION', { status: 'IN_MEDIATION' });
    given(claimantOffer()).when(people.respondent, '2026-03-07T10:00:00+08:00', respond('o-404', true)).thenFails('BAD_USER_INPUT', { issues: [{ path: 'offerId', message: expect.any(String) }] });
  });

  it('a mediator’s proposal holds when both parties accept, and fails at the first refusal', () => {
    const mediatorOffer = () => [...mediating(), proposed(at, people.mediator, 'o-m', 'MEDIATOR')];
    const clinicYes = answered(people.respondent, '2026-03-07T10:00:00+08:00', 'o-m', 'RESPONDENT', true);
    expect(offerStatus([...mediatorOffer(), clinicYes], 'o-m')).toBe('OPEN');
    given([...mediatorOffer(), clinicYes]).when(people.respondent, '2026-03-07T11:00:00+08:00', respond('o-m', false)).thenFails('INVALID_TRANSITION');
    given([...mediatorOffer(), clinicYes]).when(people.consumer, '2026-03-08T10:00:00+08:00', respond('o-m', true)).then([
      { type: 'OfferAnswered', data: { offerId: 'o-m', side: 'CLAIMANT', accept: true } },
    ]);
    expect(offerStatus([...mediatorOffer(), clinicYes, answered(people.consumer, '2026-03-08T10:00:00+08:00', 'o-m', 'CLAIMANT', true)], 'o-m')).toBe('ACCEPTED');
    expect(offerStatus([...mediatorOffer(), answered(people.consumer, '2026-03-08T10:00:00+08:00', 'o-m', 'CLAIMANT', false)], 'o-m')).toBe('REJECTED');
  });

  it('is for the parties: FORBIDDEN to the mediator and officer, NOT_FOUND to strangers', () => {
    for (const person of [people.mediator, people.officer]) {
      given(claimantOffer()).when(person, '2026-03-07T10:00:00+08:00', respond('o-1', true)).thenFails('FORBIDDEN');
    }
    given(claimantOffer()).when(people.otherRespondent, '2026-03-07T10:00:00+08:00', respond('o-1', true)).thenFails('NOT_FOUND');
  });

  it('DEADLINE_PASSED once the mediation limit has passed', () => {
    const open = [...mediating(), proposed(at, people.consumer, 'o-1', 'CLAIMANT')];
    given(open).when(people.respondent, '2026-04-16T08:00:00+08:00', respond('o-1', true)).thenFails('DEADLINE_PASSED', { kind: 'MEDIATION_LIMIT_MEDICAL' });
  });
});
