import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data directory, matching Electron's userData for the app name "Passkey Explorer". */
export function defaultDataDir(): string {
  const env = process.env;
  if (env.PASSKEY_EXPLORER_DATA_DIR) return env.PASSKEY_EXPLORER_DATA_DIR;
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Passkey Explorer');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Passkey Explorer');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Passkey Explorer');
  }
}
