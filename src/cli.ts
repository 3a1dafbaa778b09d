/**
 * `npm run -s cli -- <command>` (API.md "Command line"). Same environment as the server; works while
 * it runs: writes go to the event store, which the server follows.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { allProjections } from '../projections/index.ts';
import { openReadModel } from '../projections/readModel.ts';
import { rebuildProjections } from '../projections/runner.ts';
import { createAccount, findAccountByEmail, findInstitutionByCode, registerInstitution } from './accounts/accounts.ts';
import { tokenSigner } from './accounts/tokens.ts';
import { verifyChain } from './audit/hashChain.ts';
import { verifyBundleFile } from './bundle/verify.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DISPUTE_STREAM_PREFIX, disputeStream } from './dispute/events.ts';
import { AUTHORITY_KINDS, ROLES } from './dispute/model.ts';
import { openEventStore } from './eventstore/open.ts';
import type { EventStore } from './eventstore/port.ts';
import { openSqliteKeyStore } from './privacy/keyStore.ts';
import { PrivateEventStore, rawStoreOf } from './privacy/store.ts';
import { isValidUscc } from './rules/identity.ts';
import { DomainError } from './shared/errors.ts';

class UsageError extends Error {}

const USAGE = `usage: npm run -s cli -- <command>
  user:create --email E --name N --role R [--institution CODE] [--court NAME] [--authority KIND] [--coordinator] [--phone P]
  token --email E [--role R]
  institution:create --name N --code USCC [--licence L]
  projections:rebuild [NAME]
  audit:verify [--dispute ID]
  bundle:verify FILE.pdf`;

const options = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  institution: { type: 'string' },
  court: { type: 'string' },
  authority: { type: 'string' },
  coordinator: { type: 'boolean' },
  phone: { type: 'string' },
  code: { type: 'string' },
  licence: { type: 'string' },
  dispute: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function required(values: Values, name: keyof Values): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value.trim();
}

const out = (line: string) => process.stdout.write(`${line}\n`);

const commands: Record<string, (config: Config, store: EventStore, values: Values, positionals: string[]) => Promise<number>> = {
  async 'user:create'(config, store, values) {
    const role = z.enum(ROLES).safeParse(required(values, 'role'));
    if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const attributes: Record<string, unknown> = {};
    if (role.data === 'RESPONDENT') {
      const code = required(values, 'institution').toUpperCase();
      const institution = await findInstitutionByCode(store, code);
      if (!institution) throw new UsageError(`no institution with code ${code}: create it first (institution:create)`);
      Object.assign(attributes, { institutionId: institution.id, institutionCode: institution.code });
    }
    if (role.data === 'COURT') attributes.court = required(values, 'court');
    if (role.data === 'REGULATOR') {
      const authority = z.enum(AUTHORITY_KINDS).safeParse(required(values, 'authority'));
      if (!authority.success) throw new UsageError(`--authority must be one of ${AUTHORITY_KINDS.join(', ')}`);
      attributes.authority = authority.data;
    }
    if (role.data === 'LEGAL_AID_LAWYER') attributes.coordinator = values.coordinator ?? false;
    const { id } = await createAccount(store, config.clock, {
      email: required(values, 'email'),
      name: required(values, 'name'),
      ...(values.phone ? { phone: values.phone } : {}),
      role: role.data,
      ...attributes,
    });
    out(id);
    return 0;
  },

  async token(config, store, values) {
    const account = await findAccountByEmail(store, required(values, 'email'));
    if (!account) throw new UsageError('no account with this e-mail address');
    const role = values.role ?? account.roles[0]!;
    if (!account.roles.includes(role as never)) throw new UsageError(`the account does not have the role ${role}`);
    out(tokenSigner(config.jwtSecret)({ sub: account.id, role: role as never }));
    return 0;
  },

  async 'institution:create'(config, store, values) {
    const code = required(values, 'code').toUpperCase();
    if (!isValidUscc(code)) throw new UsageError('--code is not a valid unified social credit code (GB 32100 check character)');
    const { id } = await registerInstitution(store, config.clock, {
      name: required(values, 'name'),
      code,
      ...(values.licence ? { licence: values.licence } : {}),
    });
    out(id);
    return 0;
  },

  async 'projections:rebuild'(config, store, _values, [name]) {
    const projections = allProjections(config.rules).filter((p) => !name || p.name === name);
    if (projections.length === 0) {
      throw new UsageError(`no projection ${name}; known: ${allProjections(config.rules).map((p) => p.name).join(', ')}`);
    }
    const db = openReadModel(join(config.dataDir, 'readmodel.sqlite'));
    // Deadlines and statistics read the dispute summary: its tables must exist even when only they are rebuilt.
    for (const projection of allProjections(config.rules)) db.exec(projection.schema);
    try {
      const { events, ms } = await rebuildProjections(db, store, projections);
      const { total, ...parts } = ms;
      out(`rebuilt ${projections.map((p) => p.name).join(', ')} from ${events} events in ${total} ms (${Object.entries(parts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    } finally {
      db.close();
    }
    return 0;
  },

  async 'audit:verify'(_config, privateStore, values) {
    const store = rawStoreOf(privateStore);
    const streams = values.dispute ? [disputeStream(values.dispute)] : await disputeStreams(store);
    let broken = 0;
    for (const stream of streams) {
      const events = await store.readStream(stream);
      if (events.length === 0) throw new UsageError(`no dispute ${values.dispute}`);
      const result = verifyChain(events);
      if (!result.valid) {
        broken++;
        out(`BROKEN ${stream} at position ${result.firstBrokenPosition} (event ${events[result.firstBrokenPosition!]?.id ?? '?'})`);
      }
    }
    out(broken === 0 ? `OK: ${streams.length} dispute stream(s) verified` : `${broken} of ${streams.length} stream(s) broken`);
    return broken === 0 ? 0 : 1;
  },
};

/** Needs no store or configuration: a bundle is checked offline, from the file alone. */
async function bundleVerify([file]: string[]): Promise<number> {
  if (!file) throw new UsageError('usage: bundle:verify FILE.pdf');
  const result = await verifyBundleFile(file);
  for (const problem of result.problems) out(`ALTERED ${problem}`);
  out(result.valid ? `OK: ${result.checkedFiles} embedded file(s) and ${result.checkedEvents} chained event(s) verified` : `${result.problems.length} problem(s) found`);
  return result.valid ? 0 : 1;
}

async function disputeStreams(store: EventStore): Promise<string[]> {
  const streams = new Set<string>();
  let after = 0n;
  for (;;) {
    const events = await store.readAll({ after, maxCount: 5000, streamPrefixes: [DISPUTE_STREAM_PREFIX] });
    if (events.length === 0) break;
    for (const e of events) streams.add(e.streamName);
    after = events.at(-1)!.position;
  }
  return [...streams];
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'bundle:verify') {
    try {
      return await bundleVerify(rest);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
  }
  const run = name ? commands[name] : undefined;
  if (!run) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let store: EventStore | undefined;
  try {
    const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    const config = loadConfig();
    // Personal data opened on reads and sealed on appends (src/privacy); audit:verify checks the stored form.
    store = new PrivateEventStore(await openEventStore(config), openSqliteKeyStore(join(config.dataDir, 'keys.sqlite')));
    return await run(config, store, values, positionals);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  } finally {
    await store?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
