/**
 * The script `inspect` injects into every document of an inspected site before any of the page's
 * own scripts run (CDP Page.addScriptToEvaluateOnNewDocument, on every page, popup and iframe target).
 *
 * It wraps CredentialsContainer.prototype.create/get — the prototype, so a page that keeps a
 * reference to `navigator.credentials`, or calls through @simplewebauthn/browser or
 * @github/webauthn-json, goes through it too — and reports each public-key call, its result and its
 * error over a CDP binding (Runtime.addBinding). The page gets the browser's own promise back,
 * unchanged: nothing about its behaviour changes.
 *
 * `installCapture` runs in the page: it must stay self-contained (no imports, nothing from this
 * module's scope), because it is sent as source text.
 */

/** The messages the page sends over the binding (JSON). Byte values are `{ $bytes: base64url }`. */
export type PageMessage =
  | {
      type: 'call';
      id: string;
      kind: 'create' | 'get';
      at: number;
      /** The options as the page passed them (publicKey, mediation, signal …), bytes encoded. */
      options: unknown;
      frame: { origin: string; url: string; topLevel: boolean; topOrigin: string | null };
    }
  | { type: 'result'; id: string; at: number; ms: number; credential: unknown }
  | { type: 'error'; id: string; at: number; ms: number; name: string; message: string };

function installCapture(binding: string): void {
  const g = globalThis as any;
  const send = g[binding];
  if (typeof send !== 'function' || typeof g.CredentialsContainer !== 'function' || g.__passkeyExplorerCapture) return;
  Object.defineProperty(g, '__passkeyExplorerCapture', { value: true });
  // The binding stays reachable under its own name for the page; keep our reference.
  const post = (m: unknown) => {
    try {
      send.call(g, JSON.stringify(m));
    } catch {
      /* the binding went away (navigation); nothing to report to */
    }
  };
  const b64u = (bytes: Uint8Array) => {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  // Tags, not instanceof: a buffer or signal may come from another frame (another realm).
  const tag = (v: unknown) => Object.prototype.toString.call(v);
  const encode = (v: any, depth: number): any => {
    if (depth > 12) return '[too deep]';
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : typeof v === 'bigint' ? String(v) : v;
    if (tag(v) === '[object ArrayBuffer]') return { $bytes: b64u(new Uint8Array(v)) };
    if (ArrayBuffer.isView(v)) return { $bytes: b64u(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    if (tag(v) === '[object AbortSignal]') return { $signal: { aborted: v.aborted } };
    if (Array.isArray(v)) return v.map((x) => encode(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const e = encode(v[k], depth + 1);
      if (e !== undefined) out[k] = e;
    }
    return out;
  };
  const credentialOf = (c: any): unknown => {
    if (!c || c.type !== 'public-key') return c ? { type: c.type } : null;
    const r = c.response ?? {};
    const call = (f: string) => {
      try {
        return typeof r[f] === 'function' ? r[f].call(r) : undefined;
      } catch {
        return undefined;
      }
    };
    const response: Record<string, unknown> = {
      clientDataJSON: r.clientDataJSON ? b64u(new Uint8Array(r.clientDataJSON)) : undefined,
    };
    if (r.attestationObject) {
      response.attestationObject = b64u(new Uint8Array(r.attestationObject));
      const transports = call('getTransports');
      if (Array.isArray(transports)) response.transports = transports;
      const pk = call('getPublicKey');
      if (pk) response.publicKey = b64u(new Uint8Array(pk));
      const alg = call('getPublicKeyAlgorithm');
      if (typeof alg === 'number') response.publicKeyAlgorithm = alg;
      const ad = call('getAuthenticatorData');
      if (ad) response.authenticatorData = b64u(new Uint8Array(ad));
    } else {
      if (r.authenticatorData) response.authenticatorData = b64u(new Uint8Array(r.authenticatorData));
      if (r.signature) response.signature = b64u(new Uint8Array(r.signature));
      if (r.userHandle) response.userHandle = b64u(new Uint8Array(r.userHandle));
    }
    let ext: unknown = {};
    try {
      ext = encode(c.getClientExtensionResults(), 0);
    } catch {
      /* no extension results */
    }
    return {
      id: c.id,
      rawId: c.rawId ? b64u(new Uint8Array(c.rawId)) : c.id,
      type: c.type,
      authenticatorAttachment: c.authenticatorAttachment ?? null,
      response,
      clientExtensionResults: ext,
    };
  };
  let seq = 0;
  const frame = () => {
    let topLevel: boolean;
    let topOrigin: string | null;
    try {
      topLevel = g.top === g.self;
    } catch {
      topLevel = false;
    }
    try {
      topOrigin = topLevel ? g.location.origin : (g.location.ancestorOrigins?.[g.location.ancestorOrigins.length - 1] ?? null);
    } catch {
      topOrigin = null;
    }
    return { origin: g.location.origin, url: g.location.href, topLevel, topOrigin };
  };
  const wrap = (kind: 'create' | 'get', original: (...a: unknown[]) => Promise<unknown>) =>
    function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const options = args[0] as { publicKey?: unknown } | undefined;
      const promise = original.apply(this, args);
      if (!options || typeof options !== 'object' || !options.publicKey) return promise;
      const id = `${Date.now().toString(36)}-${(++seq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const started = g.performance.now();
      post({ type: 'call', id, kind, at: Date.now(), options: encode(options, 0), frame: frame() });
      const ms = () => Math.round(g.performance.now() - started);
      promise.then(
        (c) => post({ type: 'result', id, at: Date.now(), ms: ms(), credential: credentialOf(c) }),
        (e: any) =>
          post({ type: 'error', id, at: Date.now(), ms: ms(), name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) }),
      );
      return promise;
    };
  const proto = g.CredentialsContainer.prototype;
  for (const kind of ['create', 'get'] as const) {
    const d = Object.getOwnPropertyDescriptor(proto, kind);
    if (!d || typeof d.value !== 'function') continue;
    const wrapped = wrap(kind, d.value);
    Object.defineProperty(wrapped, 'name', { value: kind });
    Object.defineProperty(proto, kind, { ...d, value: wrapped });
  }
}

/** The source text to inject: installs the capture with the given binding name. */
export function captureSource(binding: string): string {
  return `(${installCapture.toString()})(${JSON.stringify(binding)});`;
}
