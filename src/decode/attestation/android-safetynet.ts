/**
 * Android SafetyNet attestation statement format ("android-safetynet").
 *
 * attStmt = { ver: text, response: bytes } where response is the UTF-8 JWS (RFC 7515 compact
 * serialization) returned by the SafetyNet Attestation API: header { alg, x5c }, payload { nonce,
 * timestampMs, ctsProfileMatch, basicIntegrity, apkPackageName, ... }, signature.
 *
 * The JWS bytes are covered in the attestationObject as base64url segments; their decoded JSON and the
 * certificates inside the header are shown in derived sources (returned in `sources`).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-android-safetynet-attestation (§8.5) and
 * https://developer.android.com/privacy-and-security/safetynet/attestation#verify-attestation-response
 */
import type { CborNode, Check, DecodeError, Field } from '../types.js';
import { concat, decodeBase64Any, toBase64, toHex, toUtf8Strict, fromUtf8, sha256 } from '../bytes.js';
import { parseJson, jsonField, jsonGet, fillGaps, type JsonNode } from '../json.js';
import { dissectCertificate } from '../x509/certificate.ts';
import { type Certificate } from '../x509/model.ts';
import { schemeFromJws, verifyWithSpki } from '../trust/verify.js';
import {
  SPEC,
  T,
  Checks,
  statementFields,
  dissectMap,
  get,
  leafField,
  bytesValue,
  type AttStmtDissectContext,
  type AttStmtDissection,
  type AttestationVerifyContext,
  type MemberDissector,
} from './common.js';
import { assessChain } from './trust.js';
import { rfc } from '../spec.ts';

const GOOGLE_DOC = 'https://developer.android.com/privacy-and-security/safetynet/attestation#verify-attestation-response';
const JWS_SPEC = rfc(7515, '7.1');

const verMember: MemberDissector = (value, path, ctx) =>
  value.type === 'text' && !value.indefinite
    ? [
        leafField(
          'ver',
          `${path}#value`,
          ctx.source,
          [value.start, value.end],
          value.value,
          `Google Play Services version ${JSON.stringify(value.value)}`,
          SPEC.safetynet,
          value.value ? undefined : 'error',
        ),
      ]
    : null;

/** Decodes one JWS segment to JSON bytes in a derived source and gives its Field subtree. */
function jsonSegment(
  text: string,
  sourceName: string,
  key: string,
  errors: DecodeError[],
  at: number,
  atSource: string,
  path: string,
): { bytes?: Uint8Array; node?: JsonNode; field?: Field } {
  const d = decodeBase64Any(text);
  if (!d.ok) {
    errors.push({
      code: 'safetynet.base64',
      message: `JWS ${key} is not base64url: ${d.message}`,
      path,
      source: atSource,
      offset: at + d.index,
    });
    return {};
  }
  const r = parseJson(d.bytes, { source: sourceName, path: `${path}.decoded` });
  errors.push(...r.errors);
  if (!r.node) {
    const leaf = leafField(
      key,
      `${path}.decoded`,
      sourceName,
      [0, d.bytes.length],
      toHex(d.bytes),
      `${d.bytes.length} bytes, not JSON: ${r.errors[0]?.message ?? 'unreadable'}`,
      JWS_SPEC,
      'error',
    );
    return {
      bytes: d.bytes,
      field: {
        key: `${key} (decoded)`,
        path: `${path}.decoded#root`,
        source: sourceName,
        value: null,
        display: leaf.display,
        severity: 'error',
        children: d.bytes.length ? [leaf] : [],
      },
    };
  }
  const f = jsonField(d.bytes, r.node, { key, path: `${path}.decoded`, source: sourceName });
  const kids = fillGaps(d.bytes, [f], 0, d.bytes.length, `${path}.decoded`, sourceName);
  return {
    bytes: d.bytes,
    node: r.node,
    field: {
      key: `${key} (decoded)`,
      path: `${path}.decoded#root`,
      source: sourceName,
      value: f.value,
      display: f.display,
      spec: JWS_SPEC,
      children: kids,
    },
  };
}

const responseMember: MemberDissector = (value, path, ctx, errors, sources) =>
  bytesValue(value, path, ctx, (start, end) => {
    const text = toUtf8Strict(ctx.bytes.subarray(start, end));
    const base = `${path}#value`;
    if (text === null || !/^[\x21-\x7e]*$/.test(text)) {
      errors.push({
        code: 'safetynet.jws',
        message: 'response is not an ASCII JWS compact serialization',
        path: base,
        source: ctx.source,
        offset: start,
      });
      return [
        leafField(
          'response',
          base,
          ctx.source,
          [start, end],
          toHex(ctx.bytes.subarray(start, end)),
          `${end - start} bytes (not a JWS)`,
          SPEC.safetynet,
          'error',
        ),
      ];
    }
    const parts = text.split('.');
    if (parts.length !== 3) {
      errors.push({
        code: 'safetynet.jws',
        message: `response must have 3 dot-separated JWS parts, has ${parts.length}`,
        path: base,
        source: ctx.source,
        offset: start,
      });
      return [leafField('response', base, ctx.source, [start, end], text, `not a JWS (${parts.length} parts)`, SPEC.safetynet, 'error')];
    }
    const hStart = start;
    const pStart = hStart + parts[0].length + 1;
    const sStart = pStart + parts[1].length + 1;
    const hSrc = `${base}.header`;
    const pSrc = `${base}.payload`;
    const h = jsonSegment(parts[0], hSrc, 'header', errors, hStart, ctx.source, `${base}.header`);
    const p = jsonSegment(parts[1], pSrc, 'payload', errors, pStart, ctx.source, `${base}.payload`);
    if (h.bytes) sources[hSrc] = h.bytes;
    if (p.bytes) sources[pSrc] = p.bytes;
    const sig = decodeBase64Any(parts[2]);
    const kids: Field[] = [
      leafField(
        'header',
        `${base}.header`,
        ctx.source,
        [hStart, pStart - 1],
        h.node ? (h.field?.value ?? null) : parts[0],
        h.node ? `JWS protected header (base64url, ${h.bytes?.length} bytes decoded)` : 'JWS header (undecodable)',
        JWS_SPEC,
        h.node ? undefined : 'error',
      ),
      leafField('dot', `${base}#dot1`, ctx.source, [pStart - 1, pStart], '.', '"."', JWS_SPEC),
      leafField(
        'payload',
        `${base}.payload`,
        ctx.source,
        [pStart, sStart - 1],
        p.field?.value ?? parts[1],
        p.node ? `JWS payload (base64url, ${p.bytes?.length} bytes decoded)` : 'JWS payload (undecodable)',
        JWS_SPEC,
        p.node ? undefined : 'error',
      ),
      leafField('dot', `${base}#dot2`, ctx.source, [sStart - 1, sStart], '.', '"."', JWS_SPEC),
      leafField(
        'signature',
        `${base}.signature`,
        ctx.source,
        [sStart, end],
        sig.ok ? toHex(sig.bytes) : parts[2],
        sig.ok ? `JWS signature, ${sig.bytes.length} bytes` : 'JWS signature (not base64url)',
        JWS_SPEC,
        sig.ok ? undefined : 'error',
      ),
    ];
    if (h.field) kids.push(h.field);
    if (p.field) kids.push(p.field);
    // Certificates inside the header's x5c: each base64 string decoded into its own source.
    const x5c = h.node ? jsonGet(h.node, 'x5c') : undefined;
    if (x5c?.type === 'array') {
      const certs: Field[] = [];
      x5c.items.forEach((it, i) => {
        const cp = `${base}.header.x5c[${i}]`;
        if (it.type !== 'string') {
          errors.push({
            code: 'safetynet.x5c',
            message: `header x5c[${i}] must be a base64 string`,
            path: cp,
            source: hSrc,
            offset: it.start,
          });
          return;
        }
        const der = decodeBase64Any(it.value);
        if (!der.ok) {
          errors.push({
            code: 'safetynet.x5c',
            message: `header x5c[${i}] is not base64: ${der.message}`,
            path: cp,
            source: hSrc,
            offset: it.start + 1 + der.index,
          });
          return;
        }
        const src = `${cp}.der`;
        sources[src] = der.bytes;
        const d = dissectCertificate(
          der.bytes,
          0,
          der.bytes.length,
          { source: src, path: cp },
          i === 0 ? 'attestationCertificate' : 'certificate',
        );
        errors.push(...d.errors);
        certs.push(d.field);
      });
      kids.push({
        key: 'certificates',
        path: `${base}.header.x5c#decoded`,
        source: hSrc,
        value: certs.length,
        display: `${certs.length} certificate(s) from the JWS header x5c`,
        spec: JWS_SPEC,
        children: certs,
      });
    }
    const payloadObj = p.field?.value as Record<string, unknown> | undefined;
    return [
      {
        key: 'jws',
        path: base,
        source: ctx.source,
        range: [start, end],
        value: null,
        display: `SafetyNet JWS${payloadObj && typeof payloadObj === 'object' ? ` (ctsProfileMatch ${String(payloadObj.ctsProfileMatch)}, basicIntegrity ${String(payloadObj.basicIntegrity)})` : ''}`,
        spec: SPEC.safetynet,
        children: kids,
      },
    ];
  });

/** Fields of an android-safetynet attStmt: ver and the JWS response (segments, decoded header/payload, certificates). */
export function dissectAndroidSafetyNet(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(attStmt, ctx, { ver: verMember, response: responseMember }, SPEC.safetynet, 'Android SafetyNet');
}

/** Explanation ids of the android-safetynet checks, by local id. */
const EXPLAIN = {
  syntax: 'check.attestation.syntax.explain',
  signature: 'check.attestation.android-safetynet.signature.explain',
  nonce: 'check.attestation.android-safetynet.nonce.explain',
  hostname: 'check.attestation.android-safetynet.hostname.explain',
  ctsProfileMatch: 'check.attestation.android-safetynet.ctsProfileMatch.explain',
  timestamp: 'check.attestation.android-safetynet.timestamp.explain',
} as const;

/** Host name check of Google's guide: the leaf certificate is issued to attest.android.com. */
function issuedToAttestAndroid(cert: Certificate): boolean {
  const cn = cert.subject.rdns
    .flat()
    .filter((a) => a.oid === '2.5.4.3')
    .map((a) => a.value);
  const dns = (cert.subjectAltName ?? []).filter((g) => g.type === 'dNSName').map((g) => g.value);
  return cn.includes('attest.android.com') || dns.includes('attest.android.com');
}

/**
 * Verifies an android-safetynet attestation statement (§8.5) and assesses its trust (§7.1 steps
 * 21–22). Options in ctx: safetyNetVerifyTimestamp, safetyNetMaxAgeMs, safetyNetEnforceCtsProfileMatch.
 */
export async function verifyAndroidSafetyNet(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.android-safetynet', SPEC.safetynet, {
    explain: EXPLAIN,
    fields: statementFields({
      signature: 'response',
      nonce: 'response',
      hostname: 'response',
      ctsProfileMatch: 'response',
      timestamp: 'response',
    }),
  });
  const problems: string[] = [];
  if (attStmt.type !== 'map') problems.push(`attStmt is a CBOR ${attStmt.type}, not a map`);
  const ver = get(attStmt, 'ver');
  const resp = get(attStmt, 'response');
  if (!ver || ver.type !== 'text' || ver.value === '') problems.push('ver must be a non-empty text string');
  if (!resp || resp.type !== 'bytes') problems.push('response must be a byte string');
  const jws = resp?.type === 'bytes' ? toUtf8Strict(resp.value) : null;
  const parts = jws?.split('.') ?? [];
  let header: any;
  let payload: any;
  let sig: Uint8Array | undefined;
  const certs: Certificate[] = [];
  if (resp?.type === 'bytes') {
    if (parts.length !== 3) problems.push(`response must be a JWS with 3 parts, got ${parts.length}`);
    else {
      const j = (s: string) => {
        const d = decodeBase64Any(s);
        const t = d.ok ? toUtf8Strict(d.bytes) : null;
        try {
          return t === null ? undefined : JSON.parse(t);
        } catch {
          return undefined;
        }
      };
      header = j(parts[0]);
      payload = j(parts[1]);
      const s = decodeBase64Any(parts[2]);
      if (s.ok) sig = s.bytes;
      if (!header || typeof header !== 'object') problems.push('the JWS header is not base64url JSON');
      else if (!Array.isArray(header.x5c) || header.x5c.length === 0) problems.push('the JWS header has no x5c');
      else
        header.x5c.forEach((x: unknown, i: number) => {
          const d = typeof x === 'string' ? decodeBase64Any(x) : null;
          const c = d?.ok ? dissectCertificate(d.bytes, 0, d.bytes.length, { source: 'x5c', path: 'x5c' }).cert : null;
          if (c) certs.push(c);
          else problems.push(`the JWS header x5c[${i}] is not a base64 DER certificate`);
        });
      if (!payload || typeof payload !== 'object') problems.push('the JWS payload is not base64url JSON');
      if (!sig) problems.push('the JWS signature is not base64url');
    }
  }
  const syntax = '{ ver: text, response: JWS { header.x5c, payload, signature } }';
  const t1 = T('check.attestation.syntax.title', { section: '§8.5', format: 'android-safetynet' });
  if (problems.length || !sig || certs.length === 0) {
    ck.fail('syntax', t1, {
      expected: syntax,
      actual: problems,
      message: T('check.attestation.syntax.invalid', { format: 'android-safetynet', problems: problems.join('; ') }),
    });
    return [...ck.list, ...(await assessChain('android-safetynet', [], 'basic', ctx, false))];
  }
  ck.pass('syntax', t1, {
    expected: syntax,
    actual: { ver: ver!.type === 'text' ? ver!.value : null, alg: header.alg, x5c: certs.length },
  });

  // Step 2: a valid SafetyNet response (JWS signature by the leaf certificate)
  const scheme = typeof header.alg === 'string' ? schemeFromJws(header.alg) : 'the JWS header has no "alg"';
  const v =
    typeof scheme === 'string'
      ? { valid: false, reason: scheme }
      : await verifyWithSpki(certs[0].spki, scheme, fromUtf8(`${parts[0]}.${parts[1]}`), sig);
  const t2 = T('check.attestation.android-safetynet.signature.title');
  if (v.valid)
    ck.pass('signature', t2, {
      expected: 'valid JWS signature',
      actual: 'valid',
      message: T('check.attestation.android-safetynet.signature.verified', { alg: String(header.alg), subject: certs[0].subject.text }),
      spec: GOOGLE_DOC,
    });
  else
    ck.fail('signature', t2, {
      expected: 'valid JWS signature',
      actual: 'invalid',
      message: T('check.attestation.android-safetynet.signature.invalid', { alg: String(header.alg), reason: String(v.reason) }),
      spec: GOOGLE_DOC,
    });

  // Step 3: nonce
  const expectedNonce = toBase64(await sha256(concat(ctx.authData, ctx.clientDataHash)));
  const t3 = T('check.attestation.android-safetynet.nonce.title');
  if (payload.nonce === expectedNonce) ck.pass('nonce', t3, { expected: expectedNonce, actual: payload.nonce });
  else
    ck.fail('nonce', t3, {
      expected: expectedNonce,
      actual: payload.nonce ?? null,
      message: T('check.attestation.android-safetynet.nonce.mismatch', {
        expected: expectedNonce,
        got: String(JSON.stringify(payload.nonce ?? null)),
      }),
    });

  // Step 4: came from the SafetyNet service (Google's steps)
  const t4 = T('check.attestation.android-safetynet.hostname.title');
  if (issuedToAttestAndroid(certs[0]))
    ck.pass('hostname', t4, { expected: 'attest.android.com', actual: certs[0].subject.text, spec: GOOGLE_DOC });
  else
    ck.fail('hostname', t4, {
      expected: 'attest.android.com',
      actual: certs[0].subject.text,
      message: T('check.attestation.android-safetynet.hostname.invalid', { subject: certs[0].subject.text }),
      spec: GOOGLE_DOC,
    });
  const t5 = T('check.attestation.android-safetynet.ctsProfileMatch.title');
  const cts = String(JSON.stringify(payload.ctsProfileMatch ?? null));
  if (payload.ctsProfileMatch === true) ck.pass('ctsProfileMatch', t5, { expected: true, actual: true, spec: GOOGLE_DOC });
  else if (ctx.safetyNetEnforceCtsProfileMatch === false)
    ck.add('ctsProfileMatch', 'warn', t5, {
      expected: true,
      actual: payload.ctsProfileMatch ?? null,
      message: T('check.attestation.android-safetynet.ctsProfileMatch.notEnforced', { got: cts }),
      spec: GOOGLE_DOC,
    });
  else
    ck.fail('ctsProfileMatch', t5, {
      expected: true,
      actual: payload.ctsProfileMatch ?? null,
      message: T('check.attestation.android-safetynet.ctsProfileMatch.false', { got: cts }),
      spec: GOOGLE_DOC,
    });
  const t6 = T('check.attestation.android-safetynet.timestamp.title');
  const now = (ctx.currentTime ?? new Date()).getTime();
  const maxAge = ctx.safetyNetMaxAgeMs ?? 60_000;
  const ts = payload.timestampMs;
  if (ctx.safetyNetVerifyTimestamp === false)
    ck.add('timestamp', 'skip', t6, {
      expected: `within ${maxAge} ms before the verification time`,
      actual: ts ?? null,
      message: T('check.attestation.android-safetynet.timestamp.off'),
      spec: GOOGLE_DOC,
    });
  else if (typeof ts !== 'number')
    ck.fail('timestamp', t6, {
      expected: 'a timestampMs number',
      actual: ts ?? null,
      message: T('check.attestation.android-safetynet.timestamp.missing'),
      spec: GOOGLE_DOC,
    });
  else if (ts > now)
    ck.fail('timestamp', t6, {
      expected: `not after ${new Date(now).toISOString()}`,
      actual: new Date(ts).toISOString(),
      message: T('check.attestation.android-safetynet.timestamp.future', {
        timestamp: new Date(ts).toISOString(),
        now: new Date(now).toISOString(),
      }),
      spec: GOOGLE_DOC,
    });
  else if (now - ts > maxAge)
    ck.fail('timestamp', t6, {
      expected: `within ${maxAge} ms before ${new Date(now).toISOString()}`,
      actual: new Date(ts).toISOString(),
      message: T('check.attestation.android-safetynet.timestamp.expired', {
        timestamp: new Date(ts).toISOString(),
        age: now - ts,
        now: new Date(now).toISOString(),
        maxAge,
      }),
      spec: GOOGLE_DOC,
    });
  else ck.pass('timestamp', t6, { expected: `within ${maxAge} ms`, actual: new Date(ts).toISOString(), spec: GOOGLE_DOC });
  return [...ck.list, ...(await assessChain('android-safetynet', certs, 'basic', ctx, !ck.failed))];
}
