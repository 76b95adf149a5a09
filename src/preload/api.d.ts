/**
 * What the preload exposes to the window (contextBridge, `window.passkeyExplorer`).
 *
 * Optional: undefined when the page runs in a system browser (`passkey-explorer serve`), so the
 * renderer must check for it. The ipcMain side lives in src/main on the same channel names.
 */
export interface AppInfo {
  version: string;
  electron: string;
  chrome: string;
  platform: string;
  dataDir: string;
}

export interface PasskeyExplorerBridge {
  /** Opens a URL in the system browser. Main allow-lists https:// and the RP origin; others reject. */
  openExternal(url: string): Promise<void>;
  appInfo(): Promise<AppInfo>;
  /**
   * Electron's `select-webauthn-account`: several discoverable credentials (Touch ID, or a security
   * key) match a sign-in and the user must choose. The listener shows the app's picker and answers
   * with `selectWebauthnAccount`. Returns the unsubscribe function.
   */
  onSelectWebauthnAccount(listener: (request: WebauthnAccountRequest) => void): () => void;
  /** Answers a picker request: one of its accounts' credentialId, or null to cancel (NotAllowedError). */
  selectWebauthnAccount(requestId: string, credentialId: string | null): Promise<void>;
  /** Touch ID on or off in this build, and why (src/main/webauthn.ts). */
  webauthnStatus(): Promise<WebauthnStatus>;
}

/** One account offered by `select-webauthn-account` (Electron's WebAuthnAccount). */
export interface WebauthnAccount {
  /** base64url, as PublicKeyCredential.id. */
  credentialId: string;
  name?: string;
  displayName?: string;
  /** base64url user.id. */
  userHandle?: string;
}

export interface WebauthnAccountRequest {
  requestId: string;
  relyingPartyId: string;
  accounts: WebauthnAccount[];
}

export interface WebauthnStatus {
  platform: string;
  touchId: { enabled: true } | { enabled: false; reason: string };
}

/** IPC channel names (ipcRenderer.invoke / ipcMain.handle). */
export type BridgeChannel =
  | 'pe:open-external'
  | 'pe:app-info'
  /** main -> window (webContents send): a select-webauthn-account request. */
  | 'pe:webauthn-select-account'
  /** window -> main (invoke): (requestId, credentialId | null). */
  | 'pe:webauthn-account-selected'
  | 'pe:webauthn-status';

declare global {
  interface Window {
    passkeyExplorer?: PasskeyExplorerBridge;
  }
}
