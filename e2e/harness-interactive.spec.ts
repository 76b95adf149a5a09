/**
 * The harness in a window without a lab (plain `serve`), interactive: the ceremonies run in the
 * window with "this browser's own authenticator" — here a CDP virtual authenticator the test adds
 * behind the app's back, standing in for a security key. The window prompts at every step (what to
 * do, what the RP asked for); the test acts as the person: Go, "my authenticator cannot do this",
 * and not touching the key for a step that must time out. A YAML scenario file is loaded (a broken
 * one first, refused with its line); lab steps are unsupported, not failed; reasons are in the
 * window's language; the run is kept across a restart of the RP.
 */
import type { Page } from '@playwright/test';
import { expect, SECURITY_KEY, test, testIdCss, VirtualAuthenticator } from './fixtures.ts';
import { HARNESS_TID, TID } from '../src/renderer/src/testids.ts';

const SUITE = `# a suite for a real security key
format: passkey-explorer.scenarios
version: 1
suite: my-key
scenarios:
  - id: sign-up
    title: Register, then sign in
    steps:
      - do: register
        prompt: Use the key on the left.
      - do: authenticate
        expect: { signCount: increased-or-zero }
  - id: needs-lab
    title: A bogus signature (needs the lab)
    steps:
      - do: register
      - { do: lab, action: bogusSignature }
  - id: enterprise
    title: Enterprise attestation
    steps:
      - do: register
        config: { attestation: enterprise }
  - id: not-touched
    title: Not touched in time gives NotAllowedError
    steps:
      - do: register
        config: { timeout: 1000 }
        expect: { clientError: NotAllowedError }
`;

const prompt = (page: Page) => page.getByTestId(HARNESS_TID.prompt);
/** Waits for the prompt of scenario n, step k (the run's own progress, not time). */
async function promptAt(page: Page, n: number, step: number) {
  const progress = page.getByTestId(HARNESS_TID.progress);
  await expect(progress).toHaveAttribute('data-scenario', String(n));
  await expect(progress).toHaveAttribute('data-step', String(step));
  await expect(prompt(page)).toBeVisible();
}

test('interactive: the window prompts at every step and runs it with this browser’s authenticator', async ({ page, served }) => {
  test.setTimeout(90_000);
  await page.goto(served.url);
  const key = await VirtualAuthenticator.add(page, SECURITY_KEY);
  await page.getByTestId(TID.tab('harness')).click();
  await expect(page.getByTestId(HARNESS_TID.status)).toHaveAttribute('data-lab', 'false');
  await expect(page.getByTestId(HARNESS_TID.reason)).toContainText('passkey-explorer serve --lab');
  await expect(page.getByTestId(HARNESS_TID.preset)).toHaveValue('interactive');

  // A broken file is refused before anything runs, naming its line.
  const file = page.getByTestId(HARNESS_TID.file);
  await file.setInputFiles({ name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from('format: [\nsuite: x\n') });
  await expect(page.getByTestId(HARNESS_TID.fileProblems)).toContainText('broken.yaml');
  await expect(page.getByTestId(HARNESS_TID.fileProblems)).toContainText(/line \d+, column \d+/);
  await file.setInputFiles({ name: 'my-key.yaml', mimeType: 'application/yaml', buffer: Buffer.from(SUITE) });
  await expect(page.getByTestId(HARNESS_TID.fileInfo)).toHaveAttribute('data-scenarios', '4');
  await page.getByTestId(HARNESS_TID.suite('capabilities')).uncheck();
  await page.getByTestId(HARNESS_TID.suite('rp-robustness')).uncheck();
  await page.getByTestId(HARNESS_TID.auto).uncheck();
  await page.getByTestId(HARNESS_TID.start).click();

  // 1: register — the prompt says what to do and what was asked; Go runs it.
  await promptAt(page, 1, 1);
  await expect(prompt(page)).toHaveAttribute('data-kind', 'create');
  await expect(page.getByTestId(HARNESS_TID.promptDo)).toContainText('Create a passkey now');
  await expect(prompt(page)).toContainText('Use the key on the left.');
  await expect(prompt(page)).toContainText('timeout 120 s');
  await page.screenshot({ path: test.info().outputPath('harness-prompt.png'), fullPage: true });
  await page.getByTestId(HARNESS_TID.promptGo).click();
  await promptAt(page, 1, 2);
  await expect(prompt(page)).toHaveAttribute('data-kind', 'get');
  await page.getByTestId(HARNESS_TID.promptGo).click();

  // 2: registers, then its lab step is unsupported here.
  await promptAt(page, 2, 1);
  await page.getByTestId(HARNESS_TID.promptGo).click();
  // 3: the person says the key cannot do it.
  await promptAt(page, 3, 1);
  await page.getByTestId(HARNESS_TID.promptSkip).click();
  // 4: must time out: the prompt says to leave the key alone, and the person does (no presence).
  await promptAt(page, 4, 1);
  await expect(prompt(page)).toHaveAttribute('data-leave-alone', 'true');
  await key.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: key.id, enabled: false });
  await page.getByTestId(HARNESS_TID.promptGo).click();

  const run = page.getByTestId(HARNESS_TID.run);
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(run).toHaveAttribute('data-mode', 'interactive');
  const scenario = (id: string) => page.locator(`${testIdCss(HARNESS_TID.scenario)}[data-id="${id}"]`);
  await expect(scenario('sign-up')).toHaveAttribute('data-outcome', 'pass');
  await expect(scenario('needs-lab')).toHaveAttribute('data-outcome', 'unsupported');
  await expect(scenario('needs-lab').getByTestId(HARNESS_TID.why)).toHaveText('step 2 (lab): this step needs a virtual authenticator');
  await expect(scenario('enterprise')).toHaveAttribute('data-outcome', 'unsupported');
  await expect(scenario('enterprise').getByTestId(HARNESS_TID.why)).toContainText('skipped');
  await expect(scenario('not-touched')).toHaveAttribute('data-outcome', 'pass');
  await expect(page.getByTestId(HARNESS_TID.totals)).toHaveAttribute('data-fail', '0');
  // The credentials it made are on "the key": sign-up's and needs-lab's.
  expect((await key.credentials()).length).toBe(2);

  // In Japanese the reasons are Japanese.
  await page.evaluate(() => localStorage.setItem('pe.lang', 'ja'));
  await page.reload();
  await page.getByTestId(TID.tab('harness')).click();
  await expect(scenario('needs-lab').getByTestId(HARNESS_TID.why)).toHaveText('ステップ 2（lab）: このステップには仮想認証器が必要です');
  await expect(scenario('enterprise').getByTestId(HARNESS_TID.why)).toContainText('スキップ');
  await page.evaluate(() => localStorage.setItem('pe.lang', 'en'));

  // Kept across a restart of the RP.
  await served.restart();
  await page.goto(served.url);
  await page.getByTestId(TID.tab('harness')).click();
  await expect(page.getByTestId(HARNESS_TID.keptRun)).toHaveCount(1);
  await expect(page.getByTestId(HARNESS_TID.run)).toHaveAttribute('data-state', 'done');
  await expect(scenario('sign-up')).toHaveAttribute('data-outcome', 'pass');
  await page.getByTestId(HARNESS_TID.keptForget).click();
  await expect(page.getByTestId(HARNESS_TID.keptRun)).toHaveCount(0);
});

test('interactive, started at once: a cancel while the window waits for the person stops the run', async ({ page, served }) => {
  await page.goto(served.url);
  const key = await VirtualAuthenticator.add(page, SECURITY_KEY);
  // The person never touches the key.
  await key.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: key.id, enabled: false });
  await page.getByTestId(TID.tab('harness')).click();
  await page.getByTestId(HARNESS_TID.suite('rp-robustness')).uncheck();
  await page.getByTestId(HARNESS_TID.start).click();
  await promptAt(page, 1, 1);
  // Auto: the ceremony is already running (no Go button).
  await expect(prompt(page)).toContainText('Waiting for the authenticator');
  await expect(page.getByTestId(HARNESS_TID.promptGo)).toHaveCount(0);
  await page.getByTestId(HARNESS_TID.cancel).click();
  await expect(page.getByTestId(HARNESS_TID.run)).toHaveAttribute('data-state', 'cancelled');
  await expect(prompt(page)).toHaveCount(0);
  await expect(page.getByTestId(HARNESS_TID.scenario)).toHaveCount(0);
  // The window's call was aborted with the prompt: a new run can start and be answered at once.
  await key.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: key.id, enabled: true });
  await page.getByTestId(HARNESS_TID.start).click();
  // Its first scenario is answered (a result row, which stays: not the progress line, which moves on).
  await expect(page.locator(`${testIdCss(HARNESS_TID.scenario)}[data-id="discoverable"]`)).toHaveAttribute('data-outcome', 'pass');
  // The person walks away again: a later step waits for them, and the cancel stops the run there.
  await key.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: key.id, enabled: false });
  await expect(prompt(page)).toContainText('Waiting for the authenticator');
  await page.getByTestId(HARNESS_TID.cancel).click();
  await expect(page.getByTestId(HARNESS_TID.run)).toHaveAttribute('data-state', 'cancelled');
});
