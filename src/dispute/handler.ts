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
import type { FileDispute } from '../intake/commands.ts';
import { sealerOf } from '../privacy/store.ts';

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

/** Decides on `state` and prepares what to append: metadata and ids (sealed and chained after). Pure but for ids; throws a refusal. */
function prepare(state: DisputeState, lastHash: string, command: DisputeCommand, request: CommandRequest, ctx: DecisionContext, commandId: string) {
  const decided = decide(state, command, ctx);
  const relation = relationOf(state, request.viewer);
  const metadata: Omit<EventMetadata, 'hash' | 'previousHash'> = {
    actor: actorFor(state, request.viewer),
    occurredAt: ctx.now.toISOString(),
    correlationId: request.correlationId,
    causationId: request.causationId ?? commandId,
    schemaVersion: 1,
  };
  const events: NewEvent[] = decided.map((event, i) => ({
    id: request.idempotencyKey ? idFromKey(`${request.idempotencyKey}/${i}`) : newId(),
    type: event.type,
    data: event.data,
    metadata,
  }));
  return { relation, events };
}

/**
 * Seals the personal fields (src/privacy) and then chains the hashes, so that the chain covers the
 * stored ciphertext. Returns what to append and the same events with their plaintext, for the fold.
 */
async function sealAndChain(store: EventStore, state: DisputeState, events: NewEvent[], lastHash: string) {
  const claimantId = state.exists ? state.claimant.userId : undefined;
  const stored = chain(await sealerOf(store)(events, claimantId), lastHash, state.version + 1);
  const plain = stored.map((event, i) => ({ ...event, data: events[i]!.data }));
  return { stored, plain };
}

/** Links each event to the one before (metadata.previousHash, metadata.hash), from revision `first` on. */
export function chain(events: NewEvent[], lastHash: string, first: number): NewEvent[] {
  let previousHash = lastHash;
  return events.map((event, i) => {
    const { hash: _, ...rest } = event.metadata;
    const metadata = { ...rest, previousHash };
    const hash = chainHash(previousHash, { type: event.type, data: event.data, metadata, revision: first + i });
    previousHash = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

function decisionContext(deps: CommandDeps, request: CommandRequest): DecisionContext {
  let entityIds = 0;
  return {
    now: deps.clock.now(),
    viewer: request.viewer,
    rules: deps.rules,
    // Deterministic under an idempotency key, so a repeated command creates the same entities.
    newId: () => (request.idempotencyKey ? idFromKey(`${request.idempotencyKey}/entity/${entityIds++}`) : newId()),
  };
}

function applied(state: DisputeState, events: NewEvent[]) {
  const appended = events.map((event, i) => ({ ...event, revision: state.version + 1 + i }));
  let next = state;
  for (const event of appended) next = evolve(next, event as unknown as StoredDisputeEvent);
  return { state: next, appended };
}

export async function handleDisputeCommand(
  deps: CommandDeps,
  disputeId: string,
  command: DisputeCommand,
  request: CommandRequest,
): Promise<CommandResult> {
  const commandId = newId();
  for (let attempt = 1; ; attempt++) {
    const { state, lastHash, position } = await loadDispute(deps.store, disputeId);
    const { relation, events } = prepare(state, lastHash, command, request, decisionContext(deps, request), commandId);
    if (events.length === 0) return { state, relation, position, appended: [] };
    const { stored, plain } = await sealAndChain(deps.store, state, events, lastHash);
    try {
      const result = await deps.store.appendToStream(disputeStream(disputeId), stored, {
        expectedRevision: state.version < 0 ? 'no_stream' : state.version,
      });
      return { ...applied(state, plain), relation, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw concurrencyConflict();
    }
  }
}

/** Stands for the case number while the filing is decided; of the same form as a real one. */
const PENDING_CASE_NUMBER = '0000-YM-000000';
/** Appends of a prepared filing retried on a failure of the store before its number is given up. */
const FILING_APPEND_ATTEMPTS = 3;

/**
 * Files a new dispute. No command appends anything before it is sure to succeed, and a case number is
 * an append: so the filing is decided and prepared in full first (sealed and chained, with a stand-in
 * number), a refusal burns no number, and only then is the number allocated, written into the
 * prepared event and chained again. The dispute id is new, so its append can only fail with the
 * store: it is retried with the same event ids (idempotent) before the error is passed on.
 */
export async function handleFiling(
  deps: CommandDeps,
  filing: Omit<FileDispute, 'caseNumber'>,
  request: CommandRequest,
  allocateCaseNumber: (now: Date, disputeId: string) => Promise<string>,
): Promise<CommandResult> {
  const { disputeId } = filing;
  const state = initialState(disputeId);
  const ctx = decisionContext(deps, request);
  const command: DisputeCommand = { type: 'fileDispute', data: { ...filing, caseNumber: PENDING_CASE_NUMBER } };
  const { relation, events } = prepare(state, GENESIS_HASH, command, request, ctx, newId());
  // Sealed and chained before the number is allocated: content the chain cannot hold burns no number.
  const pending = await sealAndChain(deps.store, state, events, GENESIS_HASH);
  const caseNumber = await allocateCaseNumber(ctx.now, disputeId);
  const numbered = <E extends NewEvent>(list: E[]) =>
    list.map((event) => (event.type === 'DisputeFiled' ? { ...event, data: { ...(event.data as object), caseNumber } } : event));
  const stored = chain(numbered(pending.stored), GENESIS_HASH, 0);
  const plain = stored.map((event, i) => ({ ...event, data: numbered(pending.plain)[i]!.data }));
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await deps.store.appendToStream(disputeStream(disputeId), stored, { expectedRevision: 'no_stream' });
      return { ...applied(state, plain), relation, position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedRevision) throw concurrencyConflict('a dispute with this id exists');
      if (attempt >= FILING_APPEND_ATTEMPTS) throw error;
    }
  }
}

/**
 * Appends events the platform records on a dispute outside its decider (a personal-data erasure):
 * chained like every other event, retried on a conflict. `make` gets the current state.
 */
export async function appendRecord(store: EventStore, disputeId: string, make: (state: DisputeState) => NewEvent[]): Promise<bigint> {
  for (let attempt = 1; ; attempt++) {
    const { state, lastHash } = await loadDispute(store, disputeId);
    const { stored } = await sealAndChain(store, state, make(state), lastHash);
    try {
      return (await store.appendToStream(disputeStream(disputeId), stored, { expectedRevision: state.version })).position;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** The actor recorded on events; a legal-aid lawyer acts on behalf of the consumer. */
function actorFor(state: DisputeState, viewer: Viewer): Actor {
  const actor: Actor = { userId: viewer.userId, role: viewer.role };
  if (state.exists && relationOf(state, viewer) === 'CLAIMANT_LAWYER') actor.onBehalfOf = state.claimant.userId;
  return actor;
}
