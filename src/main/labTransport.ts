/**
 * The virtual authenticator lab's transport in the desktop app: the window's own CDP session through
 * Electron's webContents.debugger. src/rp never imports Electron; main hands this to the RP's LabHost.
 */
import type { WebContents } from 'electron';
import type { LabTransport } from '../rp/lab/types.ts';

/** What the transport uses of a window's contents (test/main passes a fake). */
export type DebuggableContents = Pick<WebContents, 'once'> & {
  debugger: Pick<WebContents['debugger'], 'isAttached' | 'attach' | 'detach' | 'on' | 'once' | 'sendCommand'>;
};

export function debuggerTransport(contents: DebuggableContents): LabTransport {
  const dbg = contents.debugger;
  if (!dbg.isAttached()) dbg.attach('1.3');
  const listeners = new Map<string, Set<(params: unknown) => void>>();
  dbg.on('message', (_event, method, params) => {
    for (const listener of listeners.get(method) ?? []) listener(params);
  });
  return {
    send: (method, params) => dbg.sendCommand(method, params ?? {}),
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
    },
    onClose(listener) {
      dbg.once('detach', (_event, reason) => listener(`the debugger detached: ${reason}`));
      contents.once('destroyed', () => listener('the window was closed'));
    },
    async close() {
      if (dbg.isAttached()) dbg.detach();
    },
  };
}
