/** `npm start`: the platform on the configured store, serving HTTP until told to stop. */
import { pino } from 'pino';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startMailReactor } from './mail/reactor.ts';
import { configuredMailTransport } from './mail/transport.ts';
import { loggerOptions } from './http/logging.ts';
import { openPlatform } from './platform.ts';
import { startDeadlineReactor } from './reactors/deadlines.ts';
import { startRetentionReactor } from './reactors/retention.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`配置错误 / configuration error:\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // One log for the server, the projections and the store.
  const log = pino(loggerOptions(config));
  const platform = await openPlatform(config, log);
  const app = await buildApp(platform, { loggerInstance: log });
  if (config.fakeNow) app.log.warn({ fakeNow: config.fakeNow.toISOString() }, 'FAKE_NOW: the clock starts at a chosen instant');

  // Listen at once (liveness); /readyz answers 503 until the projections have caught up.
  await app.listen({ host: config.host, port: config.port });
  await platform.runner.start();
  app.log.info({ position: String(platform.runner.position) }, 'projections caught up: ready');
  const mail = config.mailReactor ? startMailReactor(platform, configuredMailTransport(config), { log: app.log }) : undefined;
  const deadlines = startDeadlineReactor(platform, { clock: config.clock, intervalMs: config.deadlineScanMs, log: app.log });
  const retention = startRetentionReactor(platform, { clock: config.clock, log: app.log });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await mail?.stop();
    await deadlines.stop();
    await retention.stop();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
