/** Handlers of the Inspect API (src/api/endpoints.ts INSPECT_ENDPOINTS, under /api/inspect). */
import type { InspectEndpoints } from '@api/endpoints.ts';
import type { Handlers } from '../http/mount.ts';
import type { InspectHost } from './host.ts';

export function inspectHandlers(host: InspectHost): Handlers<InspectEndpoints> {
  return {
    status: () => host.status(),
    tabs: () => host.tabs(),
    open: ({ body }) => host.open({ url: body.url, tab: body.tab, preset: body.preset, fault: body.fault }),
    setFault: ({ params, body }) => host.setFault(params.id, body.fault),
    close: ({ params }) => host.close(params.id),
  };
}
