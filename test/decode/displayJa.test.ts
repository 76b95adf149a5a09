/**
 * The field tree's short forms in Japanese: for every field of every vector's dissection (whole
 * responses, each part, stored keys, pasted options, truncated inputs), what is left in Latin letters
 * after src/decode/messages/display.ts is identifiers, notation, values and names — no English prose.
 */
import { describe, expect, it } from 'vitest';
import { dissect } from '@decode/index';
import { displayText } from '@decode/messages/display';
import { fromBase64Url, toBase64Url } from '@decode/bytes';
import type { Field } from '@decode/types';
import { loadVectors } from './vectors.helpers';
import { englishLeaks } from '../support/japanese';

function* fields(list: Field[]): Generator<Field> {
  for (const f of list) {
    yield f;
    if (f.children) yield* fields(f.children);
  }
}

function inputs(): unknown[] {
  const out: unknown[] = [];
  for (const c of loadVectors()) {
    out.push(c.response);
    const r = c.response.response ?? {};
    for (const part of ['clientDataJSON', 'attestationObject', 'authenticatorData']) {
      if (typeof r[part] !== 'string' || !r[part]) continue;
      out.push(r[part]);
      const b = fromBase64Url(r[part]);
      out.push(toBase64Url(b.subarray(0, Math.floor(b.length * 0.6))));
    }
    if (c.credential?.publicKey) out.push(c.credential.publicKey);
  }
  out.push(
    JSON.stringify({
      challenge: 'AAAA',
      rp: { id: 'a.com', name: 'A' },
      user: { id: 'AQID', name: 'u', displayName: 'U' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      timeout: 60000,
      excludeCredentials: [{ type: 'public-key', id: 'AAAA' }],
      authenticatorSelection: { residentKey: 'required' },
      attestation: 'direct',
      extensions: { credProps: true },
    }),
    JSON.stringify({ challenge: 'AAAAAAAAAAAAAAAAAAAAAA', rpId: 'a.com', allowCredentials: [], userVerification: 'required' }),
  );
  return out;
}

describe('field displays in Japanese', () => {
  it('leave no English prose, for every field of every vector', () => {
    const leaks = new Map<string, string>();
    let n = 0;
    for (const input of inputs()) {
      for (const f of fields(dissect(input).tree)) {
        n++;
        const ja = displayText(f.display, 'ja');
        const left = englishLeaks(ja);
        if (left.length && leaks.size < 40) leaks.set(`${f.display} → ${ja}`, left.join(' | '));
      }
    }
    expect(n).toBeGreaterThan(10_000);
    expect([...leaks].map(([k, v]) => `${v}   ⟵ ${k}`)).toEqual([]);
  });
  it('keeps English as it is, and translates the vocabulary', () => {
    expect(displayText('object (4 members)', 'en')).toBe('object (4 members)');
    expect(displayText('object (4 members)', 'ja')).toBe('オブジェクト（4 メンバー）');
    expect(displayText('map header, 3 entries (only 2 decoded before the input ended)', 'ja')).toBe(
      'map のヘッダー、3 エントリー（入力が終わるまでにデコードできたのは 2 個）',
    );
    expect(displayText('196 bytes: flags UP, AT, signCount 0, with attested credential data', 'ja')).toBe(
      '196 バイト: フラグ UP, AT, signCount 0、アテステーション済みクレデンシャルデータあり',
    );
  });
});
