/**
 * The dispute decider: every capability's commands and evolvers in one registry.
 * Add a capability by spreading its `...Commands` and `...Evolvers` here.
 */
import { arbitrationCommands } from '../arbitration/commands.ts';
import { arbitrationEvolvers } from '../arbitration/evolve.ts';
import { bundleCommands } from '../bundle/commands.ts';
import { bundleEvolvers } from '../bundle/evolve.ts';
import { confirmationCommands } from '../confirmation/commands.ts';
import { confirmationEvolvers } from '../confirmation/evolve.ts';
import { evidenceCommands } from '../evidence/commands.ts';
import { evidenceEvolvers } from '../evidence/evolve.ts';
import { fileDispute, intakeCommands, type FileDispute } from '../intake/commands.ts';
import { intakeEvolvers } from '../intake/evolve.ts';
import { legalAidCommands } from '../legalaid/commands.ts';
import { legalAidEvolvers } from '../legalaid/evolve.ts';
import { mediationCommands } from '../mediation/commands.ts';
import { mediationEvolvers } from '../mediation/evolve.ts';
import { erasureEvolvers } from '../privacy/evolve.ts';
import { performanceCommands } from '../performance/commands.ts';
import { performanceEvolvers } from '../performance/evolve.ts';
import { settlementCommands } from '../settlement/commands.ts';
import { settlementEvolvers } from '../settlement/evolve.ts';
import { forbidden } from '../shared/errors.ts';
import { typicalCaseCommands } from '../typicalcases/commands.ts';
import { typicalCaseEvolvers } from '../typicalcases/evolve.ts';
import { checkAndDecide, evolveWith, fold, type CommandSpec, type DecisionContext } from './decider.ts';
import type { DisputeEvent, StoredDisputeEvent } from './events.ts';
import type { DisputeState } from './state.ts';

export const disputeCommands = {
  ...intakeCommands,
  ...settlementCommands,
  ...confirmationCommands,
  ...arbitrationCommands,
  ...evidenceCommands,
  ...performanceCommands,
  ...legalAidCommands,
  ...mediationCommands,
  ...bundleCommands,
  ...typicalCaseCommands,
};

type Registry = typeof disputeCommands;
type DataOf<S> = S extends CommandSpec<infer D> ? D : never;

export type DisputeCommand =
  | { type: 'fileDispute'; data: FileDispute }
  | { [K in keyof Registry]: { type: K; data: DataOf<Registry[K]> } }[keyof Registry];

export type CommandName = DisputeCommand['type'];

export function decide(state: DisputeState, command: DisputeCommand, ctx: DecisionContext): DisputeEvent[] {
  if (command.type === 'fileDispute') {
    if (!fileDispute.roles.some((role) => role === ctx.viewer.role)) throw forbidden('only a consumer files a complaint');
    return fileDispute.decide(state, command.data, { ctx });
  }
  const spec = disputeCommands[command.type] as CommandSpec<unknown>;
  return checkAndDecide(spec, command.type, state, command.data, ctx);
}

export const evolve = evolveWith({
  ...intakeEvolvers,
  ...settlementEvolvers,
  ...confirmationEvolvers,
  ...arbitrationEvolvers,
  ...evidenceEvolvers,
  ...performanceEvolvers,
  ...legalAidEvolvers,
  ...mediationEvolvers,
  ...bundleEvolvers,
  ...typicalCaseEvolvers,
  ...erasureEvolvers,
});

export const foldDispute = (events: Iterable<StoredDisputeEvent>, id?: string) => fold(evolve, events, id);
