/**
 * The access log is durable before the answer: a server killed (kill -9) right after answering a
 * read of someone's phone still has the entry when it comes back on the same DATA_DIR.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/accounts.ts';
import { tokenSigner } from '../../src/accounts/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { openEventStore } from '../../src/eventstore/open.ts';
import { complaint, graphql, spawnServer, tempDir, type SpawnedServer } from '../support/server.ts';

const LOG = `query($p: ID!) { personalDataAccessLog(personId: $p, first: 100) { totalCount edges { node { reader { userId } field } } } }`;

describe('the access log across kill -9', () => {
  const dataDir = tempDir('yimei-access-crash-');
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
  let server: SpawnedServer | undefined;

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every entry whose answer was sent', { timeout: 60_000 }, async () => {
    const store = await openEventStore(config);
    const consumer = await createAccount(store, config.clock, { email: 'consumer@access.test.cn', name: '张三', role: 'CONSUMER' });
    const officer = await createAccount(store, config.clock, { email: 'officer@access.test.cn', name: '李受理', role: 'INTAKE_OFFICER' });
    await store.close();
    const sign = tokenSigner(config.jwtSecret);
    const consumerToken = sign({ sub: consumer.id, role: 'CONSUMER' });
    const officerToken = sign({ sub: officer.id, role: 'INTAKE_OFFICER' });

    server = await spawnServer(dataDir, { LOG_LEVEL: 'warn' });
    const filed = await graphql(server.url, consumerToken, `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id } }`, { input: complaint() });
    expect(filed.errors).toBeUndefined();
    const id = filed.data.fileDispute.id;
    const reads = 5;
    for (let i = 0; i < reads; i++) {
      const read = await graphql(server.url, officerToken, `query($id: ID!) { dispute(id: $id) { claimant { phone } } }`, { id });
      expect(read.data.dispute.claimant.phone).not.toContain('*');
    }
    // Killed at once after the last answer: nothing gets flushed later.
    const exited = new Promise((resolve) => server!.process.once('exit', resolve));
    server.process.kill('SIGKILL');
    await exited;

    server = await spawnServer(dataDir, { LOG_LEVEL: 'warn' });
    const log = await graphql(server.url, consumerToken, LOG, { p: consumer.id });
    expect(log.errors).toBeUndefined();
    expect(log.data.personalDataAccessLog.totalCount).toBe(reads);
    expect(log.data.personalDataAccessLog.edges.every((e: any) => e.node.reader.userId === officer.id && e.node.field === 'claimant.phone')).toBe(true);
  });
});
