import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { EventStore } from './port.ts';
import { openSqliteEventStore } from './sqlite.ts';

/** The configured store: EventStoreDB when EVENTSTORE_URL is set, else the embedded SQLite file. */
export async function openEventStore(config: Pick<Config, 'eventStoreUrl' | 'dataDir'>): Promise<EventStore> {
  if (config.eventStoreUrl) {
    const { openEsdbEventStore } = await import('./esdb.ts');
    return openEsdbEventStore(config.eventStoreUrl);
  }
  return openSqliteEventStore({ path: join(config.dataDir, 'events.sqlite') });
}
