/**
 * Accounts: who may be written to, in which roles and for which institution, court or authority.
 * The mail reactor looks recipients up here. No phone numbers: nothing here needs them.
 */
import { ACCOUNT_STREAM_PREFIX, type AccountEvent } from '../src/accounts/events.ts';
import type { AuthorityKind, Role } from '../src/dispute/model.ts';
import type { Projection } from './projection.ts';
import type { ReadModelDb } from './readModel.ts';

export const accountsProjection: Projection = {
  name: 'accounts',
  version: 1,
  streamPrefixes: [ACCOUNT_STREAM_PREFIX],
  tables: ['accounts'],
  schema: `
    CREATE TABLE IF NOT EXISTS accounts (
      seq              INTEGER PRIMARY KEY,
      id               TEXT NOT NULL UNIQUE,
      email            TEXT NOT NULL,
      name             TEXT NOT NULL,
      roles            TEXT NOT NULL,
      institution_id   TEXT,
      institution_code TEXT,
      court            TEXT,
      authority        TEXT,
      coordinator      INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX IF NOT EXISTS accounts_institution_id ON accounts (institution_id);
    CREATE INDEX IF NOT EXISTS accounts_institution_code ON accounts (institution_code);
    CREATE INDEX IF NOT EXISTS accounts_court ON accounts (court);`,

  attach(db) {
    const create = db.prepare(`
      INSERT OR IGNORE INTO accounts (id, email, name, roles, institution_id, institution_code, court, authority, coordinator)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // A granted role brings its attributes; those it does not name stay (as getAccount folds them).
    const grant = db.prepare(`
      UPDATE accounts SET
        roles = CASE WHEN EXISTS (SELECT 1 FROM json_each(roles) WHERE value = :role) THEN roles ELSE json_insert(roles, '$[#]', :role) END,
        institution_id = coalesce(:institutionId, institution_id),
        institution_code = coalesce(:institutionCode, institution_code),
        court = coalesce(:court, court),
        authority = coalesce(:authority, authority),
        coordinator = coalesce(:coordinator, coordinator)
      WHERE id = :id`);
    return (events) => {
      for (const event of events) {
        const e = event as unknown as AccountEvent;
        if (e.type === 'AccountCreated') {
          const d = e.data;
          create.run(d.accountId, d.email, d.name, JSON.stringify([d.role]), d.institutionId ?? null, d.institutionCode ?? null, d.court ?? null, d.authority ?? null, d.coordinator ? 1 : 0);
        } else if (e.type === 'RoleGranted') {
          const d = e.data;
          grant.run({
            id: event.streamName.slice(ACCOUNT_STREAM_PREFIX.length),
            role: d.role,
            institutionId: d.institutionId ?? null,
            institutionCode: d.institutionCode ?? null,
            court: d.court ?? null,
            authority: d.authority ?? null,
            coordinator: d.coordinator === undefined ? null : d.coordinator ? 1 : 0,
          });
        }
      }
    };
  },
};

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  institutionId?: string;
  institutionCode?: string;
  court?: string;
  authority?: AuthorityKind;
  coordinator: boolean;
}

const toAccount = (r: Record<string, unknown>): AccountRow => ({
  id: r.id as string,
  email: r.email as string,
  name: r.name as string,
  roles: JSON.parse(r.roles as string) as Role[],
  ...(r.institution_id ? { institutionId: r.institution_id as string } : {}),
  ...(r.institution_code ? { institutionCode: r.institution_code as string } : {}),
  ...(r.court ? { court: r.court as string } : {}),
  ...(r.authority ? { authority: r.authority as AuthorityKind } : {}),
  coordinator: r.coordinator === 1,
});

const hasRole = `EXISTS (SELECT 1 FROM json_each(roles) WHERE value = ?)`;

/** Lookups of the accounts read model. */
export function accountQueries(db: ReadModelDb) {
  const byId = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const ofInstitution = db.prepare(
    `SELECT * FROM accounts WHERE ${hasRole} AND ((institution_id IS NOT NULL AND institution_id = ?) OR (institution_code IS NOT NULL AND institution_code = ?)) ORDER BY seq`,
  );
  const ofCourt = db.prepare(`SELECT * FROM accounts WHERE ${hasRole} AND court = ? ORDER BY seq`);
  const withRole = db.prepare(`SELECT * FROM accounts WHERE ${hasRole} ORDER BY seq`);
  const all = (rows: unknown[]) => (rows as Array<Record<string, unknown>>).map(toAccount);
  return {
    account: (id: string) => {
      const row = byId.get(id) as Record<string, unknown> | undefined;
      return row ? toAccount(row) : undefined;
    },
    /** Staff of an institution, matched by its id or its credit code (as the respondent's grants are). */
    respondentStaff: (institutionId: string | undefined, code: string | undefined) =>
      institutionId || code ? all(ofInstitution.all('RESPONDENT', institutionId ?? null, code?.toUpperCase() ?? null)) : [],
    courtStaff: (court: string) => all(ofCourt.all('COURT', court)),
    withRole: (role: Role) => all(withRole.all(role)),
    legalAidCoordinators: () => all(withRole.all('LEGAL_AID_LAWYER')).filter((a) => a.coordinator),
  };
}

export type AccountQueries = ReturnType<typeof accountQueries>;
