/**
 * What the window may open outside itself. Pure (no Electron import) so it is unit-tested.
 */

/** Hosts whose https pages open in the system browser: specs, docs and vendors a user follows from the app. */
const EXTERNAL_HOSTS = [
  'www.w3.org',
  'w3c.github.io',
  'fidoalliance.org',
  'mds3.fidoalliance.org',
  'developer.mozilla.org',
  'datatracker.ietf.org',
  'www.rfc-editor.org',
  'www.iana.org',
  'github.com',
  'passkeys.dev',
  'simplewebauthn.dev',
  'chromedevtools.github.io',
  'trustedcomputinggroup.org',
  'developer.apple.com',
  'developer.android.com',
  'learn.microsoft.com',
];

/**
 * May `url` be handed to the system browser? Only https to an allow-listed host, the local RP's own
 * origin (the "open in system browser" hand-off), or one of `alsoOrigins` (the phishing relay demo's
 * look-alike while it runs: the victim's browser opens it). Never file:, javascript:, custom schemes
 * or credentials in the URL.
 */
export function isAllowedExternal(url: string, rpOrigin: string, alsoOrigins: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.origin === rpOrigin || alsoOrigins.includes(u.origin)) return true;
  return u.protocol === 'https:' && u.port === '' && EXTERNAL_HOSTS.includes(u.hostname);
}

/** Is `url` inside the app (the local RP's origin)? Anything else must not load in the window. */
export function isAppUrl(url: string, rpOrigin: string): boolean {
  try {
    return new URL(url).origin === rpOrigin;
  } catch {
    return false;
  }
}
