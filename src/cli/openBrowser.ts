import { spawn } from 'node:child_process';

/** Opens `url` in the system's default browser. Resolves false (never throws) when it cannot. */
export function openInBrowser(url: string): Promise<boolean> {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  return new Promise((ok) => {
    try {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', () => ok(false));
      child.once('spawn', () => {
        child.unref();
        ok(true);
      });
    } catch {
      ok(false);
    }
  });
}
