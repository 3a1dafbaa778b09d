import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite.ts';
import { newId } from '../../../src/shared/ids.ts';
import { tempDir } from '../../support/server.ts';

const tick = (n: number) => ({ id: newId(), type: 'Tick', data: { n, nested: { list: [n] } }, metadata: { at: `t${n}` } });

describe('embedded store: streams read again', () => {
  it('gives every event of a stream read before, also those another connection appended since', async () => {
    const path = join(tempDir(), 'events.sqlite');
    const store = openSqliteEventStore({ path });
    const other = openSqliteEventStore({ path });
    try {
      await store.appendToStream('s-1', [tick(0), tick(1)], { expectedRevision: 'no_stream' });
      expect((await store.readStream('s-1')).map((e) => e.data)).toEqual([
        { n: 0, nested: { list: [0] } },
        { n: 1, nested: { list: [1] } },
      ]);
      await store.appendToStream('s-1', [tick(2)], { expectedRevision: 1 });
      // Another process (the CLI) on the same file.
      await other.appendToStream('s-1', [tick(3)], { expectedRevision: 2 });
      const all = await store.readStream('s-1');
      expect(all.map((e) => [e.revision, (e.data as { n: number }).n, e.metadata.at])).toEqual([
        [0, 0, 't0'],
        [1, 1, 't1'],
        [2, 2, 't2'],
        [3, 3, 't3'],
      ]);
      expect((await store.readStream('s-1', { fromRevision: 2 })).map((e) => e.revision)).toEqual([2, 3]);
      expect(await store.readStream('no-such-stream')).toEqual([]);
    } finally {
      await other.close();
      await store.close();
    }
  });

  it('reads again in full once another connection has written: an event altered in the file is seen', async () => {
    const path = join(tempDir(), 'events.sqlite');
    const store = openSqliteEventStore({ path });
    try {
      await store.appendToStream('s-1', [tick(0), tick(1)], { expectedRevision: 'no_stream' });
      expect((await store.readStream('s-1'))[1]!.data).toEqual({ n: 1, nested: { list: [1] } });
      const db = new DatabaseSync(path);
      db.prepare(`UPDATE events SET data = json_set(data, '$.n', 99) WHERE stream = 's-1' AND revision = 1`).run();
      db.close();
      expect((await store.readStream('s-1'))[1]!.data).toEqual({ n: 99, nested: { list: [1] } });
    } finally {
      await store.close();
    }
  });

  it('shares events read before frozen: changing one fails instead of changing what the next reader gets', async () => {
    const store = openSqliteEventStore({ path: join(tempDir(), 'events.sqlite') });
    try {
      await store.appendToStream('s-1', [tick(0)], { expectedRevision: 'no_stream' });
      const [event] = await store.readStream('s-1');
      expect(() => ((event!.data as { nested: { list: number[] } }).nested.list[0] = 9)).toThrow(TypeError);
      expect(() => (event!.metadata.at = 'changed')).toThrow(TypeError);
      const list = await store.readStream('s-1');
      list.push(list[0]!);
      expect((await store.readStream('s-1'))).toHaveLength(1);
      expect((await store.readStream('s-1'))[0]!.data).toEqual({ n: 0, nested: { list: [0] } });
    } finally {
      await store.close();
    }
  });
});
