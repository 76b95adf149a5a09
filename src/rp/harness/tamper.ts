/**
 * What an attacker (or a broken client) does to a response between the authenticator and the RP:
 * each tamper changes exactly one thing, so the RP must reject it at exactly one step — the first
 * check that looks at that thing. Bytes are re-encoded as base64url like the rest of the response.
 */
import type { TAMPERS } from '@api/harness.ts';

type Tamper = (typeof TAMPERS)[number];
type Json = Record<string, any>;

const b64u = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64url');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));

function clientData(r: Json, edit: (c: Json) => void): void {
  const c = JSON.parse(Buffer.from(r.response.clientDataJSON, 'base64url').toString('utf8')) as Json;
  edit(c);
  r.response.clientDataJSON = b64u(Buffer.from(JSON.stringify(c), 'utf8'));
}

/** The authenticator data, wherever this response keeps it (an assertion's field, or inside the attestation object). */
function authData(r: Json, edit: (a: Uint8Array) => Uint8Array): void {
  if (typeof r.response.attestationObject !== 'string') {
    r.response.authenticatorData = b64u(edit(bytes(r.response.authenticatorData)));
    return;
  }
  // Registration: toJSON() gives authenticatorData beside the attestation object; the RP reads the
  // attestation object's copy, so both are changed alike.
  const att = bytes(r.response.attestationObject);
  const key = Buffer.from('authData', 'latin1');
  const at = Buffer.from(att).indexOf(key);
  if (at < 0) throw new Error('no authData in the attestation object');
  let p = at + key.length;
  const head = att[p];
  let len: number;
  let hdr: number;
  if (head === 0x58) [len, hdr] = [att[p + 1], 2];
  else if (head === 0x59) [len, hdr] = [(att[p + 1] << 8) | att[p + 2], 3];
  else throw new Error('unexpected authData length encoding');
  p += hdr;
  const changed = edit(att.slice(p, p + len));
  if (changed.length !== len) throw new Error('a registration tamper must keep authData’s length');
  att.set(changed, p);
  r.response.attestationObject = b64u(att);
  if (typeof r.response.authenticatorData === 'string') r.response.authenticatorData = b64u(changed);
}

export function tamper(response: Json, kind: Tamper): Json {
  const r = structuredClone(response);
  switch (kind) {
    case 'origin':
      // The same UI served on another localhost port: a different origin of the same host.
      clientData(r, (c) => {
        const u = new URL(c.origin);
        u.port = String((Number(u.port || 80) % 65000) + 1);
        c.origin = u.origin;
      });
      return r;
    case 'type':
      clientData(r, (c) => (c.type = c.type === 'webauthn.get' ? 'webauthn.create' : 'webauthn.get'));
      return r;
    case 'challenge':
      clientData(r, (c) => (c.challenge = b64u(Buffer.alloc(32, 0x42))));
      return r;
    case 'clientDataJSON':
      // A field added after signing: the bytes the signature covers changed.
      clientData(r, (c) => (c.tampered = true));
      return r;
    case 'rpIdHash':
      authData(r, (a) => {
        const out = a.slice();
        out[0] ^= 0xff;
        return out;
      });
      return r;
    case 'truncateAuthenticatorData':
      r.response.authenticatorData = b64u(bytes(r.response.authenticatorData).slice(0, 36));
      return r;
    case 'truncateAttestationObject': {
      const att = bytes(r.response.attestationObject);
      r.response.attestationObject = b64u(att.slice(0, att.length - 40));
      return r;
    }
    case 'trailingBytes':
      if (typeof r.response.attestationObject === 'string')
        r.response.attestationObject = b64u(new Uint8Array([...bytes(r.response.attestationObject), 0x00]));
      else r.response.authenticatorData = b64u(new Uint8Array([...bytes(r.response.authenticatorData), 0x00]));
      return r;
    case 'nonCanonicalCbor': {
      // The attestation object's top-level map header in a longer form than needed (0xa3 -> 0xb8 0x03).
      const att = bytes(r.response.attestationObject);
      if (att[0] < 0xa0 || att[0] > 0xb7) throw new Error('the attestation object is not a short map');
      r.response.attestationObject = b64u(new Uint8Array([0xb8, att[0] - 0xa0, ...att.slice(1)]));
      return r;
    }
    case 'userHandle':
      r.response.userHandle = b64u(Buffer.from('someone-else'));
      return r;
  }
}
