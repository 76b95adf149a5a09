/**
 * Certificate extensions (RFC 5280 §4.2) decoded field by field: basicConstraints, keyUsage,
 * extKeyUsage, subjectAltName (with the TPM directoryName), subjectKeyIdentifier,
 * authorityKeyIdentifier and id-fido-gen-ce-aaguid here; the Android key description and the Apple
 * nonce from their formats; unknown ones generically.
 */
import type { DecodeError, Field } from '../types.js';
import {
  type Asn1Node,
  type Asn1FieldCtx,
  TAG,
  parseDerSequence,
  content,
  isUniversal,
  isContext,
  readOid,
  readSmallInt,
  readBoolean,
  readBitString,
  oidName,
  asn1Field,
  shortHex,
  tagName,
} from '../asn1.js';
import { toHex, toUuid } from '../bytes.js';
import { decodeAndroidKeyDescription, ANDROID_KEY_DESCRIPTION_OID } from '../attestation/android-key-description.ts';
import { decodeAppleNonce, APPLE_NONCE_OID } from '../attestation/apple-nonce.ts';
import { tpmDeviceAttributes, TPM_SAN_SPEC } from '../attestation/tpm-san.ts';
import { S, inner, leaf, node, sub, type ExtCtx, type ExtDecoder } from './extension.ts';
import { readName } from './names.ts';
import type { BasicConstraints, Certificate, GeneralName, X509Extension } from './model.ts';

const KEY_USAGE = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

const decodeBasicConstraints: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const { bytes } = e;
  const bc: BasicConstraints = { ca: false };
  const kids: Field[] = [];
  const issues: string[] = [];
  for (const c of n.children ?? []) {
    if (isUniversal(c, TAG.BOOLEAN)) {
      const b = readBoolean(bytes, c);
      bc.ca = b === true;
      if (b === false) issues.push('cA FALSE is encoded explicitly; DER omits DEFAULT values (X.690 §11.5)');
      if (b === true && bytes[c.headerEnd] !== 0xff) issues.push('BOOLEAN TRUE must be 0xff in DER');
      kids.push(leaf(c, 'cA', sub(e.ctx, 'cA'), b, String(b), S.bc, b === false ? 'warn' : undefined));
    } else if (isUniversal(c, TAG.INTEGER)) {
      const v = readSmallInt(bytes, c);
      if (v !== null && v >= 0) bc.pathLen = v;
      kids.push(leaf(c, 'pathLenConstraint', sub(e.ctx, 'pathLenConstraint'), v, String(v), S.bc));
    } else {
      kids.push(asn1Field(bytes, c, 'unexpected', sub(e.ctx, 'unexpected')));
      issues.push(`unexpected ${tagName(c)} in BasicConstraints`);
    }
  }
  if (issues.length) bc.derIssues = issues;
  e.cert.basicConstraints = bc;
  return node(
    bytes,
    n,
    'basicConstraints',
    e.ctx,
    bc,
    `CA=${bc.ca}${bc.pathLen !== undefined ? `, pathLen=${bc.pathLen}` : ''}${issues.length ? ` (${issues.join('; ')})` : ''}`,
    kids,
    S.bc,
  );
};

const decodeKeyUsage: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.BIT_STRING)) return null;
  const b = readBitString(e.bytes, n);
  if (!b) return null;
  const names: string[] = [];
  for (let i = 0; i < b.bytes.length * 8 - b.unusedBits; i++) {
    if (b.bytes[i >> 3] & (0x80 >> (i & 7))) names.push(KEY_USAGE[i] ?? `bit${i}`);
  }
  e.cert.keyUsage = names;
  return leaf(n, 'keyUsage', e.ctx, names, names.join(', ') || '(none)', S.ku);
};

const decodeExtKeyUsage: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const oids: string[] = [];
  const kids = (n.children ?? []).map((c, i) => {
    const o = isUniversal(c, TAG.OID) ? readOid(e.bytes, c) : null;
    if (o) oids.push(o);
    return leaf(
      c,
      String(i),
      sub(e.ctx, String(i)),
      o,
      o ? `${oidName(o) ?? o}${oidName(o) ? ` (${o})` : ''}` : `unexpected ${tagName(c)}`,
      S.eku,
      o ? undefined : 'error',
    );
  });
  e.cert.extKeyUsage = oids;
  return node(e.bytes, n, 'extKeyUsage', e.ctx, oids, oids.map((o) => oidName(o) ?? o).join(', '), kids, S.eku);
};

const GN_TYPES: GeneralName['type'][] = [
  'otherName',
  'rfc822Name',
  'dNSName',
  'other',
  'directoryName',
  'other',
  'uniformResourceIdentifier',
  'iPAddress',
  'registeredID',
];

const decodeSan: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const { bytes } = e;
  const names: GeneralName[] = [];
  const kids: Field[] = [];
  (n.children ?? []).forEach((c, i) => {
    const type: GeneralName['type'] = c.cls === 'context' ? (GN_TYPES[c.tag] ?? 'other') : 'other';
    const cctx = sub(e.ctx, String(i));
    if (type === 'directoryName' && c.constructed && c.children?.[0]) {
      const nm = readName(bytes, c.children[0], sub(cctx, 'name'), 'name', e.errors, TPM_SAN_SPEC);
      names.push({ type, value: nm.name.text, name: nm.name });
      const tpm = tpmDeviceAttributes(nm.name);
      if (tpm) e.cert.tpm = tpm;
      kids.push(
        node(
          bytes,
          c,
          'directoryName',
          cctx,
          nm.name.text,
          `directoryName: ${nm.name.text}${tpm ? ' (TPM device attributes)' : ''}`,
          [nm.field],
          TPM_SAN_SPEC,
        ),
      );
    } else if (!c.constructed && (type === 'rfc822Name' || type === 'dNSName' || type === 'uniformResourceIdentifier')) {
      const v = new TextDecoder().decode(content(bytes, c));
      names.push({ type, value: v });
      kids.push(leaf(c, type, cctx, v, `${type}: ${v}`, S.san));
    } else if (!c.constructed && type === 'iPAddress') {
      const b = content(bytes, c);
      const v = b.length === 4 ? Array.from(b).join('.') : toHex(b);
      names.push({ type, value: v });
      kids.push(leaf(c, type, cctx, v, `iPAddress: ${v}`, S.san));
    } else {
      names.push({ type, value: toHex(bytes.subarray(c.start, c.end)) });
      kids.push(asn1Field(bytes, c, type, cctx));
    }
  });
  e.cert.subjectAltName = names;
  return node(
    bytes,
    n,
    'subjectAltName',
    e.ctx,
    names.map((g) => ({ type: g.type, value: g.value })),
    names.map((g) => `${g.type}: ${g.value}`).join('; '),
    kids,
    S.san,
  );
};

const decodeSki: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.OCTET_STRING)) return null;
  e.cert.subjectKeyIdentifier = content(e.bytes, n);
  return leaf(n, 'keyIdentifier', e.ctx, toHex(content(e.bytes, n)), toHex(content(e.bytes, n)), S.ski);
};

const decodeAki: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const kids = (n.children ?? []).map((c) => {
    if (isContext(c, 0) && !c.constructed) {
      e.cert.authorityKeyIdentifier = content(e.bytes, c);
      return leaf(c, 'keyIdentifier', sub(e.ctx, 'keyIdentifier'), toHex(content(e.bytes, c)), toHex(content(e.bytes, c)), S.aki);
    }
    const k = isContext(c, 1) ? 'authorityCertIssuer' : isContext(c, 2) ? 'authorityCertSerialNumber' : 'unexpected';
    return asn1Field(e.bytes, c, k, sub(e.ctx, k));
  });
  return node(
    e.bytes,
    n,
    'authorityKeyIdentifier',
    e.ctx,
    e.cert.authorityKeyIdentifier ? toHex(e.cert.authorityKeyIdentifier) : null,
    e.cert.authorityKeyIdentifier ? `keyIdentifier ${toHex(e.cert.authorityKeyIdentifier)}` : 'no keyIdentifier',
    kids,
    S.aki,
  );
};

const decodeAaguid: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.OCTET_STRING)) return null;
  const v = content(e.bytes, n);
  e.cert.aaguidCritical = e.critical;
  if (v.length === 16) e.cert.aaguid = v;
  return leaf(
    n,
    'aaguid',
    e.ctx,
    v.length === 16 ? toUuid(v) : toHex(v),
    v.length === 16 ? toUuid(v) : `${v.length} bytes (an AAGUID has 16): ${toHex(v)}`,
    S.aaguid,
    v.length === 16 ? undefined : 'error',
  );
};

const EXT_DECODERS: Record<string, ExtDecoder> = {
  '2.5.29.19': decodeBasicConstraints,
  '2.5.29.15': decodeKeyUsage,
  '2.5.29.37': decodeExtKeyUsage,
  '2.5.29.17': decodeSan,
  '2.5.29.14': decodeSki,
  '2.5.29.35': decodeAki,
  '1.3.6.1.4.1.45724.1.1.4': decodeAaguid,
  [ANDROID_KEY_DESCRIPTION_OID]: decodeAndroidKeyDescription,
  [APPLE_NONCE_OID]: decodeAppleNonce,
};

/** Generic view of an unknown extension value: parsed DER when it parses cleanly, else a leaf. */
function genericExtValue(bytes: Uint8Array, octet: Asn1Node, ctx: Asn1FieldCtx): Field[] {
  const r = parseDerSequence(bytes, octet.headerEnd, octet.end, { source: ctx.source, path: ctx.path });
  if (r.unparsedFrom === undefined && r.errors.length === 0 && r.nodes.length > 0) {
    return r.nodes.map((c, i) =>
      asn1Field(bytes, c, r.nodes.length === 1 ? 'value' : `value${i}`, sub(ctx, r.nodes.length === 1 ? 'value' : `value${i}`)),
    );
  }
  if (octet.end > octet.headerEnd) {
    const b = content(bytes, octet);
    return [
      {
        key: 'value',
        path: `${ctx.path}.value`,
        source: ctx.source,
        range: [octet.headerEnd, octet.end],
        value: toHex(b),
        display: `${b.length} bytes: ${shortHex(b)}`,
      },
    ];
  }
  return [];
}

export function readExtensions(
  bytes: Uint8Array,
  wrapper: Asn1Node,
  ctx: Asn1FieldCtx,
  cert: Partial<Certificate>,
  errors: DecodeError[],
): Field {
  const exts: X509Extension[] = [];
  cert.extensions = exts;
  const seq = wrapper.children?.[0];
  const seqKids: Field[] = [];
  if (seq && isUniversal(seq, TAG.SEQUENCE)) {
    (seq.children ?? []).forEach((ext, i) => {
      const [o, b, v] = ext.children ?? [];
      const oid = o && isUniversal(o, TAG.OID) ? readOid(bytes, o) : null;
      const hasCrit = isUniversal(b, TAG.BOOLEAN);
      const octet = hasCrit ? v : b;
      const name = oid ? (oidName(oid) ?? oid) : `extension${i}`;
      const ectx = sub(ctx, String(i));
      if (!oid || !octet || !isUniversal(octet, TAG.OCTET_STRING) || octet.constructed) {
        errors.push({
          code: 'x509.bad-extension',
          message: `extension ${i}: expected SEQUENCE { OID, BOOLEAN OPTIONAL, OCTET STRING }`,
          path: ectx.path,
          source: ctx.source,
          offset: ext.start,
        });
        seqKids.push(asn1Field(bytes, ext, name, ectx));
        return;
      }
      const critical = hasCrit ? readBoolean(bytes, b) === true : false;
      const kids: Field[] = [leaf(o, 'extnID', sub(ectx, 'extnID'), oid, oidName(oid) ? `${oidName(oid)} (${oid})` : oid, S.exts)];
      if (hasCrit) kids.push(leaf(b, 'critical', sub(ectx, 'critical'), critical, String(critical), S.exts, critical ? undefined : 'warn'));
      const vctx = sub(ectx, 'extnValue');
      const dec: ExtDecoder | undefined = EXT_DECODERS[oid];
      const ec: ExtCtx = { bytes, octet, ctx: vctx, cert, errors, critical };
      const decoded = dec ? dec(ec) : null;
      const value = content(bytes, octet);
      exts.push({ oid, name: oidName(oid), critical, value, understood: !!decoded });
      const valueKids = decoded ? [decoded] : genericExtValue(bytes, octet, vctx);
      kids.push(
        node(bytes, octet, 'extnValue', vctx, toHex(value), decoded ? decoded.display : `${value.length} bytes`, valueKids, S.exts),
      );
      for (let j = hasCrit ? 3 : 2; j < (ext.children?.length ?? 0); j++)
        kids.push(asn1Field(bytes, ext.children![j], `extra${j}`, sub(ectx, `extra${j}`)));
      seqKids.push(
        node(
          bytes,
          ext,
          name,
          ectx,
          { oid, critical },
          `${name}${critical ? ' (critical)' : ''}: ${decoded ? decoded.display : `${value.length} bytes`}`,
          kids,
          dec !== undefined ? (decoded?.spec ?? S.exts) : S.exts,
        ),
      );
    });
  }
  const kids: Field[] = [];
  if (seq && isUniversal(seq, TAG.SEQUENCE))
    kids.push(node(bytes, seq, 'list', sub(ctx, 'list'), exts.length, `${exts.length} extensions`, seqKids, S.exts));
  else if (seq) {
    errors.push({
      code: 'x509.bad-extensions',
      message: `extensions: expected SEQUENCE OF Extension, found ${tagName(seq)}`,
      path: ctx.path,
      source: ctx.source,
      offset: seq.start,
    });
    const f = asn1Field(bytes, seq, 'unexpected', sub(ctx, 'unexpected'));
    f.severity = 'error';
    kids.push(f);
  }
  for (let j = 1; j < (wrapper.children?.length ?? 0); j++)
    kids.push(asn1Field(bytes, wrapper.children![j], `extra${j}`, sub(ctx, `extra${j}`)));
  // Re-path the list children one level up in the display (they are under 'list').
  return node(
    bytes,
    wrapper,
    'extensions',
    ctx,
    exts.map((x) => x.oid),
    exts.map((x) => x.name ?? x.oid).join(', '),
    kids,
    S.exts,
  );
}
