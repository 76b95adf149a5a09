/** Loads the shared third-party vectors (../shared/vectors, see its README). Test-only (Node). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/vectors next to the repository (PASSKEY_VECTORS_DIR overrides it, e.g. for a bundled bench). */
export const VECTORS_DIR = process.env.PASSKEY_VECTORS_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'vectors');

export interface VectorCase {
  id: string;
  ceremony: 'registration' | 'authentication';
  file: string;
  response: Record<string, any>;
  expected: {
    challenge: string;
    origin: string | string[];
    rpID: string | string[];
    options?: Record<string, any>;
    verified: boolean | null;
    error?: string;
    results?: Record<string, any>;
  };
  credential?: { id: string; publicKey: string; counter: number };
  decoded: Record<string, any>;
  context?: Record<string, any>;
}

let cache: VectorCase[] | undefined;

export function loadVectors(): VectorCase[] {
  if (cache) return cache;
  const out: VectorCase[] = [];
  for (const dir of ['registration', 'authentication']) {
    for (const f of readdirSync(join(VECTORS_DIR, dir)).sort()) {
      if (!f.endsWith('.json')) continue;
      const file = `${dir}/${f}`;
      const c = JSON.parse(readFileSync(join(VECTORS_DIR, file), 'utf8'));
      out.push({ ...c, file });
    }
  }
  cache = out;
  return out;
}

/** A PEM file from ../shared/vectors/roots. */
export function rootPem(name: string): string {
  return readFileSync(join(VECTORS_DIR, 'roots', name), 'utf8');
}

/** The parts of a case that decide its clock and trust anchors. */
export interface CaseTrustInput {
  context?: Record<string, unknown> | null;
  expected: { options?: Record<string, unknown> | null };
}

/**
 * The trust anchors a case asks for (see "Clock and trust anchors" in the vectors README), for the
 * attestation format `fmt`:
 * - `trustAnchors`: PEMs the source configures beyond the bundled defaults: the spec's synthetic CA for
 *   the w3c-* cases; py_webauthn's `pem_root_certs_bytes_by_fmt` (GlobalSign R2 in
 *   pyw-reg-fail-packed-wrong-trust-anchor).
 * - `useBundledRoots: false` where the source turns the format's roots off
 *   (`rootCertificateSettingsInSource` with no certificates) or verifies through the live FIDO MDS with no
 *   local roots and the chain's root is not included here (f2-reg-android-key ends at a FAKE root).
 * Every other case uses the bundled roots (Apple, Google hardware attestation 1–4, GlobalSign Root CA + R2).
 */
export function trustFor(c: CaseTrustInput, fmt: string | null | undefined): { trustAnchors: string[]; useBundledRoots: boolean } {
  const ctx = c.context ?? {};
  const ctxText = JSON.stringify(ctx);
  const opts = (c.expected.options ?? {}) as Record<string, unknown>;
  const trustAnchors: string[] = [];
  if (ctxText.includes('w3c-test-vectors-attestation-ca.pem')) trustAnchors.push(rootPem('w3c-test-vectors-attestation-ca.pem'));
  const byFmt = opts.pem_root_certs_bytes_by_fmt as Record<string, string[]> | undefined;
  if (byFmt)
    for (const list of Object.values(byFmt))
      for (const s of list) if (s.includes('globalsign-r2')) trustAnchors.push(rootPem('globalsign-r2.pem'));
  const settings = (ctx.rootCertificateSettingsInSource ?? []) as { identifier: string; certificates: string[] }[];
  const noLocalRoots =
    settings.some((s) => s.identifier === fmt && s.certificates.length === 0) ||
    (/no local roots/.test(String(ctx.trustAnchorsInSource ?? '')) && /NOT included/.test(String(ctx.trustAnchors ?? '')));
  return { trustAnchors, useBundledRoots: !noLocalRoots };
}

/** The case's clock: context.currentTime when it is a date, else suggestedVerificationTime, else undefined (real clock). */
export function clockFor(c: { context?: Record<string, unknown> | null }): Date | undefined {
  for (const t of [c.context?.currentTime, c.context?.suggestedVerificationTime]) {
    const d = typeof t === 'string' ? new Date(t) : undefined;
    if (d && !Number.isNaN(d.getTime())) return d;
  }
  return undefined;
}
