/**
 * How the harness makes a browser run one create() / get(): in a page of this RP's origin, over CDP
 * (Runtime.evaluate with a user gesture), the options parsed by the browser's own
 * PublicKeyCredential.parse*OptionsFromJSON and the credential serialized by its own toJSON(), so
 * nothing of ours stands between the RP's options and the authenticator.
 */
import type { LabTransport } from '../lab/types.ts';

export type DriverOutcome =
  | { response: Record<string, unknown>; ms: number }
  | { clientError: { name: string; message: string }; ms: number }
  /** A person at a real authenticator said it cannot do this step. */
  | { skipped: true; ms: number };

export interface CallOptions {
  /** Abort the call after this many ms (a cancelled ceremony). */
  abortAfterMs?: number;
  /** For a person at a real authenticator: the step expects the call to fail (leave the authenticator alone). */
  leaveAlone?: boolean;
  /** The scenario's own instruction for the step. */
  prompt?: string;
  scenarioTitle?: string;
}

export interface CeremonyDriver {
  /** What runs the ceremonies, for the report ('Chrome/156 …'). */
  readonly browser: string;
  call(kind: 'create' | 'get', options: unknown, opts?: CallOptions): Promise<DriverOutcome>;
}

const PAGE_CALL = String.raw`async (kind, json, abortAfterMs) => {
  const controller = new AbortController();
  if (abortAfterMs) setTimeout(() => controller.abort(new DOMException('The harness cancelled the ceremony.', 'AbortError')), abortAfterMs);
  const started = performance.now();
  try {
    const publicKey = kind === 'create'
      ? PublicKeyCredential.parseCreationOptionsFromJSON(json)
      : PublicKeyCredential.parseRequestOptionsFromJSON(json);
    const credential = await navigator.credentials[kind]({ publicKey, signal: controller.signal });
    return { response: credential.toJSON(), ms: performance.now() - started };
  } catch (e) {
    return { clientError: { name: String(e && e.name || 'Error'), message: String(e && e.message || e) }, ms: performance.now() - started };
  }
}`;

/** A page of this RP's origin, reached through a lab transport (serve --lab's CDP session, Electron's debugger). */
export function pageDriver(page: LabTransport, browser: string): CeremonyDriver {
  return {
    browser,
    async call(kind, options, opts = {}) {
      const expression = `(${PAGE_CALL})(${JSON.stringify(kind)}, ${JSON.stringify(options)}, ${opts.abortAfterMs ?? 0})`;
      const r = (await page.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true })) as {
        result?: { value?: DriverOutcome };
        exceptionDetails?: { text?: string; exception?: { description?: string } };
      };
      if (r.exceptionDetails || !r.result?.value)
        throw new Error(
          `the page could not run ${kind}(): ${r.exceptionDetails?.exception?.description ?? r.exceptionDetails?.text ?? 'no result'}`,
        );
      return r.result.value;
    },
  };
}

/** A site target's pages make their own calls (src/rp/harness/siteTarget.ts): this driver only names the browser. */
export function siteDriver(browser: string): CeremonyDriver {
  return {
    browser,
    call: () => Promise.reject(new Error('a site’s own page calls create() and get(); the harness drives the page')),
  };
}
