/**
 * Builds the web app into web/dist when it is missing or older than its sources (`npm start` runs
 * this first, so `npm install && npm start` serves the app on a fresh clone). A second run with
 * nothing changed costs a directory walk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const WEB = join(ROOT, 'web');
const BUILT = join(WEB, 'dist', 'index.html');
const INPUTS = [join(WEB, 'src'), join(WEB, 'index.html'), join(WEB, 'vite.config.ts'), join(ROOT, 'schema.graphql'), join(ROOT, 'package-lock.json')];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    // Generated from the schema and the sources: never a reason of its own to rebuild.
    if (entry === 'gql') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

export function webIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return INPUTS.some((input) => newest(input) > built);
}

function run(bin: string, args: string[]): void {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', bin), args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (exit ${result.status})`);
}

/** Types the operations (graphql-codegen) and bundles (Vite). */
export function buildWeb(): void {
  run('graphql-codegen', ['--silent']);
  run('vite', ['build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn']);
}

export function buildWebIfStale(): boolean {
  if (!webIsStale()) return false;
  buildWeb();
  return true;
}

if (import.meta.main) {
  const force = process.argv.includes('--force');
  if (force) buildWeb();
  else if (buildWebIfStale()) process.stdout.write('web app built into web/dist\n');
}
