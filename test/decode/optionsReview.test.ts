import { describe, expect, it } from 'vitest';
import { dissect } from '@decode/index.ts';
import { reviewOptions } from '@decode/verify/index.ts';
import { GOOD_CREATE, GOOD_GET, OPTIONS_SCENARIOS, review } from './optionsReview.helpers.ts';

describe('options review: what the browser refuses, ignores, and what the spec asks of the RP', () => {
  it('careful creation options pass every check, one per member present', () => {
    const checks = review(GOOD_CREATE);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['options.challenge', 'pass'],
      ['options.rp', 'pass'],
      ['options.user', 'pass'],
      ['options.algorithms', 'pass'],
      ['options.residentKey', 'pass'],
      ['options.userVerification', 'pass'],
      ['options.authenticatorAttachment', 'pass'],
      ['options.attestation', 'pass'],
      ['options.excludeCredentials', 'pass'],
      ['options.timeout', 'pass'],
      ['options.hints', 'pass'],
      ['options.extensions', 'pass'],
    ]);
    expect(checks.find((c) => c.id === 'options.algorithms')?.actual).toEqual(['EdDSA', 'ES256', 'RS256']);
    expect(checks.find((c) => c.id === 'options.challenge')?.fields).toEqual(['credential.challenge']);
  });
  it('careful request options pass every check', () => {
    const checks = review(GOOD_GET);
    expect(checks.every((c) => c.status === 'pass')).toBe(true);
    expect(checks.map((c) => c.id)).toEqual([
      'options.challenge',
      'options.rpId',
      'options.userVerification',
      'options.allowCredentials',
      'options.timeout',
      'options.hints',
      'options.extensions',
    ]);
  });
  it.each(OPTIONS_SCENARIOS.map((x) => [x.what, x] as const))('%s', (_, x) => {
    const checks = review(x.options);
    const c = checks.find((k) => k.id === x.expect.id);
    expect(c, `${x.expect.id} among ${checks.map((k) => k.id).join(', ')}`).toBeDefined();
    expect({ status: c!.status, messageId: c!.messageId }).toEqual({ status: x.expect.status, messageId: x.expect.messageId });
    // The field the check names is in the tree, so the inspector can select its bytes.
    const paths = new Set<string>();
    const walk = (fs: { path: string; children?: unknown[] }[]) =>
      fs.forEach((f) => (paths.add(f.path), walk((f.children ?? []) as never)));
    walk(dissect(JSON.stringify(x.options)).tree);
    for (const f of c!.fields ?? []) expect(paths.has(f), f).toBe(true);
    // Only what the scenario changed is reported: the rest of the (careful) options still pass.
    expect(checks.filter((k) => k.status !== 'pass' && k.id !== x.expect.id).map((k) => k.id)).toEqual([]);
  });
  it('names what the browser does instead, in the words a developer searches for', () => {
    const uv = review({ ...GOOD_GET, userVerification: 'require' }).find((c) => c.id === 'options.userVerification')!;
    expect(uv.message).toBe(
      'userVerification "require" is not one of required, preferred, discouraged: browsers ignore unknown values, so the default applies (preferred) and the RP does not get what it asked for',
    );
    const rk = review({ ...GOOD_CREATE, authenticatorSelection: { residentKey: 'require', requireResidentKey: true } });
    // requireResidentKey true is what an older member still says: the effective value is "required".
    expect(rk.find((c) => c.id === 'options.residentKey')?.message).toMatch(/the default applies \(required\)/);
    const rp = review({ ...GOOD_CREATE, rp: { name: 'x', id: 'https://login.example.com:8443/' } }).find((c) => c.id === 'options.rp')!;
    expect(rp.message).toMatch(/such as "login\.example\.com"/);
    const buf = review({ ...GOOD_CREATE, challenge: JSON.parse(JSON.stringify(Buffer.alloc(32, 1))) });
    expect(buf.find((c) => c.id === 'options.challenge')?.message).toMatch(/buffer\.toString\("base64url"\)/);
  });
  it('hostile options (most of a megabyte in a few members, 20,000 entries) are reviewed whole (the tree leaves out large values; the review reads the text), with short messages', () => {
    const huge = 'x'.repeat(200_000);
    const options = {
      ...GOOD_CREATE,
      rp: { name: 'x', id: `https://${huge}` },
      attestation: { nested: huge.slice(100_000) },
      hints: Array.from({ length: 20_000 }, (_, i) => `hint-${i}`),
      pubKeyCredParams: Array.from({ length: 8_000 }, () => ({ type: 'public-key', alg: -7 })),
      extensions: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`ext${i}`, true])),
    };
    const t0 = performance.now();
    expect(JSON.stringify(options).length).toBeGreaterThan(700_000);
    const checks = review(options);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(checks.find((c) => c.id === 'options.rp')?.status).toBe('fail');
    for (const c of checks) expect(JSON.stringify(c).length, c.id).toBeLessThan(4_000);
    expect(checks.find((c) => c.id === 'options.hints')?.message).toMatch(/\(\+19995\)/);
  });
  it('a serialized Buffer challenge still reads as options (it was "unknown" before), and responses are not reviewed', () => {
    const d = dissect(JSON.stringify({ ...GOOD_CREATE, challenge: JSON.parse(JSON.stringify(Buffer.alloc(32, 1))) }));
    expect(d.kind).toBe('creationOptions');
    expect(dissect(JSON.stringify({ challenge: { type: 'Buffer', data: [1] } })).kind).not.toMatch(/Options$/);
    expect(reviewOptions(dissect('{"id":"AA","rawId":"AA","type":"public-key","response":{}}'))).toEqual([]);
    // Options pasted as base64 (as some servers log them) are reviewed the same.
    const wrapped = reviewOptions(dissect(Buffer.from(JSON.stringify({ ...GOOD_GET, userVerification: 'require' })).toString('base64url')));
    expect(wrapped.find((c) => c.id === 'options.userVerification')?.status).toBe('warn');
  });
});
