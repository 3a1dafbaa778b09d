/**
 * What each caller sees of a dispute (DOMAIN.md 5), as the GraphQL `Dispute`. One pure function of
 * the folded state, the caller's relation and the time (offers expire as time passes).
 */
import type { Dispute, Message as GqlMessage } from '../graphql/generated.ts';
import { withSubject } from '../privacy/subject.ts';
import type { RuleParameters } from '../rules/parameters.ts';
import type { Relation, Viewer } from './access.ts';
import { openDeadlines } from './deadlines.ts';
import type { PartySide } from './model.ts';
import type { DisputeState, EvidenceItem, Message, Obligation, Offer } from './state.ts';

const money = (amountFen: number) => ({ amountFen, currency: 'CNY' });
const optionalMoney = (amountFen: number | undefined) => (amountFen === undefined ? null : money(amountFen));

/** 13912341111 → 139****1111 */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
/** 张三丰 → 张** */
export const maskName = (name: string) => (name ? `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}` : '');

/** Case staff and the consumer's own side see contact data in full (API.md). */
const SEES_CONTACT: ReadonlySet<Relation> = new Set(['CLAIMANT', 'CLAIMANT_LAWYER', 'INTAKE', 'MEDIATOR', 'SYSTEM']);
export const showsContactTo = (relation: Relation) => SEES_CONTACT.has(relation);
/** Offers and mediation communications are confidential concessions (OMR Art. 18): not for the court or arbitrator. */
const SEES_MEDIATION: ReadonlySet<Relation> = new Set(['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT', 'INTAKE', 'MEDIATOR', 'SYSTEM']);
/** A consumer's economic circumstances are for their side and the legal-aid agency, not the neutrals. */
const SEES_CIRCUMSTANCES: ReadonlySet<Relation> = new Set(['CLAIMANT', 'CLAIMANT_LAWYER', 'INTAKE', 'LEGAL_AID_COORDINATOR', 'SYSTEM']);

/**
 * The parts of a dispute that are shown to some and not others (DOMAIN.md 5). The view and the audit
 * trail both ask here, so an entry in the trail never reveals what the view hides.
 */
export type Section = 'FILING' | 'CASE' | 'MEDIATION' | `CAUCUS:${PartySide}` | 'LEGAL_AID' | `REFERRAL:${string}`;

export function seesSection(section: Section, relation: Relation, viewer: Pick<Viewer, 'authority'>): boolean {
  if (relation === 'SYSTEM' || relation === 'MEDIATOR') return true;
  if (section === 'FILING') return true;
  // A regulator sees the complaint and what was referred to its own authority, nothing else.
  if (relation === 'REGULATOR') return section === `REFERRAL:${viewer.authority}`;
  if (section.startsWith('REFERRAL:')) return relation !== 'COURT' && relation !== 'ARBITRATOR';
  switch (section) {
    case 'CASE':
      return true;
    case 'MEDIATION':
      return SEES_MEDIATION.has(relation);
    case 'LEGAL_AID':
      return SEES_CIRCUMSTANCES.has(relation);
    case 'CAUCUS:CLAIMANT':
      return relation === 'CLAIMANT' || relation === 'CLAIMANT_LAWYER';
    case 'CAUCUS:RESPONDENT':
      return relation === 'RESPONDENT';
  }
  return false;
}

const caucusOr = (side: PartySide | undefined, otherwise: Section): Section => (side ? `CAUCUS:${side}` : otherwise);
const seesMessage = (m: Message, relation: Relation) => seesSection(caucusOr(m.caucusSide, 'MEDIATION'), relation, {});
const seesEvidence = (e: EvidenceItem, relation: Relation) => relation !== 'REGULATOR' && seesSection(caucusOr(e.caucusSide, 'CASE'), relation, {});

export function evidenceVisibleTo(state: DisputeState, evidenceId: string, relation: Relation): EvidenceItem | undefined {
  const item = state.evidence.find((e) => e.id === evidenceId);
  return item && seesEvidence(item, relation) ? item : undefined;
}

export function offerStatus(offer: Offer, now: Date): string {
  if (offer.status === 'OPEN' && offer.expiresAt && offer.expiresAt <= now.toISOString()) return 'EXPIRED';
  return offer.status;
}

const viewObligation = (o: Obligation) => ({
  id: o.id,
  debtor: o.debtor,
  kind: o.kind,
  amount: optionalMoney(o.amountFen),
  description: o.description ?? null,
  dueDate: o.dueDate,
  status: o.status,
  performanceNote: o.performance?.note ?? null,
  performedAt: o.performance?.recordedAt ?? null,
  confirmedAt: o.confirmedAt ?? null,
});

const viewMessage = (m: Message): GqlMessage => ({
  id: m.id,
  author: { userId: m.author.userId, role: m.author.role, onBehalfOf: m.author.onBehalfOf ?? null },
  body: m.body,
  caucusWith: m.caucusWith ?? null,
  postedAt: m.postedAt,
});

export interface ViewContext {
  relation: Relation;
  viewer: Viewer;
  now: Date;
  rules: RuleParameters;
}

export function viewDispute(state: DisputeState, { relation, viewer, now, rules }: ViewContext): Dispute {
  const seesContact = SEES_CONTACT.has(relation);
  const regulator = relation === 'REGULATOR';
  const seesCase = !regulator;
  const seesMediation = SEES_MEDIATION.has(relation);
  const { claimant } = state;
  // The claimant is the person whose data the case holds: their contact data and the evidence.
  const subject = { personId: claimant.userId, disputeId: state.id, caseNumber: state.caseNumber, inFull: seesContact };

  return {
    id: state.id,
    caseNumber: state.caseNumber,
    status: state.status,
    outcome: state.outcome ?? null,
    category: state.categories[0]!,
    categories: state.categories,
    procedure: state.procedure,
    mediationProcedure: state.mediationProcedure ?? null,
    occurredOn: state.occurredOn,
    place: state.place ?? null,
    description: regulator ? '' : state.description,
    amountPaid: money(state.amountPaidFen),
    claimant: withSubject(
      {
        name: regulator ? maskName(claimant.name) : claimant.name,
        phone: seesContact ? claimant.phone : maskPhone(claimant.phone),
        idNumber: seesContact ? (claimant.idNumber ?? null) : null,
        address: seesContact ? (claimant.address ?? null) : null,
      },
      subject,
    ),
    respondent: {
      id: state.respondent.institutionId ?? null,
      name: state.respondent.name,
      code: state.respondent.code ?? null,
      licence: state.respondent.licence ?? null,
    },
    remedies: state.remedies.map((r) => ({ kind: r.kind, amount: optionalMoney(r.amountFen) })),
    limitationWarning: state.limitationWarning,
    deadlines: regulator ? [] : openDeadlines(state, rules).map((d) => ({ ...d, ref: d.ref ?? null })),
    informationRequests: seesMediation
      ? state.informationRequests.map((r) => ({
          message: r.message,
          requestedAt: r.requestedAt,
          supplement: r.supplement?.text ?? null,
          supplementedAt: r.supplement?.at ?? null,
        }))
      : [],
    rejection: state.rejection ? { reason: state.rejection.reason, note: state.rejection.note, rejectedAt: state.rejection.at } : null,
    withdrawnAt: state.withdrawal?.at ?? null,
    referrals: state.referrals
      .filter((r) => seesSection(`REFERRAL:${r.authority}`, relation, viewer))
      .map((r) => ({
        id: r.id,
        authority: r.authority,
        categories: r.categories,
        note: r.note,
        referredAt: r.referredAt,
        outcome: r.outcome?.text ?? null,
        violationConfirmed: r.outcome?.violationConfirmed ?? null,
        outcomeRecordedAt: r.outcome?.recordedAt ?? null,
      })),
    respondentAnswer: state.respondentAnswer && !regulator ? { ...state.respondentAnswer } : null,
    mediator:
      state.mediator && !regulator
        ? {
            id: state.mediator.id,
            name: state.mediator.name,
            assignedAt: state.mediator.assignedAt,
            conflictsDisclosed: state.mediator.disclosure !== undefined,
            hasConflict: state.mediator.disclosure?.hasConflict ?? null,
            disclosure: state.mediator.disclosure?.statement ?? null,
          }
        : null,
    // The court sees the mediator's record of the process (DOMAIN.md 2.5); the arbitrator does not (2.6).
    sessions:
      seesMediation || relation === 'COURT'
        ? state.sessions.map((s) => ({
            id: s.id,
            startsAt: s.startsAt,
            mode: s.mode,
            link: s.link ?? null,
            place: s.place ?? null,
            attendees: s.record?.attendees ?? [],
            minutes: s.record?.minutes ?? null,
            recordedAt: s.record?.recordedAt ?? null,
          }))
        : [],
    messages: state.messages.filter((m) => seesMessage(m, relation)).map(viewMessage),
    offers: seesMediation
      ? state.offers.map((o) => ({
          id: o.id,
          by: o.by,
          status: offerStatus(o, now) as never,
          items: o.items.map((i) => ({ kind: i.kind, amount: optionalMoney(i.amountFen), description: i.description ?? null })),
          expiresAt: o.expiresAt ?? null,
          proposedAt: o.proposedAt,
          responses: o.responses.map((r) => ({ side: r.side, accept: r.accept, at: r.at })),
        }))
      : [],
    appraisals: seesCase ? state.appraisals.map((a) => ({ ...a, completedAt: a.completedAt ?? null, result: a.result ?? null })) : [],
    mediationEnd:
      state.mediationEnd && !regulator
        ? {
            reason: state.mediationEnd.reason,
            note: state.mediationEnd.note ?? null,
            endedAt: state.mediationEnd.at,
            automatic: state.mediationEnd.automatic,
          }
        : null,
    agreement:
      state.agreement && seesCase && relation !== 'ARBITRATOR'
        ? {
            id: state.agreement.id,
            terms: state.agreement.terms,
            text: state.agreement.text,
            hash: state.agreement.hash,
            draftedAt: state.agreement.draftedAt,
            signatures: state.agreement.signatures.map((s) => ({ userId: s.userId, role: s.role, signedAt: s.signedAt })),
            effectiveAt: state.agreement.effectiveAt ?? null,
          }
        : null,
    confirmation:
      state.confirmation && seesCase
        ? {
            court: state.confirmation.court ?? null,
            applications: state.confirmation.applications.map((a) => ({ userId: a.userId, role: a.side, court: a.court, appliedAt: a.appliedAt })),
            status: state.confirmation.status,
            requestedAt: state.confirmation.requestedAt ?? null,
            acceptedAt: state.confirmation.acceptedAt ?? null,
            rulingNumber: state.confirmation.rulingNumber ?? null,
            grounds: state.confirmation.grounds ?? null,
            note: state.confirmation.note ?? null,
            decidedAt: state.confirmation.decidedAt ?? null,
          }
        : null,
    arbitration:
      state.arbitration && seesCase
        ? {
            commission: state.arbitration.commission ?? null,
            agreementText: state.arbitration.agreementText ?? null,
            agreementHash: state.arbitration.agreementHash ?? null,
            agreementSignatures: state.arbitration.signatures.map((s) => ({ userId: s.userId, role: s.side, commission: s.commission, signedAt: s.signedAt })),
            arbitrators: state.arbitration.arbitrators.map((a) => ({ id: a.id, name: a.name })),
            hearings: state.arbitration.hearings.map((h) => ({ ...h, link: h.link ?? null, place: h.place ?? null })),
            award: state.arbitration.award
              ? { text: state.arbitration.award.text, decidedAt: state.arbitration.award.decidedAt, receivedAt: state.arbitration.award.receivedOn ?? null }
              : null,
          }
        : null,
    obligations: seesCase ? state.obligations.map(viewObligation) : [],
    legalAid:
      state.legalAid && (seesContact || seesSection('LEGAL_AID', relation, viewer))
        ? {
            status: state.legalAid.status,
            circumstances: seesSection('LEGAL_AID', relation, viewer) ? state.legalAid.circumstances : null,
            urgent: state.legalAid.urgent,
            appliedAt: state.legalAid.appliedAt,
            decidedAt: state.legalAid.decidedAt ?? null,
            reason: state.legalAid.reason ?? null,
            lawyer: state.legalAid.lawyer ? { id: state.legalAid.lawyer.id, name: state.legalAid.lawyer.name } : null,
            powerOfAttorney: state.legalAid.powerOfAttorney !== undefined,
          }
        : null,
    evidence: state.evidence
      .filter((e) => seesEvidence(e, relation))
      .map((e) => withSubject({
        id: e.id,
        kind: e.kind,
        description: e.description,
        fileName: e.fileName,
        mediaType: e.mediaType,
        size: e.size,
        sha256: e.sha256,
        submittedBy: { userId: e.submittedBy.userId, role: e.submittedBy.role, onBehalfOf: e.submittedBy.onBehalfOf ?? null },
        submittedAt: e.submittedAt,
        withdrawn: e.withdrawn,
      }, subject)),
    filedAt: state.filedAt,
    updatedAt: state.updatedAt,
    closedAt: state.closedAt ?? null,
    version: state.version,
    viewerRelation: relation,
  };
}
