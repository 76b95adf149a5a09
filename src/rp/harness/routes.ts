/** Handlers of the harness API (src/api/endpoints.ts HARNESS_ENDPOINTS, under /api/harness). */
import type { HarnessEndpoints } from '@api/endpoints.ts';
import type { Handlers } from '../http/mount.ts';
import { browserOf } from './browserName.ts';
import type { HarnessHost } from './host.ts';

export function harnessHandlers(host: HarnessHost): Handlers<HarnessEndpoints> {
  return {
    status: () => host.status(),
    start: ({ body, c }) =>
      host.start({
        suites: body.suites,
        file: body.file,
        preset: body.preset,
        mode: body.mode,
        browser: browserOf(c.req.header('user-agent') ?? ''),
      }),
    answer: ({ params, body }) => host.answer(params.id, body),
    run: ({ params }) => host.run(params.id),
    cancel: ({ params }) => host.cancel(params.id),
    forget: ({ params }) => host.forget(params.id),
  };
}
