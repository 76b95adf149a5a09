/**
 * A software authenticator for API tests: makes real, verifiable WebAuthn responses (ES256, fmt
 * "none" or packed self attestation) without a browser, so tests can also forge the bad ones
 * (wrong origin, replay, counter regression) on purpose.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { Encoder } from 'cbor-x';

// Plain CTAP2-style CBOR: no tag 259 around Maps, no typed-array tags, shortest map headers.
const cbor = new Encoder({ useRecords: false, mapsAsObjects: false, variableMapSize: true, tagUint8Array: false });
const encode = (v: unknown): Buffer => Buffer.from(cbor.encode(v));

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  cose: Buffer;
  userHandle: string;
  signCount: number;
}

export interface MakeOptions {
  origin: string;
  rpId?: string;
  flags?: { up?: boolean; uv?: boolean; be?: boolean; bs?: boolean };
  fmt?: 'none' | 'packed';
  type?: string;
  challenge?: string;
}

function flagsByte(f: MakeOptions['flags'] = {}, at = false): number {
  return ((f.up ?? true) ? 0x01 : 0) | ((f.uv ?? true) ? 0x04 : 0) | (f.be ? 0x08 : 0) | (f.bs ? 0x10 : 0) | (at ? 0x40 : 0);
}

function coseKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const m = new Map<number, unknown>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  return Buffer.from(encode(m));
}

export class SoftAuthenticator {
  readonly credentials = new Map<string, SoftCredential>();

  /** Answers PublicKeyCredentialCreationOptionsJSON with a RegistrationResponseJSON. */
  register(options: { challenge: string; rp: { id?: string }; user: { id: string } }, opts: MakeOptions & { reuseCredentialId?: string }) {
    let cred = opts.reuseCredentialId ? this.credentials.get(opts.reuseCredentialId) : undefined;
    if (!cred) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const id = randomBytes(32);
      cred = { id, privateKey, cose: coseKey(publicKey), userHandle: options.user.id, signCount: 0 };
      this.credentials.set(b64u(id), cred);
    }
    const { id, cose, privateKey } = cred;
    const rpId = opts.rpId ?? options.rp.id ?? 'localhost';
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: opts.type ?? 'webauthn.create',
        challenge: opts.challenge ?? options.challenge,
        origin: opts.origin,
        crossOrigin: false,
      }),
    );
    const credLen = Buffer.alloc(2);
    credLen.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flagsByte(opts.flags, true)]),
      Buffer.alloc(4),
      Buffer.alloc(16), // AAGUID: zeros
      credLen,
      id,
      cose,
    ]);
    let attStmt: Map<string, unknown> = new Map();
    if (opts.fmt === 'packed') {
      const sig = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), privateKey);
      attStmt = new Map<string, unknown>([
        ['alg', -7],
        ['sig', sig],
      ]);
    }
    const attestationObject = encode(
      new Map<string, unknown>([
        ['fmt', opts.fmt ?? 'none'],
        ['attStmt', attStmt],
        ['authData', authData],
      ]),
    );
    return {
      id: b64u(id),
      rawId: b64u(id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64u(clientDataJSON),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    };
  }

  /** Answers PublicKeyCredentialRequestOptionsJSON with an AuthenticationResponseJSON. */
  assert(
    options: { challenge: string; rpId?: string; allowCredentials?: { id: string }[] },
    opts: MakeOptions & { credentialId?: string; signCount?: number; userHandle?: string | null },
  ) {
    const credId = opts.credentialId ?? options.allowCredentials?.[0]?.id ?? [...this.credentials.keys()][0];
    const cred = this.credentials.get(credId);
    if (!cred) throw new Error(`soft authenticator has no credential ${credId}`);
    cred.signCount = opts.signCount ?? cred.signCount + 1;
    const rpId = opts.rpId ?? options.rpId ?? 'localhost';
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: opts.type ?? 'webauthn.get',
        challenge: opts.challenge ?? options.challenge,
        origin: opts.origin,
        crossOrigin: false,
      }),
    );
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(cred.signCount);
    const authData = Buffer.concat([sha256(rpId), Buffer.from([flagsByte(opts.flags)]), counter]);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), cred.privateKey);
    return {
      id: credId,
      rawId: credId,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        ...(opts.userHandle === null ? {} : { userHandle: opts.userHandle ?? cred.userHandle }),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    };
  }
}
