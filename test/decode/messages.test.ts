/**
 * Message catalogs: src/decode/messages exports ONE English and ONE Japanese catalog (core + attestation +
 * checks merged), and every Field.explain id that any dissection of the vectors uses resolves in both.
 * (The check catalogs and the ids Checks carry are tested in ./checkMessages.test.ts.)
 */
import { describe, it, expect } from 'vitest';
import { loadVectors } from './vectors.helpers';
import { dissect } from '@decode/index';
import { decodeErrorText, en, ja, explain } from '@decode/messages/index';
import { en as coreEnOnly } from '@decode/messages/en';
import { ja as coreJaOnly } from '@decode/messages/ja';
import { attestationMessagesEn } from '@decode/messages/attestation.en';
import { attestationMessagesJa } from '@decode/messages/attestation.ja';
import { checkMessagesEn } from '@decode/messages/checks.en';
import { checkMessagesJa } from '@decode/messages/checks.ja';
import { fromBase64Url, toBase64Url } from '@decode/bytes';
import type { Dissection, Field } from '@decode/types';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every dissection the vectors give: whole responses, each part on its own, stored keys, a truncated attestation object. */
function dissections(): { what: string; d: Dissection }[] {
  const out: { what: string; d: Dissection }[] = [];
  for (const c of loadVectors()) {
    out.push({ what: c.id, d: dissect(c.response) });
    const r = c.response.response ?? {};
    for (const part of ['clientDataJSON', 'attestationObject', 'authenticatorData']) {
      if (typeof r[part] === 'string' && r[part]) out.push({ what: `${c.id} ${part}`, d: dissect(r[part]) });
    }
    if (c.credential?.publicKey) out.push({ what: `${c.id} credential.publicKey`, d: dissect(c.credential.publicKey) });
    if (typeof r.attestationObject === 'string' && r.attestationObject) {
      const b = fromBase64Url(r.attestationObject);
      out.push({ what: `${c.id} attestationObject truncated`, d: dissect(toBase64Url(b.subarray(0, b.length >> 1))) });
    }
  }
  return out;
}

describe('message catalogs', () => {
  it('en and ja are the core, attestation and check catalogs merged, without an id defined twice', () => {
    expect(Object.keys(coreEnOnly).filter((id) => id in attestationMessagesEn)).toEqual([]);
    expect([...Object.keys(coreEnOnly), ...Object.keys(attestationMessagesEn)].filter((id) => id in checkMessagesEn)).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(
      [...Object.keys(coreEnOnly), ...Object.keys(attestationMessagesEn), ...Object.keys(checkMessagesEn)].sort(),
    );
    expect(Object.keys(ja).sort()).toEqual(
      [...Object.keys(coreJaOnly), ...Object.keys(attestationMessagesJa), ...Object.keys(checkMessagesJa)].sort(),
    );
  });
  it('en and ja have the same ids; every ja text is Japanese and differs from the English', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [id, text] of Object.entries(ja)) {
      expect(text, id).toMatch(JAPANESE);
      expect(text, id).not.toBe(en[id]);
      expect(en[id].trim().length, id).toBeGreaterThan(10);
    }
  });
  it('explain() resolves ids in both languages and nothing from the prototype', () => {
    expect(explain('x509.certificate', 'ja')).toBe(ja['x509.certificate']);
    expect(explain('clientData.challenge', 'en')).toBe(en['clientData.challenge']);
    expect(explain('constructor')).toBeUndefined();
    expect(explain('no.such.id', 'ja')).toBeUndefined();
  });
  it('every Field.explain id of every dissection of the vectors has en and ja text (attStmt, X.509 and trust included)', () => {
    const missing = new Map<string, string>();
    const used = new Set<string>();
    let fields = 0;
    let attestationFields = 0;
    const walk = (f: Field, what: string) => {
      fields++;
      if (f.explain) {
        used.add(f.explain);
        if (f.path.includes('.attStmt')) attestationFields++;
        if (!explain(f.explain, 'en') || !Object.prototype.hasOwnProperty.call(en, f.explain))
          missing.set(`en ${f.explain}`, `${what}: ${f.path}`);
        if (!Object.prototype.hasOwnProperty.call(ja, f.explain) || !JAPANESE.test(explain(f.explain, 'ja')!))
          missing.set(`ja ${f.explain}`, `${what}: ${f.path}`);
      }
      f.children?.forEach((c) => walk(c, what));
    };
    for (const { what, d } of dissections()) d.tree.forEach((f) => walk(f, what));
    expect(Object.fromEntries(missing)).toEqual({});
    expect(fields).toBeGreaterThan(10000);
    expect(attestationFields).toBeGreaterThan(1000);
    // the attestation catalog is really used by the dissections
    expect(Object.keys(attestationMessagesEn).filter((id) => used.has(id)).length).toBeGreaterThan(10);
  });
});

describe('decoding errors in Japanese', () => {
  /** The errors of the vectors cut short and with one bit flipped (a fixed-seed walk, bounded). */
  function mangledErrors(): Map<string, string> {
    const codes = new Map<string, string>();
    const add = (d: Dissection) => d.errors.forEach((e) => codes.set(e.code, e.message));
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const c of loadVectors()) {
      const r = c.response;
      for (const part of ['attestationObject', 'authenticatorData', 'clientDataJSON', 'signature']) {
        const v = r.response?.[part];
        if (typeof v !== 'string' || !v) continue;
        const b = fromBase64Url(v);
        for (let i = 0; i < 12; i++) {
          const cut = b.slice(0, Math.floor(rnd() * b.length));
          const flip = b.slice();
          flip[Math.floor(rnd() * flip.length)] ^= 1 << Math.floor(rnd() * 8);
          add(dissect(toBase64Url(cut)));
          add(dissect(JSON.stringify({ ...r, response: { ...r.response, [part]: toBase64Url(flip) } })));
        }
      }
    }
    for (const s of ['', '{', '[]', '{"a":1} x', 'hello', '{"response":{}}', '{"challenge":"!!","rpId":"a"}', 'a0', 'ff', '1c'])
      add(dissect(s));
    return codes;
  }

  it('every code a mangled input produces has its own Japanese sentence (a family sentence only for DER/X.509/attStmt members)', () => {
    const codes = mangledErrors();
    expect(codes.size).toBeGreaterThan(30);
    for (const [code, message] of codes) {
      const text = decodeErrorText({ code, message }, 'ja');
      expect(text, code).toMatch(JAPANESE);
      const family = /^(asn1|x509|attStmt)\./.test(code);
      if (!family) expect(text, `${code} has only the generic sentence`).not.toBe(decodeErrorText({ code: 'no-such-code', message }, 'ja'));
    }
    expect(decodeErrorText({ code: 'cbor-truncated', message: 'm' }, 'en')).toBe('m');
  });
});
