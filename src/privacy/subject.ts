/**
 * Whose personal data a shown value is. The views tag the objects that carry someone's contact data
 * or evidence (the claimant, each evidence item) with their subject, out of sight of GraphQL and
 * JSON (a non-enumerable symbol); the field resolvers that serve those values read the tag to log
 * the read (src/privacy/accessFields.ts). Tagging costs nothing for a read that never selects them.
 */
export const SUBJECT = Symbol('personal data subject');

export interface Subject {
  personId: string;
  disputeId: string | null;
  caseNumber: string | null;
  /** The contact data is shown in full (not masked): only then is reading it a read of the data. */
  inFull: boolean;
}

export function withSubject<T extends object>(value: T, subject: Subject): T {
  Object.defineProperty(value, SUBJECT, { value: subject, enumerable: false });
  return value;
}

export const subjectOf = (value: unknown): Subject | undefined =>
  typeof value === 'object' && value !== null ? ((value as { [SUBJECT]?: Subject })[SUBJECT] ?? undefined) : undefined;
