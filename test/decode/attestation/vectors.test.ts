import { describe, it, expect } from 'vitest';
import { dissectAttStmt, verifyAttestation } from '@decode/attestation/index';
import { loadRegistrationCases, parseAttObj, contextFor, coverageProblem, NON_ATTESTATION_FAILURES, DEVIATIONS } from './helpers';

const cases = loadRegistrationCases();

describe('attestation verification matches expected.verified on every registration vector', () => {
  for (const c of cases) {
    it(c.id, async () => {
      const p = parseAttObj(c);
      if (!p) {
        expect(c.expected.verified).toBe(false); // pyw-reg-fail-bad-cbor: nothing to verify here
        return;
      }
      const checks = await verifyAttestation(p.fmt, p.attStmt, await contextFor(c, p));
      const failed = checks.filter((k) => k.status === 'fail');
      const ok = failed.length === 0;
      const trust = checks.find((k) => k.id === 'attestation.trust');
      expect(trust, 'attestation.trust check present').toBeDefined();
      let want: boolean | null = c.expected.verified;
      if (NON_ATTESTATION_FAILURES[c.id]) want = true;
      if (DEVIATIONS[c.id]) want = DEVIATIONS[c.id].attestationVerified;
      const summary = JSON.stringify(
        failed.map((f) => `${f.id}: ${f.message}`),
        null,
        1,
      );
      if (want !== null) expect(ok, summary).toBe(want);
      else expect(ok, `verified=null case; ${summary}`).toBe(true);
    });
  }
});

describe('attStmt byte coverage on every registration vector', () => {
  for (const c of cases) {
    it(c.id, () => {
      const p = parseAttObj(c);
      if (!p) return;
      const r = dissectAttStmt(p.fmt, p.attStmt, { source: 'attestationObject', path: 'attestationObject.attStmt', bytes: p.bytes });
      expect(r.errors).toEqual([]);
      expect(coverageProblem(r.fields, 'attestationObject', p.attStmt.start, p.attStmt.end)).toBeNull();
      for (const [name, buf] of Object.entries(r.sources ?? {})) {
        expect(coverageProblem(r.fields, name, 0, buf.length), name).toBeNull();
      }
    });
  }
});
