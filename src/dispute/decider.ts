/**
 * The dispute decider, composed from the capabilities' commands and evolvers
 * (Emmett's { decide, evolve, initialState }). decide checks, in this order and for every command:
 * the dispute exists and the caller may see it (else NOT_FOUND), the caller's relation may issue the
 * command (else FORBIDDEN), the status allows it (else INVALID_TRANSITION); then the command's own rules.
 */
import type { RuleParameters } from '../rules/parameters.ts';
import { forbidden, invalidTransition, notFound } from '../shared/errors.ts';
import { relationOf, type Relation, type Viewer } from './access.ts';
import type { DisputeEvent, EventContext, StoredDisputeEvent } from './events.ts';
import { STATUSES, TERMINAL_STATUSES, type Role, type Status } from './model.ts';
import { initialState, type DisputeState } from './state.ts';

export interface DecisionContext {
  now: Date;
  viewer: Viewer;
  rules: RuleParameters;
  /** Fresh ids for things a command creates (offers, sessions...): injected to keep decide pure. */
  newId(): string;
}

export interface Decision {
  ctx: DecisionContext;
  relation: Relation;
}

export interface CommandSpec<Data> {
  /** Relations to the dispute that may issue it; none for the platform's own commands (SYSTEM, deadline reactors). */
  by: readonly Relation[];
  /** Statuses in which it is possible. */
  from: readonly Status[];
  decide(state: DisputeState, data: Data, decision: Decision): DisputeEvent[];
}

/** A command that creates the dispute: checked by role, since no relation exists yet. */
export interface CreationSpec<Data> {
  roles: readonly Role[];
  decide(state: DisputeState, data: Data, decision: { ctx: DecisionContext }): DisputeEvent[];
}

export const command = <Data>(spec: CommandSpec<Data>) => spec;

export type Evolvers<E extends DisputeEvent> = {
  [T in E['type']]: (state: DisputeState, data: Extract<E, { type: T }>['data'], meta: EventContext) => DisputeState;
};

/** Every status that is not terminal. */
export const OPEN_STATUSES: readonly Status[] = STATUSES.filter((status) => !TERMINAL_STATUSES.has(status));

export function checkAndDecide<Data>(
  spec: CommandSpec<Data>,
  name: string,
  state: DisputeState,
  data: Data,
  ctx: DecisionContext,
): DisputeEvent[] {
  const relation = relationOf(state, ctx.viewer);
  if (!relation) throw notFound();
  // The platform issues only its own commands (open to no relation): it never acts for a party or a neutral.
  const open = relation === 'SYSTEM' ? spec.by.length === 0 : spec.by.includes(relation);
  if (!open) throw forbidden(`${name} is not open to ${relation}`);
  if (!spec.from.includes(state.status)) throw invalidTransition(state.status, name);
  return spec.decide(state, data, { ctx, relation });
}

export function evolveWith(evolvers: Record<string, (s: DisputeState, d: never, m: EventContext) => DisputeState>) {
  return (state: DisputeState, event: StoredDisputeEvent): DisputeState => {
    const apply = evolvers[event.type];
    // An event type this version does not know (written by a newer one) leaves the state as it was.
    const next = apply ? apply(state, event.data as never, event.metadata) : state;
    return { ...next, version: state.version + 1, updatedAt: event.metadata.occurredAt };
  };
}

export const isTerminal = (state: DisputeState) => TERMINAL_STATUSES.has(state.status);

export function fold(
  evolve: (state: DisputeState, event: StoredDisputeEvent) => DisputeState,
  events: Iterable<StoredDisputeEvent>,
  id = '',
): DisputeState {
  let state = initialState(id);
  for (const event of events) state = evolve(state, event);
  return state;
}
