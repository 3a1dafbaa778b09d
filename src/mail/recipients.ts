/**
 * Audiences to accounts: the claimant and their lawyer, the respondent institution's staff, the
 * dispute's neutrals, the court's staff, legal-aid coordinators, intake officers, as the accounts
 * read model knows them.
 */
import { ERASED } from '../privacy/envelope.ts';
import type { AccountQueries, AccountRow } from '../../projections/accounts.ts';
import type { Relation } from '../dispute/access.ts';
import type { DisputeState } from '../dispute/state.ts';
import type { Audience } from './notices.ts';

export interface Recipient {
  account: AccountRow;
  /** What the recipient is to the dispute: the templates address them accordingly. */
  relation: Relation;
}

function members(audience: Audience, state: DisputeState, directory: AccountQueries): Recipient[] {
  const as = (relation: Relation) => (accounts: Array<AccountRow | undefined>) =>
    // An erased person (src/privacy) has no address left to write to.
    accounts.filter((a): a is AccountRow => a !== undefined && a.email !== ERASED).map((account) => ({ account, relation }));
  switch (audience.to) {
    case 'CLAIMANT_SIDE':
      return [
        ...as('CLAIMANT')([directory.account(state.claimant.userId)]),
        ...as('CLAIMANT_LAWYER')([state.legalAid?.lawyer ? directory.account(state.legalAid.lawyer.id) : undefined]),
      ];
    case 'RESPONDENT_SIDE':
      // DOMAIN.md 5: the institution learns of the complaint only from acceptance on.
      if (!state.acceptedAt) return [];
      return as('RESPONDENT')(directory.respondentStaff(state.respondent.institutionId, state.respondent.code));
    case 'MEDIATOR': {
      const id = audience.id ?? state.mediator?.id;
      return as('MEDIATOR')([id ? directory.account(id) : undefined]);
    }
    case 'ARBITRATORS': {
      const ids = audience.id ? [audience.id] : (state.arbitration?.arbitrators ?? []).map((a) => a.id);
      return as('ARBITRATOR')(ids.map((id) => directory.account(id)));
    }
    case 'COURT': {
      const court = audience.court ?? state.confirmation?.court;
      return as('COURT')(court ? directory.courtStaff(court) : []);
    }
    case 'LEGAL_AID_LAWYER':
      return as('CLAIMANT_LAWYER')([directory.account(audience.id)]);
    case 'LEGAL_AID_COORDINATORS':
      return as('LEGAL_AID_COORDINATOR')(directory.legalAidCoordinators());
    case 'INTAKE_OFFICERS':
      return as('INTAKE')(directory.withRole('INTAKE_OFFICER'));
  }
}

/**
 * Everyone an audience list reaches, each account once (its first relation wins), leaving out
 * `except`: the person whose act it was needs no mail about it.
 */
export function recipientsOf(audience: Audience[], state: DisputeState, directory: AccountQueries, except?: string): Recipient[] {
  const seen = new Set<string>(except ? [except] : []);
  const out: Recipient[] = [];
  for (const recipient of audience.flatMap((a) => members(a, state, directory))) {
    if (seen.has(recipient.account.id)) continue;
    seen.add(recipient.account.id);
    out.push(recipient);
  }
  return out;
}
