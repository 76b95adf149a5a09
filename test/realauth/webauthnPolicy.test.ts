import { describe, expect, it } from 'vitest';
import {
  appBundleOf,
  chosenCredential,
  parseCodesign,
  parseKeychainAccessGroups,
  planTouchId,
  toAccountRequest,
} from '../../src/main/webauthnPolicy.ts';

const ENTITLEMENTS = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>com.apple.security.cs.allow-jit</key><true/>
  <key>keychain-access-groups</key>
  <array>
    <string>ABCDE12345.dev.example.passkey-explorer.shared</string>
    <string>ABCDE12345.dev.example.passkey-explorer.webauthn</string>
  </array>
</dict></plist>`;

const SIGNED = `Executable=/Applications/Passkey Explorer.app/Contents/MacOS/Passkey Explorer
Identifier=dev.example.passkey-explorer
Format=app bundle with Mach-O universal (x86_64 arm64)
CodeDirectory v=20500 size=1234 flags=0x10000(runtime) hashes=28+7 location=embedded
Signature size=9000
Authority=Developer ID Application: Example (ABCDE12345)
TeamIdentifier=ABCDE12345
`;
const ADHOC = `Executable=/tmp/X.app/Contents/MacOS/X
Identifier=com.github.Electron
CodeDirectory v=20400 size=500 flags=0x20002(adhoc,linker-signed) hashes=10+0 location=embedded
Signature=adhoc
TeamIdentifier=not set
`;

describe('Touch ID plan (app.configureWebAuthn only on signed builds)', () => {
  it('reads the signature and the keychain access groups', () => {
    expect(parseKeychainAccessGroups(ENTITLEMENTS)).toEqual([
      'ABCDE12345.dev.example.passkey-explorer.shared',
      'ABCDE12345.dev.example.passkey-explorer.webauthn',
    ]);
    expect(parseKeychainAccessGroups('<plist><dict/></plist>')).toEqual([]);
    expect(parseCodesign(SIGNED, ENTITLEMENTS)).toMatchObject({
      signed: true,
      adhoc: false,
      teamId: 'ABCDE12345',
      identifier: 'dev.example.passkey-explorer',
    });
    expect(parseCodesign(ADHOC, '')).toMatchObject({ signed: true, adhoc: true, teamId: null, keychainAccessGroups: [] });
    expect(parseCodesign('/x/X.app: code object is not signed at all\n', '')).toMatchObject({ signed: false });
  });

  it('turns Touch ID on with the .webauthn group of a Team-ID signature', () => {
    expect(planTouchId({ platform: 'darwin', signature: parseCodesign(SIGNED, ENTITLEMENTS) })).toEqual({
      enable: true,
      keychainAccessGroup: 'ABCDE12345.dev.example.passkey-explorer.webauthn',
    });
    expect(
      planTouchId({
        platform: 'darwin',
        signature: parseCodesign(SIGNED, ENTITLEMENTS),
        requested: 'ABCDE12345.dev.example.passkey-explorer.shared',
      }),
    ).toEqual({ enable: true, keychainAccessGroup: 'ABCDE12345.dev.example.passkey-explorer.shared' });
  });

  it('leaves it off, with the reason, everywhere else', () => {
    const off = (p: ReturnType<typeof planTouchId>) => (p.enable ? 'on' : p.reason);
    expect(off(planTouchId({ platform: 'win32', signature: null }))).toMatch(/macOS only/);
    expect(off(planTouchId({ platform: 'linux', signature: null }))).toMatch(/macOS only/);
    expect(off(planTouchId({ platform: 'darwin', signature: null, signatureError: 'codesign: not found' }))).toMatch(/codesign: not found/);
    expect(off(planTouchId({ platform: 'darwin', signature: parseCodesign('X.app: code object is not signed at all', '') }))).toMatch(
      /not code-signed/,
    );
    expect(off(planTouchId({ platform: 'darwin', signature: parseCodesign(ADHOC, ENTITLEMENTS) }))).toMatch(/ad-hoc/);
    expect(off(planTouchId({ platform: 'darwin', signature: parseCodesign(SIGNED, '') }))).toMatch(
      /ABCDE12345\.dev\.example\.passkey-explorer\.webauthn/,
    );
    expect(off(planTouchId({ platform: 'darwin', signature: parseCodesign(SIGNED, ENTITLEMENTS), requested: 'OTHER.group' }))).toMatch(
      /not in the signed/,
    );
  });

  it('finds the .app bundle of the executable', () => {
    expect(appBundleOf('/Applications/Passkey Explorer.app/Contents/MacOS/Passkey Explorer')).toBe('/Applications/Passkey Explorer.app');
    expect(appBundleOf('/usr/lib/electron/electron')).toBeNull();
  });
});

describe('select-webauthn-account bridge', () => {
  const details = {
    relyingPartyId: 'localhost',
    accounts: [
      { credentialId: 'cred-A_1', name: 'alice', displayName: 'Alice', userHandle: 'dXNlcg' },
      { credentialId: 'cred-B', name: '' },
      { credentialId: 'not base64url!' },
      { nothing: true },
    ],
  };

  it('passes only well-formed accounts to the window', () => {
    expect(toAccountRequest('r1', details)).toEqual({
      requestId: 'r1',
      relyingPartyId: 'localhost',
      accounts: [{ credentialId: 'cred-A_1', name: 'alice', displayName: 'Alice', userHandle: 'dXNlcg' }, { credentialId: 'cred-B' }],
    });
  });

  it('answers Electron with an offered credential id, anything else cancels', () => {
    const req = toAccountRequest('r1', details);
    expect(chosenCredential(req, 'cred-B')).toBe('cred-B');
    expect(chosenCredential(req, 'cred-C')).toBeUndefined();
    expect(chosenCredential(req, null)).toBeUndefined();
    expect(chosenCredential(req, 42)).toBeUndefined();
  });
});
