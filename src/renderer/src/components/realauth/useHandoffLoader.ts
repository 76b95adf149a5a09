/**
 * The receiving side of "Open in system browser": when the page was opened on
 * `#/ceremony?handoff=<id>`, loads that config into the builder (after the initial preset, so it
 * is not overwritten) and removes the id from the address bar.
 */
import { useEffect, useRef, useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { handoffIdFromHash, hashWithoutHandoff } from '../../model/handoff.ts';
import type { Explorer } from '../../state/explorer.tsx';

export type HandoffLoad =
  { state: 'loading'; id: string } | { state: 'loaded'; id: string } | { state: 'error'; id: string; message: string };

export function useHandoffLoader(x: Explorer): [HandoffLoad | null, () => void] {
  const [load, setLoad] = useState<HandoffLoad | null>(null);
  const [hashId, setHashId] = useState(() => handoffIdFromHash(location.hash));
  const done = useRef(new Set<string>());
  const presetsSettled = x.presetId !== null || x.presets.error !== null;
  const { api, setConfig } = x;

  useEffect(() => {
    const on = () => setHashId(handoffIdFromHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  useEffect(() => {
    if (!hashId || !presetsSettled || done.current.has(hashId)) return;
    const id = hashId;
    done.current.add(id);
    setLoad({ state: 'loading', id });
    api.handoff(id).then(
      (r) => {
        setConfig(r.config);
        setLoad({ state: 'loaded', id });
        history.replaceState(history.state, '', hashWithoutHandoff(location.hash) || '#/ceremony');
      },
      (e: unknown) => {
        setLoad({ state: 'error', id, message: toApiError(e).message });
      },
    );
  }, [hashId, presetsSettled, api, setConfig]);

  return [load, () => setLoad(null)];
}
