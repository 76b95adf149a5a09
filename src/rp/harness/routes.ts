/** Handlers of the harness API (src/api/endpoints.ts HARNESS_ENDPOINTS, under /api/harness). */
import type { HarnessEndpoints } from '@api/endpoints.ts';
import type { Handlers } from '../http/mount.ts';
import type { HarnessHost } from './host.ts';

export function harnessHandlers(host: HarnessHost): Handlers<HarnessEndpoints> {
  return {
    status: () => host.status(),
    start: ({ body }) => host.start({ suites: body.suites, preset: body.preset }),
    run: ({ params }) => host.run(params.id),
    cancel: ({ params }) => host.cancel(params.id),
  };
}
