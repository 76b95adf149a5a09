/**
 * Certificate path building and validation for attestation trust paths (WebAuthn L3 §7.1 step 21,
 * RFC 5280 §6 in the parts that matter here): issuer/subject chaining, signatures (WebCrypto / @noble),
 * validity at the verification time, basicConstraints cA and pathLenConstraint, keyUsage keyCertSign.
 *
 * Pure: roots come in as arguments (bundled, user-added, or from the FIDO Metadata Service);
 * no revocation checking (that needs the network, which src/decode never uses).
 */
import { type Certificate } from '../x509/model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { pemToDer } from '../pem.ts';
import { equalBytes } from '../bytes.js';
import { schemeFromX509, verifyWithSpki } from './verify.js';

/** A trust anchor: a parsed root certificate plus where it came from. */
export interface TrustAnchor {
  cert: Certificate;
  /** 'bundled: Apple WebAuthn Root CA', 'user', 'mds: <authenticator>'... */
  origin: string;
}

type ChainFailure =
  | 'no-anchors'
  | 'unknown-root'
  | 'incomplete'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'basic-constraints'
  | 'path-length'
  | 'key-usage'
  | 'unsupported-algorithm'
  | 'loop';

interface ChainLink {
  subject: string;
  issuer: string;
  notBefore: string | null;
  notAfter: string | null;
  /** Whether this certificate's signature verified with the next one's key (undefined for the last). */
  signatureValid?: boolean;
  isAnchor: boolean;
}

export interface ChainResult {
  trusted: boolean;
  /** Subject of the trust anchor reached. */
  root?: string;
  anchorOrigin?: string;
  failure?: ChainFailure;
  /** In words: what was expected and what came. */
  reason: string;
  /** The path that was built, leaf first (anchor last when reached). */
  path: ChainLink[];
}

/** Parses PEM roots, skipping (and reporting) the ones that do not parse. */
export function parseAnchors(pems: readonly string[], origin: string): { anchors: TrustAnchor[]; problems: string[] } {
  const anchors: TrustAnchor[] = [];
  const problems: string[] = [];
  pems.forEach((pem, i) => {
    const der = pemToDer(pem);
    const cert = der ? parseCertificate(der) : null;
    if (cert) anchors.push({ cert, origin });
    else problems.push(`${origin} root #${i + 1} is not a parseable PEM certificate`);
  });
  return { anchors, problems };
}

const sameName = (a: Certificate['subject'], b: Certificate['subject']) => equalBytes(a.der, b.der) || (a.text !== '' && a.text === b.text);
const label = (c: Certificate) => c.subject.text || `(empty subject, serial 0x${c.serialNumber})`;

async function signedBy(child: Certificate, issuer: Certificate): Promise<{ ok: boolean; reason?: string; unsupported?: boolean }> {
  const scheme = schemeFromX509(child.signatureAlgorithm);
  if (typeof scheme === 'string') return { ok: false, reason: scheme, unsupported: true };
  const r = await verifyWithSpki(issuer.spki, scheme, child.tbs, child.signature);
  return { ok: r.valid, reason: r.reason };
}

function link(c: Certificate, isAnchor: boolean, signatureValid?: boolean): ChainLink {
  return {
    subject: label(c),
    issuer: c.issuer.text,
    notBefore: c.notBefore?.toISOString() ?? null,
    notAfter: c.notAfter?.toISOString() ?? null,
    signatureValid,
    isAnchor,
  };
}

function timeProblem(c: Certificate, time: Date, role: string): { failure: ChainFailure; reason: string } | null {
  if (!c.notBefore || !c.notAfter) return { failure: 'expired', reason: `${role} "${label(c)}" has no readable validity period` };
  if (time < c.notBefore)
    return {
      failure: 'not-yet-valid',
      reason: `${role} "${label(c)}" is not valid before ${c.notBefore.toISOString()}; verification time is ${time.toISOString()}`,
    };
  if (time > c.notAfter)
    return {
      failure: 'expired',
      reason: `${role} "${label(c)}" expired at ${c.notAfter.toISOString()}; verification time is ${time.toISOString()}`,
    };
  return null;
}

/**
 * Builds a path from `certs[0]` (the attestation certificate) through the other x5c certificates to one
 * of `anchors`, then validates it at `time`. With no anchors the x5c links are still checked (signatures,
 * validity) and the result is `trusted: false, failure: 'no-anchors'`.
 */
export async function validateChain(certs: readonly Certificate[], anchors: readonly TrustAnchor[], time: Date): Promise<ChainResult> {
  const path: Certificate[] = [];
  const links: ChainLink[] = [];
  if (certs.length === 0) return { trusted: false, failure: 'incomplete', reason: 'no certificate to validate', path: [] };
  let cur = certs[0];
  path.push(cur);
  const used = new Set<Certificate>([cur]);
  let anchor: TrustAnchor | undefined;
  let stop: { failure: ChainFailure; reason: string } | undefined;
  const curIsAnchor = (c: Certificate) => anchors.find((a) => equalBytes(a.cert.der, c.der));

  for (let step = 0; step < 16 && !anchor && !stop; step++) {
    // (a) the current certificate is itself a trust anchor
    const self = curIsAnchor(cur);
    if (self) {
      anchor = self;
      break;
    }
    // (b) an anchor issued the current certificate
    let anchorSigFail: string | undefined;
    for (const a of anchors) {
      if (!sameName(a.cert.subject, cur.issuer)) continue;
      const s = await signedBy(cur, a.cert);
      if (s.ok) {
        anchor = a;
        links.push(link(cur, false, true));
        path.push(a.cert);
        break;
      }
      anchorSigFail = `the signature of "${label(cur)}" does not verify with the key of trust anchor "${label(a.cert)}": ${s.reason}`;
    }
    if (anchor) break;
    // (c) another x5c certificate issued it
    let next: Certificate | undefined;
    let sigFail: string | undefined;
    for (const c of certs) {
      if (used.has(c) || !sameName(c.subject, cur.issuer)) continue;
      const s = await signedBy(cur, c);
      if (s.ok) {
        next = c;
        break;
      }
      sigFail = s.unsupported
        ? s.reason
        : `the signature of "${label(cur)}" does not verify with the key of its issuer "${label(c)}" from x5c: ${s.reason}`;
      if (s.unsupported) stop = { failure: 'unsupported-algorithm', reason: s.reason! };
    }
    if (stop) break;
    if (next) {
      links.push(link(cur, false, true));
      used.add(next);
      path.push(next);
      cur = next;
      continue;
    }
    if (sigFail) {
      links.push(link(cur, false, false));
      stop = { failure: 'bad-signature', reason: sigFail };
      break;
    }
    if (anchorSigFail) {
      // A trust anchor carries the issuer's name but not its key (e.g. another generation of a root
      // with the same subject): the real issuer is unknown.
      links.push(link(cur, false, false));
      stop = { failure: 'incomplete', reason: `${anchorSigFail}; the issuer is another CA with that name, which is not a trust anchor` };
      break;
    }
    // (d) dead end
    const selfSig = sameName(cur.subject, cur.issuer) ? await signedBy(cur, cur) : undefined;
    if (selfSig?.ok) {
      links.push(link(cur, false, true));
      stop = anchors.length
        ? {
            failure: 'unknown-root',
            reason: `the chain ends at self-signed root "${label(cur)}", which is not among the ${anchors.length} trust anchor(s) for this attestation`,
          }
        : {
            failure: 'no-anchors',
            reason: `the chain ends at self-signed root "${label(cur)}", and no trust anchor is configured for this attestation`,
          };
    } else {
      // Not self-signed (a self-issued certificate whose own key does not verify it was issued by
      // another CA of the same name): its issuer is simply not included.
      links.push(link(cur, false));
      const same = selfSig ? ' (a different CA with the same name as the certificate; its own key does not verify the signature)' : '';
      stop = anchors.length
        ? {
            failure: 'incomplete',
            reason: `issuer "${cur.issuer.text}"${same} of "${label(cur)}" is neither in x5c nor among the ${anchors.length} trust anchor(s)`,
          }
        : {
            failure: 'no-anchors',
            reason: `the chain ends at "${label(cur)}" issued by "${cur.issuer.text}"${same}, which is not included, and no trust anchor is configured for this attestation`,
          };
    }
  }
  if (!anchor && !stop) stop = { failure: 'loop', reason: 'the certificate chain is longer than 16 links or loops' };
  if (anchor) links.push(link(anchor.cert, true));

  // Validity, basicConstraints, pathLen and keyUsage along the built path.
  const problems: { failure: ChainFailure; reason: string }[] = [];
  const last = path.length - 1;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    const isAnchor = !!anchor && i === last;
    const role = i === 0 ? 'attestation certificate' : isAnchor ? 'trust anchor' : 'intermediate certificate';
    const t = timeProblem(c, time, role);
    if (t) problems.push(t);
    if (i === 0) continue;
    // c issued path[i-1]: it must be a CA
    const bc = c.basicConstraints;
    const legacyAnchor = isAnchor && c.version < 3;
    if (!legacyAnchor) {
      if (!bc || !bc.ca) {
        problems.push({
          failure: 'basic-constraints',
          reason: `${role} "${label(c)}" issues certificates but its basicConstraints ${bc ? 'has cA=false' : 'extension is missing'} (RFC 5280 §4.2.1.9 requires cA=true)`,
        });
      } else if (bc.pathLen !== undefined) {
        // intermediates between c and the leaf that are not self-issued
        let below = 0;
        for (let j = 1; j < i; j++) if (!sameName(path[j].subject, path[j].issuer)) below++;
        if (below > bc.pathLen)
          problems.push({
            failure: 'path-length',
            reason: `${role} "${label(c)}" allows ${bc.pathLen} intermediate CA certificate(s) below it (pathLenConstraint), the path has ${below}`,
          });
      }
      if (c.keyUsage && !c.keyUsage.includes('keyCertSign')) {
        problems.push({
          failure: 'key-usage',
          reason: `${role} "${label(c)}" has keyUsage ${c.keyUsage.join(', ')} without keyCertSign (RFC 5280 §4.2.1.3)`,
        });
      }
    }
  }

  if (stop) {
    const extra = problems.length ? ` Also: ${problems.map((p) => p.reason).join('; ')}.` : '';
    // A broken link or an invalid certificate inside x5c is worse than a missing anchor: report it first.
    if (stop.failure === 'no-anchors' && problems.length) {
      return {
        trusted: false,
        failure: problems[0].failure,
        reason: `${problems.map((p) => p.reason).join('; ')} (and ${stop.reason})`,
        path: links,
      };
    }
    return { trusted: false, failure: stop.failure, reason: `${stop.reason}.${extra}`, path: links };
  }
  const root = label(anchor!.cert);
  if (problems.length) {
    return {
      trusted: false,
      failure: problems[0].failure,
      root,
      anchorOrigin: anchor!.origin,
      reason: `the chain reaches trust anchor "${root}", but ${problems.map((p) => p.reason).join('; ')}`,
      path: links,
    };
  }
  return {
    trusted: true,
    root,
    anchorOrigin: anchor!.origin,
    reason: `chain valid to "${root}" (${anchor!.origin}) at ${time.toISOString()}`,
    path: links,
  };
}
