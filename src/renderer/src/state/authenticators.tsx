/**
 * AAGUID -> authenticator name and icon, for every view that shows an authenticator.
 *
 * One cache per window (GET /api/aaguids/:aaguid, 404 = unknown). `invalidate()` drops it after an
 * AAGUID list or the FIDO MDS is loaded, so every label asks again and shows the new name.
 * The icon follows the theme: iconDark in dark theme, iconLight otherwise (either as the fallback).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/client.ts';
import type { AuthenticatorInfo } from '../api/metadata-types.ts';
import { isNamedAaguid, pickIcon } from '../model/authenticators.ts';

export { isNamedAaguid };

interface Names {
  /** Bumped by invalidate(): labels look up again. */
  version: number;
  dark: boolean;
  lookup(aaguid: string): Promise<AuthenticatorInfo | null>;
  invalidate(): void;
}

const NamesContext = createContext<Names | null>(null);

export function AuthenticatorNamesProvider({ api, dark, children }: { api: ApiClient; dark: boolean; children: ReactNode }) {
  const cache = useRef(new Map<string, Promise<AuthenticatorInfo | null>>());
  const [version, setVersion] = useState(0);

  const lookup = useCallback(
    (aaguid: string) => {
      const key = aaguid.toLowerCase();
      let p = cache.current.get(key);
      if (!p) {
        p = api.aaguid(key).catch(() => {
          // A failed lookup is not "unknown": forget it so the next render asks again.
          cache.current.delete(key);
          return null;
        });
        cache.current.set(key, p);
      }
      return p;
    },
    [api],
  );
  const invalidate = useCallback(() => {
    cache.current.clear();
    setVersion((v) => v + 1);
  }, []);

  const value = useMemo<Names>(() => ({ version, dark, lookup, invalidate }), [version, dark, lookup, invalidate]);
  return <NamesContext.Provider value={value}>{children}</NamesContext.Provider>;
}

/** Re-looks up names after a source was loaded. No-op outside the provider. */
export function useInvalidateNames(): () => void {
  const ctx = useContext(NamesContext);
  return ctx?.invalidate ?? (() => {});
}

/** The loaded sources' entry for an AAGUID: undefined while asking, null when unknown. */
export function useAuthenticatorInfo(aaguid: string | null | undefined): {
  info: AuthenticatorInfo | null | undefined;
  icon: string | null;
} {
  const ctx = useContext(NamesContext);
  const [state, setState] = useState<{ key: string; info: AuthenticatorInfo | null } | null>(null);
  const key = isNamedAaguid(aaguid) ? aaguid.toLowerCase() : null;
  const version = ctx?.version ?? 0;
  const lookup = ctx?.lookup;

  useEffect(() => {
    if (!lookup || !key) return;
    let live = true;
    void lookup(key).then((info) => {
      if (live) setState({ key, info });
    });
    return () => {
      live = false;
    };
    // `version` re-runs the lookup after invalidate().
  }, [lookup, key, version]);

  const info = !key ? null : state && state.key === key ? state.info : undefined;
  return { info, icon: pickIcon(info, ctx?.dark ?? false) };
}
