/**
 * The options review applied to this RP's own options (what the window shows on the "options" arrow):
 * what the builder's settings make the browser do. The defaults pass every check; a setting that the
 * browser would ignore or that leaves authenticators out is named.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '@api/config.ts';
import type { CeremonyConfig } from '@api/types.ts';
import { RelyingParty } from '../../src/rp/relyingParty.ts';
import { Store } from '../../src/rp/store.ts';
import { optionsReview } from '../../src/renderer/src/model/optionsReview.ts';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
function rp() {
  const store = new Store(mkdtempSync(join(tmpdir(), 'pe-options-review-')));
  stores.push(store);
  return new RelyingParty({ store, rpId: 'localhost', origin: 'http://localhost:5173' });
}
const cfg = (patch: Partial<CeremonyConfig> = {}): CeremonyConfig => ({ ...structuredClone(DEFAULT_CONFIG), ...patch });
const statuses = (checks: { id: string; status: string }[] | null) => Object.fromEntries((checks ?? []).map((c) => [c.id, c.status]));

describe("the options review of this RP's own options", () => {
  it('the default registration and sign-in options pass every check', () => {
    const r = rp();
    const reg = optionsReview(r.registrationOptions(cfg({ userName: 'alice' })).options)!;
    expect(reg.length).toBeGreaterThanOrEqual(8);
    expect(reg.filter((c) => c.status !== 'pass')).toEqual([]);
    const auth = optionsReview(r.authenticationOptions(cfg({ allowCredentials: false })).options)!;
    expect(auth.map((c) => c.id)).toContain('options.allowCredentials');
    expect(auth.filter((c) => c.status !== 'pass')).toEqual([]);
  });
  it('names what a builder setting leaves out, with paths of the options payload’s own tree', () => {
    const reg = optionsReview(rp().registrationOptions(cfg({ userName: 'bob', pubKeyCredParams: [-257], timeout: 10_000 })).options);
    expect(statuses(reg)).toMatchObject({ 'options.algorithms': 'warn', 'options.timeout': 'warn', 'options.user': 'pass' });
    expect(reg!.find((c) => c.id === 'options.algorithms')?.fields).toEqual(['pubKeyCredParams']);
    expect(reg!.find((c) => c.id === 'options.algorithms')?.messageId).toBe('check.options.algorithms.noEs256');
  });
  it('a site’s options as its page passed them: the member the browser ignored is named at its path', () => {
    const site = {
      challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      rp: { name: 'Shop', id: 'shop.example' },
      user: { id: Buffer.from('carol').toString('base64url'), name: 'carol', displayName: 'Carol' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { userVerification: 'require' },
    };
    const review = optionsReview(site)!;
    expect(statuses(review)).toMatchObject({ 'options.user': 'fail', 'options.userVerification': 'warn' });
    expect(review.find((c) => c.id === 'options.userVerification')?.fields).toEqual(['authenticatorSelection.userVerification']);
    expect(review.find((c) => c.id === 'options.user')?.fields).toEqual(['user.id']);
    expect(optionsReview(null)).toBeNull();
    expect(optionsReview({ hello: 'world' })).toBeNull();
  });
});
