/**
 * What every certificate extension decoder shares: its context, its type, and the helpers that make
 * byte-accurate fields (a leaf, a constructed node with its header, the DER inside extnValue).
 * Format-specific extensions (the Android key description, the Apple nonce) live with their formats
 * and are registered in ./extensions.ts.
 */
import type { DecodeError, Field } from '../types.js';
import { type Asn1Node, type Asn1FieldCtx, parseDer, headerField, unparsedField } from '../asn1.js';
import { WEBAUTHN, rfc } from '../spec.ts';
import type { Certificate } from './model.ts';

const RFC5280 = rfc(5280);
/** RFC 5280 anchors of the certificate parts. */
export const S = {
  cert: `${RFC5280}#section-4.1`,
  tbs: `${RFC5280}#section-4.1.2`,
  version: `${RFC5280}#section-4.1.2.1`,
  serial: `${RFC5280}#section-4.1.2.2`,
  sigAlg: `${RFC5280}#section-4.1.1.2`,
  issuer: `${RFC5280}#section-4.1.2.4`,
  validity: `${RFC5280}#section-4.1.2.5`,
  subject: `${RFC5280}#section-4.1.2.6`,
  spki: `${RFC5280}#section-4.1.2.7`,
  exts: `${RFC5280}#section-4.1.2.9`,
  sig: `${RFC5280}#section-4.1.1.3`,
  bc: `${RFC5280}#section-4.2.1.9`,
  ku: `${RFC5280}#section-4.2.1.3`,
  eku: `${RFC5280}#section-4.2.1.12`,
  san: `${RFC5280}#section-4.2.1.6`,
  ski: `${RFC5280}#section-4.2.1.2`,
  aki: `${RFC5280}#section-4.2.1.1`,
  aaguid: `${WEBAUTHN}#sctn-packed-attestation-cert-requirements`,
};

export interface ExtCtx {
  bytes: Uint8Array;
  /** The extnValue OCTET STRING node. */
  octet: Asn1Node;
  ctx: Asn1FieldCtx;
  cert: Partial<Certificate>;
  errors: DecodeError[];
  critical: boolean;
}

export function leaf(
  n: Asn1Node,
  key: string,
  ctx: Asn1FieldCtx,
  value: unknown,
  display: string,
  spec?: string,
  severity?: Field['severity'],
): Field {
  return {
    key,
    path: ctx.path,
    source: ctx.source,
    range: [n.start, n.end],
    value,
    display,
    ...(spec ? { spec } : {}),
    ...(severity ? { severity } : {}),
  };
}

export function sub(ctx: Asn1FieldCtx, key: string): Asn1FieldCtx {
  return { ...ctx, path: `${ctx.path}.${key}` };
}

/** Wraps a constructed node's children: header leaf + given child fields + unparsed tail. */
export function node(
  bytes: Uint8Array,
  n: Asn1Node,
  key: string,
  ctx: Asn1FieldCtx,
  value: unknown,
  display: string,
  kids: Field[],
  spec?: string,
): Field {
  const children = [headerField(bytes, n, ctx), ...kids];
  if (n.unparsedFrom !== undefined) children.push(unparsedField(n.unparsedFrom, n.end, ctx, 'malformed DER element'));
  return { key, path: ctx.path, source: ctx.source, range: [n.start, n.end], value, display, ...(spec ? { spec } : {}), children };
}

/** Parses the DER inside extnValue; on trouble returns null (caller shows the bytes generically). */
export function inner(e: ExtCtx): Asn1Node | null {
  const { bytes, octet, ctx } = e;
  const r = parseDer(bytes, octet.headerEnd, octet.end, { source: ctx.source, path: `${ctx.path}.value` });
  if (!r.node || r.node.end !== octet.end || r.node.unparsedFrom !== undefined) {
    e.errors.push(...r.errors);
    if (r.node && r.node.end !== octet.end) {
      e.errors.push({
        code: 'x509.ext-trailing',
        message: `extension value has ${octet.end - r.node.end} trailing bytes after its DER value`,
        path: ctx.path,
        source: ctx.source,
        offset: r.node.end,
      });
    }
    return null;
  }
  return r.node;
}

export type ExtDecoder = (e: ExtCtx) => Field | null;
