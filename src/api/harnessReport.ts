/** A harness report as JUnit XML (for CI servers) and as Markdown (for people). The JSON is the report itself. */
import type { HarnessReport, ScenarioResult } from './harness.ts';

/** Text for an XML attribute or element: the control characters XML 1.0 forbids dropped, the five entities escaped. */
const xml = (s: string) =>
  [...s]
    .filter((c) => c.charCodeAt(0) >= 0x20 || c === '\t' || c === '\n' || c === '\r')
    .join('')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** One <testsuite> per suite, one <testcase> per scenario: fail → <failure>, error → <error>, unsupported → <skipped>. */
export function toJUnit(r: HarnessReport): string {
  const by = new Map<string, ScenarioResult[]>();
  for (const s of r.scenarios) by.set(s.suite, [...(by.get(s.suite) ?? []), s]);
  const suites = [...by].map(([suite, list]) => {
    const count = (o: ScenarioResult['outcome']) => list.filter((s) => s.outcome === o).length;
    const time = (list.reduce((t, s) => t + s.ms, 0) / 1000).toFixed(3);
    const cases = list.map((s) => {
      const body =
        s.outcome === 'fail'
          ? `<failure message="${xml(s.message ?? 'failed')}"/>`
          : s.outcome === 'error'
            ? `<error message="${xml(s.message ?? 'error')}"/>`
            : s.outcome === 'unsupported'
              ? `<skipped message="${xml(`unsupported: ${s.message ?? ''}`)}"/>`
              : '';
      const evidence = s.steps.flatMap((st) => st.ceremonyIds).join(' ');
      const out = evidence ? `<system-out>${xml(`ceremonies: ${evidence}`)}</system-out>` : '';
      return `    <testcase classname="${xml(`passkey-explorer.${suite}`)}" name="${xml(`${s.id}: ${s.title}`)}" time="${(s.ms / 1000).toFixed(3)}">${body}${out}</testcase>`;
    });
    return (
      `  <testsuite name="${xml(suite)}" tests="${list.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('unsupported')}" time="${time}" timestamp="${xml(r.startedAt)}">\n` +
      `    <properties><property name="authenticator" value="${xml(r.authenticator.label)}"/><property name="browser" value="${xml(r.authenticator.browser)}"/></properties>\n` +
      `${cases.join('\n')}\n  </testsuite>`
    );
  });
  const t = r.totals;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="passkey-explorer harness" tests="${t.scenarios}" failures="${t.fail}" errors="${t.error}" skipped="${t.unsupported}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}

const MARK: Record<ScenarioResult['outcome'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  unsupported: '➖ unsupported',
  error: '⚠️ error',
};
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function toMarkdown(r: HarnessReport): string {
  const t = r.totals;
  const lines = [
    `# Passkey Explorer harness: ${r.suites.join(', ')}`,
    '',
    `Authenticator: **${cell(r.authenticator.label)}** · browser ${cell(r.authenticator.browser)} · ${r.startedAt}`,
    '',
    `**${t.pass} pass**, ${t.fail} fail, ${t.unsupported} unsupported, ${t.error} error — ${t.scenarios} scenarios, ${t.ceremonies} ceremonies.`,
    '',
    '| suite | scenario | result | detail | evidence |',
    '| --- | --- | --- | --- | --- |',
    ...r.scenarios.map(
      (s) =>
        `| ${s.suite} | ${cell(`${s.id}: ${s.title}`)} | ${MARK[s.outcome]} | ${cell(s.message ?? '')} | ${s.steps
          .flatMap((st) => st.ceremonyIds)
          .map((id) => `\`${id.slice(0, 8)}\``)
          .join(' ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
