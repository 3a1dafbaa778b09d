/**
 * Personal data sealed in the stored events: the handler seals before it chains, the decorator opens
 * on every read, and deleting one subject's key erases that subject only, the chain still valid.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, getAccount } from '../../../src/accounts/accounts.ts';
import { verifyChain } from '../../../src/audit/hashChain.ts';
import type { Viewer } from '../../../src/dispute/access.ts';
import { disputeStream } from '../../../src/dispute/events.ts';
import { handleDisputeCommand, type CommandDeps } from '../../../src/dispute/handler.ts';
import type { EventStore } from '../../../src/eventstore/port.ts';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { ERASED, isEnvelope } from '../../../src/privacy/envelope.ts';
import { openSqliteKeyStore } from '../../../src/privacy/keyStore.ts';
import { PrivateEventStore } from '../../../src/privacy/store.ts';
import { RULES } from '../../../src/rules/parameters.ts';
import { manualClock } from '../../../src/shared/clock.ts';
import { people } from '../../support/decider.ts';
import { filing } from '../dispute/model.helpers.ts';

const FILED_AT = new Date('2026-03-02T02:00:00Z');

describe('sealed personal data in the event store', () => {
  let dir: string;
  let raw: EventStore;
  let store: PrivateEventStore;
  let deps: CommandDeps;
  const as = (viewer: Viewer) => ({ viewer, correlationId: 'test' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-store-'));
    raw = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    store = new PrivateEventStore(raw, openSqliteKeyStore(join(dir, 'keys.sqlite')));
    deps = { store, clock: manualClock(FILED_AT), rules: RULES };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function fileAndTalk(disputeId: string) {
    await handleDisputeCommand(deps, disputeId, filing(disputeId, FILED_AT), as(people.consumer));
    await handleDisputeCommand(deps, disputeId, { type: 'acceptDispute', data: { procedure: 'MEDICAL_DISPUTE_MEDIATION' } }, as(people.officer));
    await handleDisputeCommand(deps, disputeId, { type: 'answerMediationInvitation', data: { consent: true } }, as(people.respondent));
    await handleDisputeCommand(deps, disputeId, { type: 'assignMediator', data: { mediatorId: people.mediator.userId, name: '调解员甲' } }, as(people.officer));
    await handleDisputeCommand(deps, disputeId, { type: 'postMessage', data: { body: '诊所的答复：愿意退款' } }, as(people.respondent));
  }

  it('stores the complaint sealed, reads it in the clear, and the chain covers what is stored', async () => {
    await fileAndTalk('d-1');
    const stored = await raw.readStream(disputeStream('d-1'));
    const bytes = JSON.stringify(stored.map(({ data, metadata }) => ({ data, metadata })));
    for (const plain of ['张三', '13912341111', '11010519491231002X', '深圳市福田区', '注射后出现血管栓塞', '玻尿酸注射', '愿意退款', '调解员甲']) {
      expect(bytes).not.toContain(plain);
    }
    const filed = stored[0]!.data as { claimant: { name?: unknown; userId: string }; amountPaidFen: number; $pii: unknown };
    // One envelope per event holds its personal fields; they are absent from the stored data.
    expect(isEnvelope(filed.$pii)).toBe(true);
    expect(filed.claimant.name).toBeNull();
    // Ids and amounts keep their type: they are not sealed.
    expect(filed.claimant.userId).toBe(people.consumer.userId);
    expect(filed.amountPaidFen).toBe(1_280_000);
    expect(verifyChain(stored).valid).toBe(true);

    const read = await store.readStream(disputeStream('d-1'));
    expect((read[0]!.data as { claimant: { name: string } }).claimant.name).toBe('张三');
    expect((read.at(-1)!.data as { body: string }).body).toBe('诊所的答复：愿意退款');
    expect(read.map((e) => e.metadata.hash)).toEqual(stored.map((e) => e.metadata.hash));
  });

  it("erases one subject by deleting their key: their fields read 已删除, everyone else's stay, the chain still verifies", async () => {
    await fileAndTalk('d-1');
    expect(await store.keys.delete(people.consumer.userId)).toBe(true);
    const read = await store.readStream(disputeStream('d-1'));
    const filed = read[0]!.data as { claimant: Record<string, string>; description: string; amountPaidFen: number };
    expect(filed.claimant).toMatchObject({ userId: people.consumer.userId, name: ERASED, phone: ERASED, idNumber: ERASED, address: ERASED });
    expect(filed.description).toBe(ERASED);
    expect(filed.amountPaidFen).toBe(1_280_000);
    // The clinic's message and the mediator's name are theirs, not the consumer's.
    expect((read.at(-1)!.data as { body: string }).body).toBe('诊所的答复：愿意退款');
    expect((read[3]!.data as { name: string }).name).toBe('调解员甲');
    expect(verifyChain(await raw.readStream(disputeStream('d-1'))).valid).toBe(true);
    // The dispute goes on; the decider folds the erased values like any others.
    const result = await handleDisputeCommand(deps, 'd-1', { type: 'postMessage', data: { body: '诊所的补充' } }, as(people.respondent));
    expect(result.state.claimant.name).toBe(ERASED);
    expect(verifyChain(await raw.readStream(disputeStream('d-1'))).valid).toBe(true);
  });

  it('an erased person heard of again gets a new key: what the old one sealed stays erased', async () => {
    await fileAndTalk('d-1');
    await store.keys.delete(people.consumer.userId);
    await handleDisputeCommand(deps, 'd-1', { type: 'postMessage', data: { body: '我还在等答复' } }, as(people.consumer));
    const read = await store.readStream(disputeStream('d-1'));
    expect((read[0]!.data as { claimant: { name: string } }).claimant.name).toBe(ERASED);
    expect((read.at(-1)!.data as { body: string }).body).toBe('我还在等答复');
  });

  it('seals account data on append (no chain there) and opens it on read', async () => {
    const { id } = await createAccount(store, deps.clock, { email: 'zhang@example.cn', name: '张三丰', phone: '13800138000', role: 'CONSUMER' });
    expect(JSON.stringify((await raw.readAll()).map((e) => e.data))).not.toMatch(/zhang@example|张三丰|13800138000/);
    expect(await getAccount(store, id)).toMatchObject({ email: 'zhang@example.cn', name: '张三丰', phone: '13800138000' });
    await store.keys.delete(id);
    expect(await getAccount(store, id)).toMatchObject({ email: ERASED, name: ERASED, phone: ERASED });
  });

  it('reads events written before sealing existed as they are', async () => {
    const disputeId = 'legacy-1';
    await handleDisputeCommand({ ...deps, store: raw }, disputeId, filing(disputeId, FILED_AT), as(people.consumer));
    const read = await store.readStream(disputeStream(disputeId));
    expect((read[0]!.data as { claimant: { name: string } }).claimant.name).toBe('张三');
    expect(verifyChain(read).valid).toBe(true);
  });

  it('leaves no copy of a deleted key in keys.sqlite or its -wal', async () => {
    const { kid, key } = await store.keys.keyFor('p-gone');
    const { kid: keptKid, key: kept } = await store.keys.keyFor('p-kept');
    await store.keys.delete('p-gone');
    const files = readdirSync(dir).filter((f) => f.startsWith('keys.sqlite'));
    const contents = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    expect(contents.includes(key)).toBe(false);
    expect(contents.includes(kept)).toBe(true);
    const left = await store.keys.keysOf([kid, keptKid]);
    expect([left.has(kid), left.has(keptKid)]).toEqual([false, true]);
    // Heard of again, the subject gets a new key, never the old one back.
    expect((await store.keys.keyFor('p-gone')).kid).not.toBe(kid);
  });
});
