/**
 * The server side of the HTTP benchmark: the real app on a data set, plus a bare Fastify route that
 * returns the same dispute straight from the read model (the limit for the GraphQL layer).
 */
import { tokenSigner } from '../src/accounts/tokens.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createAccount, viewerFor } from '../src/accounts/accounts.ts';
import type { DisputeCommand } from '../src/dispute/dispute.ts';
import { handleDisputeCommand } from '../src/dispute/handler.ts';
import { openPlatform } from '../src/platform.ts';
import { newId } from '../src/shared/ids.ts';
import { COMPLAINT } from './data.ts';

// Rate limits off: the load generator is one client hammering on purpose.
const config = loadConfig({ DATA_DIR: process.argv[2]!, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_PERSON: '0' });
const platform = await openPlatform(config);
await platform.runner.start();
const app = await buildApp(platform, { logger: false });

const { id } = await createAccount(platform.store, config.clock, { email: 'bench@example.cn', name: '张三', role: 'CONSUMER' });
const account = { id, email: 'bench@example.cn', name: '张三', roles: ['CONSUMER' as const], createdAt: '' };
const viewer = viewerFor(account, 'CONSUMER');

const officerAccount = await createAccount(platform.store, config.clock, { email: 'officer@example.cn', name: '李受理', role: 'INTAKE_OFFICER' });
const mediatorAccount = await createAccount(platform.store, config.clock, { email: 'mediator@example.cn', name: '王调解', role: 'MEDIATOR' });
const staff = (accountId: string, email: string, name: string, role: 'INTAKE_OFFICER' | 'MEDIATOR') =>
  viewerFor({ id: accountId, email, name, roles: [role], createdAt: '' }, role);
const officer = staff(officerAccount.id, 'officer@example.cn', '李受理', 'INTAKE_OFFICER');
const deps = { store: platform.store, clock: config.clock, rules: config.rules };
const request = (by: typeof viewer) => ({ viewer: by, correlationId: 'bench' });

// Filings: some data, and the read-model lag of each (appended → visible to queries).
const lags: number[] = [];
const filed: string[] = [];
let disputeId = '';
for (let i = 0; i < 300; i++) {
  disputeId = newId();
  const filing: DisputeCommand = {
    type: 'fileDispute',
    data: { disputeId, caseNumber: `2026-YM-${String(i + 1).padStart(6, '0')}`, ...COMPLAINT },
  };
  const result = await handleDisputeCommand(deps, disputeId, filing, request(viewer));
  const appended = performance.now();
  await platform.runner.waitFor(result.position);
  lags.push(performance.now() - appended);
  filed.push(disputeId);
}
lags.sort((a, b) => a - b);

// One dispute per connection of the command load, accepted and with a mediator: the consumer may post messages.
const messaging = filed.slice(0, 64);
for (const id of messaging) {
  await handleDisputeCommand(deps, id, { type: 'acceptDispute', data: { procedure: 'MEDICAL_DISPUTE_MEDIATION' } } as DisputeCommand, request(officer));
  const result = await handleDisputeCommand(deps, id, { type: 'assignMediator', data: { mediatorId: mediatorAccount.id, name: '王调解' } } as DisputeCommand, request(officer));
  await platform.runner.waitFor(result.position);
}

// Read-model lag under load: from an append's return to the read model holding it, for every append
// while measuring (the commands come over HTTP from the bench). Either may be seen first.
const appendedAt = new Map<bigint, number>();
const committedAt = new Map<bigint, number>();
let loadLags: number[] | undefined;
const note = (position: bigint, mine: Map<bigint, number>, other: Map<bigint, number>, appended: boolean) => {
  const now = performance.now();
  const then = other.get(position);
  if (then === undefined) return void mine.set(position, now);
  other.delete(position);
  loadLags?.push(appended ? 0 : now - then);
};
const append = platform.store.appendToStream.bind(platform.store);
platform.store.appendToStream = async (...args) => {
  const result = await append(...args);
  if (loadLags) note(result.position, appendedAt, committedAt, true);
  return result;
};
platform.runner.onCommitted((events) => {
  if (!loadLags) return;
  for (const event of events) note(event.position, committedAt, appendedAt, false);
});

app.get('/bare/:id', async (request) => platform.queries.dispute((request.params as { id: string }).id));
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(2));
  return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99) };
};
app.get('/lag', async () => summary(lags));
app.post('/lag/start', async () => {
  appendedAt.clear();
  committedAt.clear();
  loadLags = [];
  return { started: true };
});
app.post('/lag/stop', async () => {
  const result = summary(loadLags ?? []);
  loadLags = undefined;
  return result;
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url, token: tokenSigner(config.jwtSecret)({ sub: id, role: 'CONSUMER' }), disputeId, messaging })}\n`);
process.once('SIGTERM', async () => {
  await app.close();
  await platform.close();
  process.exit(0);
});
