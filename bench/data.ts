/** Benchmark data: realistic dispute streams with metadata and the hash chain. */
import { newId } from '../src/shared/ids.ts';
import { chainHash, GENESIS_HASH } from '../src/audit/hashChain.ts';
import type { EventStore, NewEvent } from '../src/eventstore/port.ts';

/** The complaint every benchmark files: over HTTP as the GraphQL input, in process as the command's data. */
export const COMPLAINT = {
  respondent: { name: '美丽医疗美容诊所', code: '91440300MA5F0JXC83' },
  categories: ['MEDICAL_INJURY' as const],
  procedure: '玻尿酸注射',
  occurredOn: '2026-02-01',
  place: '深圳市福田区',
  description: '注射后出现血管栓塞，诊所拒绝承担责任。',
  amountPaidFen: 1_280_000,
  remedies: [{ kind: 'REFUND' as const, amountFen: 1_280_000 }],
  claimant: { name: '张三', phone: '13912341111' },
};

/**
 * A realistic stream of dispute events: filed, accepted, messages, offers... with metadata and hash chain.
 * `personal`: a consumer of its own per dispute, and every other event a message they wrote (personal
 * data in half the events), for the cost of sealing (src/privacy).
 */
export function disputeEvents(disputes: number, perDispute: number, personal = false): Array<{ stream: string; events: NewEvent[] }> {
  const at = new Date('2026-03-02T02:00:00Z');
  return Array.from({ length: disputes }, (_, d) => {
    const id = newId();
    const consumer = personal ? `u-consumer-${d}` : 'u-consumer';
    const actor = { userId: consumer, role: 'CONSUMER' };
    const types: Array<[string, unknown]> = [
      ['DisputeFiled', {
        disputeId: id, caseNumber: `2026-YM-${String(d + 1).padStart(6, '0')}`,
        claimant: { userId: consumer, name: '张三', phone: '13912341111' },
        respondent: { institutionId: 'inst-1', name: '美丽医疗美容诊所', code: '91440300MA5F0JXC83' },
        categories: ['MEDICAL_INJURY'], procedure: '玻尿酸注射', occurredOn: '2026-02-01', description: '注射后出现血管栓塞',
        amountPaidFen: 1_280_000, remedies: [{ kind: 'REFUND', amountFen: 1_280_000 }], limitationWarning: false,
      }],
      ['DisputeAccepted', { procedure: 'MEDICAL_DISPUTE_MEDIATION' }],
    ];
    for (let i = types.length; i < perDispute; i++) {
      if (personal && i % 2) types.push(['MessagePosted', { messageId: newId(), body: `我的情况是这样的：术后第 ${i} 天仍然肿胀，希望诊所给个说法。` }]);
      else types.push(i % 2 ? ['InformationRequested', { message: `请补充材料 ${i}` }] : ['ReferredToAuthority', { referralId: newId(), authority: 'HEALTH', categories: ['MEDICAL_INJURY'], note: '移送' }]);
    }
    return { stream: `dispute-${id}`, events: chained(types.map(([type, data]) => ({ id: newId(), type, data, metadata: {} })), actor, at) };
  });
}

/** The same streams with their personal data sealed before the chain, as the command handler writes them. */
export async function sealedStreams(streams: Array<{ stream: string; events: NewEvent[] }>, seal: (events: NewEvent[], claimantId: string) => Promise<NewEvent[]>) {
  const at = new Date('2026-03-02T02:00:00Z');
  const out: Array<{ stream: string; events: NewEvent[] }> = [];
  for (const { stream, events } of streams) {
    const claimant = (events[0]!.data as { claimant: { userId: string } }).claimant.userId;
    const bare = events.map(({ metadata: _, ...event }) => ({ ...event, metadata: { actor: { userId: claimant, role: 'CONSUMER' } } }));
    out.push({ stream, events: chained(await seal(bare, claimant), { userId: claimant, role: 'CONSUMER' }, at) });
  }
  return out;
}

function chained(events: NewEvent[], actor: { userId: string; role: string }, at: Date): NewEvent[] {
  let previousHash = GENESIS_HASH;
  return events.map(({ id, type, data }, revision) => {
    const metadata = { actor, occurredAt: new Date(at.getTime() + revision * 60_000).toISOString(), correlationId: 'bench', causationId: 'bench', schemaVersion: 1, previousHash };
    const hash = chainHash(previousHash, { type, data, metadata, revision });
    previousHash = hash;
    return { id, type, data, metadata: { ...metadata, hash } };
  });
}


export async function fillStore(store: EventStore, streams: Array<{ stream: string; events: NewEvent[] }>): Promise<void> {
  for (let i = 0; i < streams.length; i += 500) {
    await Promise.all(streams.slice(i, i + 500).map((b) => store.appendToStream(b.stream, b.events, { expectedRevision: 'no_stream' })));
  }
}
