/**
 * X.509 certificates (RFC 5280) as byte-accurate Field trees, plus a parsed model for verification.
 *
 * `dissectCertificate` reads one DER certificate that lies at [start, end) of a larger buffer (an x5c
 * entry inside the attestationObject, a PEM root, a certificate inside a SafetyNet JWS) and returns:
 *  - `field`: every byte covered by exactly one leaf, ranges absolute in that buffer;
 *  - `cert`: the model (names, validity, SPKI, extensions) the verifiers and the chain builder use;
 *  - `errors`: located decoding errors. Nothing throws.
 *
 * Names are read by ./names.ts, extensions by ./extensions.ts; the model is ./model.ts.
 */
import type { DecodeError, Field } from '../types.js';
import {
  type Asn1Node,
  type Asn1FieldCtx,
  TAG,
  parseDer,
  content,
  isUniversal,
  isContext,
  readOid,
  readInteger,
  readSmallInt,
  readBitString,
  readTime,
  oidName,
  asn1Field,
  shortHex,
  tagName,
  fillCoverageGaps,
} from '../asn1.js';
import { toHex } from '../bytes.js';
import { S, leaf, node, sub } from './extension.ts';
import { readName } from './names.ts';
import { readExtensions } from './extensions.ts';
import type { AlgorithmIdentifier, Certificate, CertificateDissection, SubjectPublicKeyInfo } from './model.ts';

/* ------------------------------------------------------------------ algorithm identifiers, SPKI */

function readAlgId(bytes: Uint8Array, n: Asn1Node | undefined): AlgorithmIdentifier | null {
  if (!n || !isUniversal(n, TAG.SEQUENCE) || !n.children?.length) return null;
  const [o, p] = n.children;
  const oid = isUniversal(o, TAG.OID) ? readOid(bytes, o) : null;
  if (!oid) return null;
  const alg: AlgorithmIdentifier = { oid, name: oidName(oid) };
  if (p) alg.params = bytes.subarray(p.start, p.end);
  return alg;
}

function algField(bytes: Uint8Array, n: Asn1Node, key: string, ctx: Asn1FieldCtx, alg: AlgorithmIdentifier | null, spec: string): Field {
  return {
    key,
    path: ctx.path,
    source: ctx.source,
    range: [n.start, n.end],
    value: alg ? { oid: alg.oid, name: alg.name ?? null, params: alg.params ? toHex(alg.params) : null } : null,
    display: alg
      ? `${alg.name ?? alg.oid}${alg.params && !(alg.params.length === 2 && alg.params[0] === 5) ? ` (params ${shortHex(alg.params)})` : ''}`
      : 'malformed AlgorithmIdentifier',
    spec,
    ...(alg ? {} : { severity: 'error' as const }),
  };
}

const CURVES: Record<string, { name: string; bits: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
};

function bitLength(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]));
}

/** Reads a SubjectPublicKeyInfo TLV. Exported for the chain builder and the SafetyNet/JWS code. */
export function readSpki(bytes: Uint8Array, n: Asn1Node): SubjectPublicKeyInfo | null {
  if (!isUniversal(n, TAG.SEQUENCE) || (n.children?.length ?? 0) < 2) return null;
  const [a, k] = n.children!;
  const alg = readAlgId(bytes, a);
  const bits = isUniversal(k, TAG.BIT_STRING) ? readBitString(bytes, k) : null;
  if (!alg || !bits) return null;
  const spki: SubjectPublicKeyInfo = { algorithm: alg, keyType: 'unknown', der: bytes.subarray(n.start, n.end), publicKey: bits.bytes };
  if (alg.oid === '1.2.840.10045.2.1') {
    spki.keyType = 'EC';
    const p = a.children?.[1];
    const curve = p && isUniversal(p, TAG.OID) ? readOid(bytes, p) : null;
    if (curve) {
      spki.curve = curve;
      spki.curveName = CURVES[curve]?.name ?? curve;
      spki.keySize = CURVES[curve]?.bits;
    }
  } else if (alg.oid === '1.2.840.113549.1.1.1' || alg.oid === '1.2.840.113549.1.1.10') {
    spki.keyType = 'RSA';
    const r = parseDer(bits.bytes, 0, bits.bytes.length, { source: 'spki', path: 'rsa' });
    const [nn, e] = r.node?.children ?? [];
    if (r.node && isUniversal(nn, TAG.INTEGER) && isUniversal(e, TAG.INTEGER)) {
      let nb = content(bits.bytes, nn);
      while (nb.length > 1 && nb[0] === 0) nb = nb.subarray(1);
      let eb = content(bits.bytes, e);
      while (eb.length > 1 && eb[0] === 0) eb = eb.subarray(1);
      spki.rsa = { n: nb, e: eb };
      spki.keySize = bitLength(nb);
    }
  } else if (alg.oid === '1.3.101.112') {
    spki.keyType = 'Ed25519';
    spki.keySize = 256;
  } else if (alg.oid === '1.3.101.113') {
    spki.keyType = 'Ed448';
    spki.keySize = 456;
  } else if (alg.name?.startsWith('ML-DSA')) {
    spki.keyType = alg.name;
  }
  return spki;
}

function spkiDisplay(s: SubjectPublicKeyInfo): string {
  if (s.keyType === 'EC') return `EC ${s.curveName ?? s.curve ?? '?'}${s.keySize ? ` (${s.keySize} bits)` : ''}`;
  if (s.keyType === 'RSA') return `RSA ${s.keySize ?? '?'} bits${s.rsa ? `, e=${BigInt(`0x${toHex(s.rsa.e) || '0'}`)}` : ''}`;
  return s.keyType === 'unknown' ? (s.algorithm.name ?? s.algorithm.oid) : `${s.keyType}${s.keySize ? ` (${s.keySize} bits)` : ''}`;
}

/* ------------------------------------------------------------------ certificate */

function fail(key: string, ctx: Asn1FieldCtx, start: number, end: number, why: string): Field {
  return {
    key,
    path: ctx.path,
    source: ctx.source,
    range: [start, end],
    value: null,
    display: `not a certificate: ${why}`,
    severity: 'error',
    spec: S.cert,
  };
}

/**
 * Dissects the DER certificate at [start, end) of `bytes`. `ctx.path` is the path of the certificate
 * field itself (e.g. 'attestationObject.attStmt.x5c.0').
 */
export function dissectCertificate(
  bytes: Uint8Array,
  start: number,
  end: number,
  ctx: Asn1FieldCtx,
  key = 'certificate',
): CertificateDissection {
  const errors: DecodeError[] = [];
  const r = parseDer(bytes, start, end, { source: ctx.source, path: ctx.path });
  errors.push(...r.errors);
  const n = r.node;
  if (!n) return { field: fail(key, ctx, start, end, r.errors[0]?.message ?? 'unreadable DER'), cert: null, errors };
  const e = (message: string, offset: number, p = ctx.path) =>
    errors.push({ code: 'x509.malformed', message, path: p, source: ctx.source, offset });
  const tail: Field[] = [];
  if (n.end < end) {
    e(`${end - n.end} bytes follow the certificate's DER`, n.end);
    tail.push({
      key: 'trailing',
      path: `${ctx.path}.trailing`,
      source: ctx.source,
      range: [n.end, end],
      value: toHex(bytes.subarray(n.end, end)),
      display: `${end - n.end} trailing bytes`,
      severity: 'error',
    });
  }
  const [tbsN, algN, sigN] = n.children ?? [];
  if (!isUniversal(n, TAG.SEQUENCE) || !tbsN || !algN || !sigN || !isUniversal(tbsN, TAG.SEQUENCE)) {
    e('Certificate must be SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }', n.start);
    const f = asn1Field(bytes, n, key, ctx);
    f.severity = 'error';
    return {
      field: tail.length
        ? {
            key,
            path: ctx.path,
            source: ctx.source,
            range: [start, end],
            value: null,
            display: 'malformed certificate',
            children: [f, ...tail],
          }
        : f,
      cert: null,
      errors,
    };
  }
  const cert: Partial<Certificate> = { der: bytes.subarray(n.start, n.end), tbs: bytes.subarray(tbsN.start, tbsN.end), extensions: [] };
  const tctx = sub(ctx, 'tbsCertificate');
  const tk = tbsN.children ?? [];
  const tbsKids: Field[] = [];
  let i = 0;
  // version [0] EXPLICIT INTEGER DEFAULT v1
  cert.version = 1;
  if (isContext(tk[0], 0) && tk[0].constructed) {
    const vi = tk[0].children?.[0];
    const v = vi && isUniversal(vi, TAG.INTEGER) ? readSmallInt(bytes, vi) : null;
    if (v === null) e('version must be [0] EXPLICIT INTEGER', tk[0].start, `${tctx.path}.version`);
    cert.version = v === null ? 0 : v + 1;
    tbsKids.push(
      leaf(tk[0], 'version', sub(tctx, 'version'), cert.version, v === null ? 'malformed' : `v${cert.version} (${v})`, S.version),
    );
    i = 1;
  }
  const want = (k: string) => {
    const c = tk[i];
    if (!c) e(`tbsCertificate: ${k} is missing`, tbsN.end, `${tctx.path}.${k}`);
    return c;
  };
  const serialN = want('serialNumber');
  if (serialN) {
    const v = isUniversal(serialN, TAG.INTEGER) ? content(bytes, serialN) : null;
    cert.serialNumber = v ? toHex(v) : '';
    const asInt = v ? readInteger(bytes, serialN) : null;
    tbsKids.push(
      leaf(
        serialN,
        'serialNumber',
        sub(tctx, 'serialNumber'),
        cert.serialNumber,
        v ? `0x${toHex(v)}${asInt !== null && v.length <= 8 ? ` (${asInt})` : ''}` : `unexpected ${tagName(serialN)}`,
        S.serial,
        v ? undefined : 'error',
      ),
    );
    i++;
  }
  const sigAlgN = want('signature');
  if (sigAlgN) {
    const a = readAlgId(bytes, sigAlgN);
    if (a) cert.tbsSignatureAlgorithm = a;
    tbsKids.push(algField(bytes, sigAlgN, 'signature', sub(tctx, 'signature'), a, S.sigAlg));
    i++;
  }
  const issuerN = want('issuer');
  if (issuerN) {
    const nm = readName(bytes, issuerN, sub(tctx, 'issuer'), 'issuer', errors, S.issuer);
    cert.issuer = nm.name;
    tbsKids.push(nm.field);
    i++;
  }
  const valN = want('validity');
  if (valN) {
    const [nb, na] = valN.children ?? [];
    cert.notBefore = nb ? readTime(bytes, nb) : null;
    cert.notAfter = na ? readTime(bytes, na) : null;
    const vk: Field[] = [];
    if (nb)
      vk.push(
        leaf(
          nb,
          'notBefore',
          sub(tctx, 'validity.notBefore'),
          cert.notBefore?.toISOString() ?? null,
          cert.notBefore?.toISOString() ?? `bad ${tagName(nb)}`,
          S.validity,
          cert.notBefore ? undefined : 'error',
        ),
      );
    if (na)
      vk.push(
        leaf(
          na,
          'notAfter',
          sub(tctx, 'validity.notAfter'),
          cert.notAfter?.toISOString() ?? null,
          cert.notAfter?.toISOString() ?? `bad ${tagName(na)}`,
          S.validity,
          cert.notAfter ? undefined : 'error',
        ),
      );
    for (let j = 2; j < (valN.children?.length ?? 0); j++)
      vk.push(asn1Field(bytes, valN.children![j], `extra${j}`, sub(tctx, `validity.extra${j}`)));
    if (!cert.notBefore || !cert.notAfter)
      e('validity must be SEQUENCE { notBefore Time, notAfter Time }', valN.start, `${tctx.path}.validity`);
    tbsKids.push(
      node(
        bytes,
        valN,
        'validity',
        sub(tctx, 'validity'),
        { notBefore: cert.notBefore?.toISOString() ?? null, notAfter: cert.notAfter?.toISOString() ?? null },
        `${cert.notBefore?.toISOString() ?? '?'} .. ${cert.notAfter?.toISOString() ?? '?'}`,
        vk,
        S.validity,
      ),
    );
    i++;
  }
  const subjN = want('subject');
  if (subjN) {
    const nm = readName(bytes, subjN, sub(tctx, 'subject'), 'subject', errors, S.subject);
    cert.subject = nm.name;
    tbsKids.push(nm.field);
    i++;
  }
  const spkiN = want('subjectPublicKeyInfo');
  if (spkiN) {
    const s = readSpki(bytes, spkiN);
    const sctx = sub(tctx, 'subjectPublicKeyInfo');
    if (s) {
      cert.spki = s;
      const [a, k] = spkiN.children!;
      const sk: Field[] = [
        algField(bytes, a, 'algorithm', sub(sctx, 'algorithm'), s.algorithm, S.spki),
        leaf(
          k,
          'subjectPublicKey',
          sub(sctx, 'subjectPublicKey'),
          toHex(s.publicKey),
          `${spkiDisplay(s)}: ${shortHex(s.publicKey)}`,
          S.spki,
        ),
      ];
      for (let j = 2; j < spkiN.children!.length; j++) sk.push(asn1Field(bytes, spkiN.children![j], `extra${j}`, sub(sctx, `extra${j}`)));
      tbsKids.push(
        node(
          bytes,
          spkiN,
          'subjectPublicKeyInfo',
          sctx,
          { keyType: s.keyType, curve: s.curveName ?? null, keySize: s.keySize ?? null },
          spkiDisplay(s),
          sk,
          S.spki,
        ),
      );
    } else {
      e('subjectPublicKeyInfo must be SEQUENCE { AlgorithmIdentifier, BIT STRING }', spkiN.start, sctx.path);
      tbsKids.push(asn1Field(bytes, spkiN, 'subjectPublicKeyInfo', sctx));
    }
    i++;
  }
  for (; i < tk.length; i++) {
    const c = tk[i];
    if (isContext(c, 3) && c.constructed) tbsKids.push(readExtensions(bytes, c, sub(tctx, 'extensions'), cert, errors));
    else if (isContext(c, 1)) tbsKids.push(asn1Field(bytes, c, 'issuerUniqueID', sub(tctx, 'issuerUniqueID')));
    else if (isContext(c, 2)) tbsKids.push(asn1Field(bytes, c, 'subjectUniqueID', sub(tctx, 'subjectUniqueID')));
    else {
      e(`unexpected ${tagName(c)} in tbsCertificate`, c.start, tctx.path);
      tbsKids.push(asn1Field(bytes, c, 'unexpected', sub(tctx, `unexpected${i}`)));
    }
  }
  const tbsField = node(
    bytes,
    tbsN,
    'tbsCertificate',
    tctx,
    null,
    `v${cert.version} certificate for ${cert.subject?.text || '(empty subject)'}`,
    tbsKids,
    S.tbs,
  );

  const alg = readAlgId(bytes, algN);
  if (alg) cert.signatureAlgorithm = alg;
  else e('signatureAlgorithm is malformed', algN.start, `${ctx.path}.signatureAlgorithm`);
  const bits = isUniversal(sigN, TAG.BIT_STRING) ? readBitString(bytes, sigN) : null;
  if (bits) cert.signature = bits.bytes;
  else e('signatureValue must be a BIT STRING', sigN.start, `${ctx.path}.signatureValue`);
  const kids: Field[] = [
    tbsField,
    algField(bytes, algN, 'signatureAlgorithm', sub(ctx, 'signatureAlgorithm'), alg, S.sigAlg),
    leaf(
      sigN,
      'signatureValue',
      sub(ctx, 'signatureValue'),
      bits ? toHex(bits.bytes) : null,
      bits ? `${bits.bytes.length} bytes: ${shortHex(bits.bytes)}` : 'malformed',
      S.sig,
      bits ? undefined : 'error',
    ),
  ];
  for (let j = 3; j < (n.children?.length ?? 0); j++) kids.push(asn1Field(bytes, n.children![j], `extra${j}`, sub(ctx, `extra${j}`)));
  if (alg && cert.tbsSignatureAlgorithm && alg.oid !== cert.tbsSignatureAlgorithm.oid) {
    e(
      `signatureAlgorithm ${alg.name ?? alg.oid} differs from tbsCertificate.signature ${cert.tbsSignatureAlgorithm.name ?? cert.tbsSignatureAlgorithm.oid} (RFC 5280 §4.1.1.2)`,
      algN.start,
      `${ctx.path}.signatureAlgorithm`,
    );
  }
  const certField = node(
    bytes,
    n,
    key,
    ctx,
    { subject: cert.subject?.text ?? null, issuer: cert.issuer?.text ?? null, serialNumber: cert.serialNumber ?? null },
    `${cert.subject?.text || '(empty subject)'} — issued by ${cert.issuer?.text ?? '?'}`,
    kids,
    S.cert,
  );
  const complete =
    cert.serialNumber !== undefined &&
    cert.tbsSignatureAlgorithm &&
    cert.issuer &&
    cert.subject &&
    cert.spki &&
    cert.signatureAlgorithm &&
    cert.signature &&
    cert.notBefore !== undefined;
  const field: Field = tail.length
    ? {
        key,
        path: ctx.path,
        source: ctx.source,
        range: [start, end],
        value: certField.value,
        display: certField.display,
        severity: 'error',
        children: [{ ...certField, key: 'der', path: `${ctx.path}.der` }, ...tail],
      }
    : certField;
  return { field: fillCoverageGaps(field), cert: complete ? (cert as Certificate) : null, errors };
}

/** Parses a standalone DER certificate (model only). */
export function parseCertificate(der: Uint8Array): Certificate | null {
  return dissectCertificate(der, 0, der.length, { source: 'certificate', path: 'certificate' }).cert;
}
