import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64urlToArrayBuffer, base64urlToBytes, bytesToBase64url, textToBase64url } from '../../src/renderer/src/webauthn/base64url.ts';
import {
  authenticationCredentialToJSON,
  clientErrorFromUnknown,
  extensionInputsFromJSON,
  extensionOutputsToJSON,
  registrationCredentialToJSON,
  splitExtensions,
  toJsonSafe,
  withClientExtensionResults,
  type CredentialLike,
} from '../../src/renderer/src/webauthn/convert.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const ab = (...b: number[]) => new Uint8Array(b).buffer;
const text = (buf: unknown) => new TextDecoder().decode(buf as ArrayBuffer);

describe('base64url', () => {
  it('encodes RFC 4648 test vectors without padding, URL-safe', () => {
    const enc = (s: string) => bytesToBase64url(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('Zg');
    expect(enc('fo')).toBe('Zm8');
    expect(enc('foo')).toBe('Zm9v');
    expect(enc('foob')).toBe('Zm9vYg');
    expect(enc('fooba')).toBe('Zm9vYmE');
    expect(enc('foobar')).toBe('Zm9vYmFy');
    expect(bytesToBase64url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
  });

  it('decodes url-safe, standard alphabet and padded input', () => {
    expect([...base64urlToBytes('-_-_')]).toEqual([0xfb, 0xff, 0xbf]);
    expect([...base64urlToBytes('+/+/')]).toEqual([0xfb, 0xff, 0xbf]);
    expect(new TextDecoder().decode(base64urlToBytes('Zm9vYg=='))).toBe('foob');
    expect(base64urlToBytes('').length).toBe(0);
  });

  it('honours the view window of a typed array (offset and length)', () => {
    const big = bytes(9, 9, 1, 2, 3, 9);
    expect(bytesToBase64url(big.subarray(2, 5))).toBe(bytesToBase64url(bytes(1, 2, 3)));
    expect(bytesToBase64url(new DataView(big.buffer, 2, 3))).toBe('AQID');
  });

  it('rejects invalid characters and impossible lengths with the offset', () => {
    expect(() => base64urlToBytes('ab$d')).toThrow(/invalid character "\$" at offset 2/);
    expect(() => base64urlToBytes('abcde')).toThrow(/impossible length 5/);
    expect(() => base64urlToBytes('ab===')).toThrow(/too much padding/);
    expect(() => base64urlToBytes('abé')).toThrow(/invalid character "é" at offset 2/);
  });

  it('round-trips any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        const encoded = bytesToBase64url(input);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(encoded.length).toBe(Math.ceil((input.length * 4) / 3));
        expect([...base64urlToBytes(encoded)]).toEqual([...input]);
      }),
    );
  });

  it('returns an exactly sized ArrayBuffer', () => {
    const buf = base64urlToArrayBuffer('AQID');
    expect(buf).toBeInstanceOf(ArrayBuffer);
    expect(buf.byteLength).toBe(3);
    expect(textToBase64url('salt-1')).toBe('c2FsdC0x');
  });
});

describe('extensionInputsFromJSON', () => {
  it('turns PRF eval salts and largeBlob.write into ArrayBuffers, keeps everything else', () => {
    const json = {
      credProps: true,
      prf: { eval: { first: 'c2FsdC0x', second: 'c2FsdC0y' } },
      largeBlob: { support: 'preferred' },
      credentialProtectionPolicy: 'userVerificationRequired',
      enforceCredentialProtectionPolicy: true,
      minPinLength: true,
    };
    const out = extensionInputsFromJSON(json)!;
    const prf = out.prf as { eval: { first: ArrayBuffer; second: ArrayBuffer } };
    expect(prf.eval.first).toBeInstanceOf(ArrayBuffer);
    expect(text(prf.eval.first)).toBe('salt-1');
    expect(text(prf.eval.second)).toBe('salt-2');
    expect(out.largeBlob).toEqual({ support: 'preferred' });
    expect(out.credProps).toBe(true);
    expect(out.credentialProtectionPolicy).toBe('userVerificationRequired');
    expect(out.enforceCredentialProtectionPolicy).toBe(true);
    expect(out.minPinLength).toBe(true);
    // the input is not modified
    expect(json.prf.eval.first).toBe('c2FsdC0x');
  });

  it('converts evalByCredential and largeBlob.write, drops a null second salt', () => {
    const out = extensionInputsFromJSON({
      prf: { eval: { first: 'AQID', second: null }, evalByCredential: { 'cred-A': { first: 'BAUG' } } },
      largeBlob: { write: 'aGVsbG8' },
    })!;
    const prf = out.prf as { eval: Record<string, unknown>; evalByCredential: Record<string, { first: ArrayBuffer }> };
    expect('second' in prf.eval).toBe(false);
    expect([...new Uint8Array(prf.eval.first as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect([...new Uint8Array(prf.evalByCredential['cred-A'].first)]).toEqual([4, 5, 6]);
    expect(text((out.largeBlob as { write: ArrayBuffer }).write)).toBe('hello');
  });

  it('leaves binary already present alone and returns undefined for no extensions', () => {
    const salt = ab(1, 2);
    const out = extensionInputsFromJSON({ prf: { eval: { first: salt } } })!;
    expect((out.prf as { eval: { first: ArrayBuffer } }).eval.first).toBe(salt);
    expect(extensionInputsFromJSON(undefined)).toBeUndefined();
    expect(extensionInputsFromJSON(null)).toBeUndefined();
  });

  it('names the member when a salt is not base64url', () => {
    expect(() => extensionInputsFromJSON({ prf: { eval: { first: 'not base64!' } } })).toThrow(
      /extensions\.prf\.eval\.first: expected base64url/,
    );
  });

  it('splitExtensions separates core members from converted extensions', () => {
    const { core, extensions } = splitExtensions({ challenge: 'AA', timeout: 1, extensions: { largeBlob: { write: 'AQ' } } });
    expect(core).toEqual({ challenge: 'AA', timeout: 1 });
    expect('extensions' in core).toBe(false);
    expect(new Uint8Array((extensions!.largeBlob as { write: ArrayBuffer }).write)[0]).toBe(1);
    expect(splitExtensions({ challenge: 'AA' }).extensions).toBeUndefined();
  });
});

describe('extensionOutputsToJSON', () => {
  it('encodes prf.results and largeBlob.blob, keeps booleans', () => {
    const out = extensionOutputsToJSON({
      credProps: { rk: true },
      prf: { enabled: true, results: { first: ab(1, 2, 3), second: new Uint8Array([255, 254]) } },
      largeBlob: { supported: true, blob: ab(104, 105), written: false },
    });
    expect(out).toEqual({
      credProps: { rk: true },
      prf: { enabled: true, results: { first: 'AQID', second: '__4' } },
      largeBlob: { supported: true, blob: 'aGk', written: false },
    });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('returns {} for nothing, drops undefined and functions', () => {
    expect(extensionOutputsToJSON(undefined)).toEqual({});
    expect(extensionOutputsToJSON(null)).toEqual({});
    expect(toJsonSafe({ a: undefined, b: () => 1, c: [ab(0)], d: 5n })).toEqual({ c: ['AA'], d: '5' });
  });

  it('withClientExtensionResults replaces what a serializer left with the converted raw results', () => {
    const fromToJSON = { id: 'x', rawId: 'x', type: 'public-key', response: {}, clientExtensionResults: { prf: {} } };
    const out = withClientExtensionResults(fromToJSON, { prf: { results: { first: ab(7) } } });
    expect(out.clientExtensionResults).toEqual({ prf: { results: { first: 'Bw' } } });
    expect(out.id).toBe('x');
  });
});

function fakeAttestation(overrides: Partial<CredentialLike> = {}): CredentialLike {
  return {
    id: 'AQID',
    rawId: ab(1, 2, 3),
    type: 'public-key',
    authenticatorAttachment: 'cross-platform',
    response: {
      clientDataJSON: ab(123, 125),
      attestationObject: ab(0xa0),
      getTransports: () => ['usb', 'nfc'],
      getPublicKey: () => ab(4, 5),
      getPublicKeyAlgorithm: () => -7,
      getAuthenticatorData: () => ab(6),
    },
    getClientExtensionResults: () => ({ credProps: { rk: false }, prf: { enabled: true } }),
    ...overrides,
  };
}

describe('credential serialisation (no toJSON)', () => {
  it('registration: every member, base64url, L3 getters included', () => {
    expect(registrationCredentialToJSON(fakeAttestation())).toEqual({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      response: {
        clientDataJSON: 'e30',
        attestationObject: 'oA',
        transports: ['usb', 'nfc'],
        publicKeyAlgorithm: -7,
        publicKey: 'BAU',
        authenticatorData: 'Bg',
      },
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: { credProps: { rk: false }, prf: { enabled: true } },
    });
  });

  it('registration: missing or throwing getters are left out, a null attachment too', () => {
    const cred = fakeAttestation({
      authenticatorAttachment: null,
      response: {
        clientDataJSON: ab(1),
        attestationObject: ab(2),
        getPublicKey: () => {
          throw new Error('broken extension');
        },
      },
    });
    const json = registrationCredentialToJSON(cred);
    expect(json.response).toEqual({ clientDataJSON: 'AQ', attestationObject: 'Ag' });
    expect('authenticatorAttachment' in json).toBe(false);
  });

  it('authentication: signature and userHandle; null userHandle left out', () => {
    const cred: CredentialLike = {
      id: 'AQID',
      rawId: ab(1, 2, 3),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: { clientDataJSON: ab(1), authenticatorData: ab(2), signature: ab(3), userHandle: ab(4) },
      getClientExtensionResults: () => ({ largeBlob: { blob: ab(104, 105) } }),
    };
    expect(authenticationCredentialToJSON(cred)).toEqual({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      response: { clientDataJSON: 'AQ', authenticatorData: 'Ag', signature: 'Aw', userHandle: 'BA' },
      authenticatorAttachment: 'platform',
      clientExtensionResults: { largeBlob: { blob: 'aGk' } },
    });
    const noHandle = authenticationCredentialToJSON({
      ...cred,
      response: { clientDataJSON: ab(1), authenticatorData: ab(2), signature: ab(3), userHandle: null },
    });
    expect('userHandle' in noHandle.response).toBe(false);
  });

  it('refuses the wrong kind of response', () => {
    expect(() => authenticationCredentialToJSON(fakeAttestation())).toThrow(/no signature/);
    const assertion: CredentialLike = {
      ...fakeAttestation(),
      response: { clientDataJSON: ab(1), authenticatorData: ab(2), signature: ab(3), userHandle: null },
    };
    expect(() => registrationCredentialToJSON(assertion)).toThrow(/no attestationObject/);
  });
});

describe('clientErrorFromUnknown', () => {
  it('keeps a DOMException name and message', () => {
    const e = new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError');
    expect(clientErrorFromUnknown(e)).toEqual({ name: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' });
    expect(clientErrorFromUnknown(new DOMException('excluded', 'InvalidStateError')).name).toBe('InvalidStateError');
  });

  it('unwraps @simplewebauthn/browser WebAuthnError to the DOMException cause, keeping its code', () => {
    const cause = new DOMException(
      'The user attempted to register an authenticator that contains one of the credentials already registered with the relying party.',
      'InvalidStateError',
    );
    const wrapped = Object.assign(new Error('The authenticator was previously registered', { cause }), {
      name: 'InvalidStateError',
      code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED',
    });
    const out = clientErrorFromUnknown(wrapped);
    expect(out.name).toBe('InvalidStateError');
    expect(out.message).toContain(cause.message);
    expect(out.message).toContain('The authenticator was previously registered');
    expect(out.message).toContain('[ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED]');
  });

  it('handles plain errors, strings and odd values', () => {
    expect(clientErrorFromUnknown(new TypeError('bad'))).toEqual({ name: 'TypeError', message: 'bad' });
    expect(clientErrorFromUnknown('boom')).toEqual({ name: 'Error', message: 'boom' });
    expect(clientErrorFromUnknown(42)).toEqual({ name: 'Error', message: '42' });
    expect(clientErrorFromUnknown({ name: '', message: 'x' })).toEqual({ name: 'Error', message: 'x' });
  });
});
