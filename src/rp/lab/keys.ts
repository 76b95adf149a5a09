/** Credential bytes for people: PKCS#8 base64 <-> PEM, the public key, base64 <-> base64url. */
import { createPrivateKey, createPublicKey } from 'node:crypto';

export const b64ToB64url = (b64: string): string => Buffer.from(b64, 'base64').toString('base64url');
export const b64urlToB64 = (b64u: string): string => Buffer.from(b64u, 'base64url').toString('base64');

/** PKCS#8 (standard base64, as CDP gives it) -> "-----BEGIN PRIVATE KEY-----" PEM. */
export function pkcs8ToPem(b64: string): string {
  const body =
    Buffer.from(b64, 'base64')
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${body.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** A PEM private key (PKCS#8 or SEC1 "EC PRIVATE KEY") or base64 PKCS#8 -> base64 PKCS#8 for CDP. */
export function toPkcs8Base64(key: string): string {
  const text = key.trim();
  if (text.startsWith('-----BEGIN')) {
    const k = createPrivateKey({ key: text, format: 'pem' });
    return k.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  }
  const der = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }); // throws when it is not a PKCS#8 key
  return der.toString('base64');
}

export interface PublicKeyInfo {
  pem: string;
  jwk: Record<string, unknown>;
  type: string;
}

export function publicKeyOf(pkcs8b64: string): PublicKeyInfo | null {
  try {
    const priv = createPrivateKey({ key: Buffer.from(pkcs8b64, 'base64'), format: 'der', type: 'pkcs8' });
    const pub = createPublicKey(priv);
    const details = pub.asymmetricKeyDetails as { namedCurve?: string; modulusLength?: number } | undefined;
    const type =
      pub.asymmetricKeyType === 'ec'
        ? `EC ${details?.namedCurve ?? ''}`.trim()
        : pub.asymmetricKeyType === 'rsa'
          ? `RSA ${details?.modulusLength ?? ''}`.trim()
          : String(pub.asymmetricKeyType);
    return {
      pem: String(pub.export({ type: 'spki', format: 'pem' })),
      jwk: pub.export({ format: 'jwk' }) as Record<string, unknown>,
      type,
    };
  } catch {
    return null;
  }
}

/** UTF-8 text of bytes when they are valid, printable text; null otherwise. */
export function textOf(b64: string | undefined): string | null {
  if (!b64) return null;
  const bytes = Buffer.from(b64, 'base64');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex -- control characters are what make a large blob binary rather than text
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}
