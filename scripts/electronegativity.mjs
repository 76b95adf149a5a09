#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over src/ (main, preload and the renderer's bridge calls) and fails
 * on any finding that electronegativity.json does not accept with a reason. An accepted entry that
 * matches no finding fails too, so the config cannot go stale.
 *
 * Offline and deterministic: electronegativity fetches translations and Electron's release list over
 * the network (the `got` package); here `got` answers "offline" at once, the bundled English texts are
 * used, and the one check that needs the release list is excluded in the config (with its reason).
 */
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const entry = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(entry).resolve('got');
const offline = new Module(gotPath);
offline.exports = () => Promise.reject(new Error('offline: electronegativity runs without the network here'));
offline.loaded = true;
require.cache[gotPath] = offline;

const config = JSON.parse(readFileSync(join(root, 'electronegativity.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const log = console.log;
console.log = () => undefined; // the translations notice, printed by the library itself
let result;
try {
  result = await require('@doyensec/electronegativity')({
    input: join(root, 'src'),
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: config.excludedChecks.map((c) => c.check),
  });
} finally {
  console.log = log;
}

const failures = [];
for (const e of result.errors) if (!e.tolerable) failures.push(`could not parse ${e.file}: ${e.message}`);
const used = new Set();
for (const issue of result.issues) {
  const sample = issue.sample ?? '';
  const i = config.accepted.findIndex(
    (a) => a.check === issue.id && a.file === issue.file && (a.sample === undefined || sample.includes(a.sample)),
  );
  const where = `${issue.id} ${issue.file}:${issue.location.line} (${issue.severity.name}, ${issue.confidence.name})`;
  if (i < 0) failures.push(`not accepted: ${where}${sample ? `\n    ${sample.trim().slice(0, 160)}` : ''}\n    ${issue.description}`);
  else used.add(i);
}
config.accepted.forEach((a, i) => {
  if (!used.has(i)) failures.push(`stale entry in electronegativity.json (matches no finding): ${a.check} ${a.file} ${a.sample ?? ''}`);
});

const checks = result.globalChecks + result.atomicChecks;
if (failures.length) {
  console.error(
    `electronegativity: ${failures.length} problem(s) (${checks} checks, Electron ${electronVersion}):\n  ${failures.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `electronegativity: ${checks} checks over src/ (Electron ${electronVersion}): ${result.issues.length} finding(s), each accepted with its reason in electronegativity.json`,
);
