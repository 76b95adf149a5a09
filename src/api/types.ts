/**
 * The local RP's HTTP API contract, shared (type-only) by the RP and the renderer's typed client.
 *
 * All state-changing calls (POST, PUT, DELETE) carry the per-launch token in the `X-PE-Token`
 * header; the page reads it from `<meta name="pe-token">` that the RP writes into index.html.
 * Errors are always `4xx { error, message, step? }`.
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  AuthenticationResponseJSON,
} from '@simplewebauthn/server';
import type { Check, DecodeError, Field, MessageKind, Summary } from '@decode/types.ts';

export type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  AuthenticationResponseJSON,
};

export type AttestationConveyance = 'none' | 'indirect' | 'direct' | 'enterprise';
export type Requirement = 'discouraged' | 'preferred' | 'required';
export type Hint = 'security-key' | 'client-device' | 'hybrid';

/** Every WebAuthn Level 3 option the ceremony builder can set. */
export interface CeremonyConfig {
  rpName: string;
  userName: string;
  userDisplayName: string;
  attestation: AttestationConveyance;
  /** null = no preference (the member is omitted). */
  authenticatorAttachment: 'platform' | 'cross-platform' | null;
  residentKey: Requirement;
  userVerification: Requirement;
  /** COSE algorithm identifiers, in order of preference (order is kept). */
  pubKeyCredParams: number[];
  /** Milliseconds. */
  timeout: number;
  hints: Hint[];
  /** Registration: list the user's existing credentials in excludeCredentials. */
  excludeCredentials: boolean;
  /** Authentication: list credentials in allowCredentials (false = discoverable, empty list). */
  allowCredentials: boolean;
  extensions: {
    credProps: boolean;
    prf: {
      enabled: boolean;
      /** Salts as UTF-8 text; hashed by the client. Empty = not sent. */
      first: string;
      second: string;
      /** Sign-in with an allow list: send the salts per credential (evalByCredential) instead of eval. */
      byCredential?: boolean;
    };
    largeBlob: {
      /** Registration: support requested. 'off' = extension not sent. */
      support: 'off' | 'preferred' | 'required';
      /** Authentication: read the blob, or write `write` (UTF-8 text) to it. */
      read: boolean;
      write: string;
    };
    credProtect: {
      /** 0 = not sent; 1 userVerificationOptional, 2 userVerificationOptionalWithCredentialIDList, 3 userVerificationRequired. */
      policy: 0 | 1 | 2 | 3;
      enforce: boolean;
    };
    minPinLength: boolean;
    /**
     * credBlob (CTAP 2.1): registration stores `write` (UTF-8 text, at most 32 bytes) with a
     * discoverable credential; sign-in asks for it back (getCredBlob). Absent in records made
     * before it existed.
     */
    credBlob?: { write: string; read: boolean };
  };
  /**
   * What the RP enforces beyond what the options ask for (absent in records made before it existed).
   * requireCanonicalCbor: refuse a registration whose CBOR is not CTAP2-canonical (default: a warning).
   */
  /**
   * How the browser is asked (CredentialMediationRequirement / uiMode), absent = the modal dialog:
   * registration 'conditional' is conditional create (a passkey made without a dialog, the upgrade
   * after a password sign-in; the RP then does not require UP, §7.1 step 14); sign-in 'immediate'
   * (uiMode) answers at once with a local passkey or NotAllowedError, never a dialog.
   */
  mediation?: { registration?: 'conditional'; authentication?: 'immediate' };
  policy?: {
    requireCanonicalCbor: boolean;
    /**
     * User verification the RP enforces, apart from what the options ask for: 'options' (default)
     * enforces it when the options say "required"; 'required' always; 'never' never.
     */
    userVerification?: 'options' | 'required' | 'never';
    /** 'not-required' accepts a response without the UP flag (default: required, as §7.1/§7.2 ask). */
    userPresence?: 'required' | 'not-required';
    /** The COSE algorithms the RP accepts (default: those pubKeyCredParams offers). */
    algorithms?: number[];
    /**
     * The least attestation the RP accepts: 'none' (any), 'self', 'any' (a chain, trusted or not),
     * 'trusted-only' (a chain to a trusted root). Absent: not checked (as 'none').
     */
    attestationTrust?: 'none' | 'self' | 'any' | 'trusted-only';
    /** A signature counter that did not increase: 'strict' (default) refuses, 'warn' accepts and flags, 'ignore' does not check. */
    counter?: 'strict' | 'warn' | 'ignore';
  };
}

export interface Preset {
  id: string;
  name: string;
  description: string;
  config: CeremonyConfig;
}

export interface ClientError {
  /** DOMException name: NotAllowedError, InvalidStateError, SecurityError, AbortError, TimeoutError, ... */
  name: string;
  message: string;
}

/**
 * What was known when a client error was recorded, for its diagnosis (renderer/src/model/diagnose.ts):
 * the lab's virtual authenticators at that moment (none: a real authenticator, or no lab).
 */
export interface ClientErrorContext {
  /** The browser's getClientCapabilities() answer when the error happened (boolean members only). */
  capabilities?: Record<string, boolean>;
  lab?: {
    label: string;
    protocol: string;
    transport: string;
    hasUserVerification: boolean;
    isUserVerified: boolean;
    hasResidentKey: boolean;
    automaticPresenceSimulation: boolean;
    /** Its credentials: id (base64url), RP ID, discoverable or not. */
    credentials: { id: string; rpId: string | null; resident: boolean }[];
  }[];
}

export type CeremonyKind = 'registration' | 'authentication';
export type Verdict = 'pending' | 'verified' | 'failed' | 'client-error';

export interface Ceremony {
  id: string;
  kind: CeremonyKind;
  createdAt: string;
  config: CeremonyConfig;
  options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
  response: RegistrationResponseJSON | AuthenticationResponseJSON | null;
  clientError: ClientError | null;
  verdict: Verdict;
  /** The failing step, when verdict is 'failed' or 'client-error'. */
  error: { code: string; message: string; step?: string; context?: ClientErrorContext } | null;
  /** What the RP learnt: flags, counter, credential, ... (null until verified). */
  result: CeremonyResult | null;
  /** Dissection of the response and the verification steps (verified and failed ceremonies alike). */
  dissection?: DissectionRecord | null;
  /** Milliseconds since epoch of each step. */
  timings: {
    optionsAt: number;
    responseAt?: number;
    verifiedAt?: number;
    /** How long navigator.credentials.create()/get() took, as the window that ran it measured (ms). */
    clientMs?: number;
    /** The options request's round trip, as the window that ran it measured (ms). */
    optionsMs?: number;
  };
  userName: string | null;
  credentialId: string | null;
}

export interface CeremonyResult {
  credentialId: string;
  userName: string;
  fmt?: string;
  aaguid?: string;
  /** From the FIDO MDS or the community AAGUID list, when one is loaded. */
  authenticatorName?: string | null;
  alg?: number;
  signCount: number;
  previousSignCount?: number;
  flags: { up: boolean; uv: boolean; be: boolean; bs: boolean; at: boolean; ed: boolean };
  credentialDeviceType: 'singleDevice' | 'multiDevice';
  clientExtensionResults: unknown;
  authenticatorExtensionResults?: unknown;
  transports?: string[];
}

export interface CeremonySummary {
  id: string;
  kind: CeremonyKind;
  createdAt: string;
  verdict: Verdict;
  userName: string | null;
  credentialId: string | null;
  error: { code: string; message: string; step?: string } | null;
}

export interface StoredCredential {
  id: string;
  userId: string;
  userName: string;
  /** The user's display name as the RP keeps it (for signalCurrentUserDetails). */
  userDisplayName: string;
  publicKey: string;
  alg: number | null;
  counter: number;
  transports: string[];
  aaguid: string | null;
  fmt: string | null;
  backupEligible: boolean;
  backedUp: boolean;
  discoverable: boolean | null;
  createdAt: string;
  lastUsedAt: string | null;
  /** GET /api/credentials adds it from the metadata sources (null when unknown). */
  authenticatorName?: string | null;
}

export interface SessionInfo {
  rpId: string;
  origin: string;
  version: string;
  dataDir: string;
}

// Requests / responses
export interface OptionsRequest {
  config: CeremonyConfig;
  /** Authentication only: restrict allowCredentials to this credential. */
  credentialId?: string;
}
export interface RegistrationOptionsResponse {
  ceremonyId: string;
  options: PublicKeyCredentialCreationOptionsJSON;
}
export interface AuthenticationOptionsResponse {
  ceremonyId: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}
export interface VerifyRequest<R> {
  ceremonyId: string;
  response?: R;
  clientError?: ClientError;
  /** How long create()/get() took in the window (ms); recorded in the ceremony's timings. */
  clientMs?: number;
  /** The options request's round trip as the window measured it (ms); recorded in the timings. */
  optionsMs?: number;
  /** With a client error: the boolean members of the browser's getClientCapabilities(). */
  clientCapabilities?: Record<string, boolean>;
}
export interface ApiError {
  error: string;
  message: string;
  step?: string;
}

/** A verify call's 4xx answer: the error, and the record of the rejected ceremony (verdict failed). */
export interface VerifyFailure extends ApiError {
  ceremonyId?: string;
  ceremony?: Ceremony;
}

/** Server-sent events on GET /api/events. */
export type RpEvent =
  | { type: 'ceremony'; ceremony: CeremonySummary }
  | { type: 'credentials' }
  | LabRpEvent
  /** An inspection changed (opened, a call, a ceremony, closed): GET /api/inspect again. */
  | { type: 'inspect'; session: string }
  /** A harness run progressed (GET /api/harness/runs/:id again). */
  | { type: 'harness'; run: string }
  /** The phishing relay demo kept something or an outcome changed (GET /api/auth/relay again). */
  | { type: 'relay' }
  /** A mailbox message arrived or its SMTP delivery finished (GET /api/auth/mailbox again). */
  | { type: 'mailbox' };

/** The second verifier's verdict on the same response. */
export interface SecondOpinion {
  verifier: '@simplewebauthn/server';
  verified: boolean;
  /** Its error message when it rejected the response. */
  error?: string;
}

/** Set when the two verifiers disagree: each side's reason in words. */
export interface Disagreement {
  /** Ours: the first failing check, or 'all checks passed'. */
  ours: string;
  /** Theirs: 'verified' or its error. */
  theirs: string;
}

/** What the dissector was given besides the response, where it shapes the field tree. */
export interface DissectedWith {
  /** RP IDs the rpIdHash was tested against. */
  rpIds?: string[];
  /** The stored credential's COSE key, base64url (an assertion's signature is named by its algorithm). */
  credentialPublicKey?: string;
}

/**
 * Ceremony.dissection: the summary, the buffers, the checks and the second opinion. The field tree is
 * not stored or answered: `dissect(ceremony.response, dissectedWith)` (src/decode) gives it back, the
 * same every time — the window does so where it shows fields. Records from before kept their `tree`.
 */
export interface DissectionRecord {
  kind: MessageKind;
  summary: Summary;
  /** Only in records stored by earlier versions (and their exports). */
  tree?: Field[];
  /** The dissector's inputs besides the response: re-deriving with them gives the tree the checks saw. */
  dissectedWith?: DissectedWith;
  errors: DecodeError[];
  /** The raw buffers the tree's ranges point into, base64url by source name. */
  sources: Record<string, string>;
  checks: Check[];
  secondOpinion: SecondOpinion;
  disagreement: Disagreement | null;
}

/** A loaded AAGUID source: where it came from (URL or file name), when, and how many AAGUIDs it names. */
export interface SourceStatus {
  origin: string;
  fetchedAt: string;
  count: number;
}

export interface MdsStatus extends SourceStatus {
  /** The BLOB's serial number. */
  no: number;
  /** Date by which the FIDO Alliance publishes the next BLOB. */
  nextUpdate: string;
  /** True when nextUpdate has passed. */
  stale: boolean;
  legalHeader?: string;
}

/**
 * The background download of both sources at start (and when stale): on unless turned off. Each
 * source says what came of it — downloaded, still fresh from the cache, or not reachable (offline).
 */
export interface MetadataAutoStatus {
  enabled: boolean;
  state: 'off' | 'running' | 'done';
  community?: MetadataAutoResult;
  mds?: MetadataAutoResult;
}
export interface MetadataAutoResult {
  result: 'downloaded' | 'fresh' | 'failed';
  /** For 'failed': why, without the fetched content (a network error, an HTTP status, a refused BLOB). */
  message?: string;
  at: string;
}

export interface MetadataStatus {
  community: SourceStatus | null;
  mds: MdsStatus | null;
  auto?: MetadataAutoStatus;
  /** Why the cached or last downloaded MDS BLOB was refused, if it was. */
  mdsError?: string;
}

/** GET /api/metadata */
export interface MetadataInfo extends MetadataStatus {
  /** The community AAGUID list's published URL (what "Download" fetches). */
  communityUrl: string;
}

/** GET /api/aaguids/:aaguid */
export interface AuthenticatorInfo {
  aaguid: string;
  name: string;
  /** data: URI icons only (the window's CSP allows no other image source). */
  iconLight?: string;
  iconDark?: string;
  source: 'mds' | 'community';
}

/** GET /api/roots: one user-added attestation trust anchor. */
export interface TrustRoot {
  name: string;
  subject: string;
  issuer: string;
  notBefore: string | null;
  notAfter: string | null;
  ca: boolean;
  /** Colon-separated upper-case hex. */
  sha256: string;
}

// ---- History, export and import (src/rp/history.ts) ----

/** GET /api/history: one compact row per ceremony, for listing and filtering thousands of them. */
export interface HistoryEntry extends CeremonySummary {
  aaguid: string | null;
  fmt: string | null;
  /** The current metadata name for the AAGUID, else the name recorded when the ceremony ran. */
  authenticatorName: string | null;
  /** The authenticator data's signCount (null when there was no response). */
  signCount: number | null;
  /** Set on an imported ceremony whose id was already taken here: its id in the export. */
  importedFrom: string | null;
  /** When the ceremony was imported (null for ceremonies run here). */
  importedAt: string | null;
  /** The inspected site's origin, for ceremonies `inspect` captured on another site (null otherwise). */
  siteOrigin: string | null;
}

/** GET /api/history?limit&offset&kind&verdict&authenticator&q */
export interface HistoryPage {
  /** How many ceremonies match the filters (all pages). */
  total: number;
  offset: number;
  items: HistoryEntry[];
}

/**
 * POST /api/ceremonies/export { ids } answers this; POST /api/ceremonies/import takes it back.
 * Each ceremony is the complete record, exactly as GET /api/ceremonies/:id answers it.
 */
export interface CeremonyExport {
  format: 'passkey-explorer.ceremonies';
  version: 1;
  exportedAt: string;
  /** The RP that ran them (origin and RP ID) and the exporting application. */
  origin: string;
  rpId: string;
  app: string;
  ceremonies: Ceremony[];
}

/** POST /api/ceremonies/import: each ceremony's id here; `importedFrom` is set when its own id was taken. */
/** A staged part's answer: the import it belongs to and how many ceremonies it holds so far. */
export interface ImportStaged {
  importId: string;
  staged: number;
}

export interface ImportResult {
  imported: { id: string; importedFrom: string | null }[];
}

// ---- Virtual authenticator lab (src/rp/lab) ----

/**
 * CDP WebAuthn events of the lab's virtual authenticators, plus `residentCredentialLimit`: a
 * registration failed while an authenticator held Chromium's maximum of resident credentials.
 */
export type LabEventName = 'credentialAdded' | 'credentialAsserted' | 'credentialUpdated' | 'credentialDeleted' | 'residentCredentialLimit';

/** One lab event, recorded with the ceremony it happened during (GET /api/ceremonies/:id `labEvents`). */
export interface LabEvent {
  event: LabEventName;
  authenticatorId: string;
  /** base64url; '' when the event names no credential. */
  credentialId: string;
  /** The ceremony that was running, null when none was (e.g. the lab's own edits). */
  ceremonyId: string | null;
  /** Milliseconds since epoch (compare with Ceremony.timings). */
  at: number;
  /** The credential's sign count after the event, when CDP reported the credential. */
  signCount?: number;
  /** More about it: backup flags, user name, whether the lab itself caused it, a message. */
  detail?: {
    backupEligibility?: boolean;
    backupState?: boolean;
    userName?: string;
    isResidentCredential?: boolean;
    byLab?: boolean;
    message?: string;
  };
}

/** SSE: a lab event as it happens, and `lab-status` when authenticators or the lab's connection changed. */
type LabRpEvent = ({ type: 'lab' } & LabEvent) | { type: 'lab-status' };

/** GET /api/ceremonies/:id adds the lab events recorded during the ceremony (empty without a lab). */
export interface Ceremony {
  labEvents?: LabEvent[];
}

// ---- Inspect a site (src/rp/inspect) ----

/** One HTTP request of an inspected site, with what it sent and what came back (bodies bounded). */
export interface SiteHttpExchange {
  url: string;
  method: string;
  status: number | null;
  requestBody: string | null;
  responseBody: string | null;
  startedAt: number;
  finishedAt: number | null;
  mimeType: string | null;
}

/**
 * Where an inspected site's ceremony happened, and what the site's own server exchanged: set on the
 * ceremonies `inspect` captured ("external" ceremonies); absent on the local RP's own.
 */
export interface ExternalSite {
  /** The origin of the frame that called create()/get(). */
  origin: string;
  url: string;
  /** The RP ID the options named, or the origin's host when they named none. */
  rpId: string;
  topLevel: boolean;
  /** The top-level origin when the call came from a cross-origin iframe. */
  topOrigin: string | null;
  /** page, iframe (a cross-origin iframe of its own) … as CDP names the target. */
  target: string;
  /** The options exactly as the page passed them; byte values as { $bytes: base64url }. */
  rawOptions: unknown;
  /** The site's exchange around the ceremony, when one was seen. */
  server: { options: SiteHttpExchange | null; credential: SiteHttpExchange | null };
  /**
   * What the site's server answered to the credential, read from its HTTP answer: a 4xx/5xx or a JSON
   * body saying so (`verified: false`, `ok: false`, `success: false`, an `error`) is 'rejected'.
   */
  serverVerdict?: 'accepted' | 'rejected' | 'unknown';
  /**
   * Set when the site's server concluded otherwise than the §7.1 / §7.2 checks (the headline):
   * it accepted a response the checks reject at `checkId`, or rejected one that passes them all.
   */
  disagreement?: { server: 'accepted' | 'rejected'; status: number | null; checkId: string | null } | null;
  /**
   * Set when the RP ID is not the calling origin's domain (nor a parent of it): the page relied on
   * related origins (WebAuthn L3 §5.11), and this is the RP ID's `/.well-known/webauthn` document as
   * fetched through the page, validated as a client does.
   */
  relatedOrigins?: RelatedOrigins;
}

/** The related-origins document of an RP ID and what it says of the calling origin (§5.11.1). */
export interface RelatedOrigins {
  url: string;
  /** 'browser': fetched by the inspected browser's network stack for the page's frame; 'node': by Passkey Explorer. */
  via: 'browser' | 'node';
  status: number | null;
  /** Why the document could not be used (network error, not 200, not JSON, no `origins` array). */
  error: string | null;
  origins: string[] | null;
  /** The origin labels counted, in order (a client counts at least 5). */
  labels: string[];
  /** The calling origin is authorized by the document. */
  listed: boolean;
  /** The calling origin is in the document, but after 5 other labels: a client may not look that far. */
  beyondLimit: boolean;
}

export interface Ceremony {
  site?: ExternalSite;
}

// ---- Real authenticators: "Open in system browser" hand-off (src/rp/handoff.ts) ----

/** POST /api/handoff { config } -> a short-lived URL that opens the builder with this config. */
export interface HandoffCreateResponse {
  /** 22 base64url characters. */
  id: string;
  /** `http://localhost:<port>/#/ceremony?handoff=<id>` */
  url: string;
  /** ISO time after which GET answers 410 handoff_expired. */
  expiresAt: string;
}

/** GET /api/handoff/:id */
export interface HandoffConfigResponse {
  config: CeremonyConfig;
  createdAt: string;
  expiresAt: string;
}

/** GET /api/history filters. */
export interface HistoryQueryParams {
  limit?: number;
  offset?: number;
  kind?: string;
  verdict?: string;
  authenticator?: string;
  q?: string;
  /** 'local': this RP's own ceremonies; an origin: those captured on that inspected site. */
  site?: string;
}

/** One point of a credential's sign-count history (GET /api/credentials/:id). */
export interface SignCountPoint {
  ceremonyId: string;
  signCount: number;
  at: string;
}
