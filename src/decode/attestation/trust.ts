/**
 * WebAuthn L3 §7.1 steps 23–24: obtain the acceptable trust anchors for the attestation type and
 * format, and assess the attestation's trustworthiness (chain building and validation to one of them).
 *
 * Anchors come from three places: the bundled well-known roots for the format (apple, android-key,
 * android-safetynet; turned off with useBundledRoots: false), the user's roots (trustAnchors, every
 * format), and the FIDO Metadata Service statement of the AAGUID (attestationRootCertificates).
 *
 * Policy (as SimpleWebAuthn and py_webauthn): when no anchor at all is known for the attestation, the
 * chain's internal links are still checked, and trustworthiness is 'uncertain' with status 'warn';
 * when anchors are known and the chain does not reach one, the check fails.
 */
import type { Check } from '../types.js';
import type { Certificate } from '../x509.js';
import { toUuid } from '../bytes.js';
import { bundledRootsFor } from '../trust/roots.js';
import { parseAnchors, validateChain, type TrustAnchor } from '../trust/chain.js';
import { MDS_UNTRUSTED_STATUSES, latestStatus, MDS_SPEC } from '../trust/mds.js';
import { SPEC, type AttestationVerifyContext, type TrustResult } from './common.js';

export const TRUST_ANCHORS_ID = 'attestation.trustAnchors';
export const TRUST_ID = 'attestation.trust';

export function anchorsFor(fmt: string, ctx: AttestationVerifyContext): { anchors: TrustAnchor[]; problems: string[]; sources: string[] } {
  const anchors: TrustAnchor[] = [];
  const problems: string[] = [];
  const sources: string[] = [];
  if (ctx.useBundledRoots !== false) {
    for (const r of bundledRootsFor(fmt)) {
      const p = parseAnchors([r.pem], `bundled: ${r.name}`);
      anchors.push(...p.anchors);
      problems.push(...p.problems);
    }
    if (bundledRootsFor(fmt).length) sources.push(`bundled roots for ${fmt} (${bundledRootsFor(fmt).map((r) => r.name).join(', ')})`);
  }
  if (ctx.trustAnchors?.length) {
    const p = parseAnchors(ctx.trustAnchors, 'user');
    anchors.push(...p.anchors);
    problems.push(...p.problems);
    sources.push(`${p.anchors.length} user-added root(s)`);
  }
  const entry = ctx.aaguid.length === 16 ? ctx.mds?.get(toUuid(ctx.aaguid)) : undefined;
  if (entry?.attestationRootCertificates.length) {
    const p = parseAnchors(entry.attestationRootCertificates, `mds: ${entry.name}`);
    anchors.push(...p.anchors);
    problems.push(...p.problems);
    sources.push(`FIDO MDS statement of ${entry.name} (${p.anchors.length} root(s))`);
  }
  return { anchors, problems, sources };
}

/**
 * Steps 23–24 for an attestation with a trust path (x5c). `type` is what the format's procedure
 * returned (basic, attca, anonca). `verified` says whether the statement itself verified (step 22).
 */
export async function assessChain(fmt: string, certs: readonly Certificate[], type: 'basic' | 'attca' | 'anonca', ctx: AttestationVerifyContext, verified: boolean): Promise<Check[]> {
  const spec = SPEC.registration;
  const time = ctx.currentTime ?? new Date();
  if (!verified) {
    return [
      { id: TRUST_ANCHORS_ID, spec, title: '§7.1 step 23: obtain trust anchors', status: 'skip', message: 'the attestation statement did not verify (step 22), so no trust anchors were looked up' },
      { id: TRUST_ID, spec, title: '§7.1 step 24: assess attestation trustworthiness', status: 'skip', actual: { type: 'uncertain', reason: 'attestation statement did not verify' } satisfies TrustResult, message: 'skipped because the attestation statement did not verify' },
    ];
  }
  const { anchors, problems, sources } = anchorsFor(fmt, ctx);
  const checks: Check[] = [{
    id: TRUST_ANCHORS_ID, spec, title: '§7.1 step 23: obtain trust anchors',
    status: anchors.length ? (problems.length ? 'warn' : 'pass') : 'warn',
    expected: 'trust anchors for this attestation type and format',
    actual: { count: anchors.length, sources, roots: anchors.map((a) => a.cert.subject.text) },
    message: anchors.length
      ? `${anchors.length} trust anchor(s) from ${sources.join('; ')}${problems.length ? `; ignored: ${problems.join('; ')}` : ''}`
      : `no trust anchor is known for fmt "${fmt}"${ctx.useBundledRoots === false ? ' (bundled roots turned off)' : ''}: add the vendor's root certificate or load the FIDO Metadata Service BLOB${problems.length ? `; ignored: ${problems.join('; ')}` : ''}`,
  }];
  const r = await validateChain(certs, anchors, time);
  let result: TrustResult;
  let status: Check['status'];
  if (r.trusted) {
    result = { type, root: r.root };
    status = 'pass';
  } else {
    result = { type: 'uncertain', reason: r.reason, ...(r.root ? { root: r.root } : {}) };
    status = r.failure === 'no-anchors' ? 'warn' : 'fail';
  }
  checks.push({
    id: TRUST_ID, spec, title: '§7.1 step 24: assess attestation trustworthiness',
    status,
    expected: anchors.length ? `a valid chain at ${time.toISOString()} to one of: ${anchors.map((a) => a.cert.subject.text || '(empty)').join(' | ')}` : 'a chain to a known trust anchor',
    actual: result,
    message: r.trusted
      ? `${type} attestation, ${r.reason}`
      : r.failure === 'no-anchors'
        ? `trustworthiness cannot be assessed: ${r.reason.replace(/\.$/, '')}. The attestation signature verified; treat the credential as if it had no attestation unless you add a root.`
        : `chain not trusted: ${r.reason}`,
  });
  const entry = ctx.aaguid.length === 16 ? ctx.mds?.get(toUuid(ctx.aaguid)) : undefined;
  if (entry) {
    const st = latestStatus(entry);
    const bad = st && MDS_UNTRUSTED_STATUSES.has(st.status);
    checks.push({
      id: 'attestation.mds', spec: MDS_SPEC, title: 'FIDO Metadata Service status of the authenticator',
      status: bad ? 'fail' : 'pass', expected: `no status in ${[...MDS_UNTRUSTED_STATUSES].join(', ')}`,
      actual: { name: entry.name, status: st?.status ?? null, effectiveDate: st?.effectiveDate ?? null },
      message: bad ? `the FIDO MDS reports ${entry.name} as ${st!.status}${st!.effectiveDate ? ` since ${st!.effectiveDate}` : ''}` : `${entry.name}: latest status ${st?.status ?? '(none)'}`,
    });
  }
  return checks;
}

/** Steps 23–24 for attestations without a trust path (none, self). */
export function assessNoChain(type: 'none' | 'self', verified: boolean): Check[] {
  const spec = SPEC.registration;
  return [
    {
      id: TRUST_ANCHORS_ID, spec, title: '§7.1 step 23: obtain trust anchors', status: 'skip',
      message: type === 'none' ? 'no attestation: there is nothing to anchor' : 'self attestation: the credential key signed its own attestation, there is no certificate to anchor',
    },
    {
      id: TRUST_ID, spec, title: '§7.1 step 24: assess attestation trustworthiness',
      status: verified ? 'pass' : 'skip',
      expected: type === 'none' ? 'none attestation is acceptable to the RP' : 'self attestation is acceptable to the RP',
      actual: { type } satisfies TrustResult,
      message: !verified
        ? 'skipped because the attestation statement did not verify'
        : type === 'none' ? 'no attestation: nothing is known about the authenticator that made this credential' : 'self attestation: the key proves possession but says nothing about the authenticator\'s provenance',
    },
  ];
}
