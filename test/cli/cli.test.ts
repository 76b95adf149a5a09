import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { caseRoots } from '../../src/cli/verify.ts';

const V = resolve(import.meta.dirname, '../../../shared/vectors');
const dir = mkdtempSync(join(tmpdir(), 'pe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('passkey-explorer decode', () => {
  it('--json prints {kind, summary, tree, errors} with the stable summary keys', async () => {
    const r = await run('decode', '--json', join(V, 'registration/swa-reg-packed-self-es256.json'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['kind', 'summary', 'tree', 'errors']);
    expect(Object.keys(j.summary).sort()).toEqual([
      'aaguid',
      'alg',
      'authenticatorName',
      'credentialId',
      'flags',
      'fmt',
      'rpIdHash',
      'signCount',
    ]);
    expect(j.kind).toBe('registration');
    expect(j.summary).toMatchObject({
      fmt: 'packed',
      signCount: 1589874425,
      alg: -7,
      credentialId:
        'AYThY1csINY4JrbHyGmqTl1nL_F1zjAF3hSAIngz8kAcjugmAMNVvxZRwqpEH-bNHHAIv291OX5ko9eDf_5mu3UB2BvsScr2K-ppM4owOpGsqwg5tZglqqmxIm1Q',
      flags: { up: true, uv: true, be: false, bs: false, at: true, ed: false },
    });
    expect(j.errors).toEqual([]);
  });

  it('names the authenticator from an AAGUID list file', async () => {
    const r = await run('decode', '--json', '--aaguids', join(V, 'aaguids.json'), join(V, 'registration/pyw-reg-tpm-dell-xps-13.json'));
    const j = JSON.parse(r.out);
    expect(j.summary.aaguid).toBe('08987058-cadc-4b81-b6e1-30de50dcbe96');
    expect(j.summary.authenticatorName).toBe('Windows Hello');
  });

  it('prints an indented tree with byte ranges', async () => {
    const r = await run('decode', join(V, 'authentication/swa-auth-es256.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^kind\s+authentication$/m);
    expect(r.out).toMatch(/^\s+flags\s+0x01 \(UP\)\s+authenticatorData\[32\.\.33\)$/m);
    expect(r.out).toMatch(/^\s+signCount\s+144\s+authenticatorData\[33\.\.37\)$/m);
  });

  it('garbage in: a partial tree and located errors, exit 1', async () => {
    const f = join(dir, 'garbage.json');
    writeFileSync(f, '{"response": {"clientDataJSON": "e30", "attestationObject": "oWNmbXQ"}}');
    const r = await run('decode', '--json', f);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.errors.length).toBeGreaterThan(0);
    for (const e of j.errors) {
      expect(typeof e.offset).toBe('number');
      expect(e.path).toBeTruthy();
      expect(e.message).toBeTruthy();
    }
  });

  it('options a server sent are reviewed: what the browser refuses fails (exit 1), what it ignores warns', async () => {
    const f = join(dir, 'options.json');
    const options = { challenge: 'c29tZWNoYWxsZW5nZXRoYXRpc2xvbmdlbm91Z2g', rpId: 'https://example.com', userVerification: 'require' };
    writeFileSync(f, JSON.stringify(options));
    const r = await run('decode', f);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^review of the options \(what the browser refuses or ignores\):$/m);
    expect(r.out).toMatch(/^FAIL {2}§5\.5: rpId is a domain {2}\[options\.rpId\]$/m);
    expect(r.out).toMatch(/^WARN {2}§5\.5: userVerification is a value the browser knows/m);
    const j = JSON.parse((await run('decode', '--json', f)).out);
    expect(j.kind).toBe('requestOptions');
    expect(j.review.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([
      'options.challenge pass',
      'options.rpId fail',
      'options.userVerification warn',
    ]);
    writeFileSync(f, JSON.stringify({ ...options, rpId: 'example.com', userVerification: 'required' }));
    expect((await run('decode', f)).code).toBe(0);
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const f = join(dir, 'huge.bin');
    writeFileSync(f, Buffer.alloc(5 * 1024 * 1024, 0x41));
    const r = await run('decode', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/over 1048576 bytes \(1 MiB\) are refused/);
  });
});

describe('passkey-explorer verify', () => {
  it('verifies a vector case with its clock and roots: exit 0, checks listed', async () => {
    const r = await run('verify', join(V, 'registration/swa-reg-apple.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('PASS  §7.1 step 24: assess attestation trustworthiness');
    expect(r.out).toContain('trust anchors: apple-webauthn-root-ca.pem');
    expect(r.out).toMatch(/\nVERIFIED\n$/);
  });

  it('a failing case exits 1 at the right check, with the second opinion agreeing', async () => {
    const r = await run('verify', '--json', join(V, 'authentication/swa-auth-fail-counter-not-increased.json'));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.verified).toBe(false);
    expect(j.checks.find((c: { status: string }) => c.status === 'fail').id).toBe('authentication.signCount');
    expect(j.secondOpinion).toMatchObject({ verified: false });
    expect(j.disagreement).toBeNull();
  });

  it('a wrong trust anchor given with --root makes attestation trust fail', async () => {
    const c = JSON.parse(readFileSync(join(V, 'registration/swa-reg-apple.json'), 'utf8'));
    c.context = { currentTime: c.context.suggestedVerificationTime };
    const f = join(dir, 'apple-no-roots.json');
    writeFileSync(f, JSON.stringify(c));
    const r = await run('verify', '--json', '--no-bundled-roots', '--root', join(V, 'roots/globalsign-r2.pem'), f);
    const j = JSON.parse(r.out);
    expect(r.code).toBe(1);
    expect(j.checks.find((c: { status: string }) => c.status === 'fail').id).toBe('attestation.trust');
  });

  it('finds roots named in a case, globs included', () => {
    const roots = caseRoots(
      join(V, 'registration/x.json'),
      'Google Hardware Attestation Root: roots/google-hardware-attestation-root-*.pem',
    );
    expect(roots.map((r) => r.split('/').pop())).toEqual([1, 2, 3, 4].map((i) => `google-hardware-attestation-root-${i}.pem`));
  });

  it('refuses a file that is not a case, exit 2', async () => {
    const f = join(dir, 'not-a-case.json');
    writeFileSync(f, '{"hello": 1}');
    const r = await run('verify', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not a case');
    expect((await run('verify', join(dir, 'missing.json'))).code).toBe(2);
  });
});

describe('help and usage', () => {
  it('every command has --help; unknown commands and options are usage errors', async () => {
    for (const c of ['serve', 'decode', 'verify']) {
      const r = await run(c, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: passkey-explorer ${c}`);
    }
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('decode', '--bogus', 'x')).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run('--help')).out).toContain('Commands:');
  });
});

describe('passkey-explorer soft', () => {
  const state = join(dir, 'soft.json');
  const opts = (name: string, o: unknown) => {
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(o));
    return f;
  };
  const creation = {
    rp: { id: 'example.com', name: 'Example' },
    user: { id: 'dXNlci0x', name: 'alice' },
    challenge: 'Y2hhbGxlbmdlLTEtMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMg',
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    attestation: 'direct',
  };

  it('answers creation then request options with responses that verify, the state kept in the file between calls', async () => {
    const ca = join(dir, 'soft-ca.pem');
    const c = await run('soft', 'create', '--state', state, '--options', opts('c.json', { publicKey: creation }), '--trust-ca-out', ca);
    expect(c.code, c.err).toBe(0);
    const reg = JSON.parse(c.out);
    const { analyzeRegistration, analyzeAuthentication } = await import('../../src/rp/analyze.ts');
    const { parsedOf } = await import('@decode/verify/common.ts');
    const exp = { origin: 'https://example.com', rpID: 'example.com', trustAnchors: [readFileSync(ca, 'utf8')] };
    const a = await analyzeRegistration(reg, { ...exp, challenge: creation.challenge, requireUserVerification: true });
    expect(a.failure).toBeNull();
    expect(a.checks.find((k) => k.id === 'attestation.trust')?.status).toBe('pass');
    const publicKey = parsedOf(a.dissection).authData!.attestedCredentialData!.credentialPublicKey;

    // A second process: the file brings the credential back; its counter goes on.
    const request = { challenge: 'b3RoZXItY2hhbGxlbmdlLTEyMzQ1Njc4OTAxMjM0NTY3OA', rpId: 'example.com', userVerification: 'required' };
    const g = await run('soft', 'get', '--state', state, '--options', opts('g.json', request));
    expect(g.code, g.err).toBe(0);
    const auth = JSON.parse(g.out);
    expect(auth.id).toBe(reg.id);
    const v = await analyzeAuthentication(auth, {
      ...exp,
      challenge: request.challenge,
      credential: { id: reg.id, publicKey, counter: 0 },
    });
    expect(v.failure).toBeNull();
    expect(v.secondOpinion.verified).toBe(true);
    // The replayed-assertion forgery sends the last good assertion again, even from a new process.
    const replay = await run(
      'soft',
      'get',
      '--state',
      state,
      '--options',
      opts('g2.json', { ...request, challenge: 'bmV3' }),
      '--forgery',
      'replayed-assertion',
    );
    expect(JSON.parse(replay.out)).toEqual(auth);
    const list = await run('soft', 'list', '--state', state);
    expect(list.out).toMatch(new RegExp(`^${reg.id}  rpId example.com  alice  discoverable  signCount 1$`, 'm'));
  });

  it('refuses as a browser would (exit 1, the DOMException name), and a broken state file or options are usage errors', async () => {
    const noUv = join(dir, 'no-uv.json');
    const r = await run('soft', 'create', '--state', noUv, '--no-uv', '--options', opts('c2.json', creation));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^NotAllowedError: /);
    writeFileSync(
      noUv,
      JSON.stringify({ format: 'passkey-explorer/software-authenticator', version: 1, options: {}, ca: null, credentials: [] }),
    );
    const broken = await run('soft', 'list', '--state', noUv);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('options.format:');
    const notOptions = await run('soft', 'create', '--state', join(dir, 'fresh.json'), '--options', opts('x.json', { hello: 1 }));
    expect(notOptions.code).toBe(2);
    expect(notOptions.err).toContain('the options need a challenge');
    const wrongKind = await run(
      'soft',
      'create',
      '--state',
      join(dir, 'fresh.json'),
      '--options',
      opts('y.json', { challenge: 'AA', rpId: 'a.example' }),
    );
    expect(wrongKind.err).toContain('is this request options? use get');
    // The client half's first check: a page on another host cannot claim this RP ID.
    const otherHost = await run(
      'soft',
      'create',
      '--state',
      join(dir, 'fresh.json'),
      '--options',
      opts('c3.json', creation),
      '--origin',
      'https://example.org',
    );
    expect(otherHost.code).toBe(1);
    expect(otherHost.err).toMatch(/^SecurityError: The relying party ID "example.com" is not a registrable domain suffix/);
  });
});

describe('passkey-explorer demo relay', () => {
  it('--json: per method what the attacker got and the outcome; exit 0 when each is the expected one', async () => {
    const r = await run('demo', 'relay', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(Object.keys(d)).toEqual(['rp', 'lookAlike', 'victim', 'results']);
    expect(d.results.map((x: any) => [x.case, x.outcome.kind, x.outcome.check ?? null])).toEqual([
      ['password', 'takeover', null],
      ['magic-link', 'takeover', null],
      ['email-otp', 'takeover', null],
      ['passkey', 'refused', 'origin'],
      ['passkey-rewritten', 'refused', 'signature'],
      ['passkey-other-host', 'refused', 'rpId'],
    ]);
  });

  it('prints a table for a talk; a demo it does not know is a usage error', async () => {
    const r = await run('demo', 'relay');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^password +takeover$/m);
    expect(r.out).toMatch(/^passkey, relayed as it is +refused at origin \(by the RP\)$/m);
    expect(r.out).toMatch(/^passkey, look-alike on another host +refused at rpId \(by the browser\)$/m);
    expect((await run('demo', 'nothing')).code).toBe(2);
    expect((await run('demo', '--help')).out).toContain('Usage: passkey-explorer demo relay');
  });
});

describe('passkey-explorer decode and verify of a case', () => {
  const pass = join(V, 'registration/swa-reg-packed-self-es256.json');
  const fail = join(V, 'registration/pyw-reg-fail-bad-cbor.json');
  it('decode of a case decodes its response and says so', async () => {
    const r = await run('decode', pass, '--no-ranges');
    expect(r.out.split('\n')[0]).toBe('note: decoding the response of a registration case (its expected values are for verify)');
    expect(r.out).toMatch(/^kind {10}registration$/m);
    const j = await run('decode', '--json', pass);
    expect(Object.keys(JSON.parse(j.out))).toEqual(['kind', 'summary', 'tree', 'errors']);
    expect(j.err).toContain('note: decoding the response of a registration case');
  });
  it('verify says whether its verdict is the case’s, and --expect exits by it', async () => {
    const expected = JSON.parse(readFileSync(fail, 'utf8')).expected.verified;
    expect(expected).toBe(false);
    const plain = await run('verify', fail);
    expect(plain.code).toBe(1);
    expect(plain.out).toContain('the case expects NOT VERIFIED: the verdict matches');
    expect((await run('verify', fail, '--expect')).code).toBe(0);
    const j = JSON.parse((await run('verify', fail, '--json')).out);
    expect(j).toMatchObject({ verified: false, expectedVerified: false, matchesExpected: true });
    // A case whose expectation is wrong: --expect fails it.
    const wrong = join(dir, 'wrong-expectation.json');
    writeFileSync(
      wrong,
      JSON.stringify({
        ...JSON.parse(readFileSync(fail, 'utf8')),
        expected: { ...JSON.parse(readFileSync(fail, 'utf8')).expected, verified: true },
      }),
    );
    const w = await run('verify', wrong, '--expect');
    expect(w.code).toBe(1);
    expect(w.out).toContain('the verdict DOES NOT MATCH');
  });
});
