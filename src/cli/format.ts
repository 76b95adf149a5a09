/** Plain-text renderings of a dissection and of a check list, for the terminal. */
import type { Check, DecodeError, Dissection, Field, Summary } from '@decode/types.ts';

const MARK: Record<NonNullable<Field['severity']>, string> = { info: ' ', warn: '!', error: 'x' };

function range(f: Field): string {
  return f.range ? `${f.source}[${f.range[0]}..${f.range[1]})` : f.source;
}

/** The field tree as indented text: key, display, byte range (and a mark for warnings and errors). */
export function formatTree(tree: Field[], opts: { ranges?: boolean } = {}): string {
  const lines: string[] = [];
  const walk = (f: Field, depth: number) => {
    const mark = f.severity ? MARK[f.severity] : ' ';
    const head = `${mark} ${'  '.repeat(depth)}${f.key}`;
    const display = f.display.length > 120 ? `${f.display.slice(0, 117)}...` : f.display;
    lines.push(`${head.padEnd(44)} ${display}${opts.ranges === false ? '' : `  ${range(f)}`}`);
    for (const c of f.children ?? []) walk(c, depth + 1);
  };
  for (const f of tree) walk(f, 0);
  return lines.join('\n');
}

export function formatSummary(kind: string, s: Summary): string {
  const flags = s.flags
    ? Object.entries(s.flags)
        .filter(([, on]) => on)
        .map(([k]) => k.toUpperCase())
        .join(' ') || '(none)'
    : null;
  const rows: [string, unknown][] = [
    ['kind', kind],
    ['fmt', s.fmt],
    ['aaguid', s.aaguid && s.authenticatorName ? `${s.aaguid} (${s.authenticatorName})` : s.aaguid],
    ['credentialId', s.credentialId],
    ['signCount', s.signCount],
    ['flags', flags],
    ['alg', s.alg],
    ['rpIdHash', s.rpIdHash],
  ];
  return rows
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k.padEnd(13)} ${String(v)}`)
    .join('\n');
}

export function formatErrors(errors: DecodeError[]): string {
  return errors.map((e) => `error ${e.code} at ${e.source}+${e.offset} (${e.path}): ${e.message}`).join('\n');
}

const STATUS: Record<Check['status'], string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'skip' };

export function formatChecks(checks: Check[]): string {
  return checks
    .map((c) => {
      const line = `${STATUS[c.status]}  ${c.title}  [${c.id}]`;
      return c.message && c.status !== 'pass' ? `${line}\n      ${c.message}` : line;
    })
    .join('\n');
}

/** The CLI's stable JSON (DESIGN.md): { kind, summary, tree, errors }. */
export function decodeJson(d: Dissection) {
  return { kind: d.kind, summary: d.summary, tree: d.tree, errors: d.errors };
}
