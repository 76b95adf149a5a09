/**
 * The Credentials and History views, compare, export and import, in Chromium through `serve`
 * mode with CDP virtual authenticators.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, PLATFORM_PASSKEY, SECOND_FACTOR_KEY, test, testIdCss, toBase64url, VirtualAuthenticator } from './fixtures.ts';
import { HISTORY_TID, TID } from '../src/renderer/src/testids.ts';

const passkeyAuthenticator = (page: Page) => VirtualAuthenticator.add(page, PLATFORM_PASSKEY);

async function open(page: Page, url: string, preset: string, userName: string) {
  await page.goto(url);
  await page.getByTestId(TID.preset).selectOption(preset);
  await page.getByTestId(TID.userName).fill(userName);
}

async function run(page: Page, button: 'register' | 'sign-in', verdict: 'verified' | 'failed' | 'client-error' = 'verified') {
  await page.getByTestId(button).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText(verdict, { timeout: 20_000 });
}

async function tab(page: Page, id: 'ceremony' | 'credentials' | 'history') {
  await page.getByTestId(TID.tab(id)).click();
  if (id === 'history') await expect(page.getByTestId(HISTORY_TID.historyList)).toBeVisible();
  if (id === 'credentials') await expect(page.getByTestId(HISTORY_TID.credentialsView)).toBeVisible();
}

const api = <T = any>(page: Page, path: string, init?: { method: string; body: unknown }) =>
  page.evaluate<T, [string, typeof init]>(
    async ([p, i]) => {
      const token = document.querySelector('meta[name="pe-token"]')?.getAttribute('content') ?? '';
      const r = await fetch(
        p,
        i
          ? { method: i.method, headers: { 'Content-Type': 'application/json', 'X-PE-Token': token }, body: JSON.stringify(i.body) }
          : undefined,
      );
      return r.json();
    },
    [path, init],
  );

const row = (page: Page, id: string) => page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-id="${id}"]`);

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('credentials: cards with sign-count history, sign in from a card, delete with the Signal API where the browser has it', async ({
  page,
  served,
}) => {
  const authenticator = await passkeyAuthenticator(page);
  await open(page, served.url, 'passkey', 'alice');
  await run(page, 'register');
  const [virtual] = await authenticator.credentials();
  const id = toBase64url(virtual.credentialId);

  await tab(page, 'credentials');
  const card = page.locator(`${testIdCss(HISTORY_TID.credentialCard)}[data-id="${id}"]`);
  await expect(card).toHaveAttribute('data-storage', 'device-bound');
  await expect(card.getByTestId(HISTORY_TID.cardDiscoverable)).toHaveAttribute('data-value', 'true');
  await expect(card).toContainText('internal');
  await expect(card).toContainText('ES256');
  await expect(card.getByTestId(HISTORY_TID.signCountChart)).toHaveAttribute('data-points', '1');
  await expect(card.getByTestId(HISTORY_TID.signCountChart).locator('title')).toHaveText(/Sign-count history of credential/);

  // Sign in with this credential: the ceremony view shows the result; the chart gains a point.
  await card.getByTestId(HISTORY_TID.cardSignIn).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  expect(page.url()).toContain('#/ceremony');
  const ceremony = await api(page, `/api/ceremonies/${(await api(page, '/api/ceremonies?limit=1'))[0].id}`);
  expect(ceremony.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([id]);
  await tab(page, 'credentials');
  await expect(card.getByTestId(HISTORY_TID.signCountChart)).toHaveAttribute('data-points', '2');
  await card.getByText('Sign-count values as a table').click();
  await expect(card.getByTestId(HISTORY_TID.signCountTable).locator('tbody tr')).toHaveCount(2);

  // Delete: the page says whether this browser has the Signal API, and what it told it.
  const has = await page.evaluate(() => ({
    unknown: typeof (PublicKeyCredential as any).signalUnknownCredential === 'function',
    all: typeof (PublicKeyCredential as any).signalAllAcceptedCredentials === 'function',
  }));
  await expect(page.getByTestId(HISTORY_TID.signalSupport)).toHaveAttribute('data-unknown', String(has.unknown));
  await expect(page.getByTestId(HISTORY_TID.signalSupport)).toHaveAttribute('data-all-accepted', String(has.all));
  await expect(page.getByTestId(HISTORY_TID.signalSupport)).toHaveText(
    has.unknown || has.all ? /has the WebAuthn Signal API/ : /does not have the WebAuthn Signal API/,
  );
  await card.getByTestId(HISTORY_TID.cardDelete).click();
  await expect(page.getByTestId(HISTORY_TID.cardConfirmDialog)).toBeVisible();
  await page.getByTestId(HISTORY_TID.cardConfirmDelete).click();
  await expect(page.getByTestId(HISTORY_TID.credentialCard)).toHaveCount(0);
  expect(await api(page, '/api/credentials')).toEqual([]);
  const result = page.getByTestId(HISTORY_TID.signalResult);
  await expect(result).toContainText('Deleted credential');
  const expected = [has.unknown && 'signalUnknownCredential', has.all && 'signalAllAcceptedCredentials'].filter(Boolean).join(',');
  await expect(result).toHaveAttribute('data-called', expected);
  if (expected) await expect(result).toContainText(`Told the browser: ${expected.split(',')[0]}`);
  else await expect(result).toContainText('The browser was not told');
});

test('history: filter by verdict, authenticator and text; compare two ceremonies; Markdown and Mermaid exports', async ({
  page,
  served,
}) => {
  const passkey = await passkeyAuthenticator(page);
  await open(page, served.url, 'passkey', 'alice');
  await run(page, 'register');
  await run(page, 'sign-in');
  await passkey.remove();
  // A browser-side failure: no user presence within the timeout -> NotAllowedError.
  const idle = await VirtualAuthenticator.add(page, { ...SECOND_FACTOR_KEY, automaticPresenceSimulation: false });
  await page.getByTestId(TID.preset).selectOption('default');
  await page.getByTestId(TID.userName).fill('bob');
  await page.getByTestId(TID.timeout).fill('2000');
  await run(page, 'register', 'client-error');
  await idle.remove();

  const list = (await api(page, '/api/history')).items as { id: string; kind: string; verdict: string }[];
  expect(list.map((e) => [e.kind, e.verdict])).toEqual([
    ['registration', 'client-error'],
    ['authentication', 'verified'],
    ['registration', 'verified'],
  ]);
  const [clientError, signIn, registration] = list.map((e) => e.id);

  await tab(page, 'history');
  const count = page.getByTestId(HISTORY_TID.historyCount);
  await expect(count).toHaveAttribute('data-shown', '3');
  await page.getByTestId(HISTORY_TID.filterVerdict).selectOption('verified');
  await expect(count).toHaveAttribute('data-shown', '2');
  await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(2);
  await expect(row(page, clientError)).toHaveCount(0);
  await page.getByTestId(HISTORY_TID.filterVerdict).selectOption('');
  await page.getByTestId(HISTORY_TID.filterText).fill('bob');
  await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(1);
  await expect(row(page, clientError)).toHaveAttribute('data-verdict', 'client-error');
  await page.getByTestId(HISTORY_TID.filterText).fill('notallowed');
  await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(1);
  await page.getByTestId(HISTORY_TID.filterClear).click();
  await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(3);
  // The passkey's authenticator (AAGUID of the virtual authenticator) covers both of alice's ceremonies.
  const authOptions = page.getByTestId(HISTORY_TID.filterAuthenticator).locator('option');
  await expect(authOptions).toHaveCount(3); // any, the virtual authenticator, none
  await page.getByTestId(HISTORY_TID.filterAuthenticator).selectOption('-');
  await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(1);
  await page.getByTestId(HISTORY_TID.filterClear).click();

  // Compare the registration with the sign-in: counter and flags differ.
  await row(page, registration).getByTestId(HISTORY_TID.historySelect).check();
  await row(page, signIn).getByTestId(HISTORY_TID.historySelect).check();
  await expect(page.getByTestId(HISTORY_TID.historySelected)).toHaveAttribute('data-n', '2');
  await page.getByTestId(HISTORY_TID.historyCompare).click();
  const compare = page.getByTestId(HISTORY_TID.compare);
  await expect(compare).toHaveAttribute('data-a', registration);
  await expect(compare).toHaveAttribute('data-b', signIn);
  const diff = (path: string, section = 'summary') =>
    compare.locator(
      `${testIdCss(HISTORY_TID.compareSection)}[data-section="${section}"] ${testIdCss(HISTORY_TID.compareRow)}[data-path="${path}"]`,
    );
  await expect(diff('signCount')).toHaveAttribute('data-change', 'changed');
  await expect(diff('signCount').locator('td').nth(0)).toHaveText('1');
  await expect(diff('signCount').locator('td').nth(1)).toHaveText('2');
  await expect(diff('flags.at')).toHaveAttribute('data-change', 'changed');
  await expect(diff('kind')).toHaveAttribute('data-change', 'changed');
  // The trees differ in shape (attestationObject.authData vs authenticatorData): walked by path, one side's fields are added.
  await expect(diff('authenticatorData.flags', 'dissection')).toHaveAttribute('data-change', 'added');
  // Checks pair up by id across kinds: the challenge passes in both but with different values.
  await expect(diff('challenge', 'checks')).toHaveAttribute('data-change', 'changed');
  await expect(compare.locator(`${testIdCss(HISTORY_TID.compareSection)}[data-section="dissection"]`)).not.toHaveAttribute(
    'data-differences',
    '0',
  );
  await page.getByTestId(HISTORY_TID.compareOnlyDiff).uncheck();
  await expect(diff('flags.up')).toHaveAttribute('data-change', 'same');
  await page.getByTestId(HISTORY_TID.compareClose).click();
  await page.getByTestId(HISTORY_TID.historyClearSelection).click();

  // Markdown report and Mermaid diagram of the verified registration.
  await row(page, registration).getByTestId(HISTORY_TID.historyOpen).click();
  await expect(page.getByTestId(HISTORY_TID.historyDetail)).toHaveAttribute('data-id', registration);
  const md = await download(page, 'export-markdown');
  expect(md.name).toMatch(/^ceremony-registration-\d{8}-\d{6}-[0-9a-f]{8}\.md$/);
  const mdLines = md.text.split('\n');
  expect(mdLines[0]).toBe('# Passkey Explorer report: Registration — verified');
  expect(mdLines).toContain('- **Verdict**: **verified**');
  expect(mdLines).toContain('- **User**: alice');
  expect(mdLines).toContain('- **Flags**: UP=1 UV=1 BE=0 BS=0 AT=1 ED=0');
  expect(mdLines).toContain('## Summary');
  expect(mdLines).toContain('| # | Check | Status | Expected | Actual | Spec |');
  expect(mdLines).toContain('```mermaid');
  expect(md.text).toContain('## Options\n\n```json\n');
  expect(md.text).toContain('"attestationObject"');
  const mm = await download(page, 'export-mermaid');
  const mmLines = mm.text.split('\n');
  expect(mmLines[0]).toBe('sequenceDiagram');
  expect(mmLines).toContain('  participant RP as Relying Party');
  expect(mmLines).toContain('  C->>A: navigator.credentials.create()');
  expect(mmLines).toContain('  U-->>A: gesture (UP=1, UV=1)');
  // The window measured create() and the RP recorded it: the attestation arrow has its time.
  expect(mmLines.some((l) => /^ {2}A-->>C: \+\d+ ms attestation object \(fmt none\)$/.test(l))).toBe(true);
  expect(mmLines.some((l) => /^ {2}RP-->>C: \+\d+ ms verified$/.test(l))).toBe(true);

  // The client error's diagram stops on the create() arrow.
  await row(page, clientError).getByTestId(HISTORY_TID.historyOpen).click();
  await expect(page.getByTestId(HISTORY_TID.historyDetail)).toHaveAttribute('data-id', clientError);
  const stopped = (await download(page, 'export-mermaid')).text;
  expect(stopped).toMatch(/ {2}C-xA: \+\d+ ms navigator\.credentials\.create\(\) ✗ NotAllowedError: /);
  expect(stopped).toContain('Note over C,A: Stopped: the client call failed (NotAllowedError)');
  expect(stopped).not.toContain('POST /api/registration/verify');
});

test('export then import gives an identical ceremony; a taken id gets a new one with importedFrom', async ({ page, served }) => {
  await passkeyAuthenticator(page);
  await open(page, served.url, 'passkey', 'carol');
  await run(page, 'register');
  await run(page, 'sign-in');
  const [signIn] = (await api(page, '/api/history')).items as { id: string }[];
  const original = await api(page, `/api/ceremonies/${signIn.id}`);

  await tab(page, 'history');
  await row(page, signIn.id).getByTestId(HISTORY_TID.historyOpen).click();
  const file = await download(page, 'export-json');
  expect(file.name).toMatch(/^ceremony-authentication-.*\.json$/);
  const bundle = JSON.parse(file.text);
  expect(bundle).toMatchObject({ format: 'passkey-explorer.ceremonies', version: 1, rpId: 'localhost', origin: served.url });
  expect(bundle.ceremonies).toEqual([original]);

  // Import the same file: the id is taken here, so the copy gets a new id and remembers the original.
  const path = join(served.dataDir, 'export.json');
  writeFileSync(path, file.text);
  await page.getByTestId(HISTORY_TID.importFile).setInputFiles(path);
  const status = page.getByTestId(HISTORY_TID.importStatus);
  await expect(status).toHaveAttribute('data-imported', '1');
  await expect(status).toHaveAttribute('data-renamed', '1');
  await expect(page.getByTestId(HISTORY_TID.historyCount)).toHaveAttribute('data-shown', '3');
  const copy = ((await api(page, '/api/history')).items as { id: string; importedFrom: string | null; importedAt: string | null }[]).find(
    (e) => e.importedFrom === signIn.id,
  )!;
  expect(copy.importedAt).not.toBeNull();
  const imported = await api(page, `/api/ceremonies/${copy.id}`);
  expect({ ...imported, id: original.id }).toEqual(original);
  await expect(page.getByTestId(HISTORY_TID.historyDetail)).toHaveAttribute('data-id', copy.id);
  await expect(page.getByTestId(HISTORY_TID.historyDetail)).toContainText(`its id in the file was ${signIn.id}`);

  // A free id is kept: the record comes back exactly as exported.
  const freeId = '0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e';
  bundle.ceremonies[0].id = freeId;
  writeFileSync(path, JSON.stringify(bundle));
  await page.getByTestId(HISTORY_TID.importFile).setInputFiles(path);
  await expect(status).toHaveAttribute('data-renamed', '0');
  await expect(row(page, freeId)).toBeVisible();
  expect(await api(page, `/api/ceremonies/${freeId}`)).toEqual({ ...original, id: freeId });

  // A file that is not an export is refused with the RP's message.
  writeFileSync(path, JSON.stringify({ hello: 'world' }));
  await page.getByTestId(HISTORY_TID.importFile).setInputFiles(path);
  await expect(status).toContainText('Import failed: Expected a Passkey Explorer export');
});

test('a file too big for one request imports in parts: all 1,200 ceremonies, or none when one is refused', async ({ page, served }) => {
  await passkeyAuthenticator(page);
  await open(page, served.url, 'passkey', 'dave');
  await run(page, 'register');
  const [reg] = (await api(page, '/api/history')).items as { id: string }[];
  const record = await api(page, `/api/ceremonies/${reg.id}`);
  const bundle = {
    format: 'passkey-explorer.ceremonies',
    version: 1,
    ceremonies: Array.from({ length: 1_200 }, () => ({ ...record, id: randomUUID() })),
  };
  await tab(page, 'history');
  const path = join(served.dataDir, 'big.json');
  const status = page.getByTestId(HISTORY_TID.importStatus);

  // One record of the third part is wrong: the parts staged before it are dropped, nothing is stored.
  const broken = structuredClone(bundle);
  broken.ceremonies[1_100].kind = 'neither';
  writeFileSync(path, JSON.stringify(broken));
  await page.getByTestId(HISTORY_TID.importFile).setInputFiles(path);
  await expect(status).toContainText('Import failed: At ceremony 1001 of the file:');
  await expect(status).toContainText('ceremonies.100.kind');
  expect((await api(page, '/api/history?limit=1')).total).toBe(1);

  writeFileSync(path, JSON.stringify(bundle));
  await page.getByTestId(HISTORY_TID.importFile).setInputFiles(path);
  await expect(status).toHaveAttribute('data-imported', '1200');
  expect((await api(page, '/api/history?limit=1')).total).toBe(1_201);
});

test('history is virtualized: 2,000 ceremonies, only the visible rows are in the DOM', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId(TID.register)).toBeVisible();
  // Seed through the import endpoint: one client-error record, copied with fresh ids and times.
  const base = {
    kind: 'registration',
    createdAt: '',
    config: await api(page, '/api/presets').then((p: { config: unknown }[]) => p[0].config),
    options: {
      challenge: 'AAAA',
      rp: { name: 'x', id: 'localhost' },
      user: { id: 'dQ', name: 'u', displayName: 'u' },
      pubKeyCredParams: [],
    },
    response: null,
    clientError: { name: 'NotAllowedError', message: 'x' },
    verdict: 'client-error',
    error: { code: 'client_error', message: 'NotAllowedError: x', step: 'client' },
    result: null,
    dissection: null,
    timings: { optionsAt: 0, responseAt: 10 },
    userName: '',
    credentialId: null,
  };
  const ceremonies = Array.from({ length: 2000 }, (_, i) => ({
    ...base,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
    userName: `user-${String(i).padStart(4, '0')}`,
  }));
  const r = await api(page, '/api/ceremonies/import', {
    method: 'POST',
    body: { format: 'passkey-explorer.ceremonies', version: 1, ceremonies },
  });
  expect(r.imported).toHaveLength(2000);

  await tab(page, 'history');
  await expect(page.getByTestId(HISTORY_TID.historyCount)).toHaveAttribute('data-shown', '2000');
  const inDom = await page.getByTestId(HISTORY_TID.historyRow).count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(60);
  await expect(page.locator(`${testIdCss(HISTORY_TID.historyRow)}`).first()).toContainText('user-1999');
  // Scroll to the end: the oldest row is rendered, the newest no longer is.
  await page.getByTestId(HISTORY_TID.historyList).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-index="1999"]`)).toContainText('user-0000');
  await expect(page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-index="0"]`)).toHaveCount(0);
  // Keyboard: Home moves the focus back to the first row.
  await page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-index="1999"] ${testIdCss(HISTORY_TID.historyOpen)}`).focus();
  await page.keyboard.press('Home');
  await expect(page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-index="0"] ${testIdCss(HISTORY_TID.historyOpen)}`)).toBeFocused();
  await page.getByTestId(HISTORY_TID.filterText).fill('user-0042');
  await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(1);

  // Live: a ceremony recorded elsewhere (here: imported by another client) appears without a reload.
  await page.getByTestId(HISTORY_TID.filterClear).click();
  const late = {
    ...ceremonies[0],
    id: '0f0f0f0f-0000-4000-8000-000000000000',
    createdAt: '2026-01-01T00:00:00.000Z',
    userName: 'late-arrival',
  };
  await api(page, '/api/ceremonies/import', { method: 'POST', body: late });
  await expect(page.getByTestId(HISTORY_TID.historyCount)).toHaveAttribute('data-shown', '2001');
  await page.getByTestId(HISTORY_TID.historyList).evaluate((el) => (el.scrollTop = 0));
  await expect(page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-index="0"]`)).toContainText('late-arrival');
});
