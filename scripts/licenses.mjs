#!/usr/bin/env node
/**
 * Lists the licence of every runtime dependency — the packages `npm ci --omit=dev` installs, direct
 * and transitive, read from package-lock.json — with the licence each package's own package.json
 * declares. `--check` exits 1 when a package declares none, when the lock and the package disagree,
 * or when a licence is not on the list below (permissive licences this app can ship under MIT).
 *
 *   npm run licenses            the table
 *   npm run licenses -- --json  the same as JSON
 *   --check --quiet             what npm run lint runs: one line, or the packages that need a look
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// MIT-0 (nodemailer): MIT without even the attribution clause.
const PERMITTED = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
]);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const direct = new Set(Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {}));

/** An SPDX expression's licences: "(MIT OR Apache-2.0)" -> both; every one must be permitted for AND, one for OR. */
function permitted(expr) {
  const e = expr.replace(/[()]/g, ' ').trim();
  if (/\sOR\s/.test(e)) return e.split(/\sOR\s/).some((x) => permitted(x));
  return e.split(/\sAND\s/).every((x) => PERMITTED.has(x.trim()));
}

const rows = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path || entry.dev || entry.devOptional) continue;
  const name = path.replace(/^.*node_modules\//, '');
  const manifest = join(root, path, 'package.json');
  const installed = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : null;
  const declared = installed ? (typeof installed.license === 'string' ? installed.license : installed.license?.type) : undefined;
  const license = declared ?? entry.license ?? null;
  const problems = [];
  if (!license) problems.push('declares no licence');
  else if (!permitted(license)) problems.push(`${license} is not on the permitted list`);
  if (installed && entry.license && declared && entry.license !== declared) problems.push(`lock says ${entry.license}`);
  if (!installed && !entry.optional) problems.push('not installed (run npm ci)');
  rows.push({ name, version: entry.version, license, direct: direct.has(name), optional: !!entry.optional, problems });
}
rows.sort((a, b) => Number(b.direct) - Number(a.direct) || a.name.localeCompare(b.name));

const args = process.argv.slice(2);
if (args.includes('--quiet')) {
  process.stdout.write(
    `licenses: ${rows.length} runtime packages, ${rows.filter((r) => !r.problems.length).length} with a permitted licence\n`,
  );
} else if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  const width = Math.max(...rows.map((r) => r.name.length));
  const counts = {};
  for (const r of rows) counts[r.license ?? 'none'] = (counts[r.license ?? 'none'] ?? 0) + 1;
  process.stdout.write(
    `${rows.length} runtime packages (${rows.filter((r) => r.direct).length} direct): ${Object.entries(counts)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}\n\n`,
  );
  for (const r of rows) {
    const mark = r.direct ? '*' : ' ';
    process.stdout.write(
      `${mark} ${r.name.padEnd(width)}  ${String(r.version).padEnd(10)}  ${r.license ?? '(none)'}${r.optional ? '  (optional)' : ''}${r.problems.length ? `  <- ${r.problems.join('; ')}` : ''}\n`,
    );
  }
  process.stdout.write('\n* direct dependency\n');
}
const bad = rows.filter((r) => r.problems.length);
if (args.includes('--check') && bad.length) {
  process.stderr.write(
    `licenses: ${bad.length} package(s) need a look:\n${bad.map((r) => `  ${r.name}@${r.version}: ${r.problems.join('; ')}`).join('\n')}\n`,
  );
  process.exit(1);
}
