/**
 * A HAR file dropped into Paste & decode: every WebAuthn message in its bodies (any wrapping, a
 * base64-encoded answer too), each response paired with the options of its challenge.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanHar } from '../../src/renderer/src/model/har.ts';

const V = resolve(import.meta.dirname, '../../../shared/vectors');
const reg = JSON.parse(readFileSync(resolve(V, 'registration/swa-reg-packed-self-es256.json'), 'utf8'));

const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 'DevTools' }, entries } });
const entry = (method: string, url: string, o: { request?: unknown; response?: unknown; base64?: boolean; status?: number }) => ({
  request: { method, url, ...(o.request ? { postData: { mimeType: 'application/json', text: JSON.stringify(o.request) } } : {}) },
  response: {
    status: o.status ?? 200,
    content: o.response
      ? o.base64
        ? { mimeType: 'application/json', text: Buffer.from(JSON.stringify(o.response)).toString('base64'), encoding: 'base64' }
        : { mimeType: 'application/json', text: JSON.stringify(o.response) }
      : { mimeType: 'text/html', text: '<html></html>' },
  },
});

describe('scanHar', () => {
  it('lists options and responses with their exchange, and pairs a response with the options of its challenge', () => {
    const options = {
      publicKey: {
        rp: { id: reg.expected.rpID, name: 'RP' },
        user: { id: 'dQ', name: 'u', displayName: 'u' },
        challenge: reg.expected.challenge,
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    };
    const other = { challenge: 'b3RoZXItY2hhbGxlbmdl', rpId: 'example.com', allowCredentials: [] };
    const r = scanHar(
      har([
        entry('GET', 'https://rp.example/', {}),
        entry('POST', 'https://rp.example/register/options', { response: { status: 'ok', options }, base64: true }),
        entry('POST', 'https://rp.example/login/options', { response: other }),
        entry('POST', 'https://rp.example/register/verify', {
          request: { name: 'my key', credential: reg.response },
          response: { verified: true },
        }),
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries).toBe(4);
    expect(r.items.map((i) => [i.kind, i.in, i.url])).toEqual([
      ['creationOptions', 'response', 'https://rp.example/register/options'],
      ['requestOptions', 'response', 'https://rp.example/login/options'],
      ['registration', 'request', 'https://rp.example/register/verify'],
    ]);
    const response = r.items[2];
    expect(response).toMatchObject({ pairedWith: 0, challenge: reg.expected.challenge, origin: reg.expected.origin });
    expect(JSON.parse(response.json)).toEqual(reg.response);
    expect(r.items[0].rpId).toBe(reg.expected.rpID);
  });
  it('says what is wrong with a file that is not a HAR, and when a HAR holds nothing', () => {
    expect(scanHar('{"log": {}}')).toEqual({ ok: false, message: 'not a HAR file: it has no log.entries' });
    expect(scanHar('garbage')).toMatchObject({ ok: false, message: expect.stringMatching(/^not JSON: /) });
    expect(scanHar(har([entry('GET', 'https://x/', {})]))).toEqual({ ok: true, items: [], entries: 1 });
  });
});
