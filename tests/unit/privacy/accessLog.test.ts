import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../../../src/dispute/access.ts';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { accessLog, accessStream, shownReads } from '../../../src/privacy/accessLog.ts';
import { manualClock } from '../../../src/shared/clock.ts';
import { tempDir } from '../../support/server.ts';

const mediator: Viewer = { userId: 'u-mediator', role: 'MEDIATOR', name: '王调解' };
const read = (personId: string, field: 'claimant.phone' | 'claimant.address' = 'claimant.phone') => ({ personId, disputeId: 'd1', caseNumber: '2026-YM-000001', field });

describe('the access log', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const open = () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    const appends: string[] = [];
    const append = store.appendToStream.bind(store);
    // The real store, counting its appends.
    store.appendToStream = (stream, events, options) => (appends.push(stream), append(stream, events, options));
    return { store, appends, log: accessLog(store, manualClock(new Date('2026-11-16T02:00:00Z'))) };
  };

  it('records the reads of one turn as one append per person, each field once per request, at the clock’s time', async () => {
    const { store, appends, log } = open();
    await Promise.all([
      log.record(mediator, [read('p1'), read('p1')], 'GRAPHQL', 'r1'),
      log.record(mediator, [read('p1', 'claimant.address')], 'GRAPHQL', 'r1'),
      log.record(mediator, [read('p2')], 'GRAPHQL', 'r1'),
      // Another request reading the same field at the same instant is another read.
      log.record(mediator, [read('p1')], 'GRAPHQL', 'r2'),
    ]);
    expect(appends.sort()).toEqual([accessStream('p1'), accessStream('p2')]);
    const entries = await log.entriesOf('p1');
    expect(entries.map((e) => [e.field, e.readerId, e.at])).toEqual([
      ['claimant.phone', 'u-mediator', '2026-11-16T02:00:00.000Z'],
      ['claimant.address', 'u-mediator', '2026-11-16T02:00:00.000Z'],
      ['claimant.phone', 'u-mediator', '2026-11-16T02:00:00.000Z'],
    ]);
    // What is stored names ids and the field, no one's name.
    expect(JSON.stringify((await store.readStream(accessStream('p1'))).map((e) => e.data))).not.toContain('王调解');
    await store.close();
  });

  it('records nothing for a person reading their own data', async () => {
    const { store, appends, log } = open();
    await log.record({ userId: 'p1', role: 'CONSUMER', name: '张三' }, [read('p1')], 'GRAPHQL', 'r1');
    expect(appends).toEqual([]);
    await store.close();
  });

  it('fails the read when the entry cannot be stored: nothing is served unlogged', async () => {
    const { store, log } = open();
    await store.close();
    await expect(log.record(mediator, [read('p1')], 'GRAPHQL', 'r1')).rejects.toThrow();
  });

  it('lists what a view shows: contact data only in full, every evidence item, files where attached', () => {
    const view = { id: 'd1', caseNumber: 'N', claimant: { phone: '139****1111', idNumber: null, address: null }, evidence: [{ id: 'e1' }, { id: 'e2' }] };
    expect(shownReads(view, 'p1', false, new Set(['e2'])).map((r) => [r.field, r.ref])).toEqual([
      ['evidence.description', 'e1'],
      ['evidence.description', 'e2'],
      ['evidence.file', 'e2'],
    ]);
    const full = { ...view, claimant: { phone: '13912341111', idNumber: '110101199003074514', address: null } };
    expect(shownReads(full, 'p1', true).map((r) => r.field)).toEqual(['claimant.phone', 'claimant.idNumber', 'evidence.description', 'evidence.description']);
  });
});
