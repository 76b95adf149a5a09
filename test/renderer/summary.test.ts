/**
 * The plain-language summary generator, the sequence steps and the inspector's pure helpers, on
 * ceremony records shaped like the RP's (registration and sign-in, verified, failed, client error).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ceremony } from '@api/types.ts';
import type { Check } from '@decode/types.ts';
import { dissect } from '@decode/index.ts';
import { expectationsFromCase, verifyRegistration } from '@decode/verify/index.ts';
import { toBase64Url } from '@decode/bytes.ts';
import { FALLBACK_CONFIG } from '../../src/renderer/src/model/config.ts';
import { plainSummary } from '../../src/renderer/src/model/plainSummary.ts';
import { lanesOf, sequenceInputOf, stepsOf, stoppedAt } from '../../src/renderer/src/model/sequence.ts';
import { exchange, externalSite } from '../support/site.ts';
import {
  authDataOffset,
  decodeSources,
  deepestAt,
  fieldForCheck,
  indexTree,
  jsonToFields,
  searchTree,
  visibleRows,
  expandedToDepth,
} from '../../src/renderer/src/model/inspect.ts';
import { inspectorEn } from '../../src/renderer/src/i18n/inspector.en.ts';
import { inspectorJa } from '../../src/renderer/src/i18n/inspector.ja.ts';

const VECTORS = resolve(import.meta.dirname, '../../../shared/vectors');
const flags = (o: Partial<Record<'up' | 'uv' | 'be' | 'bs' | 'at' | 'ed', boolean>>) => ({
  up: true,
  uv: false,
  be: false,
  bs: false,
  at: false,
  ed: false,
  ...o,
});

function ceremony(over: Partial<Ceremony>): Ceremony {
  return {
    id: 'c1',
    kind: 'registration',
    createdAt: '2025-01-01T00:00:00.000Z',
    config: FALLBACK_CONFIG,
    options: {
      challenge: 'abc',
      rp: { name: 'x', id: 'localhost' },
      user: { id: 'u', name: 'alice', displayName: 'Alice' },
      pubKeyCredParams: [],
    },
    response: null,
    clientError: null,
    verdict: 'verified',
    error: null,
    result: null,
    dissection: null,
    timings: { optionsAt: 1000, responseAt: 1400, verifiedAt: 1450 },
    userName: 'alice',
    credentialId: 'cred',
    ...over,
  } as Ceremony;
}

const regResult = (o: Partial<NonNullable<Ceremony['result']>> = {}) => ({
  credentialId: 'cred',
  userName: 'alice',
  fmt: 'none',
  aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
  authenticatorName: 'iCloud Keychain',
  alg: -7,
  signCount: 0,
  flags: flags({ uv: true, be: true, bs: true, at: true }),
  credentialDeviceType: 'multiDevice' as const,
  clientExtensionResults: { credProps: { rk: true } },
  ...o,
});

describe('plainSummary', () => {
  it('registration of a synced passkey: who made it, synced, UV, no attestation, only the public key stored', () => {
    const s = plainSummary(ceremony({ result: regResult() }), { lang: 'en' });
    expect(s.tone).toBe('ok');
    expect(s.headline).toBe(
      'A passkey (a discoverable credential) was created by iCloud Keychain (AAGUID fbfc3007-154e-4ecc-8c0b-6e020557d7bd).',
    );
    expect(s.details).toEqual([
      'It is synced: the provider backed it up (BE=1, BS=1), so it can appear on your other devices.',
      'Your PIN or biometric was verified (UV=1).',
      'There is no attestation (fmt "none"): the authenticator’s model is not proven.',
      'The RP stored only the public key (ES256 (-7)) and the credential ID; the private key never left the authenticator.',
    ]);
  });

  it('a ceremony captured on another site says what its server should do and what it answered, never that this RP stored it', () => {
    const site = externalSite;
    const reg = plainSummary(ceremony({ result: regResult(), site: site() }), { lang: 'en' });
    expect(reg.details.slice(-2)).toEqual([
      'What https://shop.example’s server should store: only the public key (ES256 (-7)) and the credential ID; the private key never left the authenticator.',
      'https://shop.example’s server accepted it (HTTP 200).',
    ]);
    expect(reg.details.join(' ')).not.toMatch(/The RP stored/);
    const failed = plainSummary(
      ceremony({
        kind: 'authentication',
        verdict: 'failed',
        result: null,
        dissection: {
          checks: [{ id: 'authentication.signature', title: 'the signature verifies', status: 'fail', spec: '', message: 'bad' }],
        } as never,
        site: site({ serverVerdict: 'accepted' }),
      }),
      { lang: 'en' },
    );
    expect(failed.headline).toBe('Our checks reject this sign-in at “the signature verifies”: the site’s server should not let it in.');
    expect(failed.details).toContain('https://shop.example’s server accepted it (HTTP 200).');
    const refused = plainSummary(
      ceremony({
        verdict: 'client-error',
        clientError: { name: 'NotAllowedError', message: 'm' },
        response: null,
        result: null,
        site: site({ server: { options: null, credential: null } }),
      }),
      { lang: 'ja' },
    );
    expect(refused.details.at(-1)).toBe('https://shop.example のサーバーには何も送られていません。');
  });

  it('an all-zero AAGUID is explained, not blamed on the authenticator: attestation "none", U2F, or a model withheld', () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    const of = (fmt: string, attestation?: string) =>
      plainSummary(
        ceremony({
          options: {
            challenge: 'abc',
            rp: { name: 'x', id: 'localhost' },
            user: { id: 'u', name: 'a', displayName: 'a' },
            pubKeyCredParams: [],
            ...(attestation ? { attestation } : {}),
          } as never,
          result: regResult({ authenticatorName: null, aaguid: zero, fmt, flags: flags({ at: true }) }),
        }),
        { lang: 'en' },
      ).details.join('\n');
    expect(of('none')).toContain(
      'the options asked for attestation "none", and browsers then replace the AAGUID with zeros (Chromium does for security keys)',
    );
    expect(of('none')).toContain('ask for attestation "direct" or "indirect"');
    expect(of('fido-u2f', 'direct')).toContain('a U2F (fido-u2f) authenticator has no AAGUID');
    expect(of('apple', 'direct')).toContain('still chose not to name its model');
  });

  it('device-bound security key without UV and without credProps; unknown name; packed attestation', () => {
    const c = ceremony({
      result: regResult({
        authenticatorName: null,
        aaguid: '2fc0579f-8113-47ea-b116-bb5a8db9202a',
        fmt: 'packed',
        flags: flags({ at: true }),
        clientExtensionResults: {},
      }),
    });
    const s = plainSummary(c, { lang: 'en' });
    expect(s.headline).toBe(
      'A credential was created by an authenticator (AAGUID 2fc0579f-8113-47ea-b116-bb5a8db9202a). The client did not report whether it is discoverable (no credProps.rk), so whether it works as a username-less passkey is unknown.',
    );
    expect(s.details[0]).toBe('It is device-bound, not synced (BE=0): it lives only on this authenticator.');
    expect(s.details[1]).toBe('You were present (UP=1) but not verified: no PIN or biometric was checked (UV=0).');
    // Never overclaim: without a chain to a trusted root the model is claimed, not proven.
    expect(s.details[2]).toBe(
      'The "packed" attestation statement’s signature verifies, but its certificate chain could not be tied to a trusted root, so the model is claimed, not proven. Loading the FIDO MDS (Metadata) or adding the vendor’s root certificate would prove it.',
    );
    const trust = (status: Check['status'], actual: unknown) =>
      ({ dissection: { checks: [{ id: 'attestation.trust', status, title: '', spec: '', actual }] } }) as unknown as Partial<Ceremony>;
    const proven = plainSummary(ceremony({ ...c, ...trust('pass', { type: 'basic', root: 'CN=Yubico U2F Root CA Serial 457200631' }) }), {
      lang: 'en',
    });
    expect(proven.details[2]).toBe(
      'The authenticator proved its model: the "packed" attestation statement’s signature verifies and its certificate chain leads to a trusted root (CN=Yubico U2F Root CA Serial 457200631).',
    );
    const self = plainSummary(ceremony({ ...c, ...trust('pass', { type: 'self' }) }), { lang: 'en' });
    expect(self.details[2]).toMatch(/^The "packed" statement is self attestation: .* nothing about the model\.$/);
    const noRoot = plainSummary(ceremony({ ...c, ...trust('warn', { type: 'uncertain', reason: 'no trust anchor' }) }), { lang: 'ja' });
    expect(noRoot.details[2]).toContain('機種は名乗られているだけで証明されていません');
    // a name from the metadata sources is used when the record has none
    expect(plainSummary(c, { lang: 'en', authenticatorName: 'YubiKey 5' }).headline).toContain('created by YubiKey 5 (AAGUID');
  });

  it('non-discoverable credential and an all-zero AAGUID', () => {
    const s = plainSummary(
      ceremony({
        result: regResult({
          authenticatorName: null,
          aaguid: '00000000-0000-0000-0000-000000000000',
          clientExtensionResults: { credProps: { rk: false } },
          flags: flags({ at: true, uv: true }),
        }),
      }),
      { lang: 'en' },
    );
    expect(s.headline).toContain('not discoverable (credProps.rk = false)');
    expect(s.headline).toContain('(its AAGUID is all zeros: the model is not disclosed)');
  });

  it('sign-in: passkey, counter moving, counter 0', () => {
    const auth = (signCount: number, previousSignCount?: number) =>
      ceremony({
        kind: 'authentication',
        options: { challenge: 'abc', allowCredentials: [] } as unknown as Ceremony['options'],
        result: regResult({
          signCount,
          previousSignCount,
          flags: flags({ uv: true }),
          authenticatorName: 'Windows Hello',
          aaguid: undefined,
        }),
      });
    const a = plainSummary(auth(5, 4), { lang: 'en' });
    expect(a.headline).toBe('You signed in with a passkey from Windows Hello.');
    expect(a.details).toContain('The signature counter went from 4 to 5.');
    expect(a.details).toContain('Your PIN or biometric was verified (UV=1).');
    expect(a.details.at(-1)).toBe('The RP checked the signature with the public key it stored at registration; no secret was sent.');
    expect(plainSummary(auth(0, 0), { lang: 'en' }).details).toContain(
      'The signature counter is 0: this authenticator does not count signatures (usual for synced passkeys).',
    );
  });

  it('failed registration names the first failed check, its reason, and warns about the orphan credential', () => {
    const checks: Check[] = [
      { id: 'registration.up', spec: 's', title: '§7.1: the UP flag is set', status: 'pass' },
      {
        id: 'registration.uv',
        spec: 's',
        title: '§7.1: the UV flag is set when user verification is required',
        status: 'fail',
        message: 'User verification is required but user was not verified (UV flag is 0)',
      },
      { id: 'registration.alg', spec: 's', title: 'alg', status: 'fail', message: 'second' },
    ];
    const c = ceremony({
      verdict: 'failed',
      error: { code: 'verification_failed', message: 'User verification is required', step: 'registration.uv' },
      dissection: {
        kind: 'registration',
        summary: {
          fmt: 'none',
          aaguid: null,
          authenticatorName: null,
          credentialId: 'cred',
          signCount: 0,
          flags: flags({ at: true }),
          alg: -7,
          rpIdHash: null,
        },
        tree: [],
        errors: [],
        sources: {},
        checks,
        secondOpinion: { verifier: '@simplewebauthn/server', verified: false },
        disagreement: null,
      },
    });
    const s = plainSummary(c, { lang: 'en' });
    expect(s.tone).toBe('failed');
    expect(s.headline).toBe(
      'No passkey was registered: the RP rejected the response at “§7.1: the UV flag is set when user verification is required”.',
    );
    expect(s.details).toEqual([
      'Why: User verification is required but user was not verified (UV flag is 0)',
      'You were present (UP=1) but not verified: no PIN or biometric was checked (UV=0).',
      'The authenticator may still keep the credential it created, but the RP did not store it, so it cannot be used here.',
    ]);
    const ja = plainSummary(c, { lang: 'ja' });
    expect(ja.headline).toBe(
      'パスキーは登録されませんでした。RP は「§7.1: the UV flag is set when user verification is required」で応答を拒否しました。',
    );
  });

  it('client error: NotAllowedError explained, nothing stored; in Japanese too', () => {
    const c = ceremony({
      verdict: 'client-error',
      clientError: { name: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' },
      error: { code: 'client_error', message: 'NotAllowedError: …', step: 'client' },
      timings: { optionsAt: 1000, responseAt: 1900 },
    });
    const en = plainSummary(c, { lang: 'en' });
    expect(en.tone).toBe('client-error');
    expect(en.headline).toBe('No passkey was created: the browser reported NotAllowedError.');
    expect(en.details[0]).toMatch(/^It means the user cancelled, the timeout ran out, or no authenticator could satisfy the options/);
    expect(en.details).toContain('Its message: “The operation either timed out or was not allowed.”');
    const ja = plainSummary(c, { lang: 'ja' });
    expect(ja.headline).toBe('パスキーは作成されませんでした。ブラウザーが NotAllowedError を報告しました。');
    const other = plainSummary(
      ceremony({ kind: 'authentication', verdict: 'client-error', clientError: { name: 'WeirdError', message: '' } }),
      { lang: 'en' },
    );
    expect(other.headline).toBe('Nobody signed in: the browser reported WeirdError.');
    expect(other.details[0]).toBe('Nothing reached the RP but the error itself.');
  });

  it('en and ja catalogs have the same keys and placeholders', () => {
    expect(Object.keys(inspectorJa).sort()).toEqual(Object.keys(inspectorEn).sort());
    const ph = (s: string) => [...s.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(inspectorEn) as (keyof typeof inspectorEn)[]) expect(ph(inspectorJa[k]), k).toEqual(ph(inspectorEn[k]));
  });
});

describe('sequence steps', () => {
  const site = (over: Partial<NonNullable<Ceremony['site']>> = {}) =>
    externalSite({
      url: 'https://shop.example/login',
      rawOptions: { publicKey: {} },
      server: {
        options: exchange({ url: 'https://shop.example/api/options', method: 'GET', requestBody: null, startedAt: 940, finishedAt: 980 }),
        credential: exchange({
          url: 'https://shop.example/api/verify',
          status: 401,
          responseBody: '{"error":"bad signature"}',
          startedAt: 1_520,
          finishedAt: 1_560,
        }),
      },
      serverVerdict: 'rejected',
      disagreement: null,
      ...over,
    });
  it('a ceremony captured on another site: page and site server lanes, its exchange on the browser clock, its answer', () => {
    const c = ceremony({ result: regResult(), timings: { optionsAt: 1_000, responseAt: 1_500 }, site: site() });
    const steps = stepsOf(sequenceInputOf(c));
    expect(lanesOf(c)).toEqual(['user', 'authenticator', 'client', 'page', 'server']);
    expect(steps.map((s) => [s.id, s.from, s.to])).toEqual([
      ['options-request', 'page', 'server'],
      ['options-response', 'server', 'page'],
      ['page-call', 'page', 'client'],
      ['client-call', 'client', 'authenticator'],
      ['user-verification', 'authenticator', 'user'],
      ['authenticator-response', 'authenticator', 'client'],
      ['client-result', 'client', 'page'],
      ['response-post', 'page', 'server'],
      ['verify', 'server', 'server'],
      ['result', 'server', 'page'],
    ]);
    // Relative to the page's call; the options came before it.
    expect(steps.map((s) => s.atMs)).toEqual([-60, -20, 0, null, null, null, 500, 520, null, 560]);
    expect(steps.filter((s) => s.atMs !== null).every((s) => s.timing === 'page')).toBe(true);
    // Our checks passed; the site's server refused: the answer is where it stopped.
    expect(stoppedAt(steps)).toMatchObject({ id: 'result', error: { name: 'HTTP 401', message: '{"error":"bad signature"}' } });
  });
  it('an exchange that was not seen is skipped, a disagreement marks the answer, a client error stops on the call', () => {
    const unseen = stepsOf(
      sequenceInputOf(
        ceremony({ result: regResult(), site: site({ server: { options: null, credential: null }, serverVerdict: 'unknown' }) }),
      ),
    );
    expect(unseen.filter((s) => s.status === 'skipped').map((s) => s.id)).toEqual([
      'options-request',
      'options-response',
      'response-post',
      'result',
    ]);
    const accepted = stepsOf(
      sequenceInputOf(
        ceremony({
          verdict: 'failed',
          dissection: {
            checks: [{ id: 'registration.origin', spec: '', title: 'origin', status: 'fail', message: 'wrong origin' }],
          } as never,
          site: site({ serverVerdict: 'accepted', disagreement: { server: 'accepted', status: 200, checkId: 'registration.origin' } }),
        }),
      ),
    );
    expect(accepted.find((s) => s.id === 'verify')).toMatchObject({ status: 'error', error: { checkId: 'registration.origin' } });
    expect(accepted.find((s) => s.id === 'result')).toMatchObject({ disagreement: true });
    const refused = stepsOf(
      sequenceInputOf(
        ceremony({
          verdict: 'client-error',
          clientError: { name: 'NotAllowedError', message: 'm' },
          response: null,
          site: site({ server: { options: null, credential: null } }),
        }),
      ),
    );
    expect(stoppedAt(refused)).toMatchObject({ id: 'client-call', error: { name: 'NotAllowedError' } });
    expect(refused.find((s) => s.id === 'client-result')).toMatchObject({ status: 'error', payload: 'client-error' });
    expect(refused.find((s) => s.id === 'verify')?.status).toBe('skipped');
  });
  it('a verified ceremony: all 8 steps done, times relative to optionsAt', () => {
    const steps = stepsOf(sequenceInputOf(ceremony({ result: regResult() }), 320));
    expect(steps.map((s) => s.id)).toEqual([
      'options-request',
      'options-response',
      'client-call',
      'user-verification',
      'authenticator-response',
      'response-post',
      'verify',
      'result',
    ]);
    expect(steps.every((s) => s.status === 'ok')).toBe(true);
    expect(steps.map((s) => s.atMs)).toEqual([0, 0, null, null, 320, 400, 450, 450]);
    expect(steps.find((s) => s.id === 'authenticator-response')).toMatchObject({ timing: 'call-end', durationMs: 320 });
    // What the window measured is on the steps it measured: create() took 320 ms; UV is inside it.
    expect(steps.find((s) => s.id === 'client-call')).toMatchObject({ timing: 'duration', durationMs: 320 });
    expect(steps.find((s) => s.id === 'user-verification')).toMatchObject({ timing: 'inside', atMs: null });
    expect(steps.find((s) => s.id === 'options-response')).toMatchObject({ timing: 'reference', atMs: 0 });
    expect(stoppedAt(steps)).toBeNull();
  });
  it('a ceremony reopened from history uses the create()/get() time the RP recorded', () => {
    const c = ceremony({ result: regResult() });
    const reopened = { ...c, timings: { ...c.timings, clientMs: 275 } };
    const step = stepsOf(sequenceInputOf(reopened)).find((s) => s.id === 'authenticator-response')!;
    expect(step).toMatchObject({ atMs: 275, timing: 'call-end', durationMs: 275 });
    expect(stepsOf(sequenceInputOf(c)).find((s) => s.id === 'authenticator-response')).toMatchObject({ atMs: null, timing: 'none' });
    // The options round trip the window measured is the request's time.
    const withRoundTrip = { ...c, timings: { ...c.timings, optionsMs: 12 } };
    expect(stepsOf(sequenceInputOf(withRoundTrip))[0]).toMatchObject({ id: 'options-request', timing: 'round-trip', durationMs: 12 });
    expect(stepsOf(sequenceInputOf(c))[0]).toMatchObject({ id: 'options-request', timing: 'none' });
  });
  it('a client error stops on the create()/get() arrow; later steps are not reached', () => {
    const steps = stepsOf(
      sequenceInputOf(
        ceremony({
          verdict: 'client-error',
          clientError: { name: 'NotAllowedError', message: 'm' },
          timings: { optionsAt: 1000, responseAt: 1800 },
        }),
      ),
    );
    const stop = stoppedAt(steps)!;
    expect(stop.id).toBe('client-call');
    expect(stop.error).toEqual({ name: 'NotAllowedError', message: 'm' });
    expect(stop.atMs).toBe(800);
    expect(steps.slice(3).every((s) => s.status === 'skipped' && s.atMs === null)).toBe(true);
  });
  it('a failed check stops on the RP verify step naming the first failed check', () => {
    const checks: Check[] = [
      { id: 'registration.challenge', spec: '', title: 'challenge', status: 'pass' },
      { id: 'registration.uv', spec: '', title: 'UV', status: 'fail', message: 'no UV' },
    ];
    const c = ceremony({ verdict: 'failed', dissection: { checks } as Ceremony['dissection'] });
    const stop = stoppedAt(stepsOf(sequenceInputOf(c)))!;
    expect(stop.id).toBe('verify');
    expect(stop.error).toMatchObject({ checkId: 'registration.uv', message: 'no UV' });
    // without checks (rejected before decoding), the RP's error step is named
    const bare = stoppedAt(
      stepsOf(
        sequenceInputOf(
          ceremony({ verdict: 'failed', error: { code: 'credential_unknown', message: 'not registered', step: 'credential' } }),
        ),
      ),
    )!;
    expect(bare).toMatchObject({ id: 'verify', error: { name: 'credential_unknown', checkId: 'credential' } });
  });
});

describe('inspector model', () => {
  const c = JSON.parse(readFileSync(resolve(VECTORS, 'registration/swa-reg-packed-x5c-yubikey.json'), 'utf8'));
  const d = dissect(c.response);
  const index = indexTree(d.tree);

  it('the deepest field at a byte: the flags byte, an rpIdHash byte; offsets relative to authData', () => {
    const flagsNode = index.all.find((n) => n.field.path === 'attestationObject.authData.flags')!;
    const at = flagsNode.field.range![0];
    const hit = deepestAt(index, 'attestationObject', at)!;
    expect(hit.field.path).toBe('attestationObject.authData.flags'); // not one of its bits
    expect(authDataOffset(hit)).toBe(32);
    expect(d.sources.attestationObject[at]).toBe(0x41);
    const rp = index.all.find((n) => n.field.path === 'attestationObject.authData.rpIdHash')!;
    expect(deepestAt(index, 'attestationObject', rp.field.range![0] + 5)?.id).toBe(rp.id);
    expect(deepestAt(index, 'attestationObject', 10_000)).toBeNull();
  });

  it('search filters to matches and their ancestors', () => {
    const r = searchTree(index, 'rpIdHash')!;
    expect(r.order.length).toBeGreaterThan(0);
    const rows = visibleRows(index, new Set(), r.visible);
    expect(rows.some((n) => n.field.path === 'attestationObject.authData.rpIdHash')).toBe(true);
    expect(rows.every((n) => r.visible.has(n.id))).toBe(true);
    expect(searchTree(index, '  ')).toBeNull();
    expect(visibleRows(index, expandedToDepth(index, 0)).length).toBeLessThan(index.all.length);
  });

  it('checks select the fields the verifier says they examined, the first the tree has', async () => {
    const checks = await verifyRegistration(d, expectationsFromCase(c));
    const pathOf = (id: string) =>
      fieldForCheck(
        index,
        checks.find((k) => k.id === id)!,
      )?.field.path;
    expect(pathOf('registration.uv')).toBe('attestationObject.authData.flags.UV');
    expect(pathOf('registration.challenge')).toBe('clientDataJSON.challenge');
    expect(pathOf('registration.rpIdHash')).toBe('attestationObject.authData.rpIdHash');
    expect(pathOf('attestation.packed.signature')).toBe('attestationObject.attStmt.sig');
    expect(pathOf('attestation.fmt')).toBe('attestationObject.fmt');
    expect(fieldForCheck(index, { fields: ['not.in.the.tree', 'clientDataJSON.origin'] })?.field.path).toBe('clientDataJSON.origin');
    expect(fieldForCheck(index, {})).toBeNull();
  });

  it('JSON payloads become a field tree with exact byte ranges; stored sources decode', () => {
    const value = { challenge: 'abc', rp: { id: 'localhost' }, list: [1, 'é'] };
    const { tree, bytes } = jsonToFields(value, 'options');
    const text = new TextDecoder().decode(bytes);
    expect(text).toBe(JSON.stringify(value, null, 2));
    const idx = indexTree(tree);
    const slice = (path: string) => {
      const f = idx.all.find((n) => n.field.path === path)!.field;
      return new TextDecoder().decode(bytes.subarray(f.range![0], f.range![1]));
    };
    expect(slice('challenge')).toBe('"abc"');
    expect(slice('rp.id')).toBe('"localhost"');
    expect(slice('list[1]')).toBe('"é"');
    const src = decodeSources({ a: toBase64Url(new Uint8Array([1, 2, 255])), bad: '!!' });
    expect([...src.a]).toEqual([1, 2, 255]);
    expect(src.bad).toBeUndefined();
  });
});
