/**
 * FIDO Metadata Service (MDS3) BLOB: verification and lookup, pure (no download, no cache — the RP
 * fetches https://mds3.fidoalliance.org/ and stores it; this module only reads what it is given).
 *
 * The BLOB is a JWS (RFC 7515, compact serialization) whose header carries x5c; the chain must lead to
 * the MDS root (GlobalSign Root CA - R3, {@link MDS_ROOT}) and the signature must verify with x5c[0].
 *
 * Spec: https://fidoalliance.org/specs/mds/fido-metadata-service-v3.0-ps-20210518.html#metadata-blob
 */
import { decodeBase64Any, toUtf8Strict, fromUtf8 } from '../bytes.js';
import { parseCertificate } from '../x509/certificate.ts';
import { type Certificate } from '../x509/model.ts';
import { parseAnchors, validateChain, type ChainResult } from './chain.js';
import { schemeFromJws, verifyWithSpki } from './verify.js';
import { FIDO_MDS } from '../spec.ts';

export const MDS_SPEC = `${FIDO_MDS}#metadata-blob-format`;

export interface MdsStatusReport {
  status: string;
  effectiveDate?: string;
  certificationDescriptor?: string;
  url?: string;
}

/** What we keep of one MetadataBLOBPayloadEntry. */
export interface MdsEntry {
  /** Lower-case, dashed. */
  aaguid: string;
  name: string;
  /** data: URL of the authenticator icon, when the statement has one. */
  icon?: string;
  /** PEM of the attestation root certificates of the statement. */
  attestationRootCertificates: string[];
  attestationTypes: string[];
  statusReports: MdsStatusReport[];
  timeOfLastStatusChange?: string;
}

/** Lookup by AAGUID (a Map<string, MdsEntry> fits). */
export interface MetadataLookup {
  get(aaguid: string): MdsEntry | undefined;
}

export type MdsParseResult =
  | {
      ok: true;
      /** BLOB serial number. */
      no: number;
      nextUpdate: string;
      /** True when `now` is after nextUpdate: the BLOB should be refreshed. */
      stale: boolean;
      legalHeader?: string;
      entries: Map<string, MdsEntry>;
      /** Entries without an AAGUID (U2F by attestationCertificateKeyIdentifiers, UAF by aaid) are counted, not kept. */
      skipped: number;
      chain: ChainResult;
    }
  | { ok: false; reason: string; chain?: ChainResult };

/** Statuses that mean an authenticator's attestation must not be trusted. */
export const MDS_UNTRUSTED_STATUSES = new Set([
  'REVOKED',
  'USER_VERIFICATION_BYPASS',
  'ATTESTATION_KEY_COMPROMISE',
  'USER_KEY_REMOTE_COMPROMISE',
  'USER_KEY_PHYSICAL_COMPROMISE',
]);

function b64urlJson(part: string, what: string): { ok: true; value: any; bytes: Uint8Array } | { ok: false; reason: string } {
  const d = decodeBase64Any(part);
  if (!d.ok) return { ok: false, reason: `the JWS ${what} is not base64url: ${d.message}` };
  const text = toUtf8Strict(d.bytes);
  if (text === null) return { ok: false, reason: `the JWS ${what} is not UTF-8` };
  try {
    return { ok: true, value: JSON.parse(text), bytes: d.bytes };
  } catch (e) {
    return { ok: false, reason: `the JWS ${what} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const derToPem = (b64: string) => `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;

/**
 * Verifies the BLOB (x5c chain to one of `roots` at `now`, JWS signature with x5c[0]) and returns its
 * entries by AAGUID. Never throws.
 */
export async function parseMdsBlob(jwt: string, roots: readonly string[], now: Date): Promise<MdsParseResult> {
  try {
    const parts = jwt.trim().split('.');
    if (parts.length !== 3) return { ok: false, reason: `expected a JWS compact serialization with 3 parts, got ${parts.length}` };
    const header = b64urlJson(parts[0], 'header');
    if (!header.ok) return header;
    const payload = b64urlJson(parts[1], 'payload');
    if (!payload.ok) return payload;
    const sig = decodeBase64Any(parts[2]);
    if (!sig.ok) return { ok: false, reason: `the JWS signature is not base64url: ${sig.message}` };
    const h = header.value;
    if (!h || typeof h !== 'object' || typeof h.alg !== 'string') return { ok: false, reason: 'the JWS header has no "alg"' };
    if (!Array.isArray(h.x5c) || h.x5c.length === 0 || !h.x5c.every((x: unknown) => typeof x === 'string')) {
      return { ok: false, reason: 'the JWS header must carry x5c (an array of base64 DER certificates); "x5u" is not supported' };
    }
    const certs: Certificate[] = [];
    for (let i = 0; i < h.x5c.length; i++) {
      const d = decodeBase64Any(h.x5c[i]);
      const c = d.ok ? parseCertificate(d.bytes) : null;
      if (!c) return { ok: false, reason: `x5c[${i}] in the JWS header is not a base64 DER certificate` };
      certs.push(c);
    }
    const { anchors, problems } = parseAnchors(roots, 'MDS root');
    if (anchors.length === 0)
      return { ok: false, reason: `no usable MDS root certificate${problems.length ? `: ${problems.join('; ')}` : ''}` };
    const chain = await validateChain(certs, anchors, now);
    if (!chain.trusted) return { ok: false, reason: `the BLOB signing chain is not trusted: ${chain.reason}`, chain };
    const scheme = schemeFromJws(h.alg);
    if (typeof scheme === 'string') return { ok: false, reason: scheme, chain };
    const v = await verifyWithSpki(certs[0].spki, scheme, fromUtf8(`${parts[0]}.${parts[1]}`), sig.bytes);
    if (!v.valid)
      return { ok: false, reason: `the BLOB signature does not verify with x5c[0] "${certs[0].subject.text}": ${v.reason}`, chain };

    const p = payload.value;
    if (!p || typeof p !== 'object' || !Array.isArray(p.entries))
      return { ok: false, reason: 'the BLOB payload has no "entries" array', chain };
    if (typeof p.no !== 'number') return { ok: false, reason: 'the BLOB payload has no serial number "no"', chain };
    if (typeof p.nextUpdate !== 'string') return { ok: false, reason: 'the BLOB payload has no "nextUpdate"', chain };
    const entries = new Map<string, MdsEntry>();
    let skipped = 0;
    for (const e of p.entries) {
      if (!e || typeof e !== 'object' || typeof e.aaguid !== 'string') {
        skipped++;
        continue;
      }
      const ms = e.metadataStatement && typeof e.metadataStatement === 'object' ? e.metadataStatement : {};
      const aaguid = e.aaguid.toLowerCase();
      entries.set(aaguid, {
        aaguid,
        name: typeof ms.description === 'string' ? ms.description : aaguid,
        ...(typeof ms.icon === 'string' ? { icon: ms.icon } : {}),
        attestationRootCertificates: Array.isArray(ms.attestationRootCertificates)
          ? ms.attestationRootCertificates.filter((x: unknown) => typeof x === 'string').map(derToPem)
          : [],
        attestationTypes: Array.isArray(ms.attestationTypes) ? ms.attestationTypes.filter((x: unknown) => typeof x === 'string') : [],
        statusReports: Array.isArray(e.statusReports)
          ? e.statusReports
              .filter((r: any) => r && typeof r.status === 'string')
              .map((r: any) => ({
                status: r.status,
                ...(typeof r.effectiveDate === 'string' ? { effectiveDate: r.effectiveDate } : {}),
                ...(typeof r.certificationDescriptor === 'string' ? { certificationDescriptor: r.certificationDescriptor } : {}),
                ...(typeof r.url === 'string' ? { url: r.url } : {}),
              }))
          : [],
        ...(typeof e.timeOfLastStatusChange === 'string' ? { timeOfLastStatusChange: e.timeOfLastStatusChange } : {}),
      });
    }
    const next = Date.parse(p.nextUpdate);
    return {
      ok: true,
      no: p.no,
      nextUpdate: p.nextUpdate,
      stale: Number.isFinite(next) ? now.getTime() > next : true,
      ...(typeof p.legalHeader === 'string' ? { legalHeader: p.legalHeader } : {}),
      entries,
      skipped,
      chain,
    };
  } catch (e) {
    return { ok: false, reason: `the BLOB could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The latest status report by effectiveDate (or list order), if any. */
export function latestStatus(entry: MdsEntry): MdsStatusReport | undefined {
  let best: MdsStatusReport | undefined;
  for (const r of entry.statusReports) {
    if (!best || (r.effectiveDate ?? '') >= (best.effectiveDate ?? '')) best = r;
  }
  return best;
}
