/** Shared helpers for the attestation tests: vector loading, case context mapping, coverage. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CborNode, Field } from '@decode/types';
import { parseCbor } from '@decode/cbor/parse.ts';
import { cborGet } from '@decode/cbor/value.ts';
import { decodeBase64Any } from '@decode/bytes';
import { rootPem, trustFor, clockFor } from '../vectors.helpers';

export const VECTORS = join(__dirname, '../../../../shared/vectors');

export interface RegCase {
  id: string;
  file: string;
  response: { response: { attestationObject: string; clientDataJSON: string } };
  expected: { verified: boolean | null; error?: string; options?: Record<string, unknown> | null; challenge?: string };
  context: Record<string, unknown>;
  decoded: Record<string, any>;
}

export function loadRegistrationCases(): RegCase[] {
  const dir = join(VECTORS, 'registration');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ ...JSON.parse(readFileSync(join(dir, f), 'utf8')), file: f }));
}

function b64(s: string): Uint8Array {
  const r = decodeBase64Any(s);
  if (!r.ok) throw new Error(r.message);
  return r.bytes;
}

export { rootPem };

export interface Parsed {
  bytes: Uint8Array;
  root: CborNode;
  fmt: string;
  attStmt: CborNode;
  authData: Uint8Array;
}

export function parseAttObj(c: RegCase): Parsed | null {
  const bytes = b64(c.response.response.attestationObject);
  if (bytes.length === 0) return null;
  const r = parseCbor(bytes, { source: 'attestationObject', path: 'attestationObject' });
  const root = r.node!;
  const fmt = cborGet(root, 'fmt');
  const attStmt = cborGet(root, 'attStmt');
  const authData = cborGet(root, 'authData');
  if (!fmt || fmt.type !== 'text' || !attStmt || !authData || authData.type !== 'bytes')
    throw new Error(`bad attestationObject in ${c.id}`);
  return { bytes, root, fmt: fmt.value, attStmt, authData: authData.value };
}

function leaves(f: Field, source?: string, out: Field[] = []): Field[] {
  if (f.children && f.children.length) for (const c of f.children) leaves(c, source, out);
  else if (f.range && (!source || f.source === source)) out.push(f);
  return out;
}

/** Asserts [start,end) of `source` is covered exactly once by the leaves of `fields`; returns a message or null. */
export function coverageProblem(fields: Field[], source: string, start: number, end: number): string | null {
  const count = new Uint16Array(end - start);
  for (const f of fields)
    for (const l of leaves(f, source)) {
      const [a, b] = l.range!;
      if (a < start || b > end || a > b) return `leaf ${l.path} range [${a},${b}) outside [${start},${end})`;
      for (let i = a; i < b; i++) count[i - start]++;
    }
  for (let i = 0; i < count.length; i++) {
    if (count[i] !== 1) return `byte ${start + i} covered ${count[i]} times`;
  }
  return null;
}

import type { AttestationVerifyContext } from '@decode/attestation/index';

/** Minimal authenticatorData split for the attestation tests (independent of PART A's dissector). */
export function splitAuthData(a: Uint8Array): {
  rpIdHash: Uint8Array;
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  credentialPublicKey: Uint8Array;
} {
  const rpIdHash = a.subarray(0, 32);
  const aaguid = a.subarray(37, 53);
  const len = (a[53] << 8) | a[54];
  const credentialId = a.subarray(55, 55 + len);
  const r = parseCbor(a, { offset: 55 + len, source: 'authData', path: 'authData' });
  const credentialPublicKey = a.subarray(55 + len, r.node!.end);
  return { rpIdHash, aaguid, credentialId, credentialPublicKey };
}

async function sha256(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', b));
}

/** Cases whose expected failure comes from non-attestation steps (PART A's checks). */
export const NON_ATTESTATION_FAILURES: Record<string, string> = {
  'swa-reg-fail-challenge-mismatch': 'clientData.challenge mismatch',
  'swa-reg-fail-origin-mismatch': 'clientData.origin mismatch',
  'swa-reg-fail-type-mismatch': 'clientData.type mismatch',
  'swa-reg-fail-rpid-mismatch': 'authData.rpIdHash mismatch',
  'pyw-reg-fail-fido-u2f-token-binding-status': 'clientData.tokenBinding.status invalid (a warning by the verification policy)',
};

/** Deliberate deviations from `expected.verified` for the attestation outcome (see docs/vector-deviations.md). */
export const DEVIATIONS: Record<string, { attestationVerified: boolean; reason: string }> = {
  'swa-reg-fail-safetynet-revoked-cert': {
    attestationVerified: true,
    reason: 'needs CRL revocation checking over the network; src/decode does no I/O, so the revoked leaf is not detected',
  },
};

/** The verification context a case asks for: clock, trust anchors (../vectors.helpers#trustFor), format options. */
export async function contextFor(c: RegCase, p: Parsed): Promise<AttestationVerifyContext> {
  const opts = (c.expected.options ?? {}) as Record<string, unknown>;
  const time = clockFor(c) ?? new Date();
  const { trustAnchors, useBundledRoots } = trustFor(c, p.fmt);
  const clientDataHash = await sha256(b64(c.response.response.clientDataJSON));
  const ad = splitAuthData(p.authData);
  return {
    authData: p.authData,
    clientDataHash,
    ...ad,
    currentTime: time,
    trustAnchors,
    useBundledRoots,
    ...(opts.verifyTimestampMS === false || opts.verify_timestamp_ms === false ? { safetyNetVerifyTimestamp: false } : {}),
    ...(opts.attestationSafetyNetEnforceCTSCheck === false ? { safetyNetEnforceCtsProfileMatch: false } : {}),
  };
}
