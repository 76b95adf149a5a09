/**
 * The Apple anonymous attestation certificate extension (1.2.840.113635.100.8.2, WebAuthn §8.8): a
 * SEQUENCE with the nonce in [1] OCTET STRING, which the apple format compares with
 * SHA-256(authData || clientDataHash).
 */
import { TAG, content, isContext, isUniversal, asn1Field } from '../asn1.js';
import { toHex } from '../bytes.js';
import { WEBAUTHN } from '../spec.ts';
import { inner, leaf, node, sub, type ExtDecoder } from '../x509/extension.ts';

export const APPLE_NONCE_OID = '1.2.840.113635.100.8.2';
const APPLE_NONCE_SPEC = `${WEBAUTHN}#sctn-apple-anonymous-attestation`;

export const decodeAppleNonce: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const kids = (n.children ?? []).map((c) => {
    const o = c.children?.[0];
    if (isContext(c, 1) && c.constructed && o && isUniversal(o, TAG.OCTET_STRING) && c.children!.length === 1) {
      e.cert.appleNonce = content(e.bytes, o);
      return node(
        e.bytes,
        c,
        'nonce',
        sub(e.ctx, 'nonce'),
        toHex(e.cert.appleNonce),
        toHex(e.cert.appleNonce),
        [
          leaf(
            o,
            'value',
            sub(e.ctx, 'nonce.value'),
            toHex(e.cert.appleNonce),
            `${e.cert.appleNonce.length} bytes: ${toHex(e.cert.appleNonce)}`,
            APPLE_NONCE_SPEC,
          ),
        ],
        APPLE_NONCE_SPEC,
      );
    }
    return asn1Field(e.bytes, c, 'unexpected', sub(e.ctx, 'unexpected'));
  });
  return node(
    e.bytes,
    n,
    'appleAnonymousAttestation',
    e.ctx,
    e.cert.appleNonce ? toHex(e.cert.appleNonce) : null,
    e.cert.appleNonce ? `nonce ${toHex(e.cert.appleNonce)}` : 'no nonce',
    kids,
    APPLE_NONCE_SPEC,
  );
};
