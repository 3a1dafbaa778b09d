/**
 * Evidence (DOMAIN.md 2.9): files a party or the mediator submits to the record. The file itself
 * arrives over HTTP (routes.ts) and is checked and stored by content (content.ts, storage.ts); these
 * commands record it. Nothing is ever deleted: a party marks its own item withdrawn, and every
 * download is an event of its own.
 */
import { z } from 'zod';
import { PARTY_RELATIONS, sideOf, type Relation } from '../dispute/access.ts';
import { command, OPEN_STATUSES } from '../dispute/decider.ts';
import { EVIDENCE_KINDS, STATUSES, type Actor, type PartySide } from '../dispute/model.ts';
import type { DisputeState, EvidenceItem } from '../dispute/state.ts';
import { evidenceVisibleTo } from '../dispute/view.ts';
import { badInput, DomainError, forbidden, notFound } from '../shared/errors.ts';
import { id, text } from '../shared/validation.ts';


/** The multipart fields sent before the file, all strings on the wire. */
export const evidenceFields = z.object({
  kind: z.enum(EVIDENCE_KINDS, { error: `应为 ${EVIDENCE_KINDS.join(', ')} 之一 / must be one of ${EVIDENCE_KINDS.join(', ')}` }),
  description: text(2000),
  caucus: z
    .enum(['true', 'false'], { error: '应为 true 或 false / must be true or false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type EvidenceFields = z.output<typeof evidenceFields>;

export const evidenceInputs = {
  withdrawEvidence: z.object({ evidenceId: id }),
};

export interface SubmitEvidence extends EvidenceFields {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/**
 * The name a file is shown and downloaded under: the last path segment, without control, bidi
 * (which can disguise "gnp.exe" as "exe.png") or file-system-special characters; never empty.
 */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '')
    .split(/[/\\]/)
    .at(-1)!
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069"*:<>?|]/g, '')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return [...base].slice(0, 200).join('') || 'evidence';
}

/** The side an item belongs to: the party (or its lawyer) who submitted it; none for the mediator's. */
function submitterSide(actor: Actor): PartySide | undefined {
  if (actor.role === 'CONSUMER' || actor.role === 'LEGAL_AID_LAWYER') return 'CLAIMANT';
  if (actor.role === 'RESPONDENT') return 'RESPONDENT';
  return undefined;
}

const caucusOf = (item: EvidenceItem) => (item.caucusSide ? { caucusSide: item.caucusSide } : {});

function visibleItem(state: DisputeState, evidenceId: string, relation: Relation): EvidenceItem {
  const item = evidenceVisibleTo(state, evidenceId, relation);
  // Caucus material of the other side is as unknown as a wrong id.
  if (!item) throw notFound('evidence');
  return item;
}

/** Every relation to a dispute: reading evidence follows what each may see of it (view.ts). */
export const ANY_RELATION: readonly Relation[] = [
  ...PARTY_RELATIONS,
  'INTAKE',
  'MEDIATOR',
  'ARBITRATOR',
  'COURT',
  'REGULATOR',
  'LEGAL_AID_COORDINATOR',
];

export const evidenceCommands = {
  submitEvidence: command<SubmitEvidence>({
    // The parties, and the mediator (an expert opinion, a record of a site visit).
    by: [...PARTY_RELATIONS, 'MEDIATOR'],
    from: OPEN_STATUSES,
    decide(_, { caucus, kind, description, fileName, mediaType, size, sha256 }, { ctx, relation }) {
      const side = sideOf(relation);
      if (caucus && !side) {
        throw badInput([{ path: 'caucus', message: "单方会谈材料属于一方当事人；调解员的材料双方可见 / caucus material belongs to a party; the mediator's is seen by both" }]);
      }
      return [
        {
          type: 'EvidenceSubmitted',
          data: { evidenceId: ctx.newId(), kind, description, fileName, mediaType, size, sha256, ...(caucus ? { caucusSide: side } : {}) },
        },
      ];
    },
  }),

  withdrawEvidence: command<{ evidenceId: string }>({
    by: PARTY_RELATIONS,
    from: OPEN_STATUSES,
    decide(state, { evidenceId }, { relation }) {
      const item = visibleItem(state, evidenceId, relation);
      if (submitterSide(item.submittedBy) !== sideOf(relation)) {
        throw forbidden('只有提交证据的一方可以撤回 / only the side that submitted it may withdraw it');
      }
      if (item.withdrawn) throw new DomainError('INVALID_TRANSITION', '该证据已撤回 / already withdrawn', { status: state.status });
      return [{ type: 'EvidenceWithdrawn', data: { evidenceId, ...caucusOf(item) } }];
    },
  }),

  downloadEvidence: command<{ evidenceId: string }>({
    by: ANY_RELATION,
    // Reading the record is always possible, closed cases included; only the download is recorded.
    from: STATUSES,
    decide(state, { evidenceId }, { relation }) {
      const item = visibleItem(state, evidenceId, relation);
      return [{ type: 'EvidenceDownloaded', data: { evidenceId, ...caucusOf(item) } }];
    },
  }),
};
