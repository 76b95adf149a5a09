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
import type { Certificate } from '../x509/model.ts';
import { toUuid } from '../bytes.js';
import { bundledRootsFor } from '../trust/roots.js';
import { parseAnchors, validateChain, type TrustAnchor } from '../trust/chain.js';
import { MDS_UNTRUSTED_STATUSES, latestStatus, MDS_SPEC } from '../trust/mds.js';
import { SPEC, type AttestationVerifyContext, type TrustResult } from './common.js';
import { T } from '../messages/checkText.js';
import { Checks } from '../checks.ts';

function anchorsFor(fmt: string, ctx: AttestationVerifyContext): { anchors: TrustAnchor[]; problems: string[]; sources: string[] } {
  const anchors: TrustAnchor[] = [];
  const problems: string[] = [];
  const sources: string[] = [];
  if (ctx.useBundledRoots !== false) {
    for (const r of bundledRootsFor(fmt)) {
      const p = parseAnchors([r.pem], `bundled: ${r.name}`);
      anchors.push(...p.anchors);
      problems.push(...p.problems);
    }
    if (bundledRootsFor(fmt).length)
      sources.push(
        `bundled roots for ${fmt} (${bundledRootsFor(fmt)
          .map((r) => r.name)
          .join(', ')})`,
      );
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

const ANCHORS_TITLE = T('check.attestation.trustAnchors.title');
const TRUST_TITLE = T('check.attestation.trust.title');

/** The builder of steps 23–24: they read the certificate chain when there is one, else the statement. */
function trustChecks(): Checks {
  return new Checks('attestation', SPEC.registration, {
    explain: {
      trustAnchors: 'check.attestation.trustAnchors.explain',
      trust: 'check.attestation.trust.explain',
      mds: 'check.attestation.mds.explain',
    },
    fields: ['attestationObject.attStmt.x5c', 'attestationObject.attStmt'],
  });
}

/**
 * Steps 23–24 for an attestation with a trust path (x5c). `type` is what the format's procedure
 * returned (basic, attca, anonca). `verified` says whether the statement itself verified (step 22).
 */
export async function assessChain(
  fmt: string,
  certs: readonly Certificate[],
  type: 'basic' | 'attca' | 'anonca',
  ctx: AttestationVerifyContext,
  verified: boolean,
): Promise<Check[]> {
  const time = ctx.currentTime ?? new Date();
  const ck = trustChecks();
  if (!verified) {
    ck.skip('trustAnchors', ANCHORS_TITLE, { message: T('check.attestation.trustAnchors.notVerified') });
    ck.skip('trust', TRUST_TITLE, {
      actual: { type: 'uncertain', reason: 'attestation statement did not verify' } satisfies TrustResult,
      message: T('check.attestation.trust.skipped'),
    });
    return ck.list;
  }
  const { anchors, problems, sources } = anchorsFor(fmt, ctx);
  const ignored = problems.join('; ');
  const off = ctx.useBundledRoots === false;
  ck.add('trustAnchors', anchors.length ? (problems.length ? 'warn' : 'pass') : 'warn', ANCHORS_TITLE, {
    expected: 'trust anchors for this attestation type and format',
    actual: { count: anchors.length, sources, roots: anchors.map((a) => a.cert.subject.text) },
    message: anchors.length
      ? problems.length
        ? T('check.attestation.trustAnchors.found.ignored', { count: anchors.length, sources: sources.join('; '), ignored })
        : T('check.attestation.trustAnchors.found', { count: anchors.length, sources: sources.join('; ') })
      : off
        ? problems.length
          ? T('check.attestation.trustAnchors.missing.off.ignored', { fmt, ignored })
          : T('check.attestation.trustAnchors.missing.off', { fmt })
        : problems.length
          ? T('check.attestation.trustAnchors.missing.ignored', { fmt, ignored })
          : T('check.attestation.trustAnchors.missing', { fmt }),
  });
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
  ck.add('trust', status, TRUST_TITLE, {
    expected: anchors.length
      ? `a valid chain at ${time.toISOString()} to one of: ${anchors.map((a) => a.cert.subject.text || '(empty)').join(' | ')}`
      : 'a chain to a known trust anchor',
    actual: result,
    message: r.trusted
      ? T('check.attestation.trust.valid', { type, root: String(r.root), anchorOrigin: String(r.anchorOrigin), time: time.toISOString() })
      : r.failure === 'no-anchors'
        ? T('check.attestation.trust.noAnchors', { reason: r.reason.replace(/\.$/, '') })
        : T('check.attestation.trust.untrusted', { reason: r.reason }),
  });
  const entry = ctx.aaguid.length === 16 ? ctx.mds?.get(toUuid(ctx.aaguid)) : undefined;
  if (entry) {
    const st = latestStatus(entry);
    const bad = st && MDS_UNTRUSTED_STATUSES.has(st.status);
    ck.add('mds', bad ? 'fail' : 'pass', T('check.attestation.mds.title'), {
      spec: MDS_SPEC,
      expected: `no status in ${[...MDS_UNTRUSTED_STATUSES].join(', ')}`,
      actual: { name: entry.name, status: st?.status ?? null, effectiveDate: st?.effectiveDate ?? null },
      fields: ['attestationObject.authData.attestedCredentialData.aaguid'],
      message: bad
        ? st!.effectiveDate
          ? T('check.attestation.mds.untrusted.since', { name: entry.name, status: st!.status, date: st!.effectiveDate })
          : T('check.attestation.mds.untrusted', { name: entry.name, status: st!.status })
        : st
          ? T('check.attestation.mds.status', { name: entry.name, status: st.status })
          : T('check.attestation.mds.noStatus', { name: entry.name }),
    });
  }
  return ck.list;
}

/** Steps 23–24 for attestations without a trust path (none, self). */
export function assessNoChain(type: 'none' | 'self', verified: boolean): Check[] {
  const ck = trustChecks();
  ck.skip('trustAnchors', ANCHORS_TITLE, {
    message: type === 'none' ? T('check.attestation.trustAnchors.noAttestation') : T('check.attestation.trustAnchors.self'),
  });
  ck.add('trust', verified ? 'pass' : 'skip', TRUST_TITLE, {
    expected: type === 'none' ? 'none attestation is acceptable to the RP' : 'self attestation is acceptable to the RP',
    actual: { type } satisfies TrustResult,
    message: !verified
      ? T('check.attestation.trust.skipped')
      : type === 'none'
        ? T('check.attestation.trust.none')
        : T('check.attestation.trust.self'),
  });
  return ck.list;
}
