/**
 * The Credentials view's pure parts: the sign-count chart's geometry and the WebAuthn Signal API
 * (feature detection and the calls after a delete), with the browser's PublicKeyCredential injected.
 */

export interface SignCountPoint {
  ceremonyId: string;
  signCount: number;
  at: string;
}

interface ChartPoint {
  x: number;
  y: number;
  signCount: number;
  at: string;
  /** Lower than the point before: a counter regression (possible cloned authenticator). */
  regression: boolean;
}

export interface SignCountChart {
  width: number;
  height: number;
  points: ChartPoint[];
  /** SVG path through the points ('' when there are none). */
  path: string;
  min: number;
  max: number;
  /** True when every count is 0: the authenticator does not keep a counter (common for passkeys). */
  allZero: boolean;
}

/** Points placed by order (one step per ceremony), scaled to the range of the counts, with padding. */
export function signCountChart(history: readonly SignCountPoint[], width = 240, height = 56, pad = 6): SignCountChart {
  const counts = history.map((p) => p.signCount);
  const min = counts.length ? Math.min(...counts) : 0;
  const max = counts.length ? Math.max(...counts) : 0;
  const span = max - min || 1;
  const n = history.length;
  const x = (i: number) => (n <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / span);
  const points = history.map((p, i) => ({
    x: round(x(i)),
    y: round(y(p.signCount)),
    signCount: p.signCount,
    at: p.at,
    regression: i > 0 && p.signCount < history[i - 1].signCount,
  }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  return { width, height, points, path, min, max, allZero: n > 0 && max === 0 };
}

const round = (v: number) => Math.round(v * 10) / 10;

// ------------------------------------------------------------------ Signal API

/** The part of PublicKeyCredential the Signal API adds (WebAuthn L3 §5.1.10). */
interface SignalCapable {
  signalUnknownCredential?: (options: { rpId: string; credentialId: string }) => Promise<void>;
  signalAllAcceptedCredentials?: (options: { rpId: string; userId: string; allAcceptedCredentialIds: string[] }) => Promise<void>;
  signalCurrentUserDetails?: (options: { rpId: string; userId: string; name: string; displayName: string }) => Promise<void>;
}

export interface SignalSupport {
  unknownCredential: boolean;
  allAcceptedCredentials: boolean;
  currentUserDetails: boolean;
}

export function signalSupport(pkc: unknown): SignalSupport {
  const p = (pkc ?? null) as SignalCapable | null;
  return {
    unknownCredential: typeof p?.signalUnknownCredential === 'function',
    allAcceptedCredentials: typeof p?.signalAllAcceptedCredentials === 'function',
    currentUserDetails: typeof p?.signalCurrentUserDetails === 'function',
  };
}

/** What the window told the browser after deleting a credential. */
export interface SignalOutcome {
  support: SignalSupport;
  /** Each method that was called, with its error name when the promise rejected. */
  calls: { method: 'signalUnknownCredential' | 'signalAllAcceptedCredentials'; ok: boolean; error?: string }[];
}

/**
 * After the RP deleted `credentialId`: tells the authenticator's credential manager that the RP no
 * longer knows it (signalUnknownCredential), and which of the user's credentials it still accepts
 * (signalAllAcceptedCredentials). Nothing is called where the browser lacks the method.
 */
export async function signalDeletion(
  pkc: unknown,
  args: { rpId: string; credentialId: string; userId: string; remainingIds: string[] },
): Promise<SignalOutcome> {
  const support = signalSupport(pkc);
  const p = pkc as SignalCapable;
  const calls: SignalOutcome['calls'] = [];
  const run = async (method: SignalOutcome['calls'][number]['method'], fn: () => Promise<void>) => {
    try {
      await fn();
      calls.push({ method, ok: true });
    } catch (e) {
      calls.push({ method, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  };
  if (support.unknownCredential) {
    await run('signalUnknownCredential', () => p.signalUnknownCredential!.call(pkc, { rpId: args.rpId, credentialId: args.credentialId }));
  }
  if (support.allAcceptedCredentials) {
    await run('signalAllAcceptedCredentials', () =>
      p.signalAllAcceptedCredentials!.call(pkc, { rpId: args.rpId, userId: args.userId, allAcceptedCredentialIds: args.remainingIds }),
    );
  }
  return { support, calls };
}

/**
 * Tells the passkey provider the user's name and display name as the RP has them now
 * (signalCurrentUserDetails, WebAuthn L3 §5.1.10.3), so the passkeys it lists show the current
 * name. `{ ok: false, error: 'unsupported' }` where the browser lacks the method (nothing is called).
 */
export async function signalUserDetails(
  pkc: unknown,
  args: { rpId: string; userId: string; name: string; displayName: string },
): Promise<{ ok: boolean; error?: string }> {
  const p = pkc as SignalCapable | null;
  if (typeof p?.signalCurrentUserDetails !== 'function') return { ok: false, error: 'unsupported' };
  try {
    await p.signalCurrentUserDetails.call(pkc, args);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
