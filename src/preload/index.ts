/**
 * Preload (sandboxed, contextIsolation): exposes only `window.passkeyExplorer` — opening an
 * allow-listed external URL and reading app info. No Node or Electron object crosses the bridge;
 * arguments are checked here and again in main.
 *
 * Channels (handled by ipcMain.handle in src/main):
 *   'pe:open-external' (url: string) -> void   main allow-lists https:// and the RP origin
 *   'pe:app-info'      ()            -> AppInfo
 *   'pe:webauthn-select-account'   main -> window: WebauthnAccountRequest (select-webauthn-account)
 *   'pe:webauthn-account-selected' (requestId: string, credentialId: string | null) -> { settled }
 *   'pe:webauthn-status'           ()            -> WebauthnStatus
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfo, BridgeChannel, PasskeyExplorerBridge, WebauthnAccount, WebauthnAccountRequest, WebauthnStatus } from './api';

const OPEN_EXTERNAL: BridgeChannel = 'pe:open-external';
const APP_INFO: BridgeChannel = 'pe:app-info';
const SELECT_ACCOUNT: BridgeChannel = 'pe:webauthn-select-account';
const ACCOUNT_SELECTED: BridgeChannel = 'pe:webauthn-account-selected';
const WEBAUTHN_STATUS: BridgeChannel = 'pe:webauthn-status';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Copies only the expected fields of main's message (nothing else crosses into the page). */
function toAccountRequest(raw: unknown): WebauthnAccountRequest | null {
  const r = raw as { requestId?: unknown; relyingPartyId?: unknown; accounts?: unknown } | null;
  if (!r || typeof r.requestId !== 'string' || !Array.isArray(r.accounts)) return null;
  const accounts: WebauthnAccount[] = [];
  for (const a of r.accounts as Record<string, unknown>[]) {
    const credentialId = str(a?.credentialId);
    if (!credentialId) continue;
    accounts.push({ credentialId, name: str(a.name), displayName: str(a.displayName), userHandle: str(a.userHandle) });
  }
  return { requestId: r.requestId, relyingPartyId: String(r.relyingPartyId ?? ''), accounts };
}

const bridge: PasskeyExplorerBridge = {
  async openExternal(url: string): Promise<void> {
    if (typeof url !== 'string' || url.length > 2048) throw new TypeError('openExternal: url must be a string of at most 2048 characters');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TypeError(`openExternal: not a URL: ${url}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new TypeError(`openExternal: only https:// (and the RP origin) can be opened, not ${parsed.protocol}`);
    }
    await ipcRenderer.invoke(OPEN_EXTERNAL, parsed.href);
  },
  async appInfo(): Promise<AppInfo> {
    const info = (await ipcRenderer.invoke(APP_INFO)) as Partial<AppInfo> | null;
    return {
      version: String(info?.version ?? ''),
      electron: String(info?.electron ?? ''),
      chrome: String(info?.chrome ?? ''),
      platform: String(info?.platform ?? ''),
      dataDir: String(info?.dataDir ?? ''),
    };
  },
  onSelectWebauthnAccount(listener: (request: WebauthnAccountRequest) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onSelectWebauthnAccount: listener must be a function');
    const onMessage = (_e: Electron.IpcRendererEvent, raw: unknown) => {
      const request = toAccountRequest(raw);
      if (request) listener(request);
    };
    ipcRenderer.on(SELECT_ACCOUNT, onMessage);
    return () => {
      ipcRenderer.removeListener(SELECT_ACCOUNT, onMessage);
    };
  },
  async selectWebauthnAccount(requestId: string, credentialId: string | null): Promise<void> {
    if (typeof requestId !== 'string') throw new TypeError('selectWebauthnAccount: requestId must be a string');
    if (credentialId !== null && typeof credentialId !== 'string')
      throw new TypeError('selectWebauthnAccount: credentialId must be a string or null');
    await ipcRenderer.invoke(ACCOUNT_SELECTED, requestId, credentialId);
  },
  async webauthnStatus(): Promise<WebauthnStatus> {
    const s = (await ipcRenderer.invoke(WEBAUTHN_STATUS)) as WebauthnStatus | null;
    const touchId = s?.touchId?.enabled
      ? { enabled: true as const }
      : { enabled: false as const, reason: String((s?.touchId as { reason?: unknown } | undefined)?.reason ?? '') };
    return { platform: String(s?.platform ?? ''), touchId };
  },
};

contextBridge.exposeInMainWorld('passkeyExplorer', bridge);
