/**
 * The contract against a real EventStoreDB/KurrentDB (never a fake): EVENTSTORE_URL if set,
 * else a throwaway container when a container runtime is reachable, else a visible skip.
 */
import { afterAll, beforeAll, it } from 'vitest';
import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { openEsdbEventStore } from '../../src/eventstore/esdb.ts';
import { eventStoreContract } from './eventstore.contract.ts';

const IMAGE = process.env.EVENTSTORE_TEST_IMAGE ?? 'docker.eventstore.com/eventstore/eventstoredb-ee:24.10';
/** Runtime detection must never hold the test run up. */
const DETECTION_TIMEOUT_MS = 5_000;
const STARTUP_TIMEOUT_MS = 180_000;

type Target = { kind: 'url'; url: string } | { kind: 'container' } | { kind: 'none'; reason: string };

async function findTarget(): Promise<Target> {
  const url = process.env.EVENTSTORE_URL;
  if (url) return { kind: 'url', url };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${DETECTION_TIMEOUT_MS} ms`)), DETECTION_TIMEOUT_MS);
        timer.unref();
      }),
    ]);
    return { kind: 'container' };
  } catch (error) {
    return { kind: 'none', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const target = await findTarget();

if (target.kind === 'none') {
  const why = `no EVENTSTORE_URL and no container runtime reachable (${target.reason})`;
  console.log(`EventStoreDB contract skipped: ${why}`);
  it.skip(`EventStoreDB event store contract — skipped: ${why}`, () => {});
} else {
  let url = target.kind === 'url' ? target.url : '';
  let container: StartedTestContainer | undefined;

  if (target.kind === 'container') {
    beforeAll(async () => {
      // KurrentDB reads KURRENTDB_* options, EventStoreDB EVENTSTORE_*.
      const optionPrefix = /kurrentdb/i.test(IMAGE) ? 'KURRENTDB_' : 'EVENTSTORE_';
      const settings = { INSECURE: 'true', RUN_PROJECTIONS: 'None', MEM_DB: 'true', CLUSTER_SIZE: '1' };
      const environment = Object.fromEntries(
        Object.entries(settings).map(([key, value]) => [`${optionPrefix}${key}`, value]),
      );
      container = await new GenericContainer(IMAGE)
        .withEnvironment(environment)
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300))
        .withStartupTimeout(STARTUP_TIMEOUT_MS)
        .start();
      url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    }, STARTUP_TIMEOUT_MS + 60_000);
    afterAll(async () => {
      await container?.stop();
    }, 60_000);
  }

  eventStoreContract('EventStoreDB', async () => {
    const store = openEsdbEventStore(url);
    return { store, cleanup: () => store.close() };
  });
}
