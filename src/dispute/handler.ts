/**
 * The command handler: read the stream, fold, decide, chain the hashes, append with the expected
 * revision. A conflict means another command won meanwhile: decide again on the fresh state
 * (which may now refuse with INVALID_TRANSITION), a few times, then give up with CONCURRENCY_CONFLICT.
 */
import { chainHash, GENESIS_HASH } from '../audit/hashChain.ts';
import { WrongExpectedRevision, type EventStore, type NewEvent } from '../eventstore/port.ts';
import type { RuleParameters } from '../rules/parameters.ts';
import type { Clock } from '../shared/clock.ts';
import { concurrencyConflict } from '../shared/errors.ts';
import { idFromKey, newId } from '../shared/ids.ts';
import { relationOf, type Relation, type Viewer } from './access.ts';
import type { DecisionContext } from './decider.ts';
import { decide, evolve, type DisputeCommand } from './dispute.ts';
import { disputeStream, type EventMetadata, type StoredDisputeEvent } from './events.ts';
import type { Actor } from './model.ts';
import { initialState, type DisputeState } from './state.ts';

export interface CommandDeps {
  store: EventStore;
  clock: Clock;
  rules: RuleParameters;
}

export interface CommandRequest {
  viewer: Viewer;
  correlationId: string;
  /** What caused the command: the request's command id, or the event or deadline a reactor acts on. */
  causationId?: string;
  /**
   * Makes the appended event ids a function of this key, so that issuing the same command again
   * (a reactor after a crash) appends nothing new.
   */
  idempotencyKey?: string;
}

export interface CommandResult {
  state: DisputeState;
  /** The caller's relation to the dispute when the command was decided. */
  relation?: Relation;
  /** Global position of the last event appended (or of the stream's last event when nothing was). */
  position: bigint;
  appended: Array<NewEvent & { revision: number }>;
}

const MAX_ATTEMPTS = 5;

export async function loadDispute(store: EventStore, disputeId: string) {
  const events = await store.readStream(disputeStream(disputeId));
  let state = initialState(disputeId);
  for (const event of events) state = evolve(state, event as unknown as StoredDisputeEvent);
  const last = events.at(-1);
  return { state, events, lastHash: (last?.metadata.hash as string | undefined) ?? GENESIS_HASH, position: last?.position ?? 0n };
}

export async function handleDisputeCommand(
  deps: CommandDeps,
  disputeId: string,
  command: DisputeCommand,
  request: CommandRequest,
): Promise<CommandResult> {
  const commandId = newId();
  let entityIds = 0;
  for (let attempt = 1; ; attempt++) {
    const { state, lastHash, position } = await loadDispute(deps.store, disputeId);
    const now = deps.clock.now();
    const ctx: DecisionContext = {
      now,
      viewer: request.viewer,
      rules: deps.rules,
      // Deterministic under an idempotency key, so a repeated command creates the same entities.
      newId: () => (request.idempotencyKey ? idFromKey(`${request.idempotencyKey}/entity/${entityIds++}`) : newId()),
    };
    const decided = decide(state, command, ctx);
    const relation = relationOf(state, request.viewer);
    if (decided.length === 0) return { state, relation, position, appended: [] };

    const actor = actorFor(state, request.viewer);
    let previousHash = lastHash;
    const events: NewEvent[] = decided.map((event, i) => {
      const revision = state.version + 1 + i;
      const metadata: Omit<EventMetadata, 'hash'> = {
        actor,
        occurredAt: now.toISOString(),
        correlationId: request.correlationId,
        causationId: request.causationId ?? commandId,
        schemaVersion: 1,
        previousHash,
      };
      const hash = chainHash(previousHash, { type: event.type, data: event.data, metadata, revision });
      previousHash = hash;
      const id = request.idempotencyKey ? idFromKey(`${request.idempotencyKey}/${i}`) : newId();
      return { id, type: event.type, data: event.data, metadata: { ...metadata, hash } };
    });

    try {
      const result = await deps.store.appendToStream(disputeStream(disputeId), events, {
        expectedRevision: state.version < 0 ? 'no_stream' : state.version,
      });
      const appended = events.map((event, i) => ({ ...event, revision: state.version + 1 + i }));
      let next = state;
      for (const event of appended) next = evolve(next, event as unknown as StoredDisputeEvent);
      return { state: next, relation, position: result.position, appended };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw concurrencyConflict();
    }
  }
}

/** The actor recorded on events; a legal-aid lawyer acts on behalf of the consumer. */
function actorFor(state: DisputeState, viewer: Viewer): Actor {
  const actor: Actor = { userId: viewer.userId, role: viewer.role };
  if (state.exists && relationOf(state, viewer) === 'CLAIMANT_LAWYER') actor.onBehalfOf = state.claimant.userId;
  return actor;
}
