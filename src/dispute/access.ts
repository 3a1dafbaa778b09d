/**
 * Who may see a dispute, and as what (DOMAIN.md 5). One table of grants serves both the check on a
 * single dispute (relationOf) and the list queries (the read model stores each dispute's grant keys
 * and matches them against the caller's keys).
 */
import type { ActorRole, AuthorityKind, PartySide } from './model.ts';
import type { DisputeState } from './state.ts';

/** The person acting: an account in one of its roles, or the platform itself. */
export interface Viewer {
  userId: string;
  role: ActorRole;
  name: string;
  institutionId?: string;
  institutionCode?: string;
  court?: string;
  authority?: AuthorityKind;
  coordinator?: boolean;
}

export type Relation =
  | 'CLAIMANT'
  | 'CLAIMANT_LAWYER'
  | 'RESPONDENT'
  | 'INTAKE'
  | 'MEDIATOR'
  | 'ARBITRATOR'
  | 'COURT'
  | 'REGULATOR'
  | 'LEGAL_AID_COORDINATOR'
  | 'SYSTEM';

export const PARTY_RELATIONS: readonly Relation[] = ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT'];

export function sideOf(relation: Relation): PartySide | undefined {
  if (relation === 'CLAIMANT' || relation === 'CLAIMANT_LAWYER') return 'CLAIMANT';
  if (relation === 'RESPONDENT') return 'RESPONDENT';
  return undefined;
}

export const SYSTEM_VIEWER: Viewer = { userId: 'system', role: 'SYSTEM', name: '平台 / platform' };

/** Stages from which the respondent institution sees the complaint (DOMAIN.md 5: from acceptance on). */
const respondentSees = (state: DisputeState) => state.acceptedAt !== undefined;

/**
 * Each dispute grants a relation to keys; a viewer holds keys. Listed in order of precedence:
 * a coordinator who is also the assigned lawyer acts as the lawyer.
 */
export function grants(state: DisputeState): Array<[key: string, relation: Relation]> {
  const out: Array<[string, Relation]> = [[`CONSUMER:${state.claimant.userId}`, 'CLAIMANT']];
  if (state.legalAid?.lawyer) out.push([`LEGAL_AID_LAWYER:${state.legalAid.lawyer.id}`, 'CLAIMANT_LAWYER']);
  if (state.mediator) out.push([`MEDIATOR:${state.mediator.id}`, 'MEDIATOR']);
  for (const arbitrator of state.arbitration?.arbitrators ?? []) out.push([`ARBITRATOR:${arbitrator.id}`, 'ARBITRATOR']);
  if (respondentSees(state)) {
    if (state.respondent.institutionId) out.push([`RESPONDENT:id:${state.respondent.institutionId}`, 'RESPONDENT']);
    if (state.respondent.code) out.push([`RESPONDENT:code:${state.respondent.code}`, 'RESPONDENT']);
  }
  out.push(['INTAKE_OFFICER:*', 'INTAKE']);
  if (state.confirmation?.court) out.push([`COURT:${state.confirmation.court}`, 'COURT']);
  for (const authority of new Set(state.referrals.map((r) => r.authority))) out.push([`REGULATOR:${authority}`, 'REGULATOR']);
  if (state.legalAid) out.push(['LEGAL_AID_COORDINATOR:*', 'LEGAL_AID_COORDINATOR']);
  return out;
}

/** Keys every dispute grants: a viewer holding one sees every dispute (so lists need not store them). */
export const UNIVERSAL_KEYS: ReadonlySet<string> = new Set(['INTAKE_OFFICER:*']);

/** The keys a viewer holds (matched against grants). ADMIN holds none: no case content. */
export function viewerKeys(viewer: Viewer): string[] {
  switch (viewer.role) {
    case 'CONSUMER':
    case 'MEDIATOR':
    case 'ARBITRATOR':
      return [`${viewer.role}:${viewer.userId}`];
    case 'LEGAL_AID_LAWYER':
      return [`LEGAL_AID_LAWYER:${viewer.userId}`, ...(viewer.coordinator ? ['LEGAL_AID_COORDINATOR:*'] : [])];
    case 'RESPONDENT':
      return [
        ...(viewer.institutionId ? [`RESPONDENT:id:${viewer.institutionId}`] : []),
        ...(viewer.institutionCode ? [`RESPONDENT:code:${viewer.institutionCode}`] : []),
      ];
    case 'INTAKE_OFFICER':
      return ['INTAKE_OFFICER:*'];
    case 'COURT':
      return viewer.court ? [`COURT:${viewer.court}`] : [];
    case 'REGULATOR':
      return viewer.authority ? [`REGULATOR:${viewer.authority}`] : [];
    default:
      return [];
  }
}

/** How the viewer relates to the dispute; undefined means they may not know it exists. */
export function relationOf(state: DisputeState, viewer: Viewer): Relation | undefined {
  if (!state.exists) return undefined;
  if (viewer.role === 'SYSTEM') return 'SYSTEM';
  const keys = new Set(viewerKeys(viewer));
  return grants(state).find(([key]) => keys.has(key))?.[1];
}
