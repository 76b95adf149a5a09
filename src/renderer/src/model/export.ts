/**
 * Exports of ceremonies (pure, no DOM): the re-importable JSON, a Markdown report and a Mermaid
 * sequence diagram, for slides and docs. The steps are the sequence view's (model/sequence.ts), so the
 * diagram stops exactly where the window's diagram does.
 */
import type { Ceremony, CeremonyExport } from '@api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Params } from '../i18n/format.ts';
import { ceremonyFacts, FLAG_KEYS } from './ceremony.ts';
import { algorithmLabel } from './config.ts';
import { lanesOf, sequenceInputOf, stepsOf, type Lane, type SequenceStep } from './sequence.ts';

export type Translate = (key: MessageKey, params?: Params) => string;

export type ExportFormat = 'json' | 'markdown' | 'mermaid';

export const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  markdown: 'text/markdown',
  mermaid: 'text/plain',
};

/** The JSON file: the RP's export bundle, pretty-printed (POST /api/ceremonies/import takes it back). */
export function exportJsonText(bundle: CeremonyExport): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** 'ceremony-registration-20250131-140509-1a2b3c4d.json', 'ceremonies-12-20250131-140509.md'. */
export function exportFileName(
  ceremonies: readonly Pick<Ceremony, 'id' | 'kind' | 'createdAt'>[],
  format: ExportFormat,
  now = new Date(),
): string {
  const ext = format === 'json' ? 'json' : format === 'markdown' ? 'md' : 'mmd';
  const stamp = (iso: string | Date) => {
    const d = new Date(iso);
    const p = (n: number) => String(n).padStart(2, '0');
    return Number.isNaN(d.getTime())
      ? 'unknown'
      : `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  };
  if (ceremonies.length === 1) {
    const c = ceremonies[0];
    return `ceremony-${c.kind}-${stamp(c.createdAt)}-${c.id.slice(0, 8)}.${ext}`;
  }
  return `ceremonies-${ceremonies.length}-${stamp(now)}.${ext}`;
}

// ---------------------------------------------------------------- Mermaid

const PARTICIPANT: Record<Lane, string> = { user: 'U', authenticator: 'A', client: 'C', rp: 'RP', page: 'P', server: 'S' };

/** "GET /options?name=x" for an exchange of an inspected site. */
function request(x: { method: string; url: string } | null | undefined, fallback: string): string {
  if (!x) return fallback;
  try {
    const u = new URL(x.url);
    return `${x.method} ${u.pathname}${u.search}`;
  } catch {
    return `${x.method} ${x.url}`;
  }
}

/** Mermaid message text: one line, no ';' or '#' (statement separator and entity codes). */
function mm(text: string, max = 140): string {
  const one = text
    .replace(/[\r\n]+/g, ' ')
    .replace(/;/g, ',')
    .replace(/#/g, 'no. ')
    .replace(/\s+/g, ' ')
    .trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function at(step: SequenceStep): string {
  if (step.atMs === null) return '';
  return step.atMs < 0 ? `−${-step.atMs} ms ` : `+${step.atMs} ms `;
}

/**
 * A `sequenceDiagram` of one ceremony: User, Authenticator, Client and Relying Party, each step with
 * its time since the options were issued; a client error ends on the create()/get() call, a failed
 * check on the RP's verification, with a note naming it.
 */
export function toMermaid(c: Ceremony, t: Translate): string {
  const steps = stepsOf(sequenceInputOf(c));
  const f = ceremonyFacts(c);
  const call = c.kind === 'registration' ? 'navigator.credentials.create()' : 'navigator.credentials.get()';
  const site = c.site;
  const verifier = site ? PARTICIPANT.server : PARTICIPANT.rp;
  const lines = [
    'sequenceDiagram',
    '  autonumber',
    ...lanesOf(c).map((l) => `  participant ${PARTICIPANT[l]} as ${mm(t(`export.lane.${l}`))}`),
  ];
  const arrow = (s: SequenceStep, text: string, dashed = false) => {
    const from = PARTICIPANT[s.from];
    const to = PARTICIPANT[s.to];
    const head = s.status === 'error' ? (dashed ? '--x' : '-x') : dashed ? '-->>' : '->>';
    lines.push(`  ${from}${head}${to}: ${mm(at(s) + text)}`);
  };
  const flags = f.flags
    ? FLAG_KEYS.filter((k) => k === 'up' || k === 'uv')
        .map((k) => `${k.toUpperCase()}=${f.flags![k] ? 1 : 0}`)
        .join(', ')
    : null;
  for (const s of steps) {
    if (s.status === 'skipped') continue;
    if (s.status === 'pending') {
      lines.push(`  Note over C,RP: ${mm(t('export.mermaid.pending'))}`);
      break;
    }
    switch (s.id) {
      case 'options-request':
        arrow(s, site ? request(site.server.options, '?') : `POST /api/${c.kind}/options`);
        break;
      case 'page-call':
        arrow(s, `${call.replace('()', '(options)')}`);
        break;
      case 'client-result':
        arrow(s, s.status === 'error' ? `✗ ${s.error?.name ?? ''}` : 'PublicKeyCredential', true);
        break;
      case 'options-response':
        arrow(
          s,
          t('export.mermaid.options', { challenge: String((c.options as { challenge?: string }).challenge ?? '').slice(0, 12) }),
          true,
        );
        break;
      case 'client-call':
        if (s.status === 'error') {
          arrow(s, `${call} ✗ ${s.error?.name ?? ''}: ${s.error?.message ?? ''}`);
          lines.push(`  Note over C,A: ${mm(t('export.mermaid.clientError', { name: s.error?.name ?? '' }))}`);
        } else arrow(s, call);
        break;
      case 'user-verification':
        arrow(s, t('export.mermaid.uv'));
        if (flags) lines.push(`  ${PARTICIPANT.user}-->>${PARTICIPANT.authenticator}: ${mm(t('export.mermaid.gesture', { flags }))}`);
        break;
      case 'authenticator-response':
        arrow(
          s,
          c.kind === 'registration'
            ? t('export.mermaid.attestation', { fmt: f.fmt ?? '?' })
            : t('export.mermaid.assertion', { signCount: f.signCount ?? '?' }),
          true,
        );
        break;
      case 'response-post':
        arrow(s, site ? request(site.server.credential, '?') : `POST /api/${c.kind}/verify`);
        break;
      case 'verify':
        if (s.status === 'error') {
          arrow(s, t('export.mermaid.checkFailed', { check: s.error?.checkId ?? s.error?.name ?? '', message: s.error?.message ?? '' }));
          lines.push(
            `  Note over ${verifier}: ${mm(t('export.mermaid.stoppedAt', { check: s.error?.checkTitle ?? s.error?.checkId ?? s.error?.name ?? '' }))}`,
          );
        } else arrow(s, t(c.kind === 'registration' ? 'export.mermaid.verifyReg' : 'export.mermaid.verifyAuth'));
        break;
      case 'result':
        if (site) {
          const x = site.server.credential;
          arrow(s, `HTTP ${x?.status ?? '?'}${site.serverVerdict === 'rejected' ? ' ✗' : ''}`, true);
          if (site.disagreement) lines.push(`  Note over ${verifier}: ${mm(t('seq.site.disagreement'))}`);
        } else arrow(s, s.status === 'error' ? `${c.error?.code ?? 'failed'}` : t('export.mermaid.verified'), true);
        break;
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- Markdown

/** Table cell: one line, pipes escaped. */
function cell(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const one = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  return one.length > 160 ? `${one.slice(0, 159)}…` : one;
}

function code(v: string): string {
  return `\`${v.replace(/`/g, "'")}\``;
}

function fence(lang: string, text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}${lang}\n${text.replace(/\n$/, '')}\n${ticks}`;
}

export interface ReportOptions {
  /** The plain-language summary of each ceremony, when the window has one. */
  summary?: (c: Ceremony) => string | null;
  now?: Date;
}

/** One ceremony's section of the report. */
function ceremonyMarkdown(c: Ceremony, t: Translate, level: number, opts: ReportOptions): string {
  const h = (n: number) => '#'.repeat(Math.min(6, level + n));
  const f = ceremonyFacts(c);
  const out: string[] = [];
  out.push(`${h(0)} ${t(c.kind === 'registration' ? 'kind.registration' : 'kind.authentication')} — ${c.verdict}`);
  out.push('');
  const fact = (label: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') out.push(`- **${label}**: ${value}`);
  };
  fact(t('export.md.verdict'), `**${c.verdict}**`);
  if (c.error) fact(t('export.md.failedAt'), `${c.error.step ? `${code(c.error.step)} — ` : ''}${c.error.message} (${code(c.error.code)})`);
  if (c.clientError) fact(t('export.md.clientError'), `${code(c.clientError.name)}: ${c.clientError.message}`);
  fact(t('export.md.ceremony'), code(c.id));
  fact(t('export.md.when'), c.createdAt);
  fact(t('export.md.user'), f.userName);
  fact(t('export.md.credential'), f.credentialId ? code(f.credentialId) : null);
  fact(
    t('export.md.authenticator'),
    f.authenticatorName
      ? `${f.authenticatorName}${f.aaguid ? ` (AAGUID ${code(f.aaguid)})` : ''}`
      : f.aaguid
        ? `AAGUID ${code(f.aaguid)}`
        : null,
  );
  fact(t('export.md.fmt'), f.fmt ? code(f.fmt) : null);
  fact(t('export.md.alg'), f.alg !== null ? algorithmLabel(f.alg) : null);
  fact(t('export.md.flags'), f.flags ? FLAG_KEYS.map((k) => `${k.toUpperCase()}=${f.flags![k] ? 1 : 0}`).join(' ') : null);
  fact(
    t('export.md.signCount'),
    f.signCount !== null
      ? f.previousSignCount !== null
        ? `${f.signCount} (${t('export.md.previous', { n: f.previousSignCount })})`
        : String(f.signCount)
      : null,
  );
  fact(t('export.md.storage'), f.storage);
  const so = c.dissection?.secondOpinion;
  if (so) fact(t('export.md.secondOpinion'), `${so.verifier}: ${so.verified ? 'verified' : `rejected — ${so.error ?? ''}`}`);
  const summary = opts.summary?.(c);
  if (summary) {
    out.push('');
    out.push(`${h(1)} ${t('export.md.summary')}`);
    out.push('');
    out.push(summary);
  }

  out.push('');
  out.push(`${h(1)} ${t('export.md.sequence')}`);
  out.push('');
  out.push(fence('mermaid', toMermaid(c, t)));

  const checks = c.dissection?.checks ?? [];
  out.push('');
  out.push(`${h(1)} ${t('export.md.checks')}`);
  out.push('');
  if (checks.length === 0) out.push(t('export.md.noChecks'));
  else {
    out.push(
      `| # | ${t('export.md.check')} | ${t('export.md.status')} | ${t('export.md.expected')} | ${t('export.md.actual')} | ${t('export.md.spec')} |`,
    );
    out.push('| ---: | --- | --- | --- | --- | --- |');
    checks.forEach((k, i) => {
      const title = k.message && k.status !== 'pass' ? `${k.title} — ${k.message}` : k.title;
      out.push(
        `| ${i + 1} | ${cell(k.id)}: ${cell(title)} | ${k.status === 'fail' ? '**fail**' : k.status} | ${cell(k.expected)} | ${cell(k.actual)} | ${k.spec ? `[§](${k.spec})` : ''} |`,
      );
    });
  }

  out.push('');
  out.push(`${h(1)} ${t('export.md.options')}`);
  out.push('');
  out.push(fence('json', JSON.stringify(c.options, null, 2)));
  out.push('');
  out.push(`${h(1)} ${t('export.md.response')}`);
  out.push('');
  out.push(
    c.response
      ? fence('json', JSON.stringify(c.response, null, 2))
      : c.clientError
        ? fence('json', JSON.stringify(c.clientError, null, 2))
        : t('export.md.noResponse'),
  );
  return out.join('\n');
}

/** A Markdown report of one ceremony or a selection (each its own section). */
export function toMarkdown(ceremonies: readonly Ceremony[], t: Translate, opts: ReportOptions = {}): string {
  const now = opts.now ?? new Date();
  if (ceremonies.length === 1) {
    return `${ceremonyMarkdown(ceremonies[0], t, 1, opts).replace(/^# /, `# ${t('export.md.title')}: `)}\n`;
  }
  const parts = [`# ${t('export.md.title')}`, '', t('export.md.intro', { n: ceremonies.length, when: now.toISOString() }), ''];
  parts.push(
    `| # | ${t('export.md.when')} | ${t('export.md.kind')} | ${t('export.md.verdict')} | ${t('export.md.user')} | ${t('export.md.failedAt')} |`,
  );
  parts.push('| ---: | --- | --- | --- | --- | --- |');
  ceremonies.forEach((c, i) =>
    parts.push(
      `| ${i + 1} | ${c.createdAt} | ${c.kind} | ${c.verdict} | ${cell(c.userName)} | ${cell(c.error ? `${c.error.step ?? c.error.code}: ${c.error.message}` : '')} |`,
    ),
  );
  for (const c of ceremonies) parts.push('', ceremonyMarkdown(c, t, 2, opts));
  return `${parts.join('\n')}\n`;
}
