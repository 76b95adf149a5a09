import { describe, it, expect } from 'vitest';
import type { Field } from '@decode/types';
import { dissectAttStmt, verifyAttestation } from '@decode/attestation/index';
import { parseCbor } from '@decode/cbor/parse.ts';
import { toUuid } from '@decode/bytes';
import { loadRegistrationCases, parseAttObj, contextFor, rootPem, type RegCase } from './helpers';

const cases = new Map(loadRegistrationCases().map((c) => [c.id, c]));
const ctxOf = { source: 'attestationObject', path: 'attestationObject.attStmt' };

function find(fields: Field[], pred: (f: Field) => boolean): Field | undefined {
  for (const f of fields) {
    if (pred(f)) return f;
    const r = f.children ? find(f.children, pred) : undefined;
    if (r) return r;
  }
  return undefined;
}
const byPath = (fields: Field[], suffix: string) => find(fields, (f) => f.path.endsWith(suffix));

function dissect(id: string) {
  const c = cases.get(id)!;
  const p = parseAttObj(c)!;
  return { c, p, r: dissectAttStmt(p.fmt, p.attStmt, { ...ctxOf, bytes: p.bytes }) };
}
async function verify(c: RegCase, extra: Record<string, unknown> = {}) {
  const p = parseAttObj(c)!;
  return verifyAttestation(p.fmt, p.attStmt, { ...(await contextFor(c, p)), ...extra });
}
const status = (checks: { id: string; status: string }[], id: string) => checks.find((k) => k.id === id)?.status;

describe('tpm: certInfo and pubArea field by field', () => {
  it('RSA pubArea and TPMS_ATTEST (swa-reg-tpm-rs256)', () => {
    const { r } = dissect('swa-reg-tpm-rs256');
    expect(byPath(r.fields, 'certInfo#value.magic')!.value).toBe(0xff544347);
    expect(byPath(r.fields, 'certInfo#value.magic')!.display).toContain('TPM_GENERATED_VALUE');
    expect(byPath(r.fields, 'certInfo#value.type')!.value).toBe(0x8017);
    expect(byPath(r.fields, 'certInfo#value.extraData')!.range![1] - byPath(r.fields, 'certInfo#value.extraData')!.range![0]).toBe(2 + 32);
    expect(byPath(r.fields, 'certInfo#value.attested')!.display).toBe('TPMS_CERTIFY_INFO');
    expect(byPath(r.fields, 'pubArea#value.type')!.value).toBe(0x0001);
    expect(byPath(r.fields, 'pubArea#value.keyBits')!.value).toBe(2048);
    expect(byPath(r.fields, 'pubArea#value.unique')!.display).toContain('RSA modulus, 2048 bits');
    expect(byPath(r.fields, 'pubArea#value.objectAttributes')!.display).toContain('sign');
  });
  it('ECC pubArea (pyw-reg-tpm-ecc-pubarea)', () => {
    const { r } = dissect('pyw-reg-tpm-ecc-pubarea');
    expect(byPath(r.fields, 'pubArea#value.type')!.value).toBe(0x0023);
    expect(byPath(r.fields, 'pubArea#value.curveID')!.display).toContain('NIST_P256');
    expect(byPath(r.fields, 'pubArea#value.unique')!.display).toBe('TPMS_ECC_POINT');
  });
  it('AIK certificate TPM SAN', () => {
    const { r } = dissect('swa-reg-tpm-san-spec-compliant');
    const dn = find(r.fields, (f) => f.key === 'directoryName')!;
    expect(dn.display).toContain('TPM device attributes');
    expect(JSON.stringify(dn.value)).toContain('2.23.133.2.1=id:');
  });
  it('verification steps of §8.3 all pass, trust is uncertain without the Microsoft root', async () => {
    const checks = await verify(cases.get('pyw-reg-tpm-ecc-pubarea')!);
    for (const id of ['syntax', 'pubArea', 'certInfo.magic', 'certInfo.type', 'certInfo.extraData', 'certInfo.name', 'signature']) {
      expect(status(checks, `attestation.tpm.${id}`), id).toBe('pass');
    }
    const t = checks.find((k) => k.id === 'attestation.trust')!;
    expect(t.status).toBe('warn');
    expect((t.actual as any).type).toBe('uncertain');
    expect((t.actual as any).reason).toContain('Microsoft TPM Root Certificate Authority 2014');
  });
  it('AAGUID extension mismatch fails with both values', async () => {
    const checks = await verify(cases.get('swa-reg-fail-tpm-aaguid-ext-mismatch')!);
    const k = checks.find((x) => x.id === 'attestation.tpm.aaguidExtension')!;
    expect(k.status).toBe('fail');
    expect(k.expected).not.toEqual(k.actual);
  });
});

describe('android-key', () => {
  it('key description fields', () => {
    const { r } = dissect('swa-reg-android-key-pixel-8a');
    const kd = find(r.fields, (f) => f.key === 'keyDescription')!;
    expect(kd.display).toContain('TrustedEnvironment');
    const tee = find(kd.children!, (f) => f.key === 'teeEnforced')!;
    expect(find(tee.children!, (f) => f.key === 'purpose')!.display).toBe('SIGN');
    expect(find(tee.children!, (f) => f.key === 'origin')!.display).toBe('GENERATED (0)');
    expect(find(tee.children!, (f) => f.key === 'ecCurve')!.display).toBe('P-256 (1)');
    expect(find(kd.children!, (f) => f.key === 'attestationChallenge')!.value).toHaveLength(64);
  });
  it('chain valid to the Google root at the source clock', async () => {
    const checks = await verify(cases.get('swa-reg-android-key-pixel-8a')!);
    expect(status(checks, 'attestation.android-key.attestationChallenge')).toBe('pass');
    expect(status(checks, 'attestation.android-key.allApplications')).toBe('pass');
    const t = checks.find((k) => k.id === 'attestation.trust')!;
    expect(t.actual).toEqual({ type: 'basic', root: '2.5.4.5=f92009e853b6b045' });
  });
  it('bundled Google roots reject the FAKE conformance root when they are in force', async () => {
    const checks = await verify(cases.get('swa-reg-android-key-conformance')!, { useBundledRoots: true });
    const t = checks.find((k) => k.id === 'attestation.trust')!;
    expect(t.status).toBe('fail');
    expect((t.actual as any).reason).toContain('FAKE Android Keystore Software Attestation Root FAKE');
  });
  it('expired at a later clock', async () => {
    const checks = await verify(cases.get('swa-reg-android-key-galaxy-s9')!, { currentTime: new Date('2030-01-01T00:00:00Z') });
    const t = checks.find((k) => k.id === 'attestation.trust')!;
    expect(t.status).toBe('fail');
    expect((t.actual as any).reason).toMatch(/expired at/);
  });
});

describe('android-safetynet', () => {
  it('JWS segments in the attestationObject, decoded header/payload and certificates in derived sources', () => {
    const { r } = dissect('pyw-reg-safetynet-2021');
    const names = Object.keys(r.sources ?? {});
    expect(names).toContain('attestationObject.attStmt.response#value.header');
    expect(names).toContain('attestationObject.attStmt.response#value.payload');
    expect(names.filter((n) => n.endsWith('.der'))).toHaveLength(3);
    const payload = find(r.fields, (f) => f.key === 'payload (decoded)')!;
    expect((payload.value as any).ctsProfileMatch).toBe(true);
    expect((payload.value as any).timestampMs).toBe(1630703240057);
    const jws = find(r.fields, (f) => f.key === 'jws')!;
    expect(jws.display).toContain('ctsProfileMatch true');
  });
  it('nonce, hostname, signature, trust', async () => {
    const checks = await verify(cases.get('pyw-reg-safetynet-2021')!);
    for (const id of ['nonce', 'hostname', 'signature', 'ctsProfileMatch'])
      expect(status(checks, `attestation.android-safetynet.${id}`), id).toBe('pass');
    expect(status(checks, 'attestation.android-safetynet.timestamp')).toBe('skip');
    expect(checks.find((k) => k.id === 'attestation.trust')!.actual).toEqual({
      type: 'basic',
      root: 'CN=GlobalSign Root CA,OU=Root CA,O=GlobalSign nv-sa,C=BE',
    });
  });
  it('ctsProfileMatch=false fails by default and warns when not enforced', async () => {
    const c = cases.get('swa-reg-safetynet-cts-not-enforced')!;
    expect(status(await verify(c), 'attestation.android-safetynet.ctsProfileMatch')).toBe('warn');
    expect(status(await verify(c, { safetyNetEnforceCtsProfileMatch: true }), 'attestation.android-safetynet.ctsProfileMatch')).toBe(
      'fail',
    );
  });
});

describe('apple, packed, fido-u2f, none, unknown', () => {
  it('apple nonce extension and check', async () => {
    const { r } = dissect('pyw-reg-apple-passkey');
    const n = find(r.fields, (f) => f.key === 'appleAnonymousAttestation')!;
    expect(n.display).toMatch(/^nonce [0-9a-f]{64}$/);
    const checks = await verify(cases.get('pyw-reg-apple-passkey')!);
    expect(status(checks, 'attestation.apple.nonce')).toBe('pass');
    expect(status(checks, 'attestation.apple.publicKey')).toBe('pass');
    expect(checks.find((k) => k.id === 'attestation.trust')!.actual).toEqual({
      type: 'anonca',
      root: 'ST=California,O=Apple Inc.,CN=Apple WebAuthn Root CA',
    });
  });
  it('packed: ES256 sig as r and s; certificate requirements', async () => {
    const { r } = dissect('w3c-reg-packed-es256');
    const sig = find(r.fields, (f) => f.key === 'signature')!;
    expect(sig.children!.map((c) => c.key)).toEqual(['header', 'r', 's']);
    const checks = await verify(cases.get('w3c-reg-packed-es256')!);
    expect(status(checks, 'attestation.packed.certificate')).toBe('pass');
    expect(checks.find((k) => k.id === 'attestation.trust')!.actual).toEqual({
      type: 'basic',
      root: 'C=AA,OU=Authenticator Attestation CA,O=W3C,CN=WebAuthn test vectors',
    });
  });
  it('packed: non-DER Basic Constraints is a warning, not a failure', async () => {
    const checks = await verify(cases.get('swa-reg-packed-chrome-virtual-bad-basic-constraints')!);
    expect(status(checks, 'attestation.packed.certificate')).toBe('warn');
    const { r } = dissect('swa-reg-packed-chrome-virtual-bad-basic-constraints');
    expect(find(r.fields, (f) => f.key === 'cA')!.severity).toBe('warn');
  });
  it('packed self attestation', async () => {
    const checks = await verify(cases.get('w3c-reg-packed-self-es256')!);
    expect(status(checks, 'attestation.packed.selfSignature')).toBe('pass');
    expect(checks.find((k) => k.id === 'attestation.trust')!.actual).toEqual({ type: 'self' });
  });
  it('a wrong user trust anchor makes the trust check fail with the reason', async () => {
    const checks = await verify(cases.get('pyw-reg-fail-packed-wrong-trust-anchor')!);
    const t = checks.find((k) => k.id === 'attestation.trust')!;
    expect(t.status).toBe('fail');
    expect((t.actual as any).reason).toContain('Yubico U2F Root CA Serial 457200631');
  });
  it('fido-u2f: signature over the U2F registration data', async () => {
    const checks = await verify(cases.get('w3c-reg-fido-u2f-es256')!);
    expect(status(checks, 'attestation.fido-u2f.signature')).toBe('pass');
  });
  it('none', async () => {
    const checks = await verify(cases.get('w3c-reg-none-es256')!);
    expect(checks.map((k) => [k.id, k.status])).toEqual([
      ['attestation.fmt', 'pass'],
      ['attestation.none.syntax', 'pass'],
      ['attestation.trustAnchors', 'skip'],
      ['attestation.trust', 'pass'],
    ]);
    expect(checks.at(-1)!.actual).toEqual({ type: 'none' });
  });
  it('unknown format: generic fields, step 19 fails', async () => {
    const bytes = new Uint8Array([0xa1, 0x63, 0x66, 0x6f, 0x6f, 0x42, 0x01, 0x02]); // {"foo": h'0102'}
    const node = parseCbor(bytes).node!;
    const r = dissectAttStmt('compound-x', node, { ...ctxOf, bytes });
    expect(r.fields[0].severity).toBe('warn');
    const checks = await verifyAttestation('compound-x', node, {
      authData: new Uint8Array(),
      clientDataHash: new Uint8Array(32),
      credentialPublicKey: new Uint8Array(),
      aaguid: new Uint8Array(16),
      credentialId: new Uint8Array(),
      rpIdHash: new Uint8Array(32),
    });
    expect(status(checks, 'attestation.fmt')).toBe('fail');
    expect(checks.find((k) => k.id === 'attestation.fmt')!.message).toContain('"compound-x"');
  });
});

describe('FIDO MDS in verification', () => {
  it('MDS attestation roots anchor the chain; a REVOKED status fails', async () => {
    const c = cases.get('w3c-reg-packed-es256')!;
    const p = parseAttObj(c)!;
    const base = await contextFor(c, p);
    const aaguid = toUuid(base.aaguid);
    const entry = {
      aaguid,
      name: 'W3C test authenticator',
      attestationRootCertificates: [rootPem('w3c-test-vectors-attestation-ca.pem')],
      attestationTypes: [],
      statusReports: [{ status: 'REVOKED', effectiveDate: '2025-01-01' }],
    };
    const checks = await verifyAttestation(p.fmt, p.attStmt, { ...base, trustAnchors: [], mds: new Map([[aaguid, entry]]) });
    expect(checks.find((k) => k.id === 'attestation.trust')!.actual).toEqual({
      type: 'basic',
      root: 'C=AA,OU=Authenticator Attestation CA,O=W3C,CN=WebAuthn test vectors',
    });
    expect(status(checks, 'attestation.mds')).toBe('fail');
  });
});

describe('explanations', () => {
  it('every explain id used by the attestation fields exists in both catalogs', async () => {
    const { attestationMessagesEn } = await import('@decode/messages/attestation.en');
    const { attestationMessagesJa } = await import('@decode/messages/attestation.ja');
    expect(Object.keys(attestationMessagesJa).sort()).toEqual(Object.keys(attestationMessagesEn).sort());
    const ids = new Set<string>();
    const walk = (f: Field) => {
      if (f.explain && !f.explain.startsWith('cbor.') && !f.explain.startsWith('json.') && !f.explain.startsWith('common.'))
        ids.add(f.explain);
      f.children?.forEach(walk);
    };
    for (const id of [
      'swa-reg-tpm-rs256',
      'pyw-reg-safetynet-2021',
      'pyw-reg-apple-passkey',
      'swa-reg-android-key-pixel-8a',
      'w3c-reg-packed-es256',
    ])
      dissect(id).r.fields.forEach(walk);
    expect(ids.size).toBeGreaterThan(15);
    for (const id of ids) expect(Object.hasOwn(attestationMessagesEn, id), id).toBe(true);
  });
});
