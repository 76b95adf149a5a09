/**
 * The window from the keyboard alone: a registration and a sign-in with Tab, Enter and Space; the
 * view tabs with the arrow keys, Home and End; the dialogs opened with Enter or Space and closed with
 * Escape (focus returns to the button that opened them); a Learn mode walk with Enter; and a visible
 * focus indicator on every element Tab reaches, in every view.
 */
import type { Page } from '@playwright/test';
import { openView, viewIds } from './a11y.ts';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { LEARN_TID, TID } from '../src/renderer/src/testids.ts';

interface Focused {
  testId: string | null;
  desc: string;
  /** A focus indicator is drawn: an outline or a box shadow. */
  visible: boolean;
  inDialog: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { testId: null, desc: 'body', visible: true, inDialog: false };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    return {
      testId: el.getAttribute('data-testid'),
      desc: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${label}"`,
      visible: outline || shadow,
      inDialog: !!el.closest('dialog[open]'),
    };
  });
}

/** Presses Tab until the element with `testId` has focus; every stop on the way must show its focus. */
async function tabTo(page: Page, testId: string, unseen: string[], max = 300, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (!f.visible) unseen.push(f.desc);
    if (f.testId === testId) return;
  }
  throw new Error(`${testId} was not reached with ${key} in ${max} presses`);
}

/** Tabs once around the whole page (until focus comes back to where it started), checking each stop. */
async function tabAround(page: Page, unseen: string[], max = 400): Promise<number> {
  await page.keyboard.press('Tab');
  const first = await page.evaluateHandle(() => document.activeElement);
  const start = await focused(page);
  if (!start.visible) unseen.push(start.desc);
  for (let i = 1; i < max; i++) {
    await page.keyboard.press('Tab');
    const back = await page.evaluate((f) => document.activeElement === f, first);
    if (back) return i;
    const f = await focused(page);
    if (!f.visible) unseen.push(f.desc);
  }
  return max;
}

test('keyboard only: register and sign in, switch views, open and close the dialogs; focus is always visible', async ({ page, served }) => {
  test.setTimeout(180_000);
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.goto(served.url);
  await expect(page.getByTestId(TID.streamStatus)).toHaveAttribute('data-status', 'live');
  const unseen: string[] = [];

  // Registration: type the user name, then Enter on Register.
  await tabTo(page, 'user-name', unseen);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('keyboard-user');
  await expect(page.getByTestId(TID.userName)).toHaveValue('keyboard-user');
  await tabTo(page, 'register', unseen);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'registration');
  await expect(page.getByTestId(TID.resultUser)).toHaveText('keyboard-user');

  // Sign-in: Space on Sign in.
  await tabTo(page, 'sign-in', unseen);
  await page.keyboard.press('Space');
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'authentication', { timeout: 20_000 });
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });

  // The view tabs: one tab stop, arrows move between views, Home and End to the ends.
  const views = await viewIds(page);
  await tabTo(page, 'tab-ceremony', unseen);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId(TID.tab(views[1]))).toBeFocused();
  await expect(page.getByTestId(TID.tab(views[1]))).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByTestId(TID.tab(views[views.length - 1]))).toBeFocused();
  await page.keyboard.press('ArrowRight'); // wraps around
  await expect(page.getByTestId(TID.tab('ceremony'))).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId(TID.tab(views[views.length - 1]))).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(page.getByTestId(TID.tab('ceremony'))).toHaveAttribute('aria-selected', 'true');

  // Dialogs: open with Enter / Space, focus moves inside, Escape closes and gives focus back.
  for (const [button, dialog, key] of [
    ['about', 'about-dialog', 'Enter'],
    ['metadata', 'metadata-dialog', 'Space'],
  ] as const) {
    await tabTo(page, button, unseen);
    await page.keyboard.press(key);
    await expect(page.getByTestId(dialog)).toBeVisible();
    await page.keyboard.press('Tab');
    expect((await focused(page)).inDialog, `Tab stays inside ${dialog}`).toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(dialog)).toBeHidden();
    await expect(page.getByTestId(button)).toBeFocused();
  }

  // Learn mode from the keyboard: the tab by arrows, then Enter on Next through a whole walk.
  if (views.includes('learn')) {
    await tabTo(page, 'tab-ceremony', unseen);
    while (!(await page.getByTestId(TID.tab('learn')).evaluate((el) => el === document.activeElement)))
      await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId(LEARN_TID.id('step'))).toHaveAttribute('data-step', 'intro');
    await tabTo(page, 'learn-next', unseen);
    for (let i = 0; i < 12; i++) {
      const before = await page.getByTestId(LEARN_TID.id('step')).getAttribute('data-step');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId(LEARN_TID.id('step'))).not.toHaveAttribute('data-step', before!, { timeout: 20_000 });
      await expect(page.getByTestId(LEARN_TID.id('next'))).toBeFocused(); // focus stays on Next, also while a part runs
    }
    await expect(page.getByTestId(LEARN_TID.id('step'))).toHaveAttribute('data-step', 'done');
    await expect(page.getByTestId(LEARN_TID.id('auth-verdict'))).toHaveCount(0);
    // Back with Shift+Tab to Previous, and Enter.
    await tabTo(page, 'learn-prev', unseen, 10, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(LEARN_TID.id('step'))).toHaveAttribute('data-step', 'auth-sign-count');
  }

  // Every view: once around with Tab, every stop shows where focus is.
  for (const v of views) {
    await openView(page, v);
    const stops = await tabAround(page, unseen);
    expect(stops, `Tab comes back around in ${v}`).toBeLessThan(400);
    expect(stops, `Tab cycles through ${v}`).toBeGreaterThan(5);
    test.info().annotations.push({ type: 'tab stops', description: `${v}: ${stops}` });
  }

  expect([...new Set(unseen)], 'elements that take focus without a visible indicator').toEqual([]);
});
