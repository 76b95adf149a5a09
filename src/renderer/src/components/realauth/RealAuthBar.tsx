/**
 * Real authenticators in the Ceremony view: what this browser can do (capabilities) and
 * "Open in system browser" (with the receiving side: a handed-over config loads into the builder).
 */
import { useExplorer } from '../../state/explorer.tsx';
import { CapabilitiesPanel } from '../capabilities/CapabilitiesPanel.tsx';
import { HandoffBar } from './HandoffBar.tsx';
import { useHandoffLoader } from './useHandoffLoader.ts';

export function RealAuthBar() {
  const x = useExplorer();
  const [load, dismiss] = useHandoffLoader(x);
  return (
    <>
      <HandoffBar x={x} load={load} onDismissLoad={dismiss} />
      <CapabilitiesPanel />
    </>
  );
}
