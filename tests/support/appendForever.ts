/**
 * Child process for the crash test: appends three-event batches from many concurrent writers to
 * the SQLite store and prints the id of each batch once its append is acknowledged. Runs until killed.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../../src/eventstore/sqlite.ts';

const store = openSqliteEventStore({ path: process.argv[2]! });
const writers = 16;

async function writer(n: number) {
  for (let i = 0; ; i++) {
    const batch = randomUUID();
    const events = [0, 1, 2].map((k) => ({ id: `${batch}-${k}`, type: 'Tick', data: { n, i, k, pad: 'x'.repeat(200) }, metadata: {} }));
    await store.appendToStream(`crash-${n}`, events, { expectedRevision: i === 0 ? 'no_stream' : i * 3 - 1 });
    process.stdout.write(`${batch}\n`);
  }
}

await Promise.all(Array.from({ length: writers }, (_, n) => writer(n)));
