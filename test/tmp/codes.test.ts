import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { it } from 'vitest';
import { dissect } from '@decode/index.ts';
import { fromBase64Url, toBase64Url } from '@decode/bytes.ts';
const V = resolve(import.meta.dirname, '../../../shared/vectors');
it('codes', () => {
  const codes = new Map<string, string>();
  const add = (d: any) =>
    d.errors.forEach((e: any) => {
      if (!codes.has(e.code)) codes.set(e.code, e.message);
    });
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (const dir of ['registration', 'authentication'])
    for (const f of readdirSync(resolve(V, dir))) {
      const c = JSON.parse(readFileSync(resolve(V, dir, f), 'utf8'));
      const r = c.response;
      add(dissect(JSON.stringify(r)));
      for (const p of ['attestationObject', 'authenticatorData', 'clientDataJSON', 'signature']) {
        const v = r.response?.[p];
        if (!v) continue;
        const b = fromBase64Url(v);
        for (let i = 0; i < 40; i++) {
          const m = b.slice(0, Math.floor(rnd() * b.length));
          add(dissect(toBase64Url(m)));
          const x = b.slice();
          x[Math.floor(rnd() * x.length)] ^= 1 << Math.floor(rnd() * 8);
          add(dissect(toBase64Url(x)));
          add(dissect(JSON.stringify({ ...r, response: { ...r.response, [p]: toBase64Url(x) } })));
          add(dissect(JSON.stringify({ ...r, response: { ...r.response, [p]: toBase64Url(m) } })));
        }
      }
    }
  for (const s of [
    '',
    '{',
    '{}',
    '[]',
    '{"a":1} x',
    'hello',
    '{"response":{}}',
    '{"challenge":"A","rp":{},"user":{"id":""}}',
    '{"challenge":"!!","rpId":"a"}',
    'a0',
    'ff',
    '1c',
    '5f00ff',
  ])
    add(dissect(s));
  writeFileSync(
    '/tmp/x/codes.txt',
    [...codes.entries()]
      .map(([k, v]) => `${k}\t${v}`)
      .sort()
      .join('\n'),
  );
});
