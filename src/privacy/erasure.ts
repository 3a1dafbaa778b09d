/**
 * The erasure stream of a person, `erasure-<personId>`: the retention reactor's proposals
 * (`ErasureProposed`, src/privacy/retention.ts) and the erasures themselves (`PersonalDataErased`,
 * appended by the mutation `erasePersonalData`, PIPL Art. 47). Each names what is (to be) erased,
 * never the data.
 */
export const ERASURE_STREAM_PREFIX = 'erasure-';
export const erasureStream = (personId: string) => `${ERASURE_STREAM_PREFIX}${personId}`;

export interface ErasureProposed {
  personId: string;
  /** The record type whose retention period ended (RETENTION in src/privacy/retention.ts). */
  recordType: string;
  /** The rule that set the period, e.g. RETENTION_CASE_FILE. */
  rule: string;
  /** When the period ended. */
  dueAt: string;
}

/** Appended by erasePersonalData (the other half of issue 11): the erasure settles every open proposal. */
export interface PersonalDataErased {
  personId: string;
  reason: string;
  erasedAt: string;
  what: unknown;
}

export type ErasureEvent = { type: 'ErasureProposed'; data: ErasureProposed } | { type: 'PersonalDataErased'; data: PersonalDataErased };
