/**
 * Any site as a harness target, through its own pages (src/api/site.ts): each ceremony step opens the
 * site's page in a tab of the lab browser, does what a person would (fill, click, a script), lets the
 * page call create() / get() with the site's own options on the tab's virtual authenticator, and
 * judges the site's answer — the request that carried the credential and what the server said to it,
 * captured by the inspection (src/rp/inspect). The lab's faults (bogus signature, UP / UV cleared,
 * counters) are the authenticator's; a tamper or a replay changes the site's own request on its way
 * out (held by the inspection's CDP Fetch: the response's fields, found in the body as base64url or
 * base64, replaced), so an
 * attacker between the page and the server is what the site meets.
 *
 * A site names no check when it refuses: any refusal meets "rejected at". What a site cannot be made
 * to do — move its clock, forget a user's credentials, take this harness's options or RP policy — is
 * unsupported, with the reason.
 */
import { randomBytes } from 'node:crypto';
import type { Ceremony, CeremonyConfig } from '@api/types.ts';
import type { Site, SiteAction } from '@api/site.ts';
import type { TAMPERS } from '@api/harness.ts';
import type { LabTransport } from '../lab/types.ts';
import { serverVerdictOf } from '../inspect/record.ts';
import type { InspectRecorder } from '../inspect/recorder.ts';
import type { Capture, SiteInspector } from '../inspect/session.ts';
import { tamper } from './tamper.ts';
import { factsOf, TargetCannot, type Exchange, type HarnessTarget, type TargetAnswer } from './target.ts';

type Json = Record<string, any>;
type Kind = 'register' | 'authenticate';

/** How a driven step changes the site's request: a tamper of the response, or another response in its place. */
export interface SiteFault {
  tamper?: (typeof TAMPERS)[number];
  /** Post this earlier response instead (a replay to a new ceremony). */
  replace?: Json;
}

export interface DrivenStep {
  answer: TargetAnswer;
  /** The response as the page got it from the authenticator (what a replay posts again). */
  response: Json | null;
  /** The request that carried the credential to the site (what a replay to the same ceremony sends again). */
  request: { url: string; method: string; body: string } | null;
}

type ConfigPatch = Partial<CeremonyConfig>;

/** Step options a site's own options are compared with: the step runs when the site asked for the same. */
const COMPARED = ['residentKey', 'userVerification', 'attestation', 'allowCredentials', 'excludeCredentials', 'pubKeyCredParams'] as const;

/**
 * Where the page's own options differ from what a step needs (null: they do not). residentKey
 * "required" is met by "preferred" too: the lab's authenticator stores discoverable credentials, so
 * the page's registration makes one either way.
 */
export function optionsMismatch(kind: Kind, patch: ConfigPatch, options: unknown, who = 'the site’s page'): string | null {
  const pk = ((options as Json | null)?.publicKey ?? {}) as Json;
  const sel = (pk.authenticatorSelection ?? {}) as Json;
  const listed = (v: unknown) => Array.isArray(v) && v.length > 0;
  for (const key of COMPARED) {
    const want = patch[key];
    if (want === undefined) continue;
    let got: unknown;
    let same: boolean;
    switch (key) {
      case 'residentKey':
        got = sel.residentKey ?? (sel.requireResidentKey ? 'required' : 'discouraged');
        same = want === 'required' ? got === 'required' || got === 'preferred' : got === want;
        break;
      case 'userVerification':
        got = (kind === 'register' ? sel.userVerification : pk.userVerification) ?? 'preferred';
        same = got === want;
        break;
      case 'attestation':
        got = pk.attestation ?? 'none';
        same = got === want;
        break;
      case 'allowCredentials':
      case 'excludeCredentials':
        got = listed(pk[key]) ? 'a list' : 'none';
        same = (got === 'a list') === want;
        break;
      case 'pubKeyCredParams':
        got = Array.isArray(pk.pubKeyCredParams) ? pk.pubKeyCredParams.map((p: Json) => p.alg) : [];
        same = JSON.stringify(got) === JSON.stringify(want);
        break;
    }
    if (!same)
      return `${who} asked for ${key} ${JSON.stringify(got)}; this step needs ${JSON.stringify(key.endsWith('Credentials') ? (want ? 'a list' : 'none') : want)}`;
  }
  return null;
}

/** The fields of a response the site's request may carry (the rest of its body is the site's own). */
const FIELDS = ['clientDataJSON', 'authenticatorData', 'attestationObject', 'signature', 'userHandle'] as const;

export class SiteTarget implements HarnessTarget {
  readonly label: string;
  readonly appliesPolicy = false;
  readonly ownOptions = true;
  private readonly origin: string;
  /** Makes `{user}` new on every run: a site keeps the accounts of earlier runs. */
  private readonly run = randomBytes(3).toString('hex');

  constructor(
    readonly site: Site,
    private readonly page: LabTransport,
    private readonly inspector: SiteInspector,
    private readonly recorder: InspectRecorder,
  ) {
    this.label = `site:${site.url}`;
    this.origin = new URL(site.url).origin;
  }

  open(): Promise<never> {
    return Promise.reject(new TargetCannot('a site opens its ceremonies from its own page'));
  }
  verify(): Promise<never> {
    return Promise.reject(new TargetCannot('a site verifies what its own page posts'));
  }
  forgetCredentials(): void {
    throw new TargetCannot('a site’s records are its own (no way to delete a user’s credentials there)');
  }
  setClockSkew(ms: number): void {
    if (ms !== 0) throw new TargetCannot('a site’s clock is its own');
  }

  /** A new person: no cookies, no storage of the site's. */
  async reset(): Promise<void> {
    await this.page.send('Network.clearBrowserCookies').catch(() => {});
    await this.page
      .send('Storage.clearDataForOrigin', { origin: this.origin, storageTypes: 'local_storage,session_storage,indexeddb' })
      .catch(() => {});
  }

  /**
   * Options a site cannot take from the harness: a step that sets them is unsupported there. The ones
   * the page's own options can be compared with (COMPARED) are checked once the page has called.
   */
  static refusesConfig(config: ConfigPatch | undefined): string | null {
    const keys = Object.keys(config ?? {}).filter((k) => k !== 'userName' && !(COMPARED as readonly string[]).includes(k));
    return keys.length ? `its options are its own (this step sets ${keys.join(', ')})` : null;
  }

  /** One ceremony on the site's page: its actions, the page's call, the site's answer. */
  async drive(kind: Kind, user: string, fault: SiteFault = {}, patch: ConfigPatch = {}): Promise<DrivenStep> {
    const deadline = Date.now() + this.site.timeoutMs;
    const started = Date.now();
    const want = kind === 'register' ? 'create' : 'get';
    const ceremony = this.nextCeremony(want, started, deadline);
    const rewrite = fault.tamper || fault.replace ? this.rewriteNext(want, started, fault) : null;
    try {
      await this.load(this.site.url, deadline);
      for (const a of this.site[kind]) await this.act(a, user, deadline);
      const { record, capture } = await ceremony.promise.catch(async (e: Error) => {
        // What the page shows says why it never called (an account that exists, a button that moved).
        const shows = await this.evaluate(`document.body ? document.body.innerText.trim().slice(-300) : ''`).catch(() => '');
        throw new Error(`${e.message}${shows ? ` (the page shows: ${String(shows).replace(/\s+/g, ' ')})` : ''}`);
      });
      const differs = optionsMismatch(kind, patch, capture.options);
      if (differs) throw new TargetCannot(differs);
      const rewritten = rewrite ? await rewrite.done : null;
      if (rewrite && !rewritten)
        throw new TargetCannot(
          'the site’s request did not carry the response’s fields as base64url or base64, so the harness could not change it',
        );
      return await this.answer(record, capture, rewritten, deadline);
    } finally {
      ceremony.cancel();
      await rewrite?.stop();
    }
  }

  /** Sends the request that carried an earlier credential again, from the page (its cookies, its origin). */
  async resend(request: NonNullable<DrivenStep['request']>): Promise<TargetAnswer> {
    await this.load(this.site.url, Date.now() + this.site.timeoutMs);
    const json = isJson(request.body);
    const expression = `fetch(${JSON.stringify(request.url)}, { method: ${JSON.stringify(request.method)}, credentials: 'include', body: ${JSON.stringify(
      request.body,
    )}${json ? `, headers: { 'content-type': 'application/json' }` : ''} }).then(async (r) => ({ status: r.status, body: await r.text() }))`;
    const r = (await this.page.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result?: { value?: { status: number; body: string } };
      exceptionDetails?: { exception?: { description?: string } };
    };
    const v = r.result?.value;
    if (!v) throw new Error(`the page could not send the request again: ${r.exceptionDetails?.exception?.description ?? 'no answer'}`);
    const verdict = serverVerdictOf({
      url: request.url,
      method: request.method,
      status: v.status,
      requestBody: request.body,
      responseBody: v.body,
      startedAt: 0,
      finishedAt: 0,
      mimeType: null,
    });
    const refused = verdict === 'rejected';
    return {
      facts: { ...factsOf(null, refused ? 'failed' : 'verified'), verdict: verdict === 'unknown' ? null : refused ? 'failed' : 'verified' },
      rejectedAt: null,
      clientError: null,
      refused,
      ceremonyId: null,
      exchanges: [{ url: request.url, request: parseMaybe(request.body), status: v.status, answer: parseMaybe(v.body) }],
    };
  }

  private async answer(record: Ceremony, capture: Capture, rewritten: string | null, deadline: number): Promise<DrivenStep> {
    const x = capture.exchanges;
    const exchanges: Exchange[] = [];
    if (x.options)
      exchanges.push({
        url: x.options.url,
        request: parseMaybe(x.options.requestBody),
        status: x.options.status ?? 0,
        answer: parseMaybe(x.options.responseBody),
      });
    if (x.credential)
      exchanges.push({
        url: x.credential.url,
        request: parseMaybe(rewritten ?? x.credential.requestBody),
        status: x.credential.status ?? 0,
        answer: parseMaybe(x.credential.responseBody),
      });
    const response = (record.response as Json | undefined) ?? null;
    const summary = record.dissection?.summary ?? null;
    if (record.verdict === 'client-error')
      return {
        answer: {
          facts: factsOf(summary, 'client-error'),
          rejectedAt: null,
          clientError: record.clientError?.name ?? 'Error',
          refused: false,
          ceremonyId: null,
          exchanges,
        },
        response: null,
        request: null,
      };
    const accepted = await this.accepted(x.credential ? serverVerdictOf(x.credential) : 'unknown', deadline);
    if (accepted === null)
      throw new Error(
        x.credential
          ? `the site’s answer (HTTP ${x.credential.status}) does not say whether it accepted the credential; name how success shows (success.selector or success.url)`
          : 'no request carried the credential to the site (the page did not post it within 5 s of the call)',
      );
    const verdict = accepted ? 'verified' : 'failed';
    const facts = factsOf(summary, verdict);
    // What the site itself saw: its verdict, with the sign count our dissection read.
    if (accepted && record.result) facts.signCount = record.result.signCount;
    return {
      answer: { facts, rejectedAt: null, clientError: null, refused: !accepted, ceremonyId: null, exchanges },
      response,
      request: x.credential
        ? { url: x.credential.url, method: x.credential.method, body: rewritten ?? x.credential.requestBody ?? '' }
        : null,
    };
  }

  /** Whether the site accepted: its answer to the credential, or the page's success signal. Null: no way to tell. */
  private async accepted(server: 'accepted' | 'rejected' | 'unknown', deadline: number): Promise<boolean | null> {
    const s = this.site.success;
    if (!s.selector && !s.url) return server === 'unknown' ? null : server === 'accepted';
    // The page shows it: poll its document for the success (or failure) signal, up to the deadline.
    const check = `(() => {
      const ok = ${s.selector ? `!!document.querySelector(${JSON.stringify(s.selector)})` : 'false'} || ${s.url ? `location.href.includes(${JSON.stringify(s.url)})` : 'false'};
      const bad = ${s.failureSelector ? `!!document.querySelector(${JSON.stringify(s.failureSelector)})` : 'false'};
      return ok ? 'ok' : bad ? 'bad' : '';
    })()`;
    for (;;) {
      const v = await this.evaluate(check).catch(() => '');
      if (v === 'ok') return true;
      if (v === 'bad') return false;
      if (Date.now() > deadline) return server === 'rejected' ? false : null;
      await sleep(50);
    }
  }

  /** The next ceremony of `want` the page starts after `since`, once its record is complete. */
  private nextCeremony(want: 'create' | 'get', since: number, deadline: number) {
    let cancel = () => {};
    const promise = new Promise<{ record: Ceremony; capture: Capture }>((ok, fail) => {
      const on = (record: Ceremony, capture: Capture) => {
        if (capture.kind !== want || capture.at < since - 1000) return;
        cancel();
        ok({ record, capture });
      };
      const timer = setTimeout(
        () => {
          cancel();
          fail(new Error(`the page made no ${want}() call within ${this.site.timeoutMs / 1000} s of the first action`));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.recorder.on('ceremony', on);
      cancel = () => {
        clearTimeout(timer);
        this.recorder.off('ceremony', on);
      };
    });
    promise.catch(() => {});
    return { promise, cancel: () => cancel() };
  }

  /**
   * Pauses the page's requests until the one carrying the next `want` credential, and changes that
   * one's body: `done` is the body sent (null when no request carried the credential's fields).
   */
  private rewriteNext(want: 'create' | 'get', since: number, fault: SiteFault) {
    let called = false;
    let credential: Json | null = null;
    let waiting: (() => void) | null = null;
    const onCapture = (c: Capture) => {
      if (c.kind !== want || c.at < since - 1000) return;
      called = true;
      if (c.outcome && 'credential' in c.outcome) credential = c.outcome.credential as Json;
      if (c.outcome) waiting?.();
    };
    this.inspector.on('capture', onCapture);
    let finish!: (body: string | null) => void;
    const done = new Promise<string | null>((ok) => (finish = ok));
    // The inspection holds the page's requests (Fetch): each one with a body is offered here first.
    this.inspector.rewriteRequests(async (req) => {
      if (req.method === 'GET') return null;
      // Before the page's call, no request carries its credential. After it, the result reaches us
      // over the page's binding, and a request posted right after may come first: wait for it.
      if (called && !credential)
        await new Promise<void>((ok) => {
          const t = setTimeout(ok, 2_000);
          waiting = () => (clearTimeout(t), ok());
        });
      const body = credential ? rewriteBody(req.body, credential, fault.replace ?? tamper(credential, fault.tamper!)) : null;
      if (body !== null) finish(body);
      return body;
    });
    const timer = setTimeout(() => finish(null), this.site.timeoutMs);
    return {
      done,
      stop: async () => {
        clearTimeout(timer);
        this.inspector.rewriteRequests(null);
        this.inspector.off('capture', onCapture);
        finish(null);
      },
    };
  }

  /** Opens `url` and waits for its new document (a marker on the old one tells the two apart). */
  private async load(url: string, deadline: number): Promise<void> {
    await this.evaluate('window.__peStale = true').catch(() => {});
    await this.page.send('Page.navigate', { url: new URL(url, this.site.url).href });
    for (;;) {
      const v = await this.evaluate(`!window.__peStale && document.readyState === 'complete' && location.href`).catch(() => false);
      if (typeof v === 'string') return;
      if (Date.now() > deadline) throw new Error(`${url} did not load within ${this.site.timeoutMs / 1000} s`);
      await sleep(50);
    }
  }

  private async act(a: SiteAction, user: string, deadline: number): Promise<void> {
    const who = `${user}-${this.run}`;
    const fill = (s: string) => s.replace(/\{user\}/g, who).replace(/\{email\}/g, `${who}@example.test`);
    if ('goto' in a) return this.load(fill(a.goto), deadline);
    if ('eval' in a) {
      const r = (await this.page.send('Runtime.evaluate', { expression: fill(a.eval), awaitPromise: true, userGesture: true })) as {
        exceptionDetails?: { exception?: { description?: string }; text?: string };
      };
      if (r.exceptionDetails)
        throw new Error(
          `the site's script failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text ?? 'an exception'}`,
        );
      return;
    }
    const sel = 'click' in a ? a.click : 'fill' in a ? a.fill : a.waitFor;
    const box = await this.element(sel, deadline);
    if ('waitFor' in a) return;
    if ('click' in a) {
      for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'])
        await this.page.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
      return;
    }
    await this.evaluate(
      `(() => { const e = document.querySelector(${JSON.stringify(sel)}); e.focus(); if ('select' in e) e.select(); })()`,
    );
    await this.page.send('Input.insertText', { text: fill(a.value) });
  }

  /** The centre of the element, once it is in the page (scrolled into view). */
  private async element(selector: string, deadline: number): Promise<{ x: number; y: number }> {
    const find = `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; e.scrollIntoView({ block: 'center' }); const b = e.getBoundingClientRect(); return b.width || b.height ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : null; })()`;
    for (;;) {
      const box = (await this.evaluate(find).catch(() => null)) as { x: number; y: number } | null;
      if (box) return box;
      if (Date.now() > deadline) throw new Error(`no ${selector} in the page within ${this.site.timeoutMs / 1000} s`);
      await sleep(50);
    }
  }

  private async evaluate(expression: string): Promise<unknown> {
    const r = (await this.page.send('Runtime.evaluate', { expression, returnByValue: true })) as {
      result?: { value?: unknown };
      exceptionDetails?: { text?: string };
    };
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.text ?? 'the page threw');
    return r.result?.value;
  }
}

/**
 * The site's request body with the response's fields replaced by another response's: each field's
 * value found as base64url or as (padded) base64. Null when the body carries none of them.
 */
export function rewriteBody(body: string, from: Json, to: Json): string | null {
  let out = body;
  let changed = false;
  const pairs: [string | undefined, string | undefined][] = [
    [from.id, to.id],
    [from.rawId, to.rawId],
    ...FIELDS.map((f) => [from.response?.[f], to.response?.[f]] as [string | undefined, string | undefined]),
  ];
  for (const [a, b] of pairs) {
    if (typeof a !== 'string' || typeof b !== 'string' || !a || a === b) continue;
    const std = (s: string) => Buffer.from(s, 'base64url').toString('base64');
    for (const [x, y] of [
      [a, b],
      [std(a), std(b)],
      [std(a).replace(/=+$/, ''), std(b).replace(/=+$/, '')],
    ]) {
      if (!out.includes(x)) continue;
      out = out.split(x).join(y);
      changed = true;
      break;
    }
  }
  return changed ? out : null;
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function parseMaybe(s: string | null | undefined): unknown {
  if (s === null || s === undefined) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
