/**
 * The site target's two pure parts: how a tamper reaches a site's own request body (each response
 * field found as base64url or as base64, padded or not, replaced; a body carrying none of them left
 * alone), and when a step's options are met by the page's own options.
 */
import { describe, expect, it } from 'vitest';
import { optionsMismatch, rewriteBody } from '../../src/rp/harness/siteTarget.ts';

const from = { id: 'AAEC', rawId: 'AAEC', response: { clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0', signature: '_-8' } };
const to = { id: 'AAEC', rawId: 'AAEC', response: { clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0', signature: '_-8' } };

describe('rewriteBody', () => {
  it('replaces a field in base64url, as most sites post it', () => {
    const body = JSON.stringify({ response: { id: 'AAEC', response: { clientDataJSON: from.response.clientDataJSON } } });
    expect(JSON.parse(rewriteBody(body, from, to)!).response.response.clientDataJSON).toBe(to.response.clientDataJSON);
  });
  it('replaces it in standard base64 too, padded or not', () => {
    const std = Buffer.from(from.response.clientDataJSON, 'base64url').toString('base64');
    const want = Buffer.from(to.response.clientDataJSON, 'base64url').toString('base64');
    expect(rewriteBody(`{"c":"${std}"}`, from, to)).toBe(`{"c":"${want}"}`);
    expect(rewriteBody(`{"c":"${std.replace(/=+$/, '')}"}`, from, to)).toBe(`{"c":"${want.replace(/=+$/, '')}"}`);
  });
  it('leaves a body alone that carries none of the fields (another request of the page)', () => {
    expect(rewriteBody('{"email":"a@example.test"}', from, to)).toBeNull();
    // Unchanged fields are not looked for: the same id in both responses changes nothing.
    expect(rewriteBody('{"id":"AAEC"}', from, to)).toBeNull();
  });
});

describe('optionsMismatch', () => {
  const reg = {
    publicKey: {
      attestation: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      pubKeyCredParams: [{ alg: -8 }, { alg: -7 }, { alg: -257 }],
    },
  };
  it('a step whose options the page asked for runs', () => {
    expect(optionsMismatch('register', { userVerification: 'preferred', attestation: 'none' }, reg)).toBeNull();
    // residentKey required is met by preferred: the lab's authenticator stores discoverable credentials.
    expect(optionsMismatch('register', { residentKey: 'required' }, reg)).toBeNull();
    expect(optionsMismatch('authenticate', { allowCredentials: false }, { publicKey: { challenge: 'x' } })).toBeNull();
  });
  it('a step that needs other options names both', () => {
    expect(optionsMismatch('register', { userVerification: 'required' }, reg)).toBe(
      'the site’s page asked for userVerification "preferred"; this step needs "required"',
    );
    expect(optionsMismatch('register', { pubKeyCredParams: [-7] }, reg)).toContain('asked for pubKeyCredParams [-8,-7,-257]');
    expect(optionsMismatch('authenticate', { allowCredentials: true }, { publicKey: { allowCredentials: [] } })).toBe(
      'the site’s page asked for allowCredentials "none"; this step needs "a list"',
    );
    expect(optionsMismatch('authenticate', { userVerification: 'required' }, { publicKey: {} })).toContain(
      'asked for userVerification "preferred"',
    );
  });
});
