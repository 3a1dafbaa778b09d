/**
 * The running platform without its HTTP edge: event store, read model, projections and the command
 * path. The server, the CLI and the tests build on it.
 */
import { join } from 'node:path';
import { allProjections } from '../projections/index.ts';
import { readQueries, type ReadQueries } from '../projections/queries.ts';
import { openReadModel, type ReadModelDb } from '../projections/readModel.ts';
import { ProjectionRunner, type ProjectionLogger } from '../projections/runner.ts';
import type { Config } from './config.ts';
import type { DisputeCommand } from './dispute/dispute.ts';
import { handleDisputeCommand, type CommandRequest, type CommandResult } from './dispute/handler.ts';
import { openEventStore } from './eventstore/open.ts';
import type { EventStore } from './eventstore/port.ts';

export interface Platform {
  config: Config;
  store: EventStore;
  readModel: ReadModelDb;
  queries: ReadQueries;
  runner: ProjectionRunner;
  /** Decides and appends a command, then waits until the read model reflects it. */
  execute(disputeId: string, command: DisputeCommand, request: CommandRequest): Promise<CommandResult>;
  close(): Promise<void>;
}

export async function openPlatform(config: Config, log?: ProjectionLogger, store?: EventStore): Promise<Platform> {
  const eventStore = store ?? (await openEventStore(config));
  const readModel = openReadModel(join(config.dataDir, 'readmodel.sqlite'));
  const runner = new ProjectionRunner(readModel, eventStore, allProjections(config.rules), log);
  const deps = { store: eventStore, clock: config.clock, rules: config.rules };
  return {
    config,
    store: eventStore,
    readModel,
    queries: readQueries(readModel),
    runner,
    async execute(disputeId, command, request) {
      const result = await handleDisputeCommand(deps, disputeId, command, request);
      await runner.waitFor(result.position);
      return result;
    },
    async close() {
      await runner.stop();
      await eventStore.close();
      readModel.close();
    },
  };
}
