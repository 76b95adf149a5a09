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
}

/** IPC channel names (ipcRenderer.invoke / ipcMain.handle). */
export type BridgeChannel = 'pe:open-external' | 'pe:app-info';

declare global {
  interface Window {
    passkeyExplorer?: PasskeyExplorerBridge;
  }
}
