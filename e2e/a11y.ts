/**
 * Accessibility helpers for the e2e suite: an axe-core scan that fails on serious and critical
 * violations and reports the others as test annotations; the window's tabs; theme and language set
 * before the page loads.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures.ts';
import { TID } from '../src/renderer/src/testids.ts';

/** WCAG 2.0 / 2.1 / 2.2 A and AA, plus axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeFinding {
  state: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Scans the page as it is now. Returns the serious and critical violations (the caller asserts there
 * are none, so all of a run's states are reported at once); minor and moderate ones become annotations.
 */
export async function scan(page: Page, state: string, info: TestInfo): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const bad: AxeFinding[] = [];
  for (const v of results.violations) {
    const finding: AxeFinding = {
      state,
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    };
    if (v.impact === 'serious' || v.impact === 'critical') bad.push(finding);
    else
      info.annotations.push({
        type: `axe ${finding.impact}`,
        description: `${state}: ${v.id} — ${v.help} (${v.nodes.length}×: ${finding.targets.join(', ')})`,
      });
  }
  return bad;
}

export function describeFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `[${f.impact}] ${f.state}: ${f.rule} — ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
}

/** Theme and language before the first render (the window reads both from localStorage). */
export async function presetLook(page: Page, theme: 'light' | 'dark', lang: 'en' | 'ja') {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript(
    ([t, l]) => {
      localStorage.setItem('pe.theme', t);
      localStorage.setItem('pe.lang', l);
    },
    [theme, lang] as const,
  );
}

/** The ids of the window's views, in tab order, as the tab list shows them. */
export async function viewIds(page: Page): Promise<string[]> {
  const tabs = page.getByRole('tablist').getByRole('tab');
  await expect(tabs.first()).toBeVisible();
  const ids = await tabs.evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').replace(/^tab-/, '')));
  return ids.filter(Boolean);
}

/** Opens a view by its tab and waits until its lazily loaded component has rendered. */
export async function openView(page: Page, id: string) {
  await page.getByTestId(TID.tab(id)).click();
  await expect(page.getByTestId(TID.tab(id))).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator(`#panel-${id}`)).toBeVisible();
  await expect(page.locator(`#panel-${id} .view-loading`)).toHaveCount(0, { timeout: 15_000 });
  // Let the view's first data requests settle (no timed assertion: this only waits for paint).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
