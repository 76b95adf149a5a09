/**
 * `passkey-explorer inspect` against a site nobody in this repository's RP wrote: a small static
 * site served here, whose page fetches options from its own server, calls navigator.credentials
 * itself, and posts the credential back. Covered: registration and sign-in captured with the site's
 * HTTP exchange, a NotAllowedError, a cross-origin iframe and a popup; the --record file imports into
 * History unchanged.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, testIdCss } from './fixtures.ts';
import { HISTORY_TID, TID } from '../src/renderer/src/testids.ts';
import { headlessInspect, listen, runInspect } from './sites/support.ts';

/** The page's own WebAuthn code: as a site would write it, with bytes as ArrayBuffers. */
const SITE_SCRIPT = String.raw`
const b64u = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const log = (m) => { document.getElementById('log').textContent += m + '\n'; };
async function run() {
  const o = await (await fetch('/options')).json();
  const cred = await navigator.credentials.create({ publicKey: {
    rp: { id: 'localhost', name: 'Fixture site' },
    user: { id: bytes(o.userId), name: 'fixture-user', displayName: 'Fixture User' },
    challenge: bytes(o.challenge),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    attestation: 'none', timeout: 20000,
  } });
  await fetch('/register', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: cred.id, clientDataJSON: b64u(cred.response.clientDataJSON) }) });
  log('registered ' + cred.id);
  const o2 = await (await fetch('/options')).json();
  const a = await navigator.credentials.get({ publicKey: { challenge: bytes(o2.challenge), rpId: 'localhost',
    allowCredentials: [{ type: 'public-key', id: cred.rawId }], userVerification: 'required', timeout: 20000 } });
  await fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: a.id }) });
  log('signed in');
  try {
    await navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32), rpId: 'localhost',
      allowCredentials: [{ type: 'public-key', id: new Uint8Array(16) }], timeout: 1500 } });
  } catch (e) { log('refused ' + e.name); }
}
run();
`;

const FRAME_SCRIPT = String.raw`
navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32).fill(7), rpId: 'localhost', timeout: 1500,
  allowCredentials: [{ type: 'public-key', id: new Uint8Array(16).fill(1) }] } }).catch((e) => parent.postMessage('frame ' + e.name, '*'));
`;

function site(framePort: () => number): Server {
  let n = 0;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    if (url.pathname === '/') return html(`<!doctype html><title>Fixture site</title><pre id="log"></pre><script>${SITE_SCRIPT}</script>`);
    if (url.pathname === '/with-frame')
      return html(
        `<!doctype html><title>Frame host</title><iframe allow="publickey-credentials-get" src="http://localhost:${framePort()}/frame"></iframe>`,
      );
    if (url.pathname === '/related')
      return html(
        `<!doctype html><title>Related origins</title><script>navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32).fill(3), rpId: 'localhost', timeout: 5000 } }).catch((e) => { document.title = e.name; });</script>`,
      );
    if (url.pathname === '/frame') return html(`<!doctype html><title>Frame</title><script>${FRAME_SCRIPT}</script>`);
    if (url.pathname === '/with-popup')
      return html(`<!doctype html><title>Popup opener</title><button id="open" onclick="window.open('/popup', 'popup')">Open</button>`);
    if (url.pathname === '/popup')
      return html(
        `<!doctype html><title>Popup</title><button id="sign-in" onclick="${FRAME_SCRIPT.replace(/"/g, '&quot;')}">Sign in</button>`,
      );
    if (url.pathname === '/options') {
      n++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          challenge: Buffer.alloc(32, n).toString('base64url'),
          userId: Buffer.from('fixture-user-id').toString('base64url'),
        }),
      );
    }
    if (req.method === 'POST') {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ok: true, path: url.pathname }));
    }
    res.writeHead(404).end();
  });
}

/**
 * Clicks `selector` in the page at `url` of the browser behind a DevTools endpoint, with CDP input
 * events (a user gesture), once `ready` (an expression) holds in that page.
 */
async function clickOver(endpoint: string, url: string, selector: string, ready = 'true'): Promise<void> {
  let target: { webSocketDebuggerUrl: string } | undefined;
  for (let i = 0; i < 200 && !target; i++) {
    const list = (await (await fetch(`${endpoint}/json/list`)).json()) as { type: string; url: string; webSocketDebuggerUrl: string }[];
    target = list.find((t) => t.type === 'page' && t.url === url);
    if (!target) await new Promise((r) => setTimeout(r, 50));
  }
  if (!target) throw new Error(`no page ${url} in the inspected browser`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ok) => ws.addEventListener('open', ok, { once: true }));
  let id = 0;
  const waiting = new Map<number, (r: any) => void>();
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data));
    waiting.get(m.id)?.(m.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<any>((ok) => {
      waiting.set(++id, ok);
      ws.send(JSON.stringify({ id, method, params }));
    });
  // The button exists once the document has loaded.
  let box: { x: number; y: number } | null = null;
  for (let i = 0; i < 200 && !box; i++) {
    const r = await send('Runtime.evaluate', {
      expression: `(() => { const b = document.querySelector(${JSON.stringify(selector)})?.getBoundingClientRect(); return b && (${ready}) ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : null; })()`,
      returnByValue: true,
    });
    box = r?.result?.value ?? null;
    if (!box) await new Promise((r) => setTimeout(r, 50));
  }
  if (!box) throw new Error(`no ${selector} in ${url}`);
  for (const type of ['mousePressed', 'mouseReleased'])
    await send('Input.dispatchMouseEvent', { type, ...box, button: 'left', clickCount: 1 });
  ws.close();
}

test.describe('inspect a site', () => {
  let main: Server;
  let frames: Server;
  let port = 0;
  let framePort = 0;
  test.beforeAll(async () => {
    frames = site(() => framePort);
    main = site(() => framePort);
    port = await listen(main);
    framePort = await listen(frames);
  });
  test.afterAll(async () => {
    await new Promise((ok) => main.close(ok));
    await new Promise((ok) => frames.close(ok));
  });

  test('registration, sign-in and a NotAllowedError are captured with the site exchange, and the record imports into History', async ({
    page,
    served,
  }) => {
    test.setTimeout(120_000);
    const record = join(mkdtempSync(join(tmpdir(), 'pe-inspect-')), 'site.json');
    const r = await runInspect(headlessInspect(`http://localhost:${port}/`, { until: 3, timeout: 60, record }));
    expect(r.err, r.out).not.toMatch(/could not/);
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    // One line per ceremony, printed as each completes (a registration waits for the POST of its credential).
    const lines = r.out.split('\n').filter((l) => /^(registration|authentication) /.test(l));
    expect(lines, r.out + r.err).toHaveLength(3);
    const line = (re: RegExp) =>
      expect(
        lines.filter((l) => re.test(l)),
        r.out,
      ).toHaveLength(1);
    line(
      new RegExp(
        `^registration  http://localhost:${port}  rpId localhost  fmt none  verified  site answered 200 \\(POST http://localhost:${port}/register\\)$`,
      ),
    );
    line(
      new RegExp(
        `^authentication  http://localhost:${port}  rpId localhost  fmt -  verified  site answered 200 \\(POST http://localhost:${port}/login\\)$`,
      ),
    );
    line(/^authentication .* client error NotAllowedError {2}no site request seen$/);

    const file = JSON.parse(readFileSync(record, 'utf8'));
    expect(file).toMatchObject({
      format: 'passkey-explorer.ceremonies',
      version: 1,
      origin: `http://localhost:${port}`,
      rpId: 'localhost',
    });
    const [reg, auth, refused] = file.ceremonies;
    expect(reg.site).toMatchObject({ origin: `http://localhost:${port}`, rpId: 'localhost', topLevel: true, target: 'page' });
    // The options exchange is the response whose body carried the challenge; its challenge is the page's.
    expect(JSON.parse(reg.site.server.options.responseBody).challenge).toBe(reg.options.challenge);
    expect(reg.site.server.credential).toMatchObject({ method: 'POST', status: 200, url: `http://localhost:${port}/register` });
    expect(reg.site.rawOptions.publicKey.challenge.$bytes).toBe(reg.options.challenge);
    expect(reg.dissection.checks.find((c: { id: string }) => c.id === 'registration.origin').status).toBe('pass');
    expect(reg.dissection.secondOpinion.verified).toBe(true);
    // The sign-in is verified with the key its registration (in the same inspection) brought.
    expect(auth.dissection.checks.find((c: { id: string }) => c.id === 'authentication.signature').status).toBe('pass');
    expect(auth.result.previousSignCount).toBe(reg.result.signCount);
    expect(refused).toMatchObject({ verdict: 'client-error', clientError: { name: 'NotAllowedError' } });
    // How long the refused call took is kept (whole ms: an immediate refusal may round to 0).
    expect(refused.timings.clientMs).toEqual(expect.any(Number));
    expect(refused.timings.clientMs).toBeGreaterThanOrEqual(0);

    // The record imports into History unchanged.
    await page.goto(served.url);
    const imported = await page.evaluate(
      async (body) => {
        const token = document.querySelector('meta[name="pe-token"]')?.getAttribute('content') ?? '';
        const res = await fetch('/api/ceremonies/import', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pe-token': token },
          body,
        });
        const result = await res.json();
        const first = await (await fetch(`/api/ceremonies/${result.imported[0].id}`, { headers: { 'x-pe-token': token } })).json();
        return { status: res.status, result, first };
      },
      readFileSync(record, 'utf8'),
    );
    expect(imported.status, JSON.stringify(imported.result)).toBe(200);
    expect(imported.result.imported).toHaveLength(3);
    const { labEvents: _labEvents, ...first } = imported.first;
    expect(first).toEqual(reg);

    // History marks them with the site, finds them by its origin, and says what the site's server answered.
    await page.reload();
    await page.getByTestId(TID.tab('history')).click();
    await expect(page.getByTestId(HISTORY_TID.historySite)).toHaveCount(3);
    await expect(page.getByTestId(HISTORY_TID.historySite).first()).toHaveText(`site http://localhost:${port}`);
    await page.getByTestId(HISTORY_TID.filterText).fill(`localhost:${port}`);
    await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(3);
    await page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-id="${reg.id}"] ${testIdCss(HISTORY_TID.historyOpen)}`).click();
    await expect(page.getByTestId(HISTORY_TID.historySiteDetail)).toHaveText(
      `Captured on http://localhost:${port} (RP ID localhost, top-level page) while inspecting it. The site’s server answered 200 to POST http://localhost:${port}/register.`,
    );
    await page.screenshot({ path: test.info().outputPath('history-site.png') });
  });

  test('with a bogus-signature fault, the site accepting what the checks reject is the headline', async () => {
    test.setTimeout(120_000);
    const record = join(mkdtempSync(join(tmpdir(), 'pe-inspect-')), 'fault.json');
    const r = await runInspect(headlessInspect(`http://localhost:${port}/`, { until: 3, timeout: 60, fault: 'bogus-signature', record }));
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    // The fixture site's server answers { ok: true } to anything: it takes the forged assertion.
    expect(r.out).toMatch(
      new RegExp(
        `authentication  http://localhost:${port}  rpId localhost  fmt -  failed at authentication\\.signature  site answered 200 \\(POST http://localhost:${port}/login\\)\\n  DISAGREEMENT: the site's server accepted \\(HTTP 200\\) a response our checks reject at authentication\\.signature: `,
      ),
    );
    const auth = JSON.parse(readFileSync(record, 'utf8')).ceremonies.find(
      (c: { kind: string; verdict: string }) => c.kind === 'authentication' && c.verdict === 'failed',
    );
    expect(auth.site).toMatchObject({
      serverVerdict: 'accepted',
      disagreement: { server: 'accepted', status: 200, checkId: 'authentication.signature' },
    });
    // Both verifiers reject it: ours at the signature step, and the second opinion.
    expect(auth.dissection.secondOpinion.verified).toBe(false);
  });

  test('a call whose RP ID is not its origin’s domain: the related-origins document is fetched through the page and recorded', async () => {
    test.setTimeout(60_000);
    const record = join(mkdtempSync(join(tmpdir(), 'pe-inspect-')), 'related.json');
    const r = await runInspect(headlessInspect(`http://127.0.0.1:${port}/related`, { until: 1, timeout: 40, record }));
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    // The browser refuses an RP ID that is not the page's domain (here: an IP-address origin asking for "localhost").
    expect(r.out).toMatch(new RegExp(`authentication  http://127\\.0\\.0\\.1:${port}  rpId localhost  fmt -  client error SecurityError`));
    const [c] = JSON.parse(readFileSync(record, 'utf8')).ceremonies;
    // What the client would have asked the RP ID for, asked through the page's own network stack.
    expect(c.site.relatedOrigins).toMatchObject({
      url: 'https://localhost/.well-known/webauthn',
      via: 'browser',
      listed: false,
      error: expect.stringMatching(/^net::ERR_/),
    });
  });

  test('a call from a cross-origin iframe and one from a popup are captured', async () => {
    test.setTimeout(120_000);
    const framed = await runInspect(headlessInspect(`http://localhost:${port}/with-frame`, { until: 1, timeout: 60 }));
    expect(framed.code, `${framed.out}\n${framed.err}`).toBe(0);
    expect(framed.out).toMatch(
      new RegExp(`authentication  http://localhost:${framePort}  rpId localhost  fmt -  client error NotAllowedError`),
    );
    // A popup opens on a click (a user gesture, as browsers require): the test clicks over CDP.
    let clicked = false;
    let clickError = '';
    const popup = await runInspect(headlessInspect(`http://localhost:${port}/with-popup`, { until: 1, timeout: 60 }), {
      onOutput: (out) => {
        const m = /DevTools endpoint: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (!m || clicked) return;
        clicked = true;
        // Raw CDP clicks (Playwright's own attach would resume the popup before inspect has instrumented
        // it): one on the opener, then one in the popup once the capture is installed there (the effect
        // waited for: the capture script's marker).
        void (async () => {
          await clickOver(m[1], `http://localhost:${port}/with-popup`, '#open');
          await clickOver(m[1], `http://localhost:${port}/popup`, '#sign-in', 'window.__passkeyExplorerCapture === true');
        })().catch((e) => (clickError = String(e)));
      },
    });
    expect(popup.code, `${popup.out}\n${popup.err}\n${clickError}`).toBe(0);
    // The popup's virtual authenticator is added as the popup starts, which a popup of its opener's
    // process does not wait for: without it the browser answers NotSupportedError, with it NotAllowedError
    // (no credential in the allow list). Either way the call and its error are captured.
    expect(popup.out).toMatch(
      new RegExp(`authentication  http://localhost:${port}  rpId localhost  fmt -  client error (NotAllowedError|NotSupportedError)`),
    );
  });
});
