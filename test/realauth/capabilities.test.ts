import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/src/i18n/en.ts';
import { ja } from '../../src/renderer/src/i18n/ja.ts';
import { translate } from '../../src/renderer/src/i18n/format.ts';
import {
  capabilityRows,
  disagreements,
  headline,
  KNOWN_EXTENSIONS,
  SPEC_CAPABILITIES,
  type CapabilityProbe,
} from '../../src/renderer/src/model/capabilities.ts';
import { probeCapabilities } from '../../src/renderer/src/webauthn/capabilities.ts';
import { handoffIdFromHash, hashWithoutHandoff } from '../../src/renderer/src/model/handoff.ts';

/** What Chromium 156 answers (recorded from the e2e browser), plus keys a future browser might add. */
const CHROMIUM = {
  conditionalCreate: true,
  conditionalGet: true,
  'extension:appid': true,
  'extension:appidExclude': true,
  'extension:cmtgKey': false,
  'extension:credBlob': true,
  'extension:credProps': true,
  'extension:credentialProtectionPolicy': true,
  'extension:crossDeviceFallbackUrl': false,
  'extension:enforceCredentialProtectionPolicy': true,
  'extension:getCredBlob': true,
  'extension:hmacCreateSecret': true,
  'extension:largeBlob': true,
  'extension:minPinLength': true,
  'extension:payment': false,
  'extension:prf': true,
  hybridTransport: false,
  immediateGet: true,
  passkeyPlatformAuthenticator: false,
  relatedOrigins: true,
  signalAllAcceptedCredentials: true,
  signalCurrentUserDetails: true,
  signalUnknownCredential: true,
  userVerifyingPlatformAuthenticator: false,
};

describe('capability rows (getClientCapabilities mapping)', () => {
  it('has one row per returned key, the value as returned, spec capabilities first in the spec order', () => {
    const rows = capabilityRows(CHROMIUM);
    expect(rows).toHaveLength(Object.keys(CHROMIUM).length);
    expect(Object.fromEntries(rows.map((r) => [r.key, r.value]))).toEqual(CHROMIUM);
    const specRows = rows.filter((r) => r.group === 'capability').map((r) => r.key);
    expect(specRows).toEqual(SPEC_CAPABILITIES.filter((k) => k in CHROMIUM));
    expect(rows.slice(0, specRows.length).map((r) => r.key)).toEqual(specRows);
    const groups = rows.map((r) => r.group);
    expect(groups.indexOf('proposed')).toBeGreaterThan(groups.lastIndexOf('capability'));
    expect(groups.indexOf('extension')).toBeGreaterThan(groups.lastIndexOf('proposed'));
  });

  it('gives every spec capability its own meaning and spec anchor', () => {
    const all = Object.fromEntries(SPEC_CAPABILITIES.map((k) => [k, true]));
    for (const r of capabilityRows(all)) {
      expect(r.group).toBe('capability');
      expect(r.meaning).toBe(`caps.meaning.${r.key}`);
      expect(r.spec).toBe(`https://www.w3.org/TR/webauthn-3/#dom-clientcapability-${r.key.toLowerCase()}`);
    }
  });

  it('maps known and unknown extensions, proposals and keys it has never seen', () => {
    const rows = capabilityRows({
      'extension:prf': true,
      'extension:cmtgKey': false,
      immediateGet: true,
      fancyNewThing: true,
      weird: 'maybe',
    });
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by['extension:prf']).toMatchObject({
      group: 'extension',
      meaning: 'caps.ext.prf',
      value: true,
      spec: 'https://www.w3.org/TR/webauthn-3/#prf-extension',
    });
    expect(by['extension:cmtgKey']).toMatchObject({
      group: 'extension',
      meaning: 'caps.ext.unknown',
      params: { id: 'cmtgKey' },
      value: false,
    });
    expect(by.immediateGet).toMatchObject({ group: 'proposed', meaning: 'caps.meaning.immediateGet' });
    expect(by.fancyNewThing).toMatchObject({
      group: 'unknown',
      meaning: 'caps.meaning.unknown',
      params: { key: 'fancyNewThing' },
      value: true,
    });
    // Not a boolean: kept, shown raw, never turned into yes/no.
    expect(by.weird).toMatchObject({ value: null, raw: 'maybe' });
    expect(capabilityRows({})).toEqual([]);
  });

  it('has an English and a Japanese meaning for every message a row can name', () => {
    const keys = new Set<string>([
      ...SPEC_CAPABILITIES.map((k) => `caps.meaning.${k}`),
      'caps.meaning.immediateGet',
      'caps.meaning.unknown',
      ...KNOWN_EXTENSIONS.map((k) => `caps.ext.${k}`),
      'caps.ext.unknown',
    ]);
    for (const k of keys) {
      expect(en).toHaveProperty([k]);
      expect(ja).toHaveProperty([k]);
      expect((ja as Record<string, string>)[k]).not.toBe((en as Record<string, string>)[k]);
    }
    expect(translate('ja', 'caps.ext.unknown', { id: 'cmtgKey' })).toBe('クライアントは「cmtgKey」拡張を処理できます。');
  });

  it('headline: yes / no / missing / error / pending', () => {
    expect(headline({ state: 'ok', value: true })).toBe('yes');
    expect(headline({ state: 'ok', value: false })).toBe('no');
    expect(headline({ state: 'missing' })).toBe('missing');
    expect(headline({ state: 'error', name: 'SecurityError', message: 'x' })).toBe('error');
    expect(headline(undefined)).toBe('pending');
  });

  it('flags a disagreement between a capability and the method the spec equates it with', () => {
    const probe: CapabilityProbe = {
      webauthn: true,
      secureContext: true,
      clientCapabilities: { state: 'ok', value: { userVerifyingPlatformAuthenticator: false, conditionalGet: true } },
      uvpaa: { state: 'ok', value: true },
      conditionalMediation: { state: 'ok', value: true },
    };
    expect(disagreements(probe)).toEqual([
      { capability: 'userVerifyingPlatformAuthenticator', method: 'uvpaa', capabilityValue: false, methodValue: true },
    ]);
    expect(disagreements({ ...probe, uvpaa: { state: 'ok', value: false } })).toEqual([]);
    expect(disagreements({ ...probe, clientCapabilities: { state: 'missing' } })).toEqual([]);
  });
});

describe('probeCapabilities (feature detection)', () => {
  it('answers "missing" per API when the browser lacks it, without hiding the others', async () => {
    class PKC {
      static isUserVerifyingPlatformAuthenticatorAvailable = async () => true;
    }
    const p = await probeCapabilities({ PublicKeyCredential: PKC, isSecureContext: true } as unknown as typeof globalThis);
    expect(p).toEqual({
      webauthn: true,
      secureContext: true,
      clientCapabilities: { state: 'missing' },
      uvpaa: { state: 'ok', value: true },
      conditionalMediation: { state: 'missing' },
    });
  });

  it('reports no WebAuthn at all, and a rejecting API as an error', async () => {
    const none = await probeCapabilities({ isSecureContext: false } as unknown as typeof globalThis);
    expect(none).toMatchObject({ webauthn: false, secureContext: false, uvpaa: { state: 'missing' } });
    class PKC {
      static getClientCapabilities = async () => {
        throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
      };
      static isConditionalMediationAvailable = async () => 'yes';
    }
    const p = await probeCapabilities({ PublicKeyCredential: PKC, isSecureContext: true } as unknown as typeof globalThis);
    expect(p.clientCapabilities).toEqual({ state: 'error', name: 'NotAllowedError', message: 'denied' });
    expect(p.conditionalMediation).toMatchObject({ state: 'error', name: 'TypeError' });
  });
});

describe('hand-off hash', () => {
  it('reads the id and removes it, keeping the route', () => {
    const id = 'AbCdEfGhIjKlMnOpQrSt_-';
    expect(handoffIdFromHash(`#/ceremony?handoff=${id}`)).toBe(id);
    expect(handoffIdFromHash('#/ceremony')).toBeNull();
    expect(handoffIdFromHash('#/ceremony?handoff=short')).toBeNull();
    expect(handoffIdFromHash(`#/ceremony?handoff=${id}<script>`)).toBeNull();
    expect(hashWithoutHandoff(`#/ceremony?handoff=${id}`)).toBe('#/ceremony');
    expect(hashWithoutHandoff(`#/ceremony?x=1&handoff=${id}`)).toBe('#/ceremony?x=1');
    expect(hashWithoutHandoff('#/history')).toBe('#/history');
  });
});
