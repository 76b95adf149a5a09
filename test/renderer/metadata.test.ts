import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/renderer/src/api/client.ts';
import { dissectionOf } from '../../src/renderer/src/api/metadata-types.ts';
import { en } from '../../src/renderer/src/i18n/en.ts';
import { ja } from '../../src/renderer/src/i18n/ja.ts';
import { ceremonyFacts } from '../../src/renderer/src/model/ceremony.ts';
import { fileToPem, projectPage, rootNameFromFile, toBase64 } from '../../src/renderer/src/model/metadata.ts';
import { isNamedAaguid, pickIcon } from '../../src/renderer/src/model/authenticators.ts';
import type { Ceremony } from '@api/types.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function recorder(respond: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('metadata API client', () => {
  it('posts imports and refreshes with the token, and encodes root names', async () => {
    const { fetch, calls } = recorder(() => json(200, { origin: 'x', fetchedAt: 't', count: 1 }));
    const api = createApiClient({ token: 'tok', fetch });
    await api.importAaguids('{"a":1}', 'list.json');
    await api.refreshAaguids();
    await api.refreshMds('https://example.org/blob');
    await api.importMds('a.b.c', 'blob.jwt');
    await api.addRoot('my root', 'PEM');
    await api.deleteRoot('my root');
    expect(calls.map((c) => [c.init.method, c.url, c.init.body ?? null])).toEqual([
      ['POST', '/api/metadata/aaguids/import', JSON.stringify({ content: '{"a":1}', name: 'list.json' })],
      ['POST', '/api/metadata/aaguids/refresh', '{}'],
      ['POST', '/api/metadata/mds/refresh', JSON.stringify({ url: 'https://example.org/blob' })],
      ['POST', '/api/metadata/mds/import', JSON.stringify({ content: 'a.b.c', name: 'blob.jwt' })],
      ['POST', '/api/roots', JSON.stringify({ name: 'my root', pem: 'PEM' })],
      ['DELETE', '/api/roots/my%20root', null],
    ]);
    for (const c of calls) expect((c.init.headers as Record<string, string>)['X-PE-Token']).toBe('tok');
  });

  it('aaguid() answers null for an unknown AAGUID and throws other errors', async () => {
    const { fetch } = recorder((url) =>
      // The window asks with ?unknown=null (a 200 null); an older RP's 404 means the same.
      url.endsWith('0000?unknown=null')
        ? json(200, null)
        : url.endsWith('9999?unknown=null')
          ? json(404, { error: 'aaguid_unknown', message: 'No name' })
          : json(400, { error: 'bad', message: 'Bad' }),
    );
    const api = createApiClient({ token: 't', fetch });
    expect(await api.aaguid('01020304-0506-0708-0102-030405060000')).toBeNull();
    expect(await api.aaguid('01020304-0506-0708-0102-030405069999')).toBeNull();
    await expect(api.aaguid('01020304-0506-0708-0102-030405060001')).rejects.toMatchObject({ error: 'bad', status: 400 });
  });

  it('surfaces a 422 with the RP code and message', async () => {
    const { fetch } = recorder(() => json(422, { error: 'mds_invalid', message: 'The FIDO MDS BLOB was refused: bad signature' }));
    const api = createApiClient({ token: 't', fetch });
    await expect(api.importMds('x', 'f')).rejects.toMatchObject({
      status: 422,
      error: 'mds_invalid',
      message: 'The FIDO MDS BLOB was refused: bad signature',
    });
  });
});

describe('metadata helpers', () => {
  it('fileToPem keeps PEM, base64-encodes DER, passes other text on', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(fileToPem(new TextEncoder().encode(`  ${pem}\n\n`))).toBe(`${pem}\n`);
    expect(fileToPem(new Uint8Array([0x30, 0x82, 0x01, 0xff]))).toBe(toBase64(new Uint8Array([0x30, 0x82, 0x01, 0xff])));
    expect(fileToPem(new TextEncoder().encode('garbage'))).toBe('garbage');
    expect(toBase64(new Uint8Array(100_000).fill(255))).toHaveLength(133_336);
  });

  it('rootNameFromFile gives a name the RP accepts', () => {
    expect(rootNameFromFile('apple-webauthn-root-ca.pem')).toBe('apple-webauthn-root-ca');
    expect(rootNameFromFile('Root (2024) ä.CRT')).toBe('Root -2024- -');
    expect(rootNameFromFile('__x.der')).toBe('x');
    expect(rootNameFromFile('a'.repeat(200) + '.pem')).toHaveLength(80);
  });

  it('projectPage links raw GitHub files to their repository', () => {
    expect(projectPage('https://raw.githubusercontent.com/passkeydeveloper/passkey-authenticator-aaguids/main/combined.json')).toBe(
      'https://github.com/passkeydeveloper/passkey-authenticator-aaguids',
    );
    expect(projectPage('https://example.org/list.json')).toBeNull();
  });

  it('pickIcon takes the theme’s data: icon first, never another scheme', () => {
    expect(pickIcon({ iconLight: 'data:image/png;base64,L', iconDark: 'data:image/png;base64,D' }, true)).toBe('data:image/png;base64,D');
    expect(pickIcon({ iconLight: 'data:image/png;base64,L', iconDark: 'data:image/png;base64,D' }, false)).toBe('data:image/png;base64,L');
    expect(pickIcon({ iconLight: 'data:image/png;base64,L' }, true)).toBe('data:image/png;base64,L');
    expect(pickIcon({ iconLight: 'https://evil.example/i.png' }, false)).toBeNull();
    expect(pickIcon(null, false)).toBeNull();
  });

  it('isNamedAaguid skips the all-zero AAGUID and malformed ones', () => {
    expect(isNamedAaguid('08987058-cadc-4b81-b6e1-30de50dcbe96')).toBe(true);
    expect(isNamedAaguid('00000000-0000-0000-0000-000000000000')).toBe(false);
    expect(isNamedAaguid('nope')).toBe(false);
    expect(isNamedAaguid(null)).toBe(false);
  });

  it('reads the second opinion, the disagreement and the recorded authenticator name from a ceremony', () => {
    const ceremony = {
      result: { authenticatorName: 'Windows Hello', flags: { up: true, uv: true, be: false, bs: false, at: true, ed: false } },
      dissection: {
        summary: { authenticatorName: null },
        tree: [],
        checks: [],
        secondOpinion: { verifier: '@simplewebauthn/server', verified: false, error: 'boom' },
        disagreement: { ours: 'all checks passed', theirs: 'boom' },
      },
      timings: { optionsAt: 0 },
    } as unknown as Ceremony;
    expect(dissectionOf(ceremony)?.disagreement).toEqual({ ours: 'all checks passed', theirs: 'boom' });
    expect(dissectionOf(ceremony)?.secondOpinion?.verified).toBe(false);
    expect(ceremonyFacts(ceremony).authenticatorName).toBe('Windows Hello');
    expect(dissectionOf({ dissection: null } as unknown as Ceremony)).toBeNull();
  });

  it('every new message has the same placeholders in en and ja', () => {
    const keys = Object.keys(en).filter((k) =>
      /^(metadata|roots|authenticator|header\.metadata|result\.(second|disagreement|firstFailure))/.test(k),
    ) as (keyof typeof en)[];
    expect(keys.length).toBeGreaterThan(50);
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys) expect(ph(ja[k]), k).toEqual(ph(en[k]));
  });
});
