/** Registered institutions, for the public record and the search of `institutions`. */
import { INSTITUTION_STREAM_PREFIX, type InstitutionEvent } from '../src/accounts/events.ts';
import type { Projection } from './projection.ts';

export const institutionsProjection: Projection = {
  name: 'institutions',
  version: 1,
  streamPrefixes: [INSTITUTION_STREAM_PREFIX],
  tables: ['institutions'],
  schema: `
    CREATE TABLE IF NOT EXISTS institutions (
      seq     INTEGER PRIMARY KEY,
      id      TEXT NOT NULL UNIQUE,
      name    TEXT NOT NULL,
      code    TEXT NOT NULL UNIQUE,
      licence TEXT
    ) STRICT;`,
  attach(db) {
    const insert = db.prepare('INSERT OR IGNORE INTO institutions (id, name, code, licence) VALUES (?, ?, ?, ?)');
    return (events) => {
      for (const event of events as unknown as InstitutionEvent[]) {
        if (event.type !== 'InstitutionRegistered') continue;
        const { institutionId, name, code, licence } = event.data;
        insert.run(institutionId, name, code, licence ?? null);
      }
    };
  },
};
