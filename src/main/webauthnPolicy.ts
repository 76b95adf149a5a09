/**
 * Decisions behind src/main/webauthn.ts, kept pure (no Electron import) so they are unit-tested:
 * whether Touch ID can be turned on for this build, and how an Electron `select-webauthn-account`
 * request crosses to the window and back.
 */

/** What `codesign -dv --entitlements - --xml <bundle>` says about the running app bundle. */
export interface CodeSignature {
  /** false when codesign reports "code object is not signed at all". */
  signed: boolean;
  /** Ad-hoc signatures (`Signature=adhoc`) carry no Team ID: keychain access groups cannot apply. */
  adhoc: boolean;
  teamId: string | null;
  identifier: string | null;
  /** keychain-access-groups from the signed entitlements. */
  keychainAccessGroups: string[];
}

/** `codesign -dv` prints its key=value lines on stderr, the entitlements plist on stdout. */
export function parseCodesign(stderr: string, stdout: string): CodeSignature {
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(stderr)?.[1]?.trim() ?? null;
  const notSigned = /not signed at all/i.test(stderr);
  const team = value('TeamIdentifier');
  return {
    signed: !notSigned && value('Identifier') !== null,
    adhoc: /^Signature=adhoc$/m.test(stderr) || /flags=0x[0-9a-f]*\(.*adhoc.*\)/i.test(stderr),
    teamId: team && team !== 'not set' ? team : null,
    identifier: value('Identifier'),
    keychainAccessGroups: parseKeychainAccessGroups(stdout),
  };
}

/** The <string>s of the keychain-access-groups <array> in an entitlements plist (XML). */
export function parseKeychainAccessGroups(plist: string): string[] {
  const m = /<key>\s*keychain-access-groups\s*<\/key>\s*<array>([\s\S]*?)<\/array>/.exec(plist);
  if (!m) return [];
  return [...m[1].matchAll(/<string>\s*([^<]*?)\s*<\/string>/g)].map((x) => unescapeXml(x[1])).filter((s) => s.length > 0);
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export type TouchIdPlan = { enable: true; keychainAccessGroup: string } | { enable: false; reason: string };

/**
 * Touch ID (app.configureWebAuthn({ touchID: { keychainAccessGroup } })) needs a macOS build signed
 * with a Team ID whose `keychain-access-groups` entitlement lists the group the credentials are
 * stored under. Anything else (other OS, unsigned or ad-hoc build, no such entitlement) leaves it
 * off, with the reason, instead of failing at the first ceremony.
 *
 * The group: `requested` (PASSKEY_EXPLORER_KEYCHAIN_ACCESS_GROUP) when the entitlements list it,
 * else the first listed group ending in ".webauthn" (Electron's suggested `<TEAM_ID>.<BUNDLE_ID>.webauthn`),
 * else the first listed group.
 */
export function planTouchId(input: {
  platform: string;
  signature: CodeSignature | null;
  /** Why the signature could not be read, when it could not. */
  signatureError?: string;
  requested?: string;
}): TouchIdPlan {
  if (input.platform !== 'darwin') return { enable: false, reason: `Touch ID is macOS only (this is ${input.platform}).` };
  const sig = input.signature;
  if (!sig) return { enable: false, reason: `could not read the app's code signature: ${input.signatureError ?? 'unknown error'}` };
  if (!sig.signed)
    return {
      enable: false,
      reason: 'the app is not code-signed; Touch ID needs a build signed with a Team ID and a keychain-access-groups entitlement.',
    };
  if (sig.adhoc || !sig.teamId)
    return {
      enable: false,
      reason: 'the app is ad-hoc signed (no Team ID); keychain access groups need a Developer ID or development signature.',
    };
  const groups = sig.keychainAccessGroups;
  if (groups.length === 0)
    return {
      enable: false,
      reason: `the signature (Team ID ${sig.teamId}) has no keychain-access-groups entitlement; add "${sig.teamId}.${sig.identifier ?? '<bundle id>'}.webauthn" to entitlements.plist.`,
    };
  if (input.requested) {
    if (groups.includes(input.requested)) return { enable: true, keychainAccessGroup: input.requested };
    return {
      enable: false,
      reason: `PASSKEY_EXPLORER_KEYCHAIN_ACCESS_GROUP=${input.requested} is not in the signed keychain-access-groups (${groups.join(', ')}).`,
    };
  }
  return { enable: true, keychainAccessGroup: groups.find((g) => g.endsWith('.webauthn')) ?? groups[0] };
}

/** The .app bundle that contains the running executable (…/X.app/Contents/MacOS/X), or null. */
export function appBundleOf(execPath: string): string | null {
  const m = /^(.*?\.app)\/Contents\/MacOS\/[^/]+$/.exec(execPath);
  return m ? m[1] : null;
}

// ---- select-webauthn-account ----

/** One account as the window's picker shows it (Electron's WebAuthnAccount, checked). */
interface PickerAccount {
  credentialId: string;
  name?: string;
  displayName?: string;
  userHandle?: string;
}

/** Sent to the window on 'pe:webauthn-select-account'. */
export interface AccountRequest {
  requestId: string;
  relyingPartyId: string;
  accounts: PickerAccount[];
}

const B64URL = /^[A-Za-z0-9_-]{1,1400}$/;
const text = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined);

/** Electron's details -> what crosses to the window: only well-formed accounts, bounded strings. */
export function toAccountRequest(requestId: string, details: { relyingPartyId: string; accounts: readonly unknown[] }): AccountRequest {
  const accounts: PickerAccount[] = [];
  for (const a of details.accounts.slice(0, 100)) {
    const x = a as Record<string, unknown>;
    if (typeof x?.credentialId !== 'string' || !B64URL.test(x.credentialId)) continue;
    const account: PickerAccount = { credentialId: x.credentialId };
    const name = text(x.name, 256);
    const displayName = text(x.displayName, 256);
    const userHandle = typeof x.userHandle === 'string' && B64URL.test(x.userHandle) ? x.userHandle : undefined;
    if (name) account.name = name;
    if (displayName) account.displayName = displayName;
    if (userHandle) account.userHandle = userHandle;
    accounts.push(account);
  }
  return { requestId, relyingPartyId: String(details.relyingPartyId).slice(0, 253), accounts };
}

/**
 * The window's answer -> the callback's argument: the credential id when it is one of the offered
 * accounts, otherwise undefined (Electron cancels the request: the page gets NotAllowedError).
 */
export function chosenCredential(request: AccountRequest, choice: unknown): string | undefined {
  if (typeof choice !== 'string') return undefined;
  return request.accounts.some((a) => a.credentialId === choice) ? choice : undefined;
}
