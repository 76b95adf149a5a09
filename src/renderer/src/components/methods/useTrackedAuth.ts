/**
 * The Sign-in methods client with every sign-in call recorded as an Exchange (what was sent, what came
 * back, how long it took), for the tab's sequence diagram.
 */
import { useMemo } from 'react';
import { AUTH_ENDPOINTS } from '@api/endpoints.ts';
import type { RequestParts } from '@api/endpoint.ts';
import { ApiRequestError, toApiError, type ApiClient } from '../../api/client.ts';
import type { AuthCall, Exchange } from '../../model/methodSequence.ts';

const TRACKED: readonly AuthCall[] = [
  'signUp',
  'passwordSignIn',
  'changePassword',
  'removePassword',
  'sendMagicLink',
  'redeemMagicLink',
  'sendOtp',
  'verifyOtp',
  'passkeySession',
];

export function useTrackedAuth(auth: ApiClient['auth'], record: (e: Exchange) => void): ApiClient['auth'] {
  return useMemo(() => {
    const out: Record<string, unknown> = { ...auth };
    for (const call of TRACKED) {
      const e = AUTH_ENDPOINTS[call];
      out[call] = async (...args: unknown[]) => {
        const parts = (e.args as (...a: unknown[]) => RequestParts)(...args);
        const at = Date.now();
        const t0 = performance.now();
        const base = { call, method: e.method, path: e.path, request: parts.body ?? null, at };
        try {
          const answer = await (auth[call] as (...a: unknown[]) => Promise<unknown>)(...args);
          record({ ...base, status: 200, answer, ms: Math.round(performance.now() - t0) });
          return answer;
        } catch (err) {
          const status = err instanceof ApiRequestError ? err.status : 0;
          record({ ...base, status, answer: toApiError(err), ms: Math.round(performance.now() - t0) });
          throw err;
        }
      };
    }
    return out as ApiClient['auth'];
  }, [auth, record]);
}
