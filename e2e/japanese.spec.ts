/**
 * No English in the Japanese window: every view (empty, then after a registration and a sign-in with
 * the inspector's tree, a selected field and its explanation), Paste & decode with a real response and
 * a truncated one, and the dialogs — their visible text, labels, placeholders and titles — read by
 * test/support/japanese.ts's detector. Identifiers, notation, values and names stay in Latin letters
 * (docs/glossary.md); English prose fails the test, naming the element it was found in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { openView, viewIds } from './a11y.ts';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { INSPECTOR_TID, TID } from '../src/renderer/src/testids.ts';
import { englishLeaks } from '../test/support/japanese.ts';

const VECTOR = resolve(import.meta.dirname, '../../shared/vectors/registration/swa-reg-packed-x5c-yubikey.json');

/** The text a reader meets on the page now: visible text, then labels, placeholders and titles, per element. */
async function textsOnPage(page: Page): Promise<{ where: string; text: string }[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string }[] = [];
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid') ?? el.id;
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    };
    // Data and identifiers (translate="no", monospace), and a lower layer's own English (lang="en").
    const skip = (el: Element | null) => !!el?.closest('[translate="no"], [lang="en"], .mono, code, pre, textarea, kbd, samp');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!text || !el || skip(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || (el.closest('[hidden]') && !el.closest('option'))) continue;
      out.push({ where: name(el), text });
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [aria-description]')) {
      if (el.closest('[translate="no"], [lang="en"]')) continue;
      for (const a of ['aria-label', 'placeholder', 'title', 'aria-description']) {
        const v = el.getAttribute(a);
        if (v && !(a === 'placeholder' && el.classList.contains('mono'))) out.push({ where: `${name(el)}@${a}`, text: v });
      }
    }
    return out;
  });
}

async function leaksOn(page: Page, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const { where, text } of await textsOnPage(page)) {
    const left = englishLeaks(text);
    if (left.length) found.push(`${state} ${where}: ${left.join(' | ')}   ⟵ ${text.slice(0, 160)}`);
  }
  return found;
}

test('the Japanese window has no English in it: every view, the inspector, Paste & decode, the dialogs', async ({ page, served }) => {
  test.setTimeout(180_000);
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.addInitScript(() => localStorage.setItem('pe.lang', 'ja'));
  await page.goto(served.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const leaks: string[] = [];
  const views = await viewIds(page);
  expect(views.length).toBeGreaterThan(5);
  for (const v of views) {
    await openView(page, v);
    leaks.push(...(await leaksOn(page, `empty ${v}`)));
  }

  await page.getByTestId(TID.about).click();
  await expect(page.getByTestId(TID.aboutDialog)).toBeVisible();
  leaks.push(...(await leaksOn(page, 'about')));
  await page.keyboard.press('Escape');
  await page.getByTestId(TID.metadata).click();
  await expect(page.getByTestId(TID.metadataDialog)).toBeVisible();
  await expect(page.getByTestId(TID.aaguidsStatus)).toBeVisible();
  leaks.push(...(await leaksOn(page, 'metadata')));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(TID.metadataDialog)).toBeHidden();

  // A registration and a sign-in: the result, the summary, the sequence, the inspector with a field selected.
  await openView(page, 'ceremony');
  await page.getByTestId(TID.preset).selectOption('passkey');
  // A Japanese user name: a name inside a sentence ("花子 を更新") is data the detector cannot tell from words.
  await page.getByTestId(TID.userName).fill('花子');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-verdict', 'verified', { timeout: 20_000 });
  await page.getByTestId(INSPECTOR_TID.inspectorField).nth(2).click();
  leaks.push(...(await leaksOn(page, 'after registration')));
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'authentication', { timeout: 20_000 });
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-verdict', 'verified', { timeout: 20_000 });
  leaks.push(...(await leaksOn(page, 'after sign-in')));
  for (const v of views.filter((x) => x !== 'ceremony')) {
    await openView(page, v);
    leaks.push(...(await leaksOn(page, `after ceremonies ${v}`)));
  }

  // Paste & decode: a real response (tree expanded, a field selected), then a truncated one.
  const vector = JSON.parse(readFileSync(VECTOR, 'utf8'));
  await openView(page, 'decode');
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(JSON.stringify(vector.response));
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'decoded');
  await page.getByTestId(INSPECTOR_TID.inspectorExpandAll).click();
  await page.getByTestId(INSPECTOR_TID.inspectorField).nth(3).click();
  leaks.push(...(await leaksOn(page, 'decode')));
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(vector.response.response.attestationObject.slice(0, 300));
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'errors');
  await page.getByTestId(INSPECTOR_TID.inspectorExpandAll).click();
  leaks.push(...(await leaksOn(page, 'decode truncated')));

  expect(leaks).toEqual([]);
});
