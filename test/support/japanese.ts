/**
 * English left in Japanese text: the words a Japanese reader would have to read in English. What a
 * Japanese UI keeps in Latin letters on purpose is not counted: identifiers from the specs and the
 * code (camelCase, snake_case, dotted, hyphenated, with digits: clientDataJSON, TPMT_PUBLIC,
 * webauthn.create, id-fido-gen-ce-aaguid, x5c), acronyms (AAGUID, RP, UV), proper names (Chromium,
 * Windows Hello — capitalized words alone), quoted values ("none", “alice”), URLs and hex, and CBOR /
 * JSON notation (map(3), bytes(32), true, null). A lowercase English word among Japanese — or two
 * English words in a row, as in "Copy as" — is a leak.
 */

/** Lowercase words that are notation or values, not English prose (see docs/glossary.md). */
const NOTATION = new Set([
  // JWT claim names and RFC 8176 amr values, as a session token carries them.
  'amr',
  'pwd',
  'otp',
  'hwk',
  'swk',
  'mfa',
  'sub',
  'iat',
  'exp',
  'jti',
  'iss',
  'aud',
  'scrypt',
  'uint',
  'nint',
  'bytes',
  'text',
  'array',
  'map',
  'tag',
  'simple',
  'float',
  'true',
  'false',
  'null',
  'undefined',
  'hex',
  'base64url',
  'base64',
  'ms',
  'fmt',
  'alg',
  'sig',
  'ver',
  'none',
  'packed',
  'tpm',
  'apple',
  'direct',
  'indirect',
  'enterprise',
  'required',
  'preferred',
  'discouraged',
  'localhost',
  'https',
  'http',
  'platform',
  'public',
  // WebAuthn / CTAP member names written on their own (the camelCase ones are caught as identifiers).
  'attestation',
  'challenge',
  'origin',
  'type',
  'hints',
  'timeout',
  'rp',
  'user',
  'id',
  'name',
  'extensions',
  'transports',
  'rk',
  'nonce',
  'prf',
  'self',
  'any',
  'capabilities',
  'signature',
  'iframe',
  'purpose',
  'subject',
  'issuer',
  'status',
  'response',
  // TPM 2.0 structure member and attribute names.
  'clock',
  'resets',
  'restarts',
  'decrypt',
  'sign',
  'restricted',
  'key',
  'header',
  'flags',
  'mediation',
  'conditional',
  'immediate',
  'hybrid',
  'internal',
  'usb',
  'nfc',
  'ble',
]);

/** The English words left in `text` once what is allowed in Latin letters is taken out. */
export function englishLeaks(text: string): string[] {
  const stripped = text
    .replace(/`[^`]*`/g, ' ') // code spans: commands
    .replace(/https?:\/\/[^\s"”]+/g, ' ')
    .replace(/"(?:[^"\\]|\\.)*"|“[^”]*”|'[^']*'/g, ' ') // quoted values and data
    .replace(/\S*[/…@]\S*/g, ' ') // paths, elided and scoped names (POST /api/…, parse…FromJSON, @simplewebauthn/server)
    .replace(/[\w.+-]+@[\w.-]+/g, ' ') // e-mail addresses (in certificate names)
    .replace(/[\w.-]+=[^,+—\n]*/g, ' ') // distinguished-name attributes (CN=…, title=…): data
    .replace(/\S+:\S+/g, ' ') // other URIs (android:apk-key-hash:…)
    .replace(/\b[\w.-]*[_.\d-][\w.-]*\b/g, ' ') // identifiers with _, ., digits or -
    .replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, ' ') // camelCase
    .replace(/\b[A-Z]{2,}[a-z]*\b/g, ' ') // acronyms (and AAGUIDs)
    .replace(/\b[a-z]+\(/g, ' ('); // notation like map(3)
  const leaks: string[] = [];
  // Two Latin words in a row (a phrase), or a lowercase word on its own.
  for (const m of stripped.matchAll(/[A-Za-z]+(?:[ \t]+[A-Za-z]+)*/g)) {
    const words = m[0].split(/\s+/);
    const prose = words.filter((w) => !NOTATION.has(w.toLowerCase()));
    if (prose.length >= 2 && prose.some((w) => /^[a-z]/.test(w))) leaks.push(m[0]);
    else if (prose.length === 1 && /^[a-z]{2,}$/.test(prose[0])) leaks.push(prose[0]);
  }
  return leaks;
}
