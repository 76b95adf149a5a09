/**
 * The sequence view, the inspector (tree <-> hex), the plain-language summary and Paste and
 * decode, in Chromium through `serve` mode with CDP virtual authenticators.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { INSPECTOR_TID, TID } from '../src/renderer/src/testids.ts';
import { dissect } from '../src/decode/index.ts';

const STEPS = [
  'options-request',
  'options-response',
  'client-call',
  'user-verification',
  'authenticator-response',
  'response-post',
  'verify',
  'result',
];
const VECTOR = resolve(import.meta.dirname, '../../shared/vectors/registration/swa-reg-packed-x5c-yubikey.json');

async function open(page: Page, url: string, preset: string, userName: string) {
  await page.goto(url);
  await page.getByTestId(TID.preset).selectOption(preset);
  await page.getByTestId(TID.userName).fill(userName);
}

async function latestCeremony(page: Page) {
  return page.evaluate<any>(async () => {
    const [latest] = await (await fetch('/api/ceremonies?limit=1')).json();
    return (await fetch(`/api/ceremonies/${latest.id}`)).json();
  });
}

function findField(tree: any[], path: string): any {
  for (const f of tree) {
    if (f.path === path) return f;
    const hit = f.children && findField(f.children, path);
    if (hit) return hit;
  }
  return null;
}

const step = (page: Page, id: string) => page.getByTestId(INSPECTOR_TID.seqStep).and(page.locator(`[data-step="${id}"]`));
const field = (page: Page, path: string) => page.getByTestId(INSPECTOR_TID.inspectorField).and(page.locator(`[data-path="${path}"]`));

async function registerPasskey(page: Page, url: string, userName = 'alice') {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await open(page, url, 'passkey', userName);
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  await expect(page.getByTestId(INSPECTOR_TID.sequence)).toBeVisible();
}

test('a successful registration: every step with its time, summary, arrow -> payload, tree <-> hex', async ({ page, served }) => {
  await registerPasskey(page, served.url);
  const ceremony = await latestCeremony(page);

  // Sequence: all eight steps done, none stopped, times from the RP's and the window's clocks.
  const sequence = page.getByTestId(INSPECTOR_TID.sequence);
  await expect(sequence).toHaveAttribute('data-stopped-at', '');
  await expect(page.getByTestId(INSPECTOR_TID.seqStep)).toHaveCount(8);
  expect(await page.getByTestId(INSPECTOR_TID.seqStep).evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual(STEPS);
  for (const id of STEPS) await expect(step(page, id)).toHaveAttribute('data-status', 'ok');
  const ms = async (id: string) => (await step(page, id).getAttribute('data-time-ms')) ?? '';
  expect(await ms('options-request')).toBe('0');
  expect(await ms('response-post')).toBe(String(ceremony.timings.responseAt - ceremony.timings.optionsAt));
  expect(await ms('verify')).toBe(String(ceremony.timings.verifiedAt - ceremony.timings.optionsAt));
  expect(Number(await ms('authenticator-response'))).toBeGreaterThanOrEqual(0); // the window's own measure of create()
  expect(await ms('user-verification')).toBe(''); // inside the authenticator: no time of its own
  await expect(step(page, 'user-verification').getByTestId(INSPECTOR_TID.seqStepTime)).toHaveText('inside create(): no clock sees it');
  // What the window measured is shown on the steps it measured, and kept in the RP's record.
  const took = ceremony.timings.clientMs;
  expect(took).toBeGreaterThanOrEqual(0);
  await expect(step(page, 'client-call').getByTestId(INSPECTOR_TID.seqStepTime)).toHaveText(`create() took ${took} ms (window clock)`);
  await expect(step(page, 'authenticator-response').getByTestId(INSPECTOR_TID.seqStepTime)).toHaveText(
    `${took} ms after the call (window clock)`,
  );
  expect(ceremony.timings.optionsMs).toBeGreaterThanOrEqual(0);
  await expect(step(page, 'options-request').getByTestId(INSPECTOR_TID.seqStepTime)).toHaveText(
    `round trip ${ceremony.timings.optionsMs} ms (window clock)`,
  );
  await expect(step(page, 'options-response').getByTestId(INSPECTOR_TID.seqStepTime)).toHaveText('0 ms: issued (RP clock)');
  await expect(step(page, 'verify').getByTestId(INSPECTOR_TID.seqStepTime)).toHaveText(`+${await ms('verify')} ms (RP clock)`);
  await expect(step(page, 'options-response')).toHaveAccessibleName(
    /^2 options returned 0 ms: issued \(RP clock\) — from Relying Party to Client \(browser \/ OS\): done\./,
  );

  // Plain-language summary.
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toHaveAttribute('data-tone', 'ok');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummaryHeadline)).toContainText('A passkey (a discoverable credential) was created by');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toContainText('It is device-bound, not synced (BE=0)');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toContainText('Your PIN or biometric was verified (UV=1).');

  // Arrow -> payload: the options returned, challenge selected, its bytes lit in the hex view.
  await step(page, 'options-response').click();
  const inspector = page.getByTestId(INSPECTOR_TID.inspector);
  await expect(inspector).toHaveAttribute('data-payload', 'options');
  await expect(step(page, 'options-response')).toHaveAttribute('aria-pressed', 'true');
  await expect(field(page, 'challenge')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId(INSPECTOR_TID.hexView)).toHaveAttribute('data-source', 'options');
  const selectedText = async () => {
    const hex = await page.getByTestId(INSPECTOR_TID.hexView).locator('[data-selected="true"]').allTextContents();
    return Buffer.from(hex.join(''), 'hex').toString('utf8');
  };
  await expect.poll(selectedText).toBe(JSON.stringify(ceremony.options.challenge));

  // Enter on an arrow opens its payload too: the response and clientDataJSON.
  await step(page, 'response-post').focus();
  await page.keyboard.press('Enter');
  await expect(inspector).toHaveAttribute('data-payload', 'response');
  await expect(field(page, 'clientDataJSON')).toHaveAttribute('aria-selected', 'true');

  // The attestation: tree -> hex. The flags field lights exactly the flags byte, authData offset 32.
  await step(page, 'authenticator-response').click();
  await expect(inspector).toHaveAttribute('data-payload', 'authenticator');
  await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('authData.flags');
  await expect(page.getByTestId(INSPECTOR_TID.inspectorMatches)).not.toHaveAttribute('data-count', '0');
  await field(page, 'attestationObject.authData.flags').click();
  await expect(field(page, 'attestationObject.authData.flags')).toHaveAttribute('aria-selected', 'true');
  const lit = page.getByTestId(INSPECTOR_TID.hexView).locator('.hex-byte[data-selected="true"]');
  await expect(lit).toHaveCount(1);
  // The record carries no field tree: the same dissector gives it from the response (as the window does).
  const tree = dissect(ceremony.response, ceremony.dissection.dissectedWith).tree;
  const authData = findField(tree, 'attestationObject.authData.rpIdHash').range[0];
  await expect(lit).toHaveAttribute('data-offset', String(authData + 32));
  await expect(page.getByTestId(INSPECTOR_TID.authDataOffset)).toHaveAttribute('data-offset', '32');
  const f = ceremony.result.flags;
  const flagsByte = (f.up ? 1 : 0) | (f.uv ? 4 : 0) | (f.be ? 8 : 0) | (f.bs ? 16 : 0) | (f.at ? 64 : 0) | (f.ed ? 128 : 0);
  await expect(lit).toHaveText(flagsByte.toString(16).padStart(2, '0'));
  await expect(page.getByTestId(INSPECTOR_TID.explainText)).not.toBeEmpty();
  await expect(page.getByTestId(INSPECTOR_TID.explainSpec).getByRole('link')).toHaveAttribute(
    'href',
    /^https:\/\/www\.w3\.org\/TR\/webauthn-3\/#/,
  );
  await expect(page.getByTestId(INSPECTOR_TID.explainSpec).getByRole('link')).toHaveAttribute('rel', /noopener/);

  // hex -> tree: hovering a byte of the rpIdHash lights the rpIdHash field; clicking selects it.
  await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('');
  const rpIdHashByte = page.getByTestId(INSPECTOR_TID.hexView).locator(`.hex-byte[data-offset="${authData + 5}"]`);
  await rpIdHashByte.hover();
  await expect(field(page, 'attestationObject.authData.rpIdHash')).toHaveAttribute('data-hover', 'true');
  await expect(page.getByTestId(INSPECTOR_TID.inspectorHoverPath)).toContainText('attestationObject.authData.rpIdHash');
  await rpIdHashByte.click();
  await expect(field(page, 'attestationObject.authData.rpIdHash')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId(INSPECTOR_TID.hexView).locator('.hex-byte[data-selected="true"]')).toHaveCount(32);

  // Keyboard in the tree: Down then Enter selects the next field (the flags byte after rpIdHash).
  await page.getByTestId(INSPECTOR_TID.inspectorTree).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(field(page, 'attestationObject.authData.flags')).toHaveAttribute('aria-selected', 'true');

  // The verify step: the checklist, nothing failed.
  await step(page, 'verify').click();
  await expect(inspector).toHaveAttribute('data-payload', 'checks');
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).first()).toBeVisible();
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[data-status="fail"]'))).toHaveCount(0);
  expect(await page.getByTestId(INSPECTOR_TID.checkRow).count()).toBe(ceremony.dissection.checks.length);
});

test('a failed registration (UV required on a UV-less authenticator) stops the sequence on the right step', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, { ...PLATFORM_PASSKEY, hasUserVerification: false, isUserVerified: false });
  await open(page, served.url, 'passkey', 'uvless');
  await page.getByTestId(TID.timeout).fill('5000');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).not.toHaveText('pending', { timeout: 30_000 });
  const ceremony = await latestCeremony(page);
  const sequence = page.getByTestId(INSPECTOR_TID.sequence);

  if (ceremony.verdict === 'client-error') {
    // Chromium refuses before any authenticator answers: the create() arrow is where it stopped.
    await expect(sequence).toHaveAttribute('data-stopped-at', 'client-call');
    await expect(step(page, 'client-call')).toHaveAttribute('data-status', 'error');
    await expect(step(page, 'client-call').getByTestId(INSPECTOR_TID.seqStepError)).toHaveText(ceremony.clientError.name);
    for (const id of STEPS.slice(3)) await expect(step(page, id)).toHaveAttribute('data-status', 'skipped');
    await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toHaveAttribute('data-tone', 'client-error');
    await expect(page.getByTestId(INSPECTOR_TID.plainSummaryHeadline)).toHaveText(
      `No passkey was created: the browser reported ${ceremony.clientError.name}.`,
    );
    // It opens on the stopped arrow's payload: the DOMException.
    await expect(page.getByTestId(INSPECTOR_TID.inspector)).toHaveAttribute('data-payload', 'client-error');
    await expect(field(page, 'name')).toHaveAttribute('aria-selected', 'true');
  } else {
    // A UV=0 response: the RP's uv check fails and the verify step names it.
    expect(ceremony.verdict).toBe('failed');
    await expect(sequence).toHaveAttribute('data-stopped-at', 'verify');
    await expect(step(page, 'verify').getByTestId(INSPECTOR_TID.seqStepError)).toContainText('registration.uv');
    await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[aria-pressed="true"]'))).toHaveAttribute(
      'data-check-id',
      'registration.uv',
    );
    await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toHaveAttribute('data-tone', 'failed');
  }
});

test('a failed sign-in stops on the RP verify step with the failing step named', async ({ page, served }) => {
  await registerPasskey(page, served.url, 'frank');
  const [credential] = await page.evaluate<any>(async () => (await fetch('/api/credentials')).json());
  await page.evaluate(async (id: string) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="pe-token"]')!.content;
    const r = await fetch(`/api/credentials/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'X-PE-Token': token } });
    if (!r.ok) throw new Error(`delete: ${r.status}`);
  }, credential.id);
  // The authenticator still offers the discoverable credential the RP no longer knows (empty allow list).
  await page.getByTestId(TID.preset).selectOption('passkey');
  await expect(page.getByTestId(TID.allowCredentials)).not.toBeChecked();
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('failed', { timeout: 20_000 });
  const ceremony = await latestCeremony(page);
  const failedCheck = ceremony.dissection?.checks?.find((c: { status: string }) => c.status === 'fail');
  await expect(page.getByTestId(INSPECTOR_TID.sequence)).toHaveAttribute('data-stopped-at', 'verify');
  await expect(step(page, 'verify')).toHaveAttribute('data-status', 'error');
  for (const id of STEPS.slice(0, 6)) await expect(step(page, id)).toHaveAttribute('data-status', 'ok');
  await expect(step(page, 'verify').getByTestId(INSPECTOR_TID.seqStepError)).toContainText(
    failedCheck ? failedCheck.id : ceremony.error.code,
  );
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toHaveAttribute('data-tone', 'failed');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummaryHeadline)).toContainText('Sign-in failed: the RP rejected the response at');
  if (failedCheck) {
    // The first failure is selected on open.
    await expect(page.getByTestId(INSPECTOR_TID.inspector)).toHaveAttribute('data-payload', 'checks');
    await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[aria-pressed="true"]'))).toHaveAttribute(
      'data-check-id',
      failedCheck.id,
    );
    await expect(page.getByTestId(INSPECTOR_TID.explainCheck)).toHaveAttribute('data-check-id', failedCheck.id);
  }
});

test('paste and decode: a shared vector verifies offline; bad input gives located errors', async ({ page, served }) => {
  const vector = JSON.parse(readFileSync(VECTOR, 'utf8'));
  await page.goto(`${served.url}/#/decode`);
  await expect(page.getByTestId(INSPECTOR_TID.decodeView)).toBeVisible();
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(JSON.stringify(vector.response));
  await expect(page.getByTestId(INSPECTOR_TID.decodeKind)).toHaveAttribute('data-kind', 'registration');
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'decoded');
  // The plain-words summary on top: what it is, and that it is not verified yet.
  const summary = page.getByTestId(INSPECTOR_TID.plainSummary);
  await expect(summary.getByTestId(INSPECTOR_TID.plainSummaryHeadline)).toContainText('A registration response:');
  await expect(summary).toHaveAttribute('data-tone', 'pending');
  await expect(summary).toContainText('Not verified yet');
  await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('authData.flags');
  await expect(field(page, 'attestationObject.authData.flags')).toBeVisible();

  // Each field copies as hex, base64url and (when it is one CBOR item) CBOR diagnostic notation.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.url });
  const keyPath = 'attestationObject.authData.attestedCredentialData.credentialPublicKey';
  await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('credentialPublicKey');
  await field(page, keyPath).click();
  const copy = page.getByTestId(INSPECTOR_TID.fieldCopy);
  await copy.getByTestId(INSPECTOR_TID.fieldCopyCbor).click();
  await expect(copy.getByTestId(INSPECTOR_TID.fieldCopyCbor)).toHaveAttribute('data-state', 'copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^\{1: 2, 3: -7, -1: 1, -2: h'[0-9a-f]{64}', -3: h'[0-9a-f]{64}'\}$/,
  );
  await copy.getByTestId(INSPECTOR_TID.fieldCopyHex).click();
  await expect(copy.getByTestId(INSPECTOR_TID.fieldCopyHex)).toHaveAttribute('data-state', 'copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^a5010203262001215820[0-9a-f]{64}225820[0-9a-f]{64}$/);
  await copy.getByTestId(INSPECTOR_TID.fieldCopyB64).click();
  await expect(copy.getByTestId(INSPECTOR_TID.fieldCopyB64)).toHaveAttribute('data-state', 'copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^pQECAyYgASFYI[A-Za-z0-9_-]+$/);
  // The rpIdHash is 32 bytes, not a CBOR item: the CBOR copy is offered disabled.
  await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('rpIdHash');
  await field(page, 'attestationObject.authData.rpIdHash').click();
  await expect(copy.getByTestId(INSPECTOR_TID.fieldCopyCbor)).toBeDisabled();
  await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('');

  await page.getByTestId(INSPECTOR_TID.decodeChallenge).fill(vector.expected.challenge);
  await page.getByTestId(INSPECTOR_TID.decodeOrigin).fill(vector.expected.origin);
  await page.getByTestId(INSPECTOR_TID.decodeRpId).fill(vector.expected.rpID);
  await page.getByTestId(INSPECTOR_TID.decodeVerify).click();
  await expect(page.getByTestId(INSPECTOR_TID.decodeVerdict)).toHaveAttribute('data-verified', 'true');
  await expect(summary).toHaveAttribute('data-tone', 'ok');
  await expect(summary).toContainText('Verified offline:');
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).first()).toBeVisible();
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[data-status="fail"]'))).toHaveCount(0);
  await expect(
    page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[data-check-id="attestation.packed.signature"]')),
  ).toHaveAttribute('data-status', 'pass');

  // A wrong challenge fails at the challenge check, selected first, with its field lit.
  await page.getByTestId(INSPECTOR_TID.decodeChallenge).fill('d3JvbmctY2hhbGxlbmdl');
  await page.getByTestId(INSPECTOR_TID.decodeVerify).click();
  await expect(page.getByTestId(INSPECTOR_TID.decodeVerdict)).toHaveAttribute('data-verified', 'false');
  await expect(summary).toHaveAttribute('data-tone', 'failed');
  await expect(summary).toContainText('Verification fails at');
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[aria-pressed="true"]'))).toHaveAttribute(
    'data-check-id',
    'registration.challenge',
  );
  await expect(field(page, 'clientDataJSON.challenge')).toHaveAttribute('aria-selected', 'true');

  // Garbage: a located error, no crash.
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill('hello garbage!');
  await expect(page.getByTestId(INSPECTOR_TID.decodeError).first()).toHaveAttribute('data-offset', '13');
  await expect(page.getByTestId(INSPECTOR_TID.decodeError).first()).toContainText('at byte 13 of input');

  // Truncated base64url: the CBOR error names its byte; clicking it shows that byte.
  const attObj: string = vector.response.response.attestationObject;
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(attObj.slice(0, 80));
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'errors');
  await expect(summary).toContainText('Decoding stopped at');
  const cborError = page.getByTestId(INSPECTOR_TID.decodeError).and(page.locator('[data-code="cbor-length-past-end"]'));
  await expect(cborError).toHaveAttribute('data-source', 'attestationObject');
  const offset = await cborError.getAttribute('data-offset');
  await cborError.click();
  await expect(page.getByTestId(INSPECTOR_TID.hexView)).toHaveAttribute('data-source', 'attestationObject');
  await expect(page.getByTestId(INSPECTOR_TID.hexView).locator(`.hex-byte[data-offset="${offset}"]`)).toHaveAttribute(
    'data-selected',
    'true',
  );

  // A 10 MB paste is refused with a message (before it reaches the textarea), and the view still works.
  await page.getByTestId(INSPECTOR_TID.decodeInput).evaluate((el: HTMLTextAreaElement) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'A'.repeat(10 * 1024 * 1024));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'too-large');
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toContainText('10.0 MiB');
  await page.getByTestId(INSPECTOR_TID.decodeClear).click();
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'empty');
  // A 2 MiB text typed or set in the field (not pasted) is refused the same way.
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill('B'.repeat(2 * 1024 * 1024));
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'too-large', { timeout: 30_000 });
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(JSON.stringify(vector.response));
  await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'decoded');

  // A 900 KiB buffer: the hex view renders only the rows in view and reaches the last byte.
  const n = 900 * 1024;
  const big = Buffer.alloc(5 + n);
  big[0] = 0x5a; // CBOR byte string, 4-byte length
  big.writeUInt32BE(n, 1);
  for (let i = 0; i < n; i++) big[5 + i] = i & 0xff;
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(big.toString('base64url'));
  const hexView = page.getByTestId(INSPECTOR_TID.hexView);
  // Wait for THIS input's dissection (the previous one also has a byte at offset 0).
  await expect(page.getByTestId(INSPECTOR_TID.inspectorField).first()).toContainText(`${big.length} bytes`, { timeout: 30_000 });
  await expect(hexView.locator('.hex-byte[data-offset="0"]')).toBeVisible();
  expect(await hexView.locator('.hex-row').count()).toBeLessThan(100);
  await expect
    .poll(async () => {
      await hexView.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return hexView
        .locator(`.hex-byte[data-offset="${big.length - 1}"]`)
        .textContent({ timeout: 1_000 })
        .catch(() => null);
    })
    .toBe('ff');
  expect(await hexView.locator('.hex-row').count()).toBeLessThan(100);
});

test('language switch: the summary and the explanation in Japanese', async ({ page, served }) => {
  await registerPasskey(page, served.url, 'hanako');
  await step(page, 'user-verification').click();
  await expect(page.getByTestId(INSPECTOR_TID.inspector)).toHaveAttribute('data-payload', 'flags');
  await expect(field(page, 'attestationObject.authData.flags')).toHaveAttribute('aria-selected', 'true');
  const english = await page.getByTestId(INSPECTOR_TID.explainText).textContent();
  expect(english).toMatch(/[a-z]{3}/);

  await page.getByTestId(TID.lang).selectOption('ja');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummaryHeadline)).toContainText(
    'パスキー（発見可能なクレデンシャル）が作成されました。',
  );
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toContainText('PIN または生体認証でユーザー検証されました（UV=1）。');
  await expect(page.getByTestId(INSPECTOR_TID.explainText)).not.toHaveText(english!);
  await expect(page.getByTestId(INSPECTOR_TID.explainText)).toHaveText(/[\u3040-\u30ff\u4e00-\u9faf]/);
  await expect(step(page, 'client-call')).toHaveAccessibleName(/クライアント（ブラウザー／OS） から 認証器：完了/);
  await expect(page.getByTestId(INSPECTOR_TID.sequence)).toContainText('リライングパーティ（RP）');
  await page.getByTestId(TID.lang).selectOption('en');
  await expect(page.getByTestId(INSPECTOR_TID.explainText)).toHaveText(english!);
});

test('paste and decode: a HAR file lists its WebAuthn messages; the response paired with its options verifies offline', async ({
  page,
  served,
}) => {
  const reg = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../shared/vectors/registration/swa-reg-packed-self-es256.json'), 'utf8'),
  );
  const body = (v: unknown) => ({ mimeType: 'application/json', text: JSON.stringify(v) });
  const harText = JSON.stringify({
    log: {
      version: '1.2',
      entries: [
        {
          request: { method: 'POST', url: 'https://rp.example/options' },
          response: {
            status: 200,
            content: body({
              publicKey: {
                rp: { id: reg.expected.rpID, name: 'RP' },
                user: { id: 'dQ', name: 'u', displayName: 'u' },
                challenge: reg.expected.challenge,
                pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
              },
            }),
          },
        },
        {
          request: { method: 'POST', url: 'https://rp.example/verify', postData: body({ credential: reg.response }) },
          response: { status: 200, content: body({ ok: true }) },
        },
      ],
    },
  });
  await page.goto(`${served.url}/#/decode`);
  await page
    .getByTestId(INSPECTOR_TID.decodeHarFile)
    .setInputFiles({ name: 'session.har', mimeType: 'application/json', buffer: Buffer.from(harText) });
  const list = page.getByTestId(INSPECTOR_TID.decodeHarList);
  await expect(list).toHaveAttribute('data-count', '2');
  await expect(list).toContainText('2 WebAuthn messages in 2 requests');
  await list.getByTestId(INSPECTOR_TID.decodeHarItem).and(page.locator('[data-kind="creationOptions"]')).click();
  await expect(page.getByTestId(INSPECTOR_TID.decodeKind)).toHaveAttribute('data-kind', 'creationOptions');
  await list.getByTestId(INSPECTOR_TID.decodeHarItem).and(page.locator('[data-kind="registration"]')).click();
  await expect(page.getByTestId(INSPECTOR_TID.decodeKind)).toHaveAttribute('data-kind', 'registration');
  // The options it answers brought the RP's challenge, origin and RP ID: it verifies as it is.
  await expect(page.getByTestId(INSPECTOR_TID.decodeChallenge)).toHaveValue(reg.expected.challenge);
  await expect(page.getByTestId(INSPECTOR_TID.decodeOrigin)).toHaveValue(reg.expected.origin);
  await expect(page.getByTestId(INSPECTOR_TID.decodeRpId)).toHaveValue(reg.expected.rpID);
  await page.getByTestId(INSPECTOR_TID.decodeVerify).click();
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).first()).toBeVisible();
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[data-status="fail"]'))).toHaveCount(0);
});

test('paste and decode: options a server sent are reviewed as they are pasted, in English and Japanese', async ({ page, served }) => {
  const options = {
    challenge: { type: 'Buffer', data: Array.from({ length: 32 }, (_, i) => i) },
    rp: { name: 'Example', id: 'example.com' },
    user: { id: Buffer.from('bob@example.com').toString('base64url'), name: 'bob', displayName: 'Bob' },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'required', userVerification: 'require' },
  };
  await page.goto(`${served.url}/#/decode`);
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(JSON.stringify(options));
  await expect(page.getByTestId(INSPECTOR_TID.decodeKind)).toHaveAttribute('data-kind', 'creationOptions');
  // No expectations to give and no button to press: the review is there with the dissection.
  const verdict = page.getByTestId(INSPECTOR_TID.decodeVerdict);
  await expect(verdict).toHaveAttribute('data-verified', 'false');
  await expect(verdict).toHaveText(/^Options review: 2 problem\(s\) and 1 warning\(s\)/);
  const row = (id: string) => page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator(`[data-check-id="${id}"]`));
  await expect(row('options.challenge')).toHaveAttribute('data-status', 'fail');
  await expect(row('options.user')).toHaveAttribute('data-status', 'fail');
  await expect(row('options.userVerification')).toHaveAttribute('data-status', 'warn');
  await expect(row('options.rp')).toHaveAttribute('data-status', 'pass');
  // The first problem is selected, with the member it is about lit in the tree.
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[aria-pressed="true"]'))).toHaveAttribute(
    'data-check-id',
    'options.challenge',
  );
  await expect(field(page, 'credential.challenge')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toHaveAttribute('data-tone', 'failed');
  await row('options.userVerification').click();
  await expect(page.getByTestId(INSPECTOR_TID.explainCheck)).toContainText('silently becomes the default');
  await page.getByTestId(TID.lang).selectOption('ja');
  await expect(verdict).toHaveText(/^オプションの確認：問題が 2 件、警告が 1 件あります。/);
  await expect(row('options.challenge')).toContainText('チャレンジが 16 バイト以上の乱数で、base64url であること');
  await expect(page.getByTestId(INSPECTOR_TID.explainCheck)).toContainText('黙って既定値になります');
  await page.getByTestId(TID.lang).selectOption('en');

  // Fixed options: every check passes.
  await page.getByTestId(INSPECTOR_TID.decodeInput).fill(
    JSON.stringify({
      ...options,
      challenge: Buffer.alloc(32, 7).toString('base64url'),
      user: { ...options.user, id: Buffer.alloc(32, 9).toString('base64url') },
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    }),
  );
  await expect(verdict).toHaveAttribute('data-verified', 'true');
  await expect(verdict).toHaveText(/^Options review: all 6 checks pass/);
  await expect(page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator('[data-status="pass"]'))).toHaveCount(6);
});
