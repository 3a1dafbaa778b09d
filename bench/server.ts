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

// Filings: some data, and the read-model lag of each (appended → visible to queries).
const lags: number[] = [];
let disputeId = '';
for (let i = 0; i < 300; i++) {
  disputeId = newId();
  const filing: DisputeCommand = {
    type: 'fileDispute',
    data: { disputeId, caseNumber: `2026-YM-${String(i + 1).padStart(6, '0')}`, ...COMPLAINT },
  };
  const result = await handleDisputeCommand({ store: platform.store, clock: config.clock, rules: config.rules }, disputeId, filing, { viewer, correlationId: 'bench' });
  const appended = performance.now();
  await platform.runner.waitFor(result.position);
  lags.push(performance.now() - appended);
}
lags.sort((a, b) => a - b);

app.get('/bare/:id', async (request) => platform.queries.dispute((request.params as { id: string }).id));
app.get('/lag', async () => ({ p50Ms: Number(lags[Math.floor(lags.length / 2)]!.toFixed(2)), p99Ms: Number(lags[Math.floor(lags.length * 0.99)]!.toFixed(2)) }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url, token: tokenSigner(config.jwtSecret)({ sub: id, role: 'CONSUMER' }), disputeId })}\n`);
process.once('SIGTERM', async () => {
  await app.close();
  await platform.close();
  process.exit(0);
});
