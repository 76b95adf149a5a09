/**
 * Every case of ../shared/vectors through dissect(): decoding succeeds (except pyw-reg-fail-bad-cbor),
 * and every value of expected.results that the dissector exposes matches.
 */
import { describe, it, expect } from 'vitest';
import { loadVectors } from './vectors.helpers';
import { dissect, getParsed } from '@decode/index';
import { toBase64Url, fromBase64Url, toHex, equalBytes } from '@decode/bytes';
import { credentialDeviceType } from '@decode/authenticatorData';

const MUST_FAIL = new Set(['pyw-reg-fail-bad-cbor']);

/** Normalizes an expected base64url value (sources sometimes pad). */
const b64 = (s: string) => toBase64Url(fromBase64Url(s));

/** Converts the sources' extension-output notation ({hex: '...'} for bytes) to our JSON (base64url for bytes). */
function normalizeExt(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.hex === 'string')
      return toBase64Url(Uint8Array.from((o.hex.match(/../g) ?? []).map((h) => parseInt(h, 16))));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, normalizeExt(x)]));
  }
  return v;
}

describe('vectors: dissect', () => {
  const cases = loadVectors();
  it('has all 120 cases', () => {
    expect(cases.length).toBe(120);
  });
  for (const c of cases) {
    it(`${c.id}`, () => {
      const d = dissect(c.response);
      if (MUST_FAIL.has(c.id)) {
        expect(d.errors.length).toBeGreaterThan(0);
        expect(d.errors[0].code).toBe('attestation-object-empty');
        expect(d.errors[0].path).toBe('attestationObject');
        return;
      }
      expect(d.errors).toEqual([]);
      expect(d.kind).toBe(c.ceremony);
      const p = getParsed(d)!;
      const ad = p.authData!;
      expect(ad).toBeTruthy();
      // the collector's decoding (cbor2) agrees on the basics
      const dec = c.decoded.authData;
      expect(toHex(ad.rpIdHash)).toBe(dec.rpIdHash);
      expect(ad.flags.byte).toBe(dec.flags.byte);
      expect(ad.signCount).toBe(dec.signCount);
      expect(d.summary.signCount).toBe(dec.signCount);
      expect(d.summary.rpIdHash).toBe(dec.rpIdHash);
      expect(d.summary.flags).toEqual({
        up: dec.flags.UP,
        uv: dec.flags.UV,
        be: dec.flags.BE,
        bs: dec.flags.BS,
        at: dec.flags.AT,
        ed: dec.flags.ED,
      });
      if (c.ceremony === 'registration') {
        expect(d.summary.fmt).toBe(c.decoded.fmt);
        expect(d.summary.aaguid).toBe(dec.aaguid);
        expect(d.summary.credentialId).toBe(b64(dec.credentialId));
        expect(toBase64Url(ad.attestedCredentialData!.credentialPublicKey)).toBe(b64(dec.credentialPublicKey));
        expect(p.clientData?.type).toBe('webauthn.create');
      } else {
        expect(p.clientData?.type).toBe('webauthn.get');
      }
      expect(p.clientData?.challenge).toBe(c.decoded.clientData.challenge);
      expect(p.clientData?.origin).toBe(c.decoded.clientData.origin);

      // expected.results: every value the dissector exposes
      const r = c.expected.results ?? {};
      if ('fmt' in r) expect(d.summary.fmt).toBe(r.fmt);
      if ('counter' in r) expect(d.summary.signCount).toBe(r.counter);
      if ('newCounter' in r) expect(d.summary.signCount).toBe(r.newCounter);
      if ('signCount' in r) expect(d.summary.signCount).toBe(r.signCount);
      if ('credentialId' in r) {
        if (c.ceremony === 'registration') expect(d.summary.credentialId).toBe(b64(r.credentialId));
        else expect(equalBytes(p.rawId!, fromBase64Url(r.credentialId))).toBe(true);
      }
      if ('credentialPublicKey' in r) expect(toBase64Url(ad.attestedCredentialData!.credentialPublicKey)).toBe(b64(r.credentialPublicKey));
      if ('aaguid' in r) expect(d.summary.aaguid).toBe(r.aaguid);
      if ('userVerified' in r) expect(d.summary.flags!.uv).toBe(r.userVerified);
      if ('credentialBackedUp' in r) expect(d.summary.flags!.bs).toBe(r.credentialBackedUp);
      if ('credentialDeviceType' in r) {
        // SimpleWebAuthn says singleDevice/multiDevice, py_webauthn single_device/multi_device
        const want = String(r.credentialDeviceType).replace('_device', 'Device');
        expect(credentialDeviceType(ad.flags)).toBe(want);
      }
      if ('authenticatorExtensionResults' in r) expect(ad.extensions).toEqual(normalizeExt(r.authenticatorExtensionResults));
      if ('credentialType' in r) expect(p.credentialType).toBe(r.credentialType);
      if ('origin' in r) expect(p.clientData?.origin).toBe(r.origin);
      if ('rpID' in r) expect(ad.rpIdMatch).toBe(r.rpID);
    });
  }
});

describe('vectors: alternative input forms give the same dissection', () => {
  const some = loadVectors().filter((c) =>
    ['swa-reg-packed-x5c-yubikey', 'pyw-reg-tpm-surface-pro-4', 'w3c-auth-packed-ed448', 'pyw-reg-none-ml-dsa-87'].includes(c.id),
  );
  for (const c of some) {
    it(`${c.id}: object, JSON text, the lone parts as bytes and as base64`, () => {
      const a = dissect(c.response);
      const b = dissect(JSON.stringify(c.response, null, 2));
      expect(b.summary).toEqual(a.summary);
      expect(b.errors).toEqual([]);
      const resp = c.response.response;
      if (c.ceremony === 'registration') {
        const ao = fromBase64Url(resp.attestationObject);
        const lone = dissect(ao);
        expect(lone.kind).toBe('attestationObject');
        expect(lone.errors).toEqual([]);
        expect(lone.summary).toEqual(a.summary);
        const text = dissect(resp.attestationObject);
        expect(text.kind).toBe('attestationObject');
        const key = dissect(getParsed(a)!.authData!.attestedCredentialData!.credentialPublicKey);
        expect(key.kind).toBe('coseKey');
        expect(key.summary.alg).toBe(a.summary.alg);
      } else {
        const ad = dissect(fromBase64Url(resp.authenticatorData));
        expect(ad.kind).toBe('authenticatorData');
        expect(ad.summary.signCount).toBe(a.summary.signCount);
      }
      const cdj = dissect(fromBase64Url(resp.clientDataJSON));
      expect(cdj.kind).toBe('clientDataJSON');
      expect(cdj.errors).toEqual([]);
    });
  }
  it('a hex DER signature (f2-auth-es256-hex-signature) is read as hex, with a note', () => {
    const c = loadVectors().find((x) => x.id === 'f2-auth-es256-hex-signature')!;
    const d = dissect(c.response);
    expect(d.errors).toEqual([]);
    const sig = d.tree.find((f) => f.key === 'signature')!;
    expect(sig.children!.map((x) => x.key)).toEqual(['header', 'r', 's']);
    expect(sig.children![1].value).toBe('f20793dc46905c62fdbc309506b59c7cfa4fafc42dc2e51af4e58f474f64ba78');
  });
  it('padded and standard-alphabet base64 members decode (pyw TPM cases) and are noted', () => {
    const c = loadVectors().find((x) => x.id === 'pyw-reg-tpm-surface-pro-4')!;
    const d = dissect(c.response);
    expect(d.errors).toEqual([]);
    const walk = (f: any): any => (f.path === 'credential.response.attestationObject' ? f : (f.children ?? []).map(walk).find(Boolean));
    const ao = walk(d.tree[0]);
    expect(ao.display).toMatch(/standard base64 alphabet/);
  });
});
