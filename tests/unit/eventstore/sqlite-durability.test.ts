import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { NODE, ROOT, tempDir } from '../../support/server.ts';

describe('embedded store: durability and group commit', () => {
  it('loses no acknowledged event and shows no half-written append after kill -9', async () => {
    const path = join(tempDir(), 'events.sqlite');
    const child = spawn(NODE, ['tests/support/appendForever.ts', path], { cwd: ROOT });
    const acknowledged: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        acknowledged.push(...lines.filter(Boolean));
        // Kill it in the middle of its work, with appends in flight.
        if (acknowledged.length >= 2000) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.stderr.on('data', (d) => reject(new Error(String(d))));
      child.on('exit', () => resolve());
    });
    await new Promise((r) => child.once('close', r));
    expect(acknowledged.length).toBeGreaterThanOrEqual(2000);

    const db = new DatabaseSync(path);
    const ids = new Set((db.prepare('SELECT id FROM events').all() as Array<{ id: string }>).map((r) => r.id));
    for (const batch of acknowledged) for (const k of [0, 1, 2]) expect(ids.has(`${batch}-${k}`)).toBe(true);
    // Every stream holds whole batches, revisions 0..n-1 without a gap, positions 1..N without a gap.
    const streams = db.prepare('SELECT stream, count(*) AS n, max(revision) AS top FROM events GROUP BY stream').all() as Array<{ n: number; top: number }>;
    for (const s of streams) {
      expect(s.n % 3).toBe(0);
      expect(s.top).toBe(s.n - 1);
    }
    const { n, top } = db.prepare('SELECT count(*) AS n, max(position) AS top FROM events').get() as { n: number; top: number };
    expect(top).toBe(n);
    db.close();
  });

  it('commits many concurrent appends in one transaction, acknowledging each only once durable', async () => {
    const path = join(tempDir(), 'events.sqlite');
    const store = openSqliteEventStore({ path });
    const reader = new DatabaseSync(path);
    const count = () => (reader.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const versions = new Set<number>();
    const dataVersion = () => (reader.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
    versions.add(dataVersion());
    const seenAtAck: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.appendToStream(`group-${i}`, [{ id: `g-${i}`, type: 'T', data: {}, metadata: {} }], { expectedRevision: 'no_stream' }).then(() => {
          // Another connection sees the event when the caller is told it is appended.
          seenAtAck.push(count());
          versions.add(dataVersion());
        }),
      ),
    );
    expect(seenAtAck.every((n) => n === 50)).toBe(true);
    // data_version changes once per commit by another connection: one change for fifty appends.
    expect(versions.size).toBe(2);
    await store.close();
    reader.close();
  });

  it('checks each grouped append on its own: one stale caller fails, the others commit', async () => {
    const store = openSqliteEventStore({ path: join(tempDir(), 'events.sqlite') });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        store.appendToStream('contested', [{ id: `c-${i}`, type: 'Accepted', data: {}, metadata: {} }], { expectedRevision: 'no_stream' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(11).fill('CONCURRENCY_CONFLICT'));
    expect(await store.readStream('contested')).toHaveLength(1);
    await store.close();
  });
});
