/**
 * Where personal data sits in events (PIPL Art. 4, 28: names, contact data, ID numbers, addresses,
 * medical details and what a person wrote), and whose it is: the one table to review when an event
 * changes. The listed fields of an event are stored sealed under their data subject's key, in one
 * envelope (envelope.ts, store.ts); erasing the subject deletes the key, and the fields then read as ERASED.
 *
 * Only text is listed: a value whose type the domain relies on (amounts, dates, enums, ids, hashes)
 * is not personal by itself and must keep its type after erasure.
 */
import { DISPUTE_STREAM_PREFIX } from '../dispute/events.ts';

/**
 * Whose data a field is:
 * - `claimant`: the consumer of the dispute (the filing names them; later events take them from the state);
 * - `actor`: who wrote it (for a lawyer acting for the consumer, the consumer);
 * - `{ data }`: the person id at this path of the event's data.
 */
export type SubjectOf = 'claimant' | 'actor' | { data: string };

export interface PersonalFields {
  subject: SubjectOf;
  /** Dotted paths into the event's data; a missing value is skipped. */
  paths: readonly string[];
}

export const PERSONAL_DATA: Readonly<Record<string, PersonalFields>> = {
  // intake
  DisputeFiled: {
    subject: { data: 'claimant.userId' },
    paths: ['claimant.name', 'claimant.phone', 'claimant.idNumber', 'claimant.address', 'procedure', 'place', 'description'],
  },
  InformationSupplemented: { subject: 'claimant', paths: ['text'] },
  DisputeWithdrawn: { subject: 'claimant', paths: ['reason'] },
  // mediation: the claimant's treatment and its appraisal; what each person wrote
  SessionRecorded: { subject: 'claimant', paths: ['minutes'] },
  AppraisalRequested: { subject: 'claimant', paths: ['subject'] },
  AppraisalCompleted: { subject: 'claimant', paths: ['result'] },
  MessagePosted: { subject: 'actor', paths: ['body'] },
  MediatorReplacementRequested: { subject: 'actor', paths: ['reason'] },
  MediatorAssigned: { subject: { data: 'mediatorId' }, paths: ['name'] },
  // Settlement and arbitration agreement texts name the claimant and describe the treatment; their
  // SHA-256 stays in the clear beside them (what was signed). The award's text is not sealed: no hash
  // of it is recorded, and a bundle's chain proof ties the award file to its event by the text itself.
  AgreementDrafted: { subject: 'claimant', paths: ['terms', 'text'] },
  AgreementDeclined: { subject: 'actor', paths: ['reason'] },
  ArbitrationAgreementSigned: { subject: 'claimant', paths: ['text'] },
  ArbitrationCommenced: { subject: 'claimant', paths: ['agreementText'] },
  ArbitratorAppointed: { subject: { data: 'arbitratorId' }, paths: ['name'] },
  // legal aid: the applicant's circumstances (income, health)
  LegalAidApplied: { subject: 'claimant', paths: ['circumstances'] },
  LegalAidLawyerAssigned: { subject: { data: 'lawyerId' }, paths: ['name'] },
  // evidence: what the file is and its name (the bytes are deleted on erasure)
  EvidenceSubmitted: { subject: 'actor', paths: ['fileName', 'description'] },
  // accounts
  AccountCreated: { subject: { data: 'accountId' }, paths: ['email', 'name', 'phone'] },
};

/** Streams whose personal data is sealed by the command handler, before the hash chain covers it. */
export const CHAINED_STREAM_PREFIXES: readonly string[] = [DISPUTE_STREAM_PREFIX];

export function valueAt(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A copy of `data` with the value at `path` replaced (the path's objects are copied, nothing is mutated). */
export function withValueAt(data: unknown, path: string, value: unknown): unknown {
  const [head, ...rest] = path.split('.');
  const object = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return { ...object, [head!]: rest.length === 0 ? value : withValueAt(object[head!], rest.join('.'), value) };
}

interface SubjectContext {
  metadata: Record<string, unknown>;
  /** The dispute's consumer, for `claimant` fields after the filing. */
  claimantId?: string;
}

/** The person a field belongs to, or undefined when it cannot be told (then the field stays as it is). */
export function subjectOf(spec: PersonalFields, data: unknown, context: SubjectContext): string | undefined {
  const actor = context.metadata.actor as { userId?: string; role?: string; onBehalfOf?: string } | undefined;
  let subject: unknown;
  if (spec.subject === 'claimant') subject = context.claimantId;
  else if (spec.subject === 'actor') subject = actor?.role === 'SYSTEM' ? undefined : (actor?.onBehalfOf ?? actor?.userId);
  else subject = valueAt(data, spec.subject.data);
  return typeof subject === 'string' && subject !== '' ? subject : undefined;
}
