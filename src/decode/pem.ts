/** PEM armour (RFC 7468) around DER: certificates and public keys as people paste and save them. */
import { decodeBase64Any, toBase64 } from './bytes';

/** PEM text of DER bytes: '-----BEGIN <label>-----', base64 in 64 columns, '-----END <label>-----'. */
export function toPem(der: Uint8Array, label = 'PUBLIC KEY'): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** PEM -> DER of the first CERTIFICATE block (or bare base64); null when there is none or it is not base64. */
export function pemToDer(pem: string): Uint8Array | null {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  const body = (m ? m[1] : pem).replace(/[\s\r\n]/g, '');
  const r = decodeBase64Any(body);
  return r.ok && r.bytes.length > 0 ? r.bytes : null;
}
