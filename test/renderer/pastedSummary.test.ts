/**
 * Paste & decode's plain-words summary: from the dissection alone (and the pasted JSON), in English
 * and Japanese; what is not verified is said to be unverified, a truncated paste says where it stopped.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dissect } from '@decode/index.ts';
import { expectationsFromCase, verifyAuthentication, verifyRegistration } from '@decode/verify/index.ts';
import { pastedSummary } from '../../src/renderer/src/model/pastedSummary.ts';
import { englishLeaks } from '../support/japanese.ts';

const VECTORS = resolve(import.meta.dirname, '../../../shared/vectors');
const load = (p: string): any => JSON.parse(readFileSync(resolve(VECTORS, p), 'utf8'));

describe('pastedSummary', () => {
  const reg = load('registration/pyw-reg-none-es256.json');
  const text = JSON.stringify(reg.response);
  const d = dissect(text);

  it('a registration: who, where it lives, what was asked, and that it is not verified yet', () => {
    const s = pastedSummary(d, { lang: 'en', text, checks: null });
    expect(s.tone).toBe('pending');
    expect(s.headline).toMatch(/^A registration response: an authenticator \(its AAGUID is all zeros/);
    expect(s.headline).toMatch(/not said \(no credProps/);
    expect(s.details).toContain('It is device-bound, not synced (BE=0): it lives only on this authenticator.');
    expect(s.details.some((x) => x.startsWith('There is no attestation (fmt "none")'))).toBe(true);
    expect(s.details.some((x) => x.includes('ES256'))).toBe(true);
    expect(s.details).toContain('The browser made it for http://localhost:5000 (webauthn.create).');
    expect(s.details.at(-1)).toMatch(/^Not verified yet/);
  });

  it('once verified it says so, and a failure names the check', async () => {
    const checks = await verifyRegistration(d, expectationsFromCase(reg));
    const ok = pastedSummary(d, { lang: 'en', text, checks });
    expect(ok.tone).toBe('ok');
    expect(ok.details.at(-1)).toMatch(/^Verified offline: \d+ checks passed/);
    const wrong = await verifyRegistration(d, { ...expectationsFromCase(reg), origin: 'https://evil.example' });
    const bad = pastedSummary(d, { lang: 'en', text, checks: wrong });
    expect(bad.tone).toBe('failed');
    expect(bad.details.at(-1)).toMatch(/^Verification fails at “.*origin/i);
  });

  it('never claims what was not checked: a packed statement is "checked under Verify offline" until verified', async () => {
    const c = load('registration/swa-reg-packed-x5c-yubikey.json');
    const t = JSON.stringify(c.response);
    const p = dissect(t);
    const before = pastedSummary(p, { lang: 'en', text: t, checks: null }).details.join(' ');
    expect(before).not.toMatch(/statement’s signature verifies|proved its model/);
    expect(before).toContain('It carries a "packed" attestation statement');
    const after = pastedSummary(p, { lang: 'en', text: t, checks: await verifyRegistration(p, expectationsFromCase(c)) }).details;
    expect(after.join(' ')).toMatch(/signature verifies|proved its model/);
  });

  it('credProps in the pasted JSON decides passkey or not', () => {
    const withRk = JSON.stringify({ ...reg.response, clientExtensionResults: { credProps: { rk: true } } });
    expect(pastedSummary(dissect(withRk), { lang: 'en', text: withRk, checks: null }).headline).toMatch(/created a passkey/);
  });

  it('a sign-in: the credential, the counter, and verified against the stored key', async () => {
    const c = load('authentication/pyw-auth-es256.json');
    const t = JSON.stringify(c.response);
    const a = dissect(t);
    const checks = await verifyAuthentication(a, expectationsFromCase(c));
    const s = pastedSummary(a, { lang: 'en', text: t, checks });
    expect(s.headline).toMatch(/^A sign-in response \(an assertion\) signed by credential /);
    expect(s.details.some((x) => /signature counter/.test(x))).toBe(true);
    expect(s.tone).toBe('ok');
  });

  it('a truncated paste says where decoding stopped', () => {
    const ao: string = reg.response.response.attestationObject;
    const cut = ao.slice(0, 120);
    const s = pastedSummary(dissect(cut), { lang: 'en', text: cut, checks: null });
    expect(s.tone).toBe('failed');
    expect(s.details.some((x) => /^Decoding stopped at .+, byte \d+:/.test(x))).toBe(true);
  });

  it('options say what the RP asked for', () => {
    const opts = JSON.stringify({
      challenge: 'AAAA',
      rp: { id: 'example.com', name: 'Example' },
      user: { id: 'AQID', name: 'alice', displayName: 'Alice' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'direct',
    });
    const s = pastedSummary(dissect(opts), { lang: 'en', text: opts, checks: null });
    expect(s.headline).toBe('Creation options: what the RP (example.com) asks create() for — a new credential for user “alice”.');
    expect(s.details).toContain('User verification is required: the authenticator must check a PIN or biometric, or fail.');
    expect(s.details).toContain('A discoverable credential (a passkey) is required.');
    expect(s.details.some((x) => x.includes('ES256') && x.includes('RS256'))).toBe(true);
    expect(s.details).toContain('The challenge is only 3 bytes: WebAuthn asks for at least 16 random bytes.');
    const get = JSON.stringify({ challenge: 'A'.repeat(43), rpId: 'example.com', allowCredentials: [] });
    const g = pastedSummary(dissect(get), { lang: 'en', text: get, checks: null });
    expect(g.headline).toMatch(/^Request options: what the RP \(example.com\) asks get\(\) for/);
    expect(g.details.some((x) => x.startsWith('No allow list'))).toBe(true);
  });

  it('the leak detector finds English among Japanese and leaves identifiers alone', () => {
    expect(englishLeaks('形式を選んでコピー: hex base64url')).toEqual([]);
    expect(englishLeaks('Copy as')).toEqual(['Copy as']);
    expect(englishLeaks('object (4 members)')).toEqual(['object', 'members']);
    expect(englishLeaks('clientDataJSON の origin が mismatch です（TPMT_PUBLIC、id-fido-gen-ce-aaguid、AAGUID、Chromium）')).toEqual([
      'mismatch',
    ]);
    expect(englishLeaks('map(3): fmt "packed"')).toEqual([]);
  });

  it('in Japanese, no English sentence leaks in (identifiers aside)', async () => {
    const checks = await verifyRegistration(d, expectationsFromCase(reg));
    const c = load('registration/swa-reg-packed-x5c-yubikey.json');
    const t = JSON.stringify(c.response);
    const p = dissect(t);
    const opts = JSON.stringify({
      challenge: 'AAAA',
      rp: { id: 'example.com' },
      user: { id: 'AQID', name: 'はなこ' },
      hints: ['security-key'],
    });
    for (const s of [
      pastedSummary(d, { lang: 'ja', text, checks: null }),
      pastedSummary(d, { lang: 'ja', text, checks }),
      pastedSummary(p, { lang: 'ja', text: t, checks: null }),
      pastedSummary(p, { lang: 'ja', text: t, checks: await verifyRegistration(p, expectationsFromCase(c)) }),
      pastedSummary(dissect(opts), { lang: 'ja', text: opts, checks: null }),
      pastedSummary(dissect(t.slice(0, 400)), { lang: 'ja', text: t.slice(0, 400), checks: null }),
    ]) {
      for (const line of [s.headline, ...s.details]) {
        expect(englishLeaks(line), line).toEqual([]);
      }
    }
  });
});
