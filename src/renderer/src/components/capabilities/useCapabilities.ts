/**
 * Probes the browser's WebAuthn capabilities once on mount and on demand ("Check again"), and in
 * the desktop app asks main whether Touch ID is on in this build.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebauthnStatus } from '../../../../preload/api';
import type { CapabilityProbe } from '../../model/capabilities.ts';
import { probeCapabilities, sharedClientCapabilityFlags } from '../../webauthn/capabilities.ts';

export function useCapabilities() {
  const [probe, setProbe] = useState<CapabilityProbe | null>(null);
  const [electron, setElectron] = useState<WebauthnStatus | null>(null);
  const seq = useRef(0);

  const recheck = useCallback(async () => {
    const mine = ++seq.current;
    setProbe(null);
    const p = await probeCapabilities();
    if (mine === seq.current) setProbe(p);
  }, []);

  useEffect(() => {
    void recheck();
    const bridge = window.passkeyExplorer;
    if (bridge && typeof bridge.webauthnStatus === 'function') {
      bridge.webauthnStatus().then(setElectron, () => setElectron(null));
    }
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the cleanup bumps the latest value on purpose: it invalidates the runs still in flight
      seq.current++;
    };
  }, [recheck]);

  return { probe, electron, recheck };
}

/**
 * The boolean answers of getClientCapabilities(), probed once per window (shared by every caller);
 * empty until it answers, and where the browser has no getClientCapabilities(). A capability that
 * is `false` is one the browser says it lacks; absent means it did not say.
 */
export function useClientCapabilities(): Record<string, boolean> {
  const [caps, setCaps] = useState<Record<string, boolean>>({});
  useEffect(() => {
    let live = true;
    void sharedClientCapabilityFlags().then((f) => live && setCaps(f ?? {}));
    return () => {
      live = false;
    };
  }, []);
  return caps;
}
