/**
 * A store written before personal data was sealed (tests/fixtures/pre-pipl-f384a8d.json, written by
 * main's code at f384a8d): it reads as before, and the first erasure of a person in it seals their
 * values in place, recomputes the chain with an anchor naming the old head, then erases them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src/audit/hashChain.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Viewer } from '../../../src/dispute/access.ts';
import { disputeStream } from '../../../src/dispute/events.ts';
import type { NewEvent } from '../../../src/eventstore/port.ts';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { openPlatform, type Platform } from '../../../src/platform.ts';
import { erasePersonalData } from '../../../src/privacy/erase.ts';
import { manualClock } from '../../../src/shared/clock.ts';

interface Fixture {
  people: { consumer: string; other: string; clinic: string; mediator: string };
  disputes: [string, string];
  events: Array<NewEvent & { streamName: string }>;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/pre-pipl-f384a8d.json', import.meta.url), 'utf8')) as Fixture;
const [theirs, others] = fixture.disputes;
const THEIR_PLAINTEXT = ['上官婉儿', '13511112222', 'shangguan@old.cn', '苏州市姑苏区平江路12号', '双眼皮术后不对称，右眼无法闭合', '我至今右眼无法闭合，需要修复'];
const admin: Viewer = { userId: 'u-admin', role: 'ADMIN', name: '管理员' };

describe('the SQLite store rewriting a stream (for this migration only)', () => {
  it('replaces data and metadata in place, and refuses a stream that moved meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rewrite-'));
    const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    try {
      await store.appendToStream('s-1', [{ id: 'e1', type: 'T', data: { v: 'old' }, metadata: {} }]);
      await store.appendToStream('s-1', [{ id: 'e2', type: 'T', data: { v: 'later' }, metadata: {} }]);
      await expect(store.rewriteStream('s-1', [{ id: 'e1', data: { v: 'new' }, metadata: { m: 1 } }], 0)).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
      await store.rewriteStream('s-1', [{ id: 'e1', data: { v: 'new' }, metadata: { m: 1 } }], 1);
      const events = await store.readStream('s-1');
      expect(events.map((e) => [e.id, e.revision, e.data, e.metadata])).toEqual([['e1', 0, { v: 'new' }, { m: 1 }], ['e2', 1, { v: 'later' }, {}]]);
      expect(readFileSync(join(dir, 'events.sqlite')).includes(Buffer.from('"old"'))).toBe(false);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a store written before sealing', () => {
  let dir: string;
  let platform: Platform;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pre-pipl-'));
    const raw = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    // Through the raw port, in the order they were written: exactly as main stored them.
    for (const { streamName, ...event } of fixture.events) await raw.appendToStream(streamName, [event]);
    const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
    platform = await openPlatform({ ...loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'test' }), clock }, undefined, raw);
    await platform.runner.start();
  });
  afterEach(async () => {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads as before: the plaintext is shown and the chains verify', async () => {
    expect(platform.queries.dispute(theirs)?.claimant.name).toBe('上官婉儿');
    for (const id of fixture.disputes) expect(verifyChain(await platform.rawStore.readStream(disputeStream(id))).valid).toBe(true);
  });

  it("the first erasure seals the person's old values in place, recomputes the chain with an anchor, and erases them", async () => {
    const before = await platform.rawStore.readStream(disputeStream(theirs));
    const otherBefore = await platform.rawStore.readStream(disputeStream(others));

    const erasure = await erasePersonalData(platform, { personId: fixture.people.consumer, reason: '本人申请删除', by: admin, correlationId: 'test' });
    expect(erasure.disputeIds).toEqual([theirs]);
    expect(erasure.what).toEqual(expect.arrayContaining(['AccountCreated.email', 'DisputeFiled.claimant.idNumber', 'MessagePosted.body']));

    const after = await platform.rawStore.readStream(disputeStream(theirs));
    expect(verifyChain(after).valid).toBe(true);
    // Same events, same ids and revisions, then the anchor and the erasure.
    expect(after.slice(0, before.length).map((e) => [e.id, e.revision, e.type])).toEqual(before.map((e) => [e.id, e.revision, e.type]));
    expect(after.slice(before.length).map((e) => e.type)).toEqual(['PersonalDataResealed', 'PersonalDataErased']);
    expect(after[before.length]!.data).toMatchObject({
      personId: fixture.people.consumer,
      previousHeadHash: before.at(-1)!.metadata.hash,
      previousEventCount: before.length,
    });
    // The clinic's message and the mediator's name are not the consumer's: as they were.
    const opened = await platform.store.readStream(disputeStream(theirs));
    expect(opened.filter((e) => e.type === 'MessagePosted').map((e) => (e.data as { body: string }).body)).toEqual(['已删除', '诊所同意安排修复手术']);
    expect(opened.find((e) => e.type === 'MediatorAssigned')!.data).toMatchObject({ name: '赵调解' });
    expect(platform.queries.dispute(theirs)?.claimant).toMatchObject({ name: '已删除', phone: '已删除', address: '已删除' });

    // Another consumer's dispute is untouched: its events, hashes and plaintext as main wrote them.
    expect(await platform.rawStore.readStream(disputeStream(others))).toEqual(otherBefore);
    expect(platform.queries.dispute(others)?.claimant.name).toBe('独孤求败');

    // Nothing of theirs left in any file: events.sqlite, its -wal, the read model, keys...
    for (const file of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const bytes = readFileSync(join(file.parentPath, file.name));
      for (const text of THEIR_PLAINTEXT) expect(bytes.includes(Buffer.from(text, 'utf8')), `${file.name} holds ${text}`).toBe(false);
    }
    // The scan would see them: the other consumer's values, never erased, are still there in the clear.
    expect(readFileSync(join(dir, 'events.sqlite')).includes(Buffer.from('独孤求败', 'utf8'))).toBe(true);
  });
});
