/** Pure helpers for the metadata dialog and the verifier views (no React, no DOM). */

/** The certificate text to send: PEM as it is; a binary DER file as base64 (the RP accepts both). */
export function fileToPem(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(text)) return text.trim() + '\n';
  // Binary DER starts with a SEQUENCE (0x30); anything else is passed as text and the RP says what it is.
  if (bytes.length > 0 && bytes[0] === 0x30) return toBase64(bytes);
  return text;
}

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A trust root name the RP accepts ([A-Za-z0-9][A-Za-z0-9._ -]{0,80}) from a file name. */
export function rootNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(pem|crt|cer|der)$/i, '');
  return base
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 80);
}

/** The project page of a list published on raw.githubusercontent.com (the window links only to github.com). */
export function projectPage(url: string): string | null {
  const m = /^https:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\//.exec(url);
  return m ? `https://github.com/${m[1]}/${m[2]}` : null;
}
