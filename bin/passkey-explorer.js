#!/usr/bin/env node
// passkey-explorer command-line entry: checks the runtime, then runs the built CLI (out/cli).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`passkey-explorer needs Node.js 22.12 or newer (this is ${process.version}).`);
  process.exit(1);
}
// node:sqlite is behind --experimental-sqlite before Node 22.13: re-run with the flag.
if (!process.getBuiltinModule?.('node:sqlite') && !process.execArgv.includes('--experimental-sqlite')) {
  const r = spawnSync(process.execPath, ['--experimental-sqlite', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
// Node marks some WebCrypto algorithms (ML-DSA, Ed448) experimental: not the user's concern here.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'ExperimentalWarning') return;
  return emitWarning.call(process, warning, ...rest);
};
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'cli', 'index.js');
if (!existsSync(cli)) {
  console.error('passkey-explorer is not built yet: run `npm run build` in the project first.');
  process.exit(1);
}
const { main, quietOnClosedPipe } = await import(pathToFileURL(cli).href);
// `passkey-explorer decode … | head`: a closed pipe ends the command quietly.
quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
process.exitCode = await main(process.argv.slice(2));
