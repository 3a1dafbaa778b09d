/**
 * The platform as a newcomer runs it: `node src/main.ts` and the CLI on the same DATA_DIR, over HTTP.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaint, graphql, runCli, spawnServer, tempDir, USCC, type SpawnedServer } from '../support/server.ts';

const FILE = `mutation($input: FileDisputeInput!) { fileDispute(input: $input) { id caseNumber status version deadlines { kind lastDay provisional } } }`;

async function cli(dataDir: string, ...args: string[]) {
  const result = await runCli(dataDir, args);
  if (result.code !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

describe('the running platform with its CLI', () => {
  const dataDir = tempDir();
  let server: SpawnedServer;
  let consumerToken: string;
  let officerToken: string;

  beforeAll(async () => {
    server = await spawnServer(dataDir);
    // The CLI works while the server runs, on the same files.
    await cli(dataDir, 'institution:create', '--name', '美丽医疗美容诊所', '--code', USCC[0]);
    await cli(dataDir, 'user:create', '--email', 'consumer@example.cn', '--name', '张三', '--role', 'CONSUMER');
    await cli(dataDir, 'user:create', '--email', 'officer@example.cn', '--name', '李四', '--role', 'INTAKE_OFFICER');
    consumerToken = await cli(dataDir, 'token', '--email', 'consumer@example.cn');
    officerToken = await cli(dataDir, 'token', '--email', 'officer@example.cn');
  });
  afterAll(() => server.stop());

  it('knows an account the moment the CLI has created it', async () => {
    const me = await graphql(server.url, consumerToken, '{ me { email name roles role } }');
    expect(me.data.me).toEqual({ email: 'consumer@example.cn', name: '张三', roles: ['CONSUMER'], role: 'CONSUMER' });
  });

  it('refuses a token that is not ours', async () => {
    const forged = consumerToken.slice(0, -4) + 'AAAA';
    const me = await graphql(server.url, forged, '{ me { id } }');
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of twelve concurrent accepts win', async () => {
    const filed = await graphql(server.url, consumerToken, FILE, { input: complaint() });
    const id = filed.data.fileDispute.id;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        graphql(server.url, officerToken, `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: MEDICAL_DISPUTE_MEDIATION) { status version } }`, { id }),
      ),
    );
    const won = answers.filter((a) => a.data?.acceptDispute);
    expect(won).toHaveLength(1);
    expect(won[0]!.data.acceptDispute).toEqual({ status: 'ACCEPTED', version: 1 });
    for (const lost of answers.filter((a) => !a.data?.acceptDispute)) {
      expect(['INVALID_TRANSITION', 'CONCURRENCY_CONFLICT']).toContain(lost.errors?.[0]?.extensions?.code);
    }
    const trail = await graphql(server.url, officerToken, `query($id: ID!) { auditTrail(disputeId: $id) { type } }`, { id });
    expect(trail.data.auditTrail.map((e: { type: string }) => e.type)).toEqual(['DisputeFiled', 'DisputeAccepted']);
  });

  it('gives unique, year-prefixed case numbers that stay as given', async () => {
    const filings = await Promise.all(Array.from({ length: 8 }, () => graphql(server.url, consumerToken, FILE, { input: complaint() })));
    const numbers = filings.map((f) => f.data.fileDispute.caseNumber as string);
    expect(new Set(numbers).size).toBe(8);
    for (const n of numbers) expect(n).toMatch(/^2026-YM-\d{6}$/);
    const again = await graphql(server.url, consumerToken, `query($n: String!) { disputeByCaseNumber(caseNumber: $n) { id caseNumber } }`, { n: numbers[0] });
    expect(again.data.disputeByCaseNumber).toEqual({ id: filings[0]!.data.fileDispute.id, caseNumber: numbers[0] });
  });

  it('verifies the hash chain, and names the first broken link once a stored event is altered', async () => {
    const filed = await graphql(server.url, consumerToken, FILE, { input: complaint() });
    const id = filed.data.fileDispute.id;
    await graphql(server.url, officerToken, `mutation($id: ID!) { requestInformation(disputeId: $id, message: "请补充病历") { status } }`, { id });
    await graphql(server.url, consumerToken, `mutation($id: ID!) { supplementInformation(disputeId: $id, text: "病历见附件") { status } }`, { id });

    expect((await runCli(dataDir, ['audit:verify', '--dispute', id])).code).toBe(0);
    const ok = await graphql(server.url, consumerToken, `query($id: ID!) { verifyAuditTrail(disputeId: $id) { valid checkedEvents firstBrokenPosition } }`, { id });
    expect(ok.data.verifyAuditTrail).toEqual({ valid: true, checkedEvents: 3, firstBrokenPosition: null });

    // Someone with access to the file rewrites what the consumer said.
    const db = new DatabaseSync(join(dataDir, 'events.sqlite'));
    db.prepare(`UPDATE events SET data = json_set(data, '$.text', '没有病历') WHERE stream = ? AND revision = 2`).run(`dispute-${id}`);
    db.close();

    const broken = await runCli(dataDir, ['audit:verify', '--dispute', id]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('position 2');
    const all = await runCli(dataDir, ['audit:verify']);
    expect(all.code).toBe(1);
    const bad = await graphql(server.url, consumerToken, `query($id: ID!) { verifyAuditTrail(disputeId: $id) { valid checkedEvents firstBrokenPosition } }`, { id });
    expect(bad.data.verifyAuditTrail).toEqual({ valid: false, checkedEvents: 3, firstBrokenPosition: 2 });
  });

  it('hides a dispute from another consumer exactly as an unknown one, also in lists', async () => {
    await cli(dataDir, 'user:create', '--email', 'other@example.cn', '--name', '王五', '--role', 'CONSUMER');
    const other = await cli(dataDir, 'token', '--email', 'other@example.cn');
    const filed = await graphql(server.url, consumerToken, FILE, { input: complaint() });
    const { id, caseNumber } = filed.data.fileDispute;
    const seen = await graphql(server.url, other, `query($id: ID!) { dispute(id: $id) { id } }`, { id });
    const unknown = await graphql(server.url, other, `query($id: ID!) { dispute(id: $id) { id } }`, { id: 'no-such-dispute' });
    expect(seen.errors).toEqual(unknown.errors);
    const byNumber = await graphql(server.url, other, `query($n: String!) { disputeByCaseNumber(caseNumber: $n) { id } }`, { n: caseNumber });
    expect(byNumber.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await graphql(server.url, other, `{ disputes { totalCount edges { node { id } } } }`);
    expect(list.data.disputes).toEqual({ totalCount: 0, edges: [] });
  });
});

describe('restarts, rebuilds and configuration', () => {
  it('resumes projections after a restart and rebuilds them to the same state', async () => {
    const dataDir = tempDir();
    await cli(dataDir, 'user:create', '--email', 'c@example.cn', '--name', '张三', '--role', 'CONSUMER');
    const token = await cli(dataDir, 'token', '--email', 'c@example.cn');
    let server = await spawnServer(dataDir);
    const first = await graphql(server.url, token, FILE, { input: complaint() });
    await server.stop();

    // While the server is down, nothing changes in the read model; on restart it catches up from its checkpoint.
    await cli(dataDir, 'user:create', '--email', 'o@example.cn', '--name', '李四', '--role', 'INTAKE_OFFICER');
    server = await spawnServer(dataDir);
    const officer = await cli(dataDir, 'token', '--email', 'o@example.cn');
    await graphql(server.url, officer, `mutation($id: ID!) { acceptDispute(disputeId: $id, procedure: CONSUMER_COMPLAINT_MEDIATION) { status } }`, { id: first.data.fileDispute.id });
    const before = await graphql(server.url, officer, `{ disputes { totalCount edges { node { id status version } } } }`);
    await server.stop();

    const dump = () => {
      const db = new DatabaseSync(join(dataDir, 'readmodel.sqlite'));
      const tables = ['disputes', 'dispute_keys', 'dispute_categories', 'deadlines', 'audit_trail', 'institutions'];
      const content = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
      db.close();
      return content;
    };
    const incremental = dump();
    const rebuilt = await runCli(dataDir, ['projections:rebuild']);
    expect(rebuilt.code).toBe(0);
    expect(dump()).toEqual(incremental);
    expect((incremental.disputes as unknown[]).length).toBe(1);

    server = await spawnServer(dataDir);
    const after = await graphql(server.url, officer, `{ disputes { totalCount edges { node { id status version } } } }`);
    expect(after).toEqual(before);
    await server.stop();
  });

  it('runs on a chosen date with FAKE_NOW, and refuses FAKE_NOW in production', async () => {
    const dataDir = tempDir();
    await cli(dataDir, 'user:create', '--email', 'c@example.cn', '--name', '张三', '--role', 'CONSUMER');
    const token = await cli(dataDir, 'token', '--email', 'c@example.cn');
    const server = await spawnServer(dataDir, { FAKE_NOW: '2026-09-30T10:00:00+08:00' });
    const filed = await graphql(server.url, token, FILE, { input: complaint({ occurredOn: '2026-09-01' }) });
    // 1–7 October are days off; Thu 8, Fri 9 and Saturday 10 October (a working day) count.
    expect(filed.data.fileDispute.deadlines).toEqual([{ kind: 'INTAKE_ACCEPTANCE', lastDay: '2026-10-10', provisional: false }]);
    await server.stop();

    await expect(spawnServer(tempDir(), { NODE_ENV: 'production', FAKE_NOW: '2026-09-30T10:00:00+08:00', JWT_SECRET: 'x'.repeat(40) })).rejects.toThrow(/FAKE_NOW/);
  });

  it('stops at start-up on a bad variable, naming it', async () => {
    await expect(spawnServer(tempDir(), { PORT: 'eighty' })).rejects.toThrow(/PORT/);
    await expect(spawnServer(tempDir(), { NODE_ENV: 'production' })).rejects.toThrow(/JWT_SECRET/);
    await expect(spawnServer(tempDir(), { EVENTSTORE_URL: 'http://localhost:2113' })).rejects.toThrow(/EVENTSTORE_URL/);
  });
});
