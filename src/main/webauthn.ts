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
import { randomUUID } from 'node:crypto';
import { app, ipcMain, session, webContents, type WebContents } from 'electron';
import {
  appBundleOf,
  chosenCredential,
  parseCodesign,
  planTouchId,
  toAccountRequest,
  type AccountRequest,
  type TouchIdPlan,
} from './webauthnPolicy.ts';

const SELECT_ACCOUNT_CHANNEL = 'pe:webauthn-select-account';
const ACCOUNT_SELECTED_CHANNEL = 'pe:webauthn-account-selected';
const STATUS_CHANNEL = 'pe:webauthn-status';
/** A picker nobody answers is cancelled after this long (the page gets NotAllowedError). */
const PICKER_TIMEOUT_MS = 5 * 60_000;
const PROMPT_REASON = 'use a passkey for $1 in Passkey Explorer';

export interface WebAuthnSetup {
  touchId: TouchIdPlan;
}

interface Pending {
  request: AccountRequest;
  contents: WebContents;
  callback: (credentialId?: string | null) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Removes the listeners that cancel the picker when the window reloads or closes. */
  detach(): void;
}

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
      return setupPicker(opts, { enable: false, reason: `app.configureWebAuthn failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  } else {
    opts.log(`webauthn: Touch ID off — ${touchId.reason}`);
  }
  return setupPicker(opts, touchId);
}

function setupPicker(opts: { isFromApp(url: string): boolean; log(line: string): void }, touchId: TouchIdPlan): WebAuthnSetup {
  const pending = new Map<string, Pending>();

  const settle = (requestId: string, credentialId: string | undefined) => {
    const p = pending.get(requestId);
    if (!p) return;
    pending.delete(requestId);
    clearTimeout(p.timer);
    p.detach();
    p.callback(credentialId);
  };

  session.defaultSession.on('select-webauthn-account', (_event, details, callback) => {
    const frame = details.frame;
    const contents = frame ? webContents.fromFrame(frame) : undefined;
    if (!frame || !contents || contents.isDestroyed() || !opts.isFromApp(frame.url)) {
      // Not the app's window (or it is gone): nobody to ask, so the request is cancelled.
      callback();
      return;
    }
    const request = toAccountRequest(randomUUID(), details);
    if (request.accounts.length === 0) {
      callback();
      return;
    }
    // The page that asked goes away (reload, navigation, crash, close): cancel its picker.
    const cancel = () => settle(request.requestId, undefined);
    contents.on('did-navigate', cancel);
    contents.on('render-process-gone', cancel);
    contents.on('destroyed', cancel);
    const detach = () => {
      if (contents.isDestroyed()) return;
      contents.off('did-navigate', cancel);
      contents.off('render-process-gone', cancel);
      contents.off('destroyed', cancel);
    };
    const timer = setTimeout(cancel, PICKER_TIMEOUT_MS);
    pending.set(request.requestId, { request, contents, callback, timer, detach });
    opts.log(
      `webauthn: select-webauthn-account for ${request.relyingPartyId} (${request.accounts.length} accounts) -> the window's picker`,
    );
    frame.send(SELECT_ACCOUNT_CHANNEL, request);
  });

  ipcMain.handle(ACCOUNT_SELECTED_CHANNEL, (e, requestId: unknown, credentialId: unknown) => {
    if (!opts.isFromApp(e.senderFrame?.url ?? '')) throw new Error('refused: the answer did not come from the app window');
    if (typeof requestId !== 'string') throw new TypeError('requestId must be a string');
    const p = pending.get(requestId);
    if (!p) return { settled: false };
    if (p.contents.id !== e.sender.id) throw new Error('refused: the answer came from another window than the one asked');
    settle(requestId, chosenCredential(p.request, credentialId));
    return { settled: true };
  });

  // What the window shows beside its capabilities: is Touch ID on in this build, and if not, why.
  ipcMain.handle(STATUS_CHANNEL, (e) => {
    if (!opts.isFromApp(e.senderFrame?.url ?? '')) throw new Error('refused: the request did not come from the app window');
    return { platform: process.platform, touchId: touchId.enable ? { enabled: true } : { enabled: false, reason: touchId.reason } };
  });

  return { touchId };
}
