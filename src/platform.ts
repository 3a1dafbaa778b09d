/**
 * The running platform without its HTTP edge: event store, read model, projections and the command
 * path. The server, the CLI and the tests build on it.
 */
import { join } from 'node:path';
import { allProjections } from '../projections/index.ts';
import { readQueries, type ReadQueries } from '../projections/queries.ts';
import { openReadModel, type ReadModelDb } from '../projections/readModel.ts';
import { ProjectionRunner, type ProjectionLogger } from '../projections/runner.ts';
import { openAuth, type Auth } from './auth/auth.ts';
import type { Config } from './config.ts';
import type { DisputeCommand } from './dispute/dispute.ts';
import { handleDisputeCommand, handleFiling, type CommandRequest, type CommandResult } from './dispute/handler.ts';
import { caseNumbersOf } from './intake/caseNumbers.ts';
import type { FileDispute } from './intake/commands.ts';
import { openEventStore, type StoreLogger } from './eventstore/open.ts';
import type { EventStore } from './eventstore/port.ts';
import { openSqliteKeyStore } from './privacy/keyStore.ts';
import { PrivateEventStore } from './privacy/store.ts';
import { mailDomain, openMailOutbox, type MailOutbox } from './mail/outbox.ts';
import { accessLog, type AccessLog } from './privacy/accessLog.ts';

export interface Platform {
  config: Config;
  /** The events as read by everyone (personal data opened, or ERASED): src/privacy/store.ts. */
  store: PrivateEventStore;
  /** The events as stored (sealed): what the hash chain covers, for audit verification. */
  rawStore: EventStore;
  readModel: ReadModelDb;
  queries: ReadQueries;
  runner: ProjectionRunner;
  /** Mail to send and sent (DATA_DIR/mail.sqlite, apart from the rebuildable read model). */
  mail: MailOutbox;
  /** Sign-in by e-mailed code. */
  auth: Auth;
  /** Who read whose personal data (events in the store, src/privacy/accessLog.ts). */
  accessLog: AccessLog;
  /** Decides and appends a command, then waits until the read model reflects it. */
  execute(disputeId: string, command: DisputeCommand, request: CommandRequest): Promise<CommandResult>;
  /** Files a new dispute (the command's disputeId is new); its case number is given once the filing is sure to succeed. */
  file(filing: Omit<FileDispute, 'caseNumber'>, request: CommandRequest): Promise<CommandResult>;
  close(): Promise<void>;
}

export async function openPlatform(config: Config, log?: ProjectionLogger & StoreLogger, store?: EventStore): Promise<Platform> {
  const given = store ?? (await openEventStore(config, log));
  const eventStore = given instanceof PrivateEventStore ? given : new PrivateEventStore(given, openSqliteKeyStore(join(config.dataDir, 'keys.sqlite')));
  const readModel = openReadModel(join(config.dataDir, 'readmodel.sqlite'));
  const runner = new ProjectionRunner(readModel, eventStore, allProjections(config.rules), log);
  const deps = { store: eventStore, clock: config.clock, rules: config.rules };
  const mail = openMailOutbox(join(config.dataDir, 'mail.sqlite'), { domain: mailDomain(config.mailFrom) });
  mail.startAt(await eventStore.headPosition());
  const auth = openAuth(config, eventStore);
  const caseNumbers = caseNumbersOf(eventStore);
  return {
    config,
    store: eventStore,
    rawStore: eventStore.raw,
    readModel,
    queries: readQueries(readModel),
    runner,
    mail,
    auth,
    accessLog: accessLog(eventStore, config.clock),
    async execute(disputeId, command, request) {
      const result = await handleDisputeCommand(deps, disputeId, command, request);
      await runner.waitFor(result.position);
      return result;
    },
    async file(filing, request) {
      const result = await handleFiling(deps, filing, request, caseNumbers.allocate);
      await runner.waitFor(result.position);
      return result;
    },
    async close() {
      await auth.close();
      await runner.stop();
      await eventStore.close();
      readModel.close();
      mail.close();
    },
  };
}
