import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { EventStore } from './port.ts';
import { openSqliteEventStore } from './sqlite.ts';

/** The configured store: EventStoreDB when EVENTSTORE_URL is set, else the embedded SQLite file. */
export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

export async function openEventStore(config: Pick<Config, 'eventStoreUrl' | 'dataDir'>, log?: StoreLogger): Promise<EventStore> {
  if (config.eventStoreUrl) {
    const { openEsdbEventStore } = await import('./esdb.ts');
    return openEsdbEventStore(config.eventStoreUrl, {
      onSubscriptionError: (err) => log?.warn({ err }, 'EventStoreDB subscription dropped; reconnecting'),
    });
  }
  return openSqliteEventStore({ path: join(config.dataDir, 'events.sqlite') });
}
