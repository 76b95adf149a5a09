/**
 * The lab's secrets and how the server keeps them: passwords as scrypt hashes with a per-user salt
 * (node:crypto, asynchronous: a hash never stalls the event loop), magic-link tokens and e-mail codes
 * as SHA-256 digests compared in constant time. What is stored can be shown; what it came from cannot
 * be recovered from it.
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, the RFC 7914 interactive setting; OWASP's floor is 2^17 for production). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer, p: { N: number; r: number; p: number; keylen: number }): Promise<Buffer> {
  return new Promise((ok, fail) =>
    scrypt(password.normalize('NFKC'), salt, p.keylen, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 }, (e, key) =>
      e ? fail(e) : ok(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` is the one `stored` was made from (constant time over the derived keys). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    keylen: expected.length,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const digest = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('base64url');

/** Constant-time comparison of a secret's digest with a stored one (both base64url SHA-256). */
export function sameDigest(secret: string, stored: string): boolean {
  const a = Buffer.from(digest(secret), 'base64url');
  const b = Buffer.from(stored, 'base64url');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A magic-link token: 256 random bits, base64url (43 characters). */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');

/** A six-digit code, uniformly from 000000 to 999999. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');
