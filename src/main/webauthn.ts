/**
 * Real authenticators in the desktop app, configured in this one place (called from src/main/index.ts).
 *
 * What Electron 45's typings (node_modules/electron/electron.d.ts) offer, and what is used here:
 * - `app.configureWebAuthn(options: ConfigureWebAuthnOptions)` (macOS): `touchID: { keychainAccessGroup,
 *   promptReason? }` turns on the Touch ID / Secure Enclave platform authenticator; until it is called,
 *   isUserVerifyingPlatformAuthenticatorAvailable() is false on macOS. Turned on only when the running
 *   bundle is signed with a Team ID and a `keychain-access-groups` entitlement (webauthnPolicy.ts).
 *   `platformPasskeys: true` (iCloud Keychain and other credential providers through
 *   ASAuthorizationController) needs an associated domain with an apple-app-site-association file;
 *   the typings state there is no localhost escape hatch, so it cannot serve this app's RP
 *   (rpId "localhost") and is left off. "Open in system browser" covers iCloud Keychain instead.
 * - Session event `select-webauthn-account` (details: { relyingPartyId, accounts: WebAuthnAccount[],
 *   frame }, callback(credentialId?)): without a listener, a discoverable Touch ID sign-in is
 *   cancelled with NotAllowedError even for a single match. Here the window shows its own account
 *   picker (preload channel 'pe:webauthn-select-account', answer on 'pe:webauthn-account-selected').
 *   It may also fire elsewhere when a roaming FIDO2 key returns several discoverable credentials.
 * - Session event `select-webauthn-authenticator` (macOS): only emitted when both touchID and
 *   platformPasskeys are configured; platformPasskeys is off here, so it never fires.
 * Windows: Chromium hands every WebAuthn request to the Windows WebAuthn API, whose system dialog
 * offers Windows Hello, security keys and phones; nothing is configured and nothing blocks it (the
 * window's permission handlers do not gate WebAuthn). Linux: security keys over USB HID, which need
 * the udev `uaccess` rule (README, "Security keys on Linux").
 */
import { execFile } from 'node:child_process';
import { app, ipcMain, session, webContents, type WebFrameMain } from 'electron';
import { setupPicker, type PickerDeps, type WebAuthnSetup } from './accountPicker.ts';
import { appBundleOf, parseCodesign, planTouchId, type TouchIdPlan } from './webauthnPolicy.ts';

const PROMPT_REASON = 'use a passkey for $1 in Passkey Explorer';

/** Reads the running bundle's code signature and entitlements (macOS only). */
function readSignature(): Promise<{ stderr: string; stdout: string }> {
  const bundle = appBundleOf(process.execPath);
  if (!bundle) return Promise.reject(new Error(`${process.execPath} is not inside an .app bundle`));
  return new Promise((ok, fail) => {
    execFile('/usr/bin/codesign', ['-dv', '--entitlements', '-', '--xml', bundle], { timeout: 10_000 }, (error, stdout, stderr) => {
      // Exit status 1 with "not signed at all" is an answer, not a failure.
      if (error && !/not signed at all/i.test(stderr)) fail(new Error(stderr.trim() || error.message));
      else ok({ stderr, stdout });
    });
  });
}

async function touchIdPlan(): Promise<TouchIdPlan> {
  if (process.platform !== 'darwin') return planTouchId({ platform: process.platform, signature: null });
  try {
    const { stderr, stdout } = await readSignature();
    return planTouchId({
      platform: process.platform,
      signature: parseCodesign(stderr, stdout),
      requested: process.env.PASSKEY_EXPLORER_KEYCHAIN_ACCESS_GROUP || undefined,
    });
  } catch (e) {
    return planTouchId({ platform: process.platform, signature: null, signatureError: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Configures WebAuthn for the app's session: Touch ID where the build allows it, and the account
 * picker. `isFromApp` tells whether an IPC sender is the app's own page (the RP origin).
 */
export async function setupWebAuthn(opts: { isFromApp(url: string): boolean; log(line: string): void }): Promise<WebAuthnSetup> {
  const touchId = await touchIdPlan();
  if (touchId.enable) {
    try {
      app.configureWebAuthn({ touchID: { keychainAccessGroup: touchId.keychainAccessGroup, promptReason: PROMPT_REASON } });
      opts.log(`webauthn: Touch ID on (keychain access group ${touchId.keychainAccessGroup})`);
    } catch (e) {
      opts.log(`webauthn: app.configureWebAuthn failed: ${e instanceof Error ? e.message : String(e)}`);
      return setupPicker(electronPickerDeps(opts), {
        enable: false,
        reason: `app.configureWebAuthn failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  } else {
    opts.log(`webauthn: Touch ID off — ${touchId.reason}`);
  }
  return setupPicker(electronPickerDeps(opts), touchId);
}

function electronPickerDeps(opts: { isFromApp(url: string): boolean; log(line: string): void }): PickerDeps {
  return {
    session: session.defaultSession as unknown as PickerDeps['session'],
    ipc: ipcMain,
    fromFrame: (frame) => webContents.fromFrame(frame as WebFrameMain),
    isFromApp: opts.isFromApp,
    log: opts.log,
    platform: process.platform,
  };
}
