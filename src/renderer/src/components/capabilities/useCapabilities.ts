/**
 * Probes the browser's WebAuthn capabilities once on mount and on demand ("Check again"), and in
 * the desktop app asks main whether Touch ID is on in this build.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebauthnStatus } from '../../../../preload/api';
import type { CapabilityProbe } from '../../model/capabilities.ts';
import { probeCapabilities } from '../../webauthn/capabilities.ts';

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
