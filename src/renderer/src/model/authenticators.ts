/** Pure helpers for authenticator labels (no React). */
import type { AuthenticatorInfo } from '../api/metadata-types.ts';

const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';
const AAGUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an AAGUID is worth asking about (the all-zero AAGUID names no model). */
export function isNamedAaguid(aaguid: string | null | undefined): aaguid is string {
  return !!aaguid && AAGUID.test(aaguid) && aaguid !== ZERO_AAGUID;
}

/** The icon to show: data: URIs only, the theme's variant first. */
export function pickIcon(info: Pick<AuthenticatorInfo, 'iconLight' | 'iconDark'> | null | undefined, dark: boolean): string | null {
  if (!info) return null;
  const ordered = dark ? [info.iconDark, info.iconLight] : [info.iconLight, info.iconDark];
  return ordered.find((i): i is string => typeof i === 'string' && /^data:image\//.test(i)) ?? null;
}
