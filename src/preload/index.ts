/**
 * Preload (sandboxed, contextIsolation): exposes only `window.passkeyExplorer` — opening an
 * allow-listed external URL and reading app info. No Node or Electron object crosses the bridge;
 * arguments are checked here and again in main.
 *
 * Channels (handled by ipcMain.handle in src/main):
 *   'pe:open-external' (url: string) -> void   main allow-lists https:// and the RP origin
 *   'pe:app-info'      ()            -> AppInfo
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfo, BridgeChannel, PasskeyExplorerBridge } from './api';

const OPEN_EXTERNAL: BridgeChannel = 'pe:open-external';
const APP_INFO: BridgeChannel = 'pe:app-info';

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
};

contextBridge.exposeInMainWorld('passkeyExplorer', bridge);
