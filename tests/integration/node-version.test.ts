/**
 * `npm start`, `npm test` and `npm run cli` on a Node older than .nvmrc's stop with one line that
 * says what is needed, not a stack trace about `.ts` file extensions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE, ROOT } from '../support/server.ts';

const wanted = Number(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim());

/** A Node older than the one wanted, with its npm beside it (the machine's own, here Node 20). */
function olderNode(): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/local/bin']) {
    const node = join(dir, 'node');
    if (!existsSync(node) || !existsSync(join(dir, 'npm'))) continue;
    const major = Number(spawnSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim());
    if (major > 0 && major < wanted) return dir;
  }
  return undefined;
}

const old = olderNode();
if (!old) console.warn(`node-version: skipped the old-Node checks: no Node older than ${wanted} with npm on this machine`);

describe('the Node version', () => {
  it('lets the wanted Node through', () => {
    const result = spawnSync(NODE, ['src/requireNode.js'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  describe.skipIf(!old)('on an older Node', () => {
    for (const script of [['start'], ['test'], ['run', '-s', 'cli', '--', 'token', '--email', 'a@b.cn']]) {
      it(`npm ${script.join(' ')} says which Node it needs, in one line`, () => {
        const env = { ...process.env, PATH: `${old}:/usr/bin:/bin`, npm_config_nodedir: '' };
        const result = spawnSync(join(old!, 'npm'), script, { cwd: ROOT, encoding: 'utf8', env, timeout: 30_000 });
        expect(result.status).not.toBe(0);
        const said = result.stderr.split('\n').filter((line) => line.includes('Node.js'));
        expect(said).toHaveLength(1);
        expect(said[0]).toContain(`needs Node.js ${wanted} or newer`);
        expect(said[0]).toContain('.nvmrc');
        expect(result.stderr + result.stdout).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|\n\s+at /);
      });
    }
  });
});
