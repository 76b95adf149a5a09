/**
 * Any relying party that implements the FIDO2 conformance server API, as a harness target: options
 * from POST <base>/attestation/options and /assertion/options, responses (made by the software
 * authenticator — no browser) to /attestation/result and /assertion/result, judged by the answer's
 * status ("ok" | "failed"). Each exchange is kept as the evidence. Where the errorMessage names a
 * check or code first ("registration.origin: …", as the local RP's does), that is where it refused;
 * otherwise any refusal meets a "rejected at" expectation. It cannot forget a user's credentials or
 * move the server's clock: scenarios that need that are unsupported.
 */
import { dissect } from '@decode/index.ts';
import { factsOf, TargetCannot, type Exchange, type HarnessTarget } from '../harness/target.ts';

/** "registration.origin: …", "attestation.packed.signature: …", "challenge_reused: …" */
const NAMED = /^([a-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+|[a-z]+(?:_[a-z]+)+):/;

export function conformanceTarget(base: string, opts: { fetch?: typeof fetch } = {}): HarnessTarget {
  const root = base.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  let cookie = '';
  let seq = 0;

  async function post(path: string, body: unknown): Promise<Exchange & { answer: Record<string, unknown> }> {
    const url = `${root}${path}`;
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(30_000),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await res.text();
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(text) as Record<string, unknown>;
    } catch {
      answer = { status: 'failed', errorMessage: `not JSON (HTTP ${res.status}): ${text.slice(0, 200)}` };
    }
    return { url, request: body, status: res.status, answer };
  }

  return {
    label: `conformance:${root}`,
    appliesPolicy: false,
    ownOptions: true,
    async open(kind, config) {
      const body =
        kind === 'register'
          ? {
              username: config.userName,
              displayName: config.userDisplayName || config.userName,
              authenticatorSelection: {
                residentKey: config.residentKey,
                requireResidentKey: config.residentKey === 'required',
                userVerification: config.userVerification,
                ...(config.authenticatorAttachment ? { authenticatorAttachment: config.authenticatorAttachment } : {}),
              },
              attestation: config.attestation,
              ...(config.extensions.credProps ? { extensions: { credProps: true } } : {}),
            }
          : { ...(config.allowCredentials ? { username: config.userName } : {}), userVerification: config.userVerification };
      const ex = await post(kind === 'register' ? '/attestation/options' : '/assertion/options', body);
      if (ex.answer.status !== 'ok')
        throw new Error(`the RP refused the options request (HTTP ${ex.status}): ${String(ex.answer.errorMessage ?? '')}`);
      const { status: _s, errorMessage: _e, ...options } = ex.answer;
      return { ceremonyId: `remote-${++seq}`, options, exchanges: [ex] };
    },
    async verify(kind, _ceremonyId, response, clientError) {
      if (clientError || !response)
        return {
          facts: { verdict: 'client-error', flags: null, fmt: null, alg: null, signCount: null },
          rejectedAt: null,
          clientError: clientError?.name ?? 'UnknownError',
          refused: false,
          ceremonyId: null,
          exchanges: [],
        };
      const credential = { ...response, getClientExtensionResults: response.clientExtensionResults ?? {} };
      const ex = await post(kind === 'register' ? '/attestation/result' : '/assertion/result', credential);
      const ok = ex.answer.status === 'ok';
      const message = String(ex.answer.errorMessage ?? '');
      return {
        facts: factsOf(dissect(response).summary, ok ? 'verified' : 'failed'),
        rejectedAt: ok ? null : (NAMED.exec(message)?.[1] ?? null),
        clientError: null,
        refused: !ok,
        ceremonyId: null,
        exchanges: [ex],
      };
    },
    forgetCredentials() {
      throw new TargetCannot('the conformance API has no way to delete a user’s credentials');
    },
    setClockSkew(ms) {
      if (ms !== 0) throw new TargetCannot('its clock is its own');
    },
  };
}
