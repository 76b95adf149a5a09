/**
 * Sessions as signed JWTs (jose): ES256 with a key made at each launch, `iss` and `aud` the RP's
 * origin, one hour, a `jti` per session, and `amr` (RFC 8176) from what actually happened — the
 * method, and for a passkey its flags. Claims name the account, never a password, hash, token or code.
 */
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import { SESSION_TTL_S, type Amr, type AuthMethod, type Session, type SessionClaims } from '@api/auth.ts';

/** What the sign-in proved, for `amr`: a passkey's UP, UV and BE flags. */
export interface Proof {
  method: AuthMethod;
  flags?: { up: boolean; uv: boolean; be: boolean };
}

/** `amr` values and why each is there (RFC 8176 §2). */
export function amrOf(proof: Proof): { value: Amr; reason: string }[] {
  switch (proof.method) {
    case 'password':
      return [{ value: 'pwd', reason: 'a password was checked against its stored hash (something the user knows)' }];
    case 'magic-link':
      return [{ value: 'otp', reason: 'a single-use link sent by e-mail was followed (possession of the mailbox)' }];
    case 'email-otp':
      return [{ value: 'otp', reason: 'a single-use code sent by e-mail was entered (possession of the mailbox)' }];
    case 'passkey': {
      const f = proof.flags ?? { up: false, uv: false, be: false };
      const out: { value: Amr; reason: string }[] = [
        f.be
          ? { value: 'swk', reason: 'a passkey signed the challenge; BE=1: the key may be synced, so it is a software-secured key' }
          : { value: 'hwk', reason: 'a passkey signed the challenge; BE=0: the key is bound to its authenticator (hardware-secured)' },
      ];
      if (f.up) out.push({ value: 'user', reason: 'UP=1: the authenticator tested that the user was present' });
      if (f.uv)
        out.push({ value: 'mfa', reason: 'UV=1: the authenticator verified the user (PIN or biometric) beside possession of the key' });
      return out;
    }
  }
}

export class SessionIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly kid: string,
    private readonly originOf: () => string,
    private readonly now: () => number,
  ) {}

  static async create(origin: () => string, now: () => number = Date.now): Promise<SessionIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    return new SessionIssuer(privateKey, publicKey, `${jwk.x!.slice(0, 8)}`, origin, now);
  }

  async issue(subject: { userId: string; email: string }, proof: Proof): Promise<Session> {
    const reasons = amrOf(proof);
    const iat = Math.floor(this.now() / 1000);
    const claims: SessionClaims = {
      iss: this.originOf(),
      aud: this.originOf(),
      sub: subject.userId,
      iat,
      exp: iat + SESSION_TTL_S,
      jti: randomUUID(),
      amr: reasons.map((r) => r.value),
      email: subject.email,
      method: proof.method,
    };
    const header = { alg: 'ES256', typ: 'JWT', kid: this.kid };
    const jwt = await new SignJWT({ ...claims }).setProtectedHeader(header).sign(this.privateKey);
    return { jwt, header, claims, amrReasons: reasons };
  }

  /** The claims of a session this launch issued and that is still valid, or why not. */
  async check(jwt: string): Promise<{ valid: true; claims: SessionClaims } | { valid: false; reason: string }> {
    try {
      decodeProtectedHeader(jwt);
    } catch {
      return { valid: false, reason: 'This is not a JWT (three base64url parts: header, claims, signature).' };
    }
    try {
      const { payload } = await jwtVerify(jwt, this.publicKey, {
        issuer: this.originOf(),
        audience: this.originOf(),
        algorithms: ['ES256'],
        currentDate: new Date(this.now()),
      });
      return { valid: true, claims: payload as unknown as SessionClaims };
    } catch (e) {
      if (e instanceof errors.JWTExpired) return { valid: false, reason: 'The session has expired (exp is in the past).' };
      if (e instanceof errors.JWSSignatureVerificationFailed) {
        return {
          valid: false,
          reason: 'The signature does not verify with this launch’s key: the JWT was altered, or issued by another launch.',
        };
      }
      if (e instanceof errors.JWTClaimValidationFailed)
        return { valid: false, reason: `The claim "${e.claim}" is not what this RP issues: ${e.reason}.` };
      return { valid: false, reason: `The JWT is not valid: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
}
