/**
 * The erasure stream of a person, `erasure-<personId>`: the retention reactor's proposals
 * (`ErasureProposed`, `ErasureProposalWithdrawn`; src/reactors/retention.ts) and the erasures
 * themselves (`PersonalDataErased`, appended by the mutation `erasePersonalData`, PIPL Art. 47).
 * Each names what is (to be) erased and why, never the data.
 */
export const ERASURE_STREAM_PREFIX = 'erasure-';
export const erasureStream = (personId: string) => `${ERASURE_STREAM_PREFIX}${personId}`;

export interface ErasureProposed {
  personId: string;
  /** The record type whose retention period ended (RECORD_TYPES in src/privacy/retention.ts). */
  recordType: string;
  /** The rule that set the period, e.g. RETENTION_CASE_FILE. */
  rule: string;
  /** When the period ended. */
  dueAt: string;
}

/** The person became active again (a new dispute), so the period no longer ends then. */
export interface ErasureProposalWithdrawn {
  personId: string;
  recordType: string;
  dueAt: string;
  reason: 'NEW_ACTIVITY';
}

/** Appended by erasePersonalData (ADMIN): the erasure settles every open proposal of the person. */
export interface PersonalDataErased {
  personId: string;
  reason: string;
  erasedAt: string;
  what: unknown;
}

export type ErasureEvent =
  | { type: 'ErasureProposed'; data: ErasureProposed }
  | { type: 'ErasureProposalWithdrawn'; data: ErasureProposalWithdrawn }
  | { type: 'PersonalDataErased'; data: PersonalDataErased };

export type ProposalStatus = 'OPEN' | 'WITHDRAWN' | 'SETTLED';

export interface Proposal extends ErasureProposed {
  proposedAt: string;
  status: ProposalStatus;
  /** When it was settled by an erasure or withdrawn. */
  closedAt?: string;
}

export interface ErasureState {
  proposals: Proposal[];
  erasedAt?: string;
}

export const proposalKey = (p: { recordType: string; dueAt: string }) => `${p.recordType}/${p.dueAt}`;

/** The person's proposals and whether they were erased: a pure fold of their erasure stream. */
export function foldErasure(events: ReadonlyArray<{ type: string; data: unknown; metadata: Record<string, unknown> }>): ErasureState {
  const state: ErasureState = { proposals: [] };
  for (const event of events as ReadonlyArray<ErasureEvent & { metadata: Record<string, unknown> }>) {
    const at = String(event.metadata.occurredAt ?? '');
    switch (event.type) {
      case 'ErasureProposed': {
        const { personId, recordType, rule, dueAt } = event.data;
        state.proposals.push({ personId, recordType, rule, dueAt, proposedAt: at, status: 'OPEN' });
        break;
      }
      case 'ErasureProposalWithdrawn':
        for (const p of state.proposals) {
          if (p.status === 'OPEN' && proposalKey(p) === proposalKey(event.data)) Object.assign(p, { status: 'WITHDRAWN', closedAt: at });
        }
        break;
      case 'PersonalDataErased':
        state.erasedAt = event.data.erasedAt;
        for (const p of state.proposals) if (p.status === 'OPEN') Object.assign(p, { status: 'SETTLED', closedAt: event.data.erasedAt });
        break;
    }
  }
  return state;
}
