import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dissectCertificate } from '@decode/x509/certificate.ts';
import { pemToDer } from '@decode/pem';
import { cborGet } from '@decode/cbor/value.ts';
import { loadRegistrationCases, parseAttObj, coverageProblem, VECTORS, rootPem } from './helpers';

const cases = loadRegistrationCases();

describe('x509: every x5c certificate of every registration vector', () => {
  for (const c of cases) {
    const want = c.decoded?.attStmt?.x5c as { subject: string; issuer: string; notBefore: string; notAfter: string }[] | undefined;
    if (!want) continue;
    it(c.id, () => {
      const p = parseAttObj(c)!;
      const x5c = cborGet(p.attStmt, 'x5c');
      expect(x5c?.type).toBe('array');
      if (x5c?.type !== 'array') return;
      x5c.items.forEach((item, i) => {
        expect(item.type).toBe('bytes');
        const d = dissectCertificate(p.bytes, item.headerEnd, item.end, { source: 'attestationObject', path: `x5c.${i}` });
        expect(d.errors).toEqual([]);
        expect(d.cert).not.toBeNull();
        const cert = d.cert!;
        expect(cert.subject.text).toBe(want[i].subject);
        expect(cert.issuer.text).toBe(want[i].issuer);
        expect(cert.notBefore!.getTime()).toBe(Date.parse(want[i].notBefore));
        expect(cert.notAfter!.getTime()).toBe(Date.parse(want[i].notAfter));
        expect(coverageProblem([d.field], 'attestationObject', item.headerEnd, item.end)).toBeNull();
      });
    });
  }
});

describe('x509: bundled roots', () => {
  const idx = JSON.parse(readFileSync(join(VECTORS, 'roots/index.json'), 'utf8')) as { file: string; subject: string; notAfter: string }[];
  for (const r of idx) {
    it(r.file, () => {
      const der = pemToDer(rootPem(r.file.replace('roots/', '')))!;
      const d = dissectCertificate(der, 0, der.length, { source: 'root', path: 'root' });
      expect(d.errors).toEqual([]);
      expect(d.cert!.subject.text).toBe(r.subject);
      expect(d.cert!.notAfter!.getTime()).toBe(Date.parse(r.notAfter));
      expect(d.cert!.basicConstraints?.ca).toBe(true);
      expect(coverageProblem([d.field], 'root', 0, der.length)).toBeNull();
    });
  }
});
