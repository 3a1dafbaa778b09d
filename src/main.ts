/** `npm start`: the platform on the configured store, serving HTTP until told to stop. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openPlatform } from './platform.ts';

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
  const platform = await openPlatform(config);
  const app = await buildApp(platform);
  if (config.fakeNow) app.log.warn({ fakeNow: config.fakeNow.toISOString() }, 'FAKE_NOW: the clock starts at a chosen instant');

  // Listen at once (liveness); /readyz answers 503 until the projections have caught up.
  await app.listen({ host: config.host, port: config.port });
  await platform.runner.start();
  app.log.info({ position: String(platform.runner.position) }, 'projections caught up: ready');

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
