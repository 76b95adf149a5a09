/** Unit tests of the smaller parts: bytes, JSON, clientDataJSON, authenticator data, extensions, input. */
import { describe, it, expect } from 'vitest';
import {
  decodeBase64Any,
  toBase64Url,
  toBase64,
  fromBase64Url,
  fromHex,
  toHex,
  sha256,
  concat,
  equalBytes,
  toUuid,
  fromUtf8,
} from '@decode/bytes';
import { parseJson } from '@decode/json';
import { dissectClientData } from '@decode/clientData';
import { dissectAuthenticatorData, parseFlags, flagProblems, rpIdHashOf } from '@decode/authenticatorData';
import { dissectClientExtensionResults } from '@decode/extensions';
import { dissect, rpIdCandidates } from '@decode/index';
import { dissectUserHandle } from '@decode/assertion';
import { coverageProblems, coverageLeaves } from './coverage.helpers';

describe('bytes', () => {
  it('base64url / base64, padded or not', () => {
    const b = fromHex('fbff00');
    expect(toBase64Url(b)).toBe('-_8A');
    expect(toBase64(b)).toBe('+/8A');
    for (const t of ['-_8A', '+/8A']) expect(toHex(fromBase64Url(t))).toBe('fbff00');
    expect(decodeBase64Any('AQ==')).toMatchObject({ ok: true, info: { padded: true } });
    expect(toHex(fromBase64Url('AQ'))).toBe('01');
    expect(decodeBase64Any('A')).toMatchObject({ ok: false });
    expect(decodeBase64Any('-+AA')).toMatchObject({ ok: false, message: expect.stringMatching(/mixes/) });
    expect(decodeBase64Any('AQ=')).toMatchObject({ ok: false });
    expect(decodeBase64Any('A Q')).toMatchObject({ ok: false, index: 1 });
  });
  it("base64url, base64 and hex encoders agree with Node's Buffer for every length 0..300 and 100 KiB", () => {
    const lengths = [...Array.from({ length: 301 }, (_, i) => i), 100 * 1024 + 1];
    for (const n of lengths) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 0xff);
      const buf = Buffer.from(b);
      expect(toBase64Url(b), `n=${n}`).toBe(buf.toString('base64url'));
      expect(toBase64(b), `n=${n}`).toBe(buf.toString('base64'));
      expect(toHex(b), `n=${n}`).toBe(buf.toString('hex'));
    }
  });
  it('hex, uuid, concat, equality, sha256', async () => {
    expect(toUuid(fromHex('6d44ba9bf6ec2e49b9300c8fe920cb73'))).toBe('6d44ba9b-f6ec-2e49-b930-0c8fe920cb73');
    expect(equalBytes(concat(fromHex('01'), fromHex('0203')), fromHex('010203'))).toBe(true);
    expect(toHex(await sha256(fromUtf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(rpIdHashOf('localhost'))).toBe('49960de5880e8c687434170f6476605b8fe4aeb9a28632c7995cf3ba831d9763');
  });
});

describe('JSON and clientDataJSON', () => {
  it('byte offsets in UTF-8, key order, duplicates', () => {
    const bytes = fromUtf8('{"a":"é","b":[1,true,null],"a":2}');
    const r = parseJson(bytes);
    expect(r.errors).toEqual([]);
    const n = r.node!;
    if (n.type !== 'object') throw new Error('object');
    expect(n.members.map((m) => m.key.value)).toEqual(['a', 'b', 'a']);
    expect(n.members[0].value).toMatchObject({ type: 'string', value: 'é', start: 5, end: 9 });
    expect(n.duplicates).toEqual(['a']);
  });
  it('strings: escapes between ASCII and UTF-8 runs decode like JSON.parse; invalid UTF-8 becomes U+FFFD', () => {
    for (const text of ['"a\\né\\u00e9b\\"c"', '"日本\\t語\\\\x"', '""', '"\\/\\b\\f\\r"', `"${'x'.repeat(10000)}é"`]) {
      const r = parseJson(fromUtf8(text));
      expect(r.errors, text).toEqual([]);
      expect(r.node).toMatchObject({ type: 'string', value: JSON.parse(text), start: 0, end: fromUtf8(text).length });
    }
    const bad = parseJson(Uint8Array.of(0x22, 0x61, 0xff, 0x5c, 0x6e, 0xc3, 0x22));
    expect(bad.node).toMatchObject({ type: 'string', value: 'a\ufffd\n\ufffd' });
  });
  it('errors are located; depth is limited', () => {
    expect(parseJson(fromUtf8('{"a":}')).errors[0]).toMatchObject({ code: 'json-syntax', offset: 5 });
    expect(parseJson(fromUtf8('['.repeat(100))).errors[0].message).toMatch(/deeper than 64/);
    expect(parseJson(fromUtf8('{} x')).errors[0]).toMatchObject({ code: 'json-trailing', offset: 3 });
  });
  it('clientDataJSON: members, challenge bytes and text, unknown keys, every byte covered', () => {
    const text =
      '{"type":"webauthn.get","challenge":"AAECAwQFBgcICQoLDA0ODw","origin":"https://example.com","crossOrigin":false,"other_keys_can_be_added_here":"x"}';
    const bytes = fromUtf8(text);
    const r = dissectClientData(bytes);
    expect(r.errors).toEqual([]);
    expect(r.data).toMatchObject({
      type: 'webauthn.get',
      origin: 'https://example.com',
      crossOrigin: false,
      order: ['type', 'challenge', 'origin', 'crossOrigin', 'other_keys_can_be_added_here'],
    });
    expect(toHex(r.data!.challengeBytes!)).toBe('000102030405060708090a0b0c0d0e0f');
    const ch = r.field.children!.find((c) => c.key === 'challenge')!;
    expect(ch.value).toMatchObject({ text: 'AAECAwQFBgcICQoLDA0ODw', byteLength: 16 });
    expect(ch.range).toEqual([23, 59]);
    const unknown = r.field.children!.find((c) => c.key === 'other_keys_can_be_added_here')!;
    expect(unknown).toMatchObject({ severity: 'info', explain: 'clientData.unknownKey' });
    expect(
      coverageProblems({ kind: 'clientDataJSON', summary: {} as never, tree: [r.field], errors: [], sources: { clientDataJSON: bytes } }),
    ).toEqual([]);
    expect(
      coverageLeaves([r.field])
        .filter((l) => l.key === 'syntax')
        .map((l) => l.value)
        .slice(0, 3),
    ).toEqual(['{', ':', ',']);
  });
  it('tokenBinding status validity is flagged', () => {
    const r = dissectClientData(
      fromUtf8('{"type":"webauthn.create","challenge":"AA","origin":"https://a","tokenBinding":{"status":"not-supported"}}'),
    );
    expect(r.field.children!.find((c) => c.key === 'tokenBinding')!.severity).toBe('error');
  });
});

describe('authenticator data', () => {
  it('flags bit by bit and their invalid combinations', () => {
    expect(parseFlags(0x45)).toMatchObject({ up: true, uv: true, at: true, be: false, bs: false, ed: false });
    expect(flagProblems(parseFlags(0x11))[0]).toMatch(/BS \(backed up\) is set but BE/);
    expect(flagProblems(parseFlags(0x41), 'authentication')[0]).toMatch(/AT .* on an assertion/);
    expect(flagProblems(parseFlags(0x22)).length).toBe(2);
  });
  it('fields with ranges; rpIdHash candidates; flags as bit children', () => {
    const ad = concat(rpIdHashOf('example.com'), Uint8Array.of(0x1d), fromHex('0000002a'));
    const r = dissectAuthenticatorData(ad, { rpIds: ['other.com', 'example.com'] });
    expect(r.errors).toEqual([]);
    expect(r.data).toMatchObject({ signCount: 42, rpIdMatch: 'example.com' });
    const kids = r.field.children!;
    expect(kids.map((k) => [k.key, k.range])).toEqual([
      ['rpIdHash', [0, 32]],
      ['flags', [32, 33]],
      ['signCount', [33, 37]],
    ]);
    expect(kids[0].display).toMatch(/= SHA-256\("example.com"\)/);
    expect(kids[1].display).toBe('0x1d (UP, UV, BE, BS)');
    expect(kids[1].children!.map((b) => [b.key, b.bit, b.value])).toEqual([
      ['UP', 0, true],
      ['RFU1', 1, false],
      ['UV', 2, true],
      ['BE', 3, true],
      ['BS', 4, true],
      ['RFU2', 5, false],
      ['AT', 6, false],
      ['ED', 7, false],
    ]);
  });
  it('truncation, credentialIdLength past the end, leftover bytes: located errors, all bytes covered', () => {
    const base = concat(new Uint8Array(32), Uint8Array.of(0x41), new Uint8Array(4));
    const short = dissectAuthenticatorData(base.subarray(0, 20));
    expect(short.errors[0]).toMatchObject({ code: 'authdata-too-short', offset: 20 });
    const past = dissectAuthenticatorData(concat(base, new Uint8Array(16), Uint8Array.of(0x04, 0x00), new Uint8Array(3)));
    expect(past.errors[0]).toMatchObject({ code: 'authdata-credid-past-end', offset: 53 });
    const left = dissectAuthenticatorData(concat(base.subarray(0, 32), Uint8Array.of(0x01), new Uint8Array(4), Uint8Array.of(9, 9)));
    expect(left.errors[0]).toMatchObject({ code: 'authdata-trailing-bytes', offset: 37 });
    for (const [r, n] of [
      [short, 20],
      [past, 58],
      [left, 39],
    ] as const) {
      const leaves = coverageLeaves([r.field]).map((l) => l.range!);
      expect(leaves.reduce((a, [s, e]) => a + e - s, 0)).toBe(n);
    }
  });
  it('an AAGUID cut short (Firefox 98 on Windows wrote 1 byte of it): named at its byte, before the misreading', () => {
    const head = concat(new Uint8Array(32), Uint8Array.of(0x45), new Uint8Array(4));
    const credId = new Uint8Array(32).fill(0xea);
    const key = concat(
      fromHex('a50102032620012158 20'.replace(/ /g, '')),
      new Uint8Array(32).fill(1),
      fromHex('225820'),
      new Uint8Array(32).fill(2),
    );
    const withAaguid = (aaguid: Uint8Array) => dissectAuthenticatorData(concat(head, aaguid, Uint8Array.of(0x00, 0x20), credId, key));
    for (const n of [0, 1, 15]) {
      const r = withAaguid(new Uint8Array(n));
      expect(r.errors[0]).toMatchObject({ code: 'authdata-aaguid-short', offset: 37 });
      expect(r.errors[0].message).toContain(n === 0 ? 'seems to be missing' : `seems to be ${n} byte${n === 1 ? '' : 's'} instead of 16`);
      expect(r.errors[0].message).toContain('credentialIdLength is 32');
      expect(r.errors.length).toBeGreaterThan(1); // the misreading it causes is still reported after it
    }
    // A whole AAGUID: read as it is, nothing to diagnose.
    expect(withAaguid(new Uint8Array(16)).errors).toEqual([]);
    // A "key" larger than any COSE key is no reading of it: the guess parses a few small candidates, never
    // the whole of a hostile megabyte once per candidate length.
    const huge = concat(fromHex('a1015a00005000'), new Uint8Array(0x5000));
    const r = dissectAuthenticatorData(concat(head, new Uint8Array(1), Uint8Array.of(0x00, 0x20), credId, huge));
    expect(r.errors.map((e) => e.code)).not.toContain('authdata-aaguid-short');
  });
  it('extension outputs: credProtect, hmac-secret, unknown ones', () => {
    const ext = fromHex('a36b6372656450726f746563740 36b686d61632d736563726574f5 63666f6f01'.replace(/ /g, ''));
    const r = dissectAuthenticatorData(concat(new Uint8Array(32), Uint8Array.of(0x81), new Uint8Array(4), ext));
    expect(r.errors).toEqual([]);
    expect(r.data!.extensions).toEqual({ credProtect: 3, 'hmac-secret': true, foo: 1 });
    const f = r.field.children!.find((c) => c.key === 'extensions')!;
    expect(f.children!.find((c) => c.key === 'credProtect')!.display).toMatch(/userVerificationRequired/);
    expect(f.children!.find((c) => c.key === 'foo')!.severity).toBe('info');
  });
});

describe('client extension results', () => {
  it('credProps.rk, prf, largeBlob, unknown', () => {
    const r = dissectClientExtensionResults({
      credProps: { rk: true },
      prf: { enabled: true, results: { first: toBase64Url(new Uint8Array(32)) } },
      largeBlob: { supported: false },
      zzz: 1,
    });
    expect(r.errors).toEqual([]);
    const c = (k: string) => r.field.children!.find((x) => x.key === k)!;
    expect(c('credProps').children!.find((x) => x.key === 'rk')!.display).toMatch(/discoverable credential/);
    const first = c('prf')
      .children!.find((x) => x.key === 'results')!
      .children!.find((x) => x.key === 'first')!;
    expect(first).toMatchObject({ explain: 'clientExt.prf.first' });
    expect(first.display).toMatch(/32 bytes/);
    expect(c('largeBlob').children!.find((x) => x.key === 'supported')!.display).toMatch(/no large-blob support/);
    expect(c('zzz').severity).toBe('info');
  });
});

describe('input forms', () => {
  it('refuses too-large and unrecognized input with located errors', () => {
    expect(dissect(new Uint8Array(1024 * 1024 + 1)).errors[0].code).toBe('input-too-large');
    expect(dissect(42).errors[0].code).toBe('input-not-recognized');
    expect(dissect('').errors.length).toBe(1);
    const d = dissect('not base64!');
    expect(d.errors[0]).toMatchObject({ code: 'input-not-recognized', source: 'input', offset: 10 });
    expect(new TextDecoder().decode(d.sources.input.subarray(10, 11))).toBe('!');
  });
  it('rpIdCandidates: the host and its parents, never a bare TLD', () => {
    expect(rpIdCandidates('https://a.b.example.com:8443')).toEqual(['a.b.example.com', 'b.example.com', 'example.com']);
    expect(rpIdCandidates('http://localhost:3000')).toEqual(['localhost']);
    expect(rpIdCandidates('android:apk-key-hash:abc')).toEqual([]);
  });
  it('userHandle: bytes and UTF-8 text', () => {
    expect(dissectUserHandle(fromUtf8('alice')).value).toMatchObject({ text: 'alice', hex: '616c696365' });
    expect(dissectUserHandle(fromHex('ff00')).value).toMatchObject({ text: null });
  });
});

describe('hex text is hex', () => {
  const AD = '49960de5880e8c687434170f6476605b8fe4aeb9a28632c7995cf3ba831d97630500000001';
  it('authenticator data pasted as hex decodes as hex, never as the base64url the same letters also spell', () => {
    const d = dissect(AD);
    expect(d.kind).toBe('authenticatorData');
    expect(d.summary.signCount).toBe(1);
    expect(d.summary.flags).toMatchObject({ up: true, uv: true });
    // Cut short: still read as the 35 hex-given bytes it is (not as 52 bytes of base64url noise).
    const cut = dissect(AD.slice(0, 70));
    expect(cut.kind).not.toBe('authenticatorData');
    expect(cut.tree[0].display).toBe('35 bytes, not recognized');
  });
});

describe('options pasted on their own: what the RP asked for', () => {
  const find = (fields: { path: string; children?: unknown[] }[], path: string): any => {
    for (const f of fields) {
      if (f.path === path) return f;
      const r = find((f.children ?? []) as never, path);
      if (r) return r;
    }
    return undefined;
  };
  it('creation options: challenge and user.id as bytes, each algorithm named, the spec’s bounds marked', () => {
    const d = dissect(
      JSON.stringify({
        publicKey: {
          rp: { name: 'Example', id: 'example.com' },
          user: { id: 'dXNlci0x', name: 'alice', displayName: 'Alice' },
          challenge: 'c2hvcnQ',
          pubKeyCredParams: [
            { type: 'public-key', alg: -8 },
            { type: 'public-key', alg: -7 },
          ],
          excludeCredentials: [],
        },
      }),
    );
    expect(d.kind).toBe('creationOptions');
    expect(find(d.tree, 'credential.publicKey.user.id').display).toBe('user handle: 6 bytes (text "user-1")');
    expect(find(d.tree, 'credential.publicKey.pubKeyCredParams').display).toBe('2 algorithms, preferred first: EdDSA, ES256');
    expect(find(d.tree, 'credential.publicKey.rp').display).toBe('RP ID "example.com"');
    // A 5-byte challenge: located, with the rule it breaks.
    expect(d.errors).toEqual([expect.objectContaining({ code: 'options-short-challenge', path: 'credential.publicKey.challenge' })]);
  });
  it('request options: an empty allow list is a discoverable sign-in', () => {
    const d = dissect(
      JSON.stringify({
        challenge: 'AAAAAAAAAAAAAAAAAAAAAA',
        rpId: 'example.com',
        allowCredentials: [],
        userVerification: 'required',
        timeout: 30000,
      }),
    );
    expect(d.kind).toBe('requestOptions');
    expect(d.errors).toEqual([]);
    expect(find(d.tree, 'credential.allowCredentials').display).toMatch(/^empty: a discoverable sign-in/);
    expect(find(d.tree, 'credential.timeout').display).toBe('30000 ms (30 s): a hint, the browser may change it');
    expect(find(d.tree, 'credential.challenge').display).toBe('challenge: 16 bytes');
  });
});

describe('a COSE key whose map header miscounts its entries: the real problem at its byte', () => {
  const made = async () => {
    const { SoftwareAuthenticator } = await import('../../src/rp/soft/authenticator.ts');
    const s = new SoftwareAuthenticator({ format: 'none' });
    const r = (await s.create(
      {
        rp: { id: 'localhost', name: 'x' },
        user: { id: 'dQ', name: 'u' },
        challenge: 'AAAAAAAAAAAAAAAAAAAAAA',
        pubKeyCredParams: [{ alg: -7 }],
      },
      { origin: 'http://localhost' },
    )) as { response: { attestationObject: string } };
    const att = Buffer.from(r.response.attestationObject, 'base64url');
    const at = att.indexOf(Buffer.from('a50102032620', 'hex'));
    const withHeader = (b: number) => {
      const c = Buffer.from(att);
      c[at] = b;
      return dissect({ ...r, response: { ...r.response, attestationObject: c.toString('base64url') } });
    };
    return { at, withHeader };
  };
  it('one entry more declared than there is: named at the header, before the truncation it causes', async () => {
    const { at, withHeader } = await made();
    const d = withHeader(0xa6);
    expect(d.errors[0]).toMatchObject({
      code: 'cose-key-count-mismatch',
      offset: at,
      message: "the COSE key's map header declares 6 entries, but only 5 follow before the data ends",
    });
  });
  it('one entry fewer declared: the entry left over is named, not only “leftover bytes”', async () => {
    const { at, withHeader } = await made();
    const d = withHeader(0xa4);
    expect(d.errors.map((e) => e.code)).toEqual(['cose-key-count-mismatch', 'authdata-trailing-bytes']);
    expect(d.errors[0]).toMatchObject({
      offset: at,
      message: "the COSE key's map header declares 4 entries, but 5 follow: the last entry is left over as bytes after the key",
    });
  });
});
