/**
 * Every endpoint of the local RP's HTTP API, once. The RP mounts a handler for each entry
 * (src/rp/server.ts; a missing one fails the typecheck), the window's client has a method for each
 * (src/renderer/src/api/client.ts), and a path of this table called with another method answers
 * 405 method_not_allowed. State-changing methods (POST, DELETE) need the per-launch X-PE-Token.
 */
import {
  changePasswordRequest,
  emailParams,
  emailRequest,
  otpVerifyRequest,
  passkeySessionRequest,
  passwordSignInRequest,
  redeemLinkRequest,
  removePasswordRequest,
  sessionCheckRequest,
  signUpRequest,
  smtpSettingsRequest,
  type AccountRecord,
  type MagicLinkSent,
  type MailMessage,
  type MigrationWalk,
  type OtpSent,
  type PasswordChanged,
  type RecoveryReadiness,
  type Session,
  type SessionClaims,
  type SmtpSettings,
} from './auth.ts';
import { relayStartRequest, type RelayDemo, type RelayPasskeyMode, type RelayStatus } from './relay.ts';
import { z } from 'zod';
import { ceremonyConfigSchema } from './config.ts';
import { endpoint } from './endpoint.ts';
import {
  harnessAnswerSchema,
  harnessStartSchema,
  type HarnessAnswer,
  type HarnessRun,
  type HarnessStart,
  type HarnessStatus,
} from './harness.ts';
import { exportRequest, historyQuery, importCommitRequest, importStageRequest, MAX_IMPORT_BYTES } from './history.ts';
import {
  inspectFaultSchema,
  inspectOpenSchema,
  type InspectFault,
  type InspectOpenTab,
  type InspectSession,
  type InspectStatus,
} from './inspect.ts';
import {
  addAuthenticatorSchema,
  addCredentialSchema,
  credentialEditSchema,
  labEventsQuery,
  labImportSchema,
  labTargetSchema,
  MAX_LAB_FILE_BYTES,
  overridesSchema,
  presenceSchema,
  userVerifiedSchema,
  type CdpCredential,
  type LabAuthenticator,
  type LabAuthenticatorFile,
  type LabCredential,
  type LabCredentialDetail,
  type LabCredentialEdit,
  type LabCredentialEditResult,
  type LabCredentialFile,
  type LabPreset,
  type LabPresetId,
  type LabStatus,
  type ResponseOverrideBits,
  type VirtualAuthenticatorOptions,
} from './lab.ts';
import {
  authenticationVerifySchema,
  ceremonyListQuery,
  MAX_METADATA_BYTES,
  metadataImportSchema,
  optionsRequestSchema,
  refreshSchema,
  metadataSettingsSchema,
  registrationVerifySchema,
  rootSchema,
} from './schemas.ts';
import type {
  AuthenticationOptionsResponse,
  AuthenticationResponseJSON,
  AuthenticatorInfo,
  Ceremony,
  CeremonyConfig,
  CeremonyExport,
  CeremonySummary,
  HandoffConfigResponse,
  HandoffCreateResponse,
  HistoryEntry,
  HistoryPage,
  HistoryQueryParams,
  ImportResult,
  ImportStaged,
  LabEvent,
  MdsStatus,
  MetadataAutoStatus,
  MetadataInfo,
  OptionsRequest,
  Preset,
  RegistrationOptionsResponse,
  RegistrationResponseJSON,
  SessionInfo,
  SignCountPoint,
  SourceStatus,
  StoredCredential,
  TrustRoot,
  VerifyRequest,
} from './types.ts';

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a ceremony id (a lower-case UUID)');
const credentialId = z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/, 'must be a base64url credential id');
const authenticatorId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a virtual authenticator id');
const none = () => ({});

/** The core API: session, ceremonies, credentials, metadata and trust roots, history, hand-off. */
export const ENDPOINTS = {
  session: endpoint<SessionInfo>()({ method: 'GET', path: '/api/session', args: none }),
  presets: endpoint<Preset[]>()({ method: 'GET', path: '/api/presets', args: none }),
  events: endpoint<never>()({ method: 'GET', path: '/api/events', stream: true, args: none }),

  registrationOptions: endpoint<RegistrationOptionsResponse>()({
    method: 'POST',
    path: '/api/registration/options',
    body: optionsRequestSchema,
    args: (req: OptionsRequest) => ({ body: req }),
  }),
  registrationVerify: endpoint<Ceremony>()({
    method: 'POST',
    path: '/api/registration/verify',
    body: registrationVerifySchema,
    args: (req: VerifyRequest<RegistrationResponseJSON>) => ({ body: req }),
  }),
  authenticationOptions: endpoint<AuthenticationOptionsResponse>()({
    method: 'POST',
    path: '/api/authentication/options',
    body: optionsRequestSchema,
    args: (req: OptionsRequest) => ({ body: req }),
  }),
  authenticationVerify: endpoint<Ceremony>()({
    method: 'POST',
    path: '/api/authentication/verify',
    body: authenticationVerifySchema,
    args: (req: VerifyRequest<AuthenticationResponseJSON>) => ({ body: req }),
  }),

  credentials: endpoint<StoredCredential[]>()({ method: 'GET', path: '/api/credentials', args: none }),
  /** A credential with its sign-count history. */
  credential: endpoint<StoredCredential & { signCounts: SignCountPoint[] }>()({
    method: 'GET',
    path: '/api/credentials/:id',
    params: z.object({ id: credentialId }),
    args: (id: string) => ({ params: { id } }),
  }),
  deleteCredential: endpoint<{ deleted: true }>()({
    method: 'DELETE',
    path: '/api/credentials/:id',
    params: z.object({ id: credentialId }),
    args: (id: string) => ({ params: { id } }),
  }),

  ceremonies: endpoint<CeremonySummary[]>()({
    method: 'GET',
    path: '/api/ceremonies',
    query: ceremonyListQuery,
    args: (limit = 200) => ({ query: { limit } }),
  }),
  /** One complete record, with the lab events recorded during it. */
  ceremony: endpoint<Ceremony>()({
    method: 'GET',
    path: '/api/ceremonies/:id',
    params: z.object({ id: uuid }),
    args: (id: string) => ({ params: { id } }),
  }),
  /** Complete, re-importable records of these ceremonies. */
  exportCeremonies: endpoint<CeremonyExport>()({
    method: 'POST',
    path: '/api/ceremonies/export',
    body: exportRequest,
    args: (ids: string[]) => ({ body: { ids } }),
  }),
  /** An export, or one ceremony record; ids already taken get new ones. Validated by the handler (two shapes). */
  importCeremonies: endpoint<ImportResult>()({
    method: 'POST',
    path: '/api/ceremonies/import',
    body: z.unknown(),
    bodyLimit: MAX_IMPORT_BYTES,
    args: (bundle: unknown) => ({ body: bundle }),
  }),
  /**
   * A big import in parts (each at most MAX_BATCH_CEREMONIES): staged, invisible, until the commit
   * stores them all in one transaction. Nothing is stored from an import never committed.
   */
  importStage: endpoint<ImportStaged>()({
    method: 'POST',
    path: '/api/ceremonies/import/stage',
    body: importStageRequest,
    bodyLimit: MAX_IMPORT_BYTES,
    args: (req: { importId?: string; ceremonies: unknown[] }) => ({ body: req }),
  }),
  importCommit: endpoint<ImportResult>()({
    method: 'POST',
    path: '/api/ceremonies/import/commit',
    body: importCommitRequest,
    args: (importId: string) => ({ body: { importId } }),
  }),
  importAbort: endpoint<{ deleted: boolean }>()({
    method: 'DELETE',
    path: '/api/ceremonies/import/:id',
    params: z.object({ id: uuid }),
    args: (importId: string) => ({ params: { id: importId } }),
  }),
  /** One page of compact rows, newest first, with the total matching the filters. */
  history: endpoint<HistoryPage>()({
    method: 'GET',
    path: '/api/history',
    query: historyQuery,
    args: (query: HistoryQueryParams = {}) => ({ query: { ...query } }),
  }),
  historyEntry: endpoint<HistoryEntry>()({
    method: 'GET',
    path: '/api/history/:id',
    params: z.object({ id: uuid }),
    args: (id: string) => ({ params: { id } }),
  }),

  /** Status of the AAGUID name sources (community list, FIDO MDS). */
  metadata: endpoint<MetadataInfo>()({ method: 'GET', path: '/api/metadata', args: none }),
  /** Turns the background download of both sources (at start, when stale) on or off. */
  metadataSettings: endpoint<MetadataAutoStatus>()({
    method: 'POST',
    path: '/api/metadata/settings',
    body: metadataSettingsSchema,
    args: (autoDownload: boolean) => ({ body: { autoDownload } }),
  }),
  /** Downloads the community AAGUID list (default: its published URL). */
  refreshAaguids: endpoint<SourceStatus>()({
    method: 'POST',
    path: '/api/metadata/aaguids/refresh',
    body: refreshSchema,
    args: (url?: string) => ({ body: url ? { url } : {} }),
  }),
  /** Installs a community AAGUID list the user picked (file text). */
  importAaguids: endpoint<SourceStatus>()({
    method: 'POST',
    path: '/api/metadata/aaguids/import',
    body: metadataImportSchema,
    bodyLimit: MAX_METADATA_BYTES + 4096,
    args: (content: string, name: string) => ({ body: { content, name } }),
  }),
  /** Downloads and verifies the FIDO MDS BLOB (default: the FIDO Alliance's URL). */
  refreshMds: endpoint<MdsStatus>()({
    method: 'POST',
    path: '/api/metadata/mds/refresh',
    body: refreshSchema,
    args: (url?: string) => ({ body: url ? { url } : {} }),
  }),
  /** Verifies and installs a FIDO MDS BLOB the user picked (file text). */
  importMds: endpoint<MdsStatus>()({
    method: 'POST',
    path: '/api/metadata/mds/import',
    body: metadataImportSchema,
    bodyLimit: MAX_METADATA_BYTES + 4096,
    args: (content: string, name: string) => ({ body: { content, name } }),
  }),
  /**
   * Name and icons of an authenticator model: 404 aaguid_unknown when no loaded source knows it, or
   * with `?unknown=null` a 200 null (the window asks that way: an unknown model is an answer, not an
   * error in the browser's console).
   */
  aaguid: endpoint<AuthenticatorInfo | null>()({
    method: 'GET',
    path: '/api/aaguids/:aaguid',
    params: z.object({ aaguid: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be an AAGUID') }),
    query: z.object({ unknown: z.literal('null').optional() }).strict(),
    args: (aaguid: string, unknownAsNull = false) => ({ params: { aaguid }, query: unknownAsNull ? { unknown: 'null' as const } : {} }),
  }),
  roots: endpoint<TrustRoot[]>()({ method: 'GET', path: '/api/roots', args: none }),
  addRoot: endpoint<TrustRoot>()({
    method: 'POST',
    path: '/api/roots',
    body: rootSchema,
    args: (name: string, pem: string) => ({ body: { name, pem } }),
  }),
  deleteRoot: endpoint<{ deleted: true }>()({
    method: 'DELETE',
    path: '/api/roots/:name',
    params: z.object({ name: z.string().min(1).max(240) }),
    args: (name: string) => ({ params: { name } }),
  }),

  /** "Open in system browser": a short-lived URL that loads this config into another browser's builder. */
  createHandoff: endpoint<HandoffCreateResponse>()({
    method: 'POST',
    path: '/api/handoff',
    body: z.object({ config: ceremonyConfigSchema }).strict(),
    args: (config: CeremonyConfig) => ({ body: { config } }),
  }),
  /** The config behind a hand-off id (404 handoff_unknown, 410 handoff_expired). */
  handoff: endpoint<HandoffConfigResponse>()({
    method: 'GET',
    path: '/api/handoff/:id',
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a hand-off id is 22 base64url characters') }),
    args: (id: string) => ({ params: { id } }),
  }),
} as const;

const A = '/api/lab/authenticators/:aid';
const aid = z.object({ aid: authenticatorId });
const aidCid = z.object({ aid: authenticatorId, cid: credentialId });

/**
 * The virtual authenticator lab (src/rp/lab). Without a lab every call but `status` answers 409
 * lab_unavailable with how to get one (`serve --lab` or the desktop app).
 */
export const LAB_ENDPOINTS = {
  /** Status, option support, presets, authenticators with their credentials. */
  status: endpoint<LabStatus>()({ method: 'GET', path: '/api/lab', args: none }),
  /** The newest lab events, oldest first. */
  events: endpoint<LabEvent[]>()({
    method: 'GET',
    path: '/api/lab/events',
    query: labEventsQuery,
    args: (limit = 100) => ({ query: { limit } }),
  }),
  presets: endpoint<LabPreset[]>()({ method: 'GET', path: '/api/lab/presets', args: none }),
  /** Which page the lab drives: null for the window's own, or an inspected site's tab (GET /api/lab lists them). */
  selectTarget: endpoint<LabStatus>()({
    method: 'POST',
    path: '/api/lab/target',
    body: labTargetSchema,
    args: (target: string | null) => ({ body: { target } }),
  }),
  authenticators: endpoint<LabAuthenticator[]>()({ method: 'GET', path: '/api/lab/authenticators', args: none }),
  /** A preset, or options by their CDP names (unknown ones are refused by name). */
  addAuthenticator: endpoint<LabAuthenticator>()({
    method: 'POST',
    path: '/api/lab/authenticators',
    body: addAuthenticatorSchema,
    args: (add: { preset: LabPresetId; label?: string } | { options: Partial<VirtualAuthenticatorOptions>; label?: string }) => ({
      body: add,
    }),
  }),
  /** Loads a saved authenticator file (with its credentials). */
  load: endpoint<LabAuthenticator & { credentials: LabCredential[] }>()({
    method: 'POST',
    path: '/api/lab/import',
    body: labImportSchema,
    bodyLimit: MAX_LAB_FILE_BYTES * 2,
    args: (file: unknown) => ({ body: { file } }),
  }),
  authenticator: endpoint<LabAuthenticator>()({ method: 'GET', path: A, params: aid, args: (id: string) => ({ params: { aid: id } }) }),
  remove: endpoint<{ removed: true; enabled: boolean }>()({
    method: 'DELETE',
    path: A,
    params: aid,
    args: (id: string) => ({ params: { aid: id } }),
  }),
  /** The authenticator with its credentials (private keys included), as a file. */
  save: endpoint<LabAuthenticatorFile>()({
    method: 'GET',
    path: `${A}/export`,
    params: aid,
    args: (id: string) => ({ params: { aid: id } }),
  }),
  setUserVerified: endpoint<LabAuthenticator>()({
    method: 'POST',
    path: `${A}/user-verified`,
    params: aid,
    body: userVerifiedSchema,
    args: (id: string, isUserVerified: boolean) => ({ params: { aid: id }, body: { isUserVerified } }),
  }),
  /** Automatic presence simulation. */
  setPresence: endpoint<LabAuthenticator>()({
    method: 'POST',
    path: `${A}/presence`,
    params: aid,
    body: presenceSchema,
    args: (id: string, enabled: boolean) => ({ params: { aid: id }, body: { enabled } }),
  }),
  /** Fault injection: bogus signature, bad UV, bad UP. */
  setOverrides: endpoint<LabAuthenticator>()({
    method: 'POST',
    path: `${A}/overrides`,
    params: aid,
    body: overridesSchema,
    args: (id: string, bits: Partial<ResponseOverrideBits>) => ({ params: { aid: id }, body: bits }),
  }),
  credentials: endpoint<LabCredential[]>()({
    method: 'GET',
    path: `${A}/credentials`,
    params: aid,
    args: (id: string) => ({ params: { aid: id } }),
  }),
  /** A credential file (`{ format, version, credential }`) or a bare credential. */
  addCredential: endpoint<LabCredential>()({
    method: 'POST',
    path: `${A}/credentials`,
    params: aid,
    body: addCredentialSchema,
    bodyLimit: MAX_LAB_FILE_BYTES + 4096,
    args: (id: string, file: unknown) => ({ params: { aid: id }, body: isCredentialFile(file) ? { file } : { credential: file } }),
  }),
  clearCredentials: endpoint<{ cleared: true }>()({
    method: 'DELETE',
    path: `${A}/credentials`,
    params: aid,
    args: (id: string) => ({ params: { aid: id } }),
  }),
  /** Everything about one credential: PEM keys, user handle, large blob, whether the RP knows it. */
  credential: endpoint<LabCredentialDetail>()({
    method: 'GET',
    path: `${A}/credentials/:cid`,
    params: aidCid,
    args: (id: string, cid: string) => ({ params: { aid: id, cid } }),
  }),
  /** Sign count, BE, BS. */
  editCredential: endpoint<LabCredentialEditResult>()({
    method: 'POST',
    path: `${A}/credentials/:cid`,
    params: aidCid,
    body: credentialEditSchema,
    args: (id: string, cid: string, edit: LabCredentialEdit) => ({ params: { aid: id, cid }, body: edit }),
  }),
  removeCredential: endpoint<{ removed: true }>()({
    method: 'DELETE',
    path: `${A}/credentials/:cid`,
    params: aidCid,
    args: (id: string, cid: string) => ({ params: { aid: id, cid } }),
  }),
  exportCredential: endpoint<LabCredentialFile>()({
    method: 'GET',
    path: `${A}/credentials/:cid/export`,
    params: aidCid,
    args: (id: string, cid: string) => ({ params: { aid: id, cid } }),
  }),
} as const;

const inspection = z.object({ id: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be an inspection id') });

/**
 * Inspect a site from the window (src/rp/inspect/host.ts): the lab browser opens a URL with the capture
 * installed, and each ceremony of the site lands in History. Without a lab browser every call but
 * `status` answers 409 inspect_unavailable with how to get one (`serve --lab` or the desktop app).
 */
export const INSPECT_ENDPOINTS = {
  status: endpoint<InspectStatus>()({ method: 'GET', path: '/api/inspect', args: none }),
  /** The lab browser's open tabs that can be inspected (empty for the desktop app's windows). */
  tabs: endpoint<InspectOpenTab[]>()({ method: 'GET', path: '/api/inspect/tabs', args: none }),
  /** Opens the URL in a new tab (or window) of the lab browser, with a virtual authenticator when a preset is given. */
  open: endpoint<InspectSession>()({
    method: 'POST',
    path: '/api/inspect/sessions',
    body: inspectOpenSchema,
    args: (open: ({ url: string } | { tab: string }) & { preset?: LabPresetId | null; fault?: InspectFault | null }) => ({ body: open }),
  }),
  /** Changes the fault the inspection's virtual authenticators inject (null: none). */
  setFault: endpoint<InspectSession>()({
    method: 'POST',
    path: '/api/inspect/sessions/:id/fault',
    params: inspection,
    body: inspectFaultSchema,
    args: (id: string, fault: InspectFault | null) => ({ params: { id }, body: { fault } }),
  }),
  /** Closes the inspected tab (its ceremonies stay in History). */
  close: endpoint<InspectSession>()({
    method: 'DELETE',
    path: '/api/inspect/sessions/:id',
    params: inspection,
    args: (id: string) => ({ params: { id } }),
  }),
} as const;

const harnessRun = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a harness run id') });

/**
 * The test harness from the window (src/rp/harness/host.ts): built-in suites and the user's scenario
 * files run in the window's own page, through its lab (serve --lab or the desktop app) or, interactive,
 * with this browser's own authenticator. One run at a time; finished runs are kept in the store.
 */
export const HARNESS_ENDPOINTS = {
  status: endpoint<HarnessStatus>()({ method: 'GET', path: '/api/harness', args: none }),
  start: endpoint<HarnessRun>()({
    method: 'POST',
    path: '/api/harness/runs',
    body: harnessStartSchema,
    // A scenario file of 500 scenarios fits.
    bodyLimit: 4 * 1024 * 1024,
    args: (start: HarnessStart) => ({ body: start }),
  }),
  /** The window's outcome of an interactive run's prompt (the ceremony it ran with this browser's authenticator). */
  answer: endpoint<HarnessRun>()({
    method: 'POST',
    path: '/api/harness/runs/:id/answer',
    params: harnessRun,
    body: harnessAnswerSchema,
    args: (id: string, answer: HarnessAnswer) => ({ params: { id }, body: answer }),
  }),
  /** Forgets a finished run. */
  forget: endpoint<{ forgotten: string }>()({
    method: 'DELETE',
    path: '/api/harness/reports/:id',
    params: harnessRun,
    args: (id: string) => ({ params: { id } }),
  }),
  run: endpoint<HarnessRun>()({
    method: 'GET',
    path: '/api/harness/runs/:id',
    params: harnessRun,
    args: (id: string) => ({ params: { id } }),
  }),
  /** Stops a run after the scenario in progress (what ran is kept). */
  cancel: endpoint<HarnessRun>()({
    method: 'DELETE',
    path: '/api/harness/runs/:id',
    params: harnessRun,
    args: (id: string) => ({ params: { id } }),
  }),
} as const;

/** The authentication methods lab: passwords, magic links, e-mail codes, and sessions (src/api/auth.ts). */
export const AUTH_ENDPOINTS = {
  signUp: endpoint<{ account: AccountRecord; session: Session }>()({
    method: 'POST',
    path: '/api/auth/password/sign-up',
    body: signUpRequest,
    args: (req: { email: string; password: string }) => ({ body: req }),
  }),
  passwordSignIn: endpoint<{ session: Session }>()({
    method: 'POST',
    path: '/api/auth/password/sign-in',
    body: passwordSignInRequest,
    args: (req: { email: string; password: string }) => ({ body: req }),
  }),
  changePassword: endpoint<PasswordChanged>()({
    method: 'POST',
    path: '/api/auth/password/change',
    body: changePasswordRequest,
    args: (req: { email: string; password: string; newPassword: string; revokePasskeys?: boolean }) => ({ body: req }),
  }),
  /** Passwordless from now on: allowed only while the account has a passkey. */
  removePassword: endpoint<{ account: AccountRecord }>()({
    method: 'POST',
    path: '/api/auth/password/remove',
    body: removePasswordRequest,
    args: (req: { email: string; password: string }) => ({ body: req }),
  }),
  /** How the account would sign in again after losing a device. */
  readiness: endpoint<RecoveryReadiness>()({
    method: 'GET',
    path: '/api/auth/accounts/:email/readiness',
    params: emailParams,
    args: (emailAddress: string) => ({ params: { email: emailAddress } }),
  }),
  /** Readiness of every account and passkey user, by name (the comparison view's table). */
  allReadiness: endpoint<RecoveryReadiness[]>()({ method: 'GET', path: '/api/auth/readiness', args: none }),
  /** How far the account is on the walk from a password to passkeys, from what happened on this RP. */
  migration: endpoint<MigrationWalk>()({
    method: 'GET',
    path: '/api/auth/accounts/:email/migration',
    params: emailParams,
    args: (emailAddress: string) => ({ params: { email: emailAddress } }),
  }),
  sendMagicLink: endpoint<MagicLinkSent>()({
    method: 'POST',
    path: '/api/auth/magic-link',
    body: emailRequest,
    args: (emailAddress: string) => ({ body: { email: emailAddress } }),
  }),
  redeemMagicLink: endpoint<{ session: Session }>()({
    method: 'POST',
    path: '/api/auth/magic-link/redeem',
    body: redeemLinkRequest,
    args: (token: string) => ({ body: { token } }),
  }),
  sendOtp: endpoint<OtpSent>()({
    method: 'POST',
    path: '/api/auth/otp',
    body: emailRequest,
    args: (emailAddress: string) => ({ body: { email: emailAddress } }),
  }),
  verifyOtp: endpoint<{ session: Session }>()({
    method: 'POST',
    path: '/api/auth/otp/verify',
    body: otpVerifyRequest,
    args: (req: { email: string; code: string }) => ({ body: req }),
  }),
  /** A session for a verified passkey sign-in (once per ceremony). */
  passkeySession: endpoint<{ session: Session }>()({
    method: 'POST',
    path: '/api/auth/passkey/session',
    body: passkeySessionRequest,
    args: (ceremonyId: string) => ({ body: { ceremonyId } }),
  }),
  /** Verifies a session JWT against this launch's key: its claims, or why not. */
  checkSession: endpoint<{ valid: true; claims: SessionClaims } | { valid: false; reason: string }>()({
    method: 'POST',
    path: '/api/auth/session/check',
    body: sessionCheckRequest,
    args: (jwt: string) => ({ body: { jwt } }),
  }),
  accounts: endpoint<AccountRecord[]>()({ method: 'GET', path: '/api/auth/accounts', args: none }),
  /** The local mailbox magic links and codes are delivered to, newest first. */
  mailbox: endpoint<MailMessage[]>()({ method: 'GET', path: '/api/auth/mailbox', args: none }),

  /** Real delivery of links and codes to an SMTP server (off unless configured); the password is never sent back. */
  smtpSettings: endpoint<SmtpSettings>()({ method: 'GET', path: '/api/auth/smtp', args: none }),
  setSmtpSettings: endpoint<SmtpSettings>()({
    method: 'POST',
    path: '/api/auth/smtp',
    body: smtpSettingsRequest,
    args: (req: z.input<typeof smtpSettingsRequest>) => ({ body: req }),
  }),
  /** A test message through the SMTP server (and into the local mailbox), answered once it was tried. */
  testSmtp: endpoint<MailMessage>()({
    method: 'POST',
    path: '/api/auth/smtp/test',
    body: emailRequest,
    args: (to: string) => ({ body: { email: to } }),
  }),

  /** The phishing relay demo: the look-alike's origins, what it relayed and kept, each method's outcome. */
  relayStatus: endpoint<RelayStatus>()({ method: 'GET', path: '/api/auth/relay', args: none }),
  /** Starts the look-alike on a second origin (or sets what it does with passkey assertions). */
  relayStart: endpoint<RelayStatus>()({
    method: 'POST',
    path: '/api/auth/relay',
    body: relayStartRequest,
    args: (req: { passkeyMode?: RelayPasskeyMode } = {}) => ({ body: req }),
  }),
  /**
   * The scripted victim (`passkey-explorer demo relay`'s) through the running look-alike: an account
   * and a passkey for `victim@relay-demo.example` on this RP, then every method through the relay.
   */
  relayDemo: endpoint<RelayDemo>()({ method: 'POST', path: '/api/auth/relay/demo', args: none }),
  relayStop: endpoint<RelayStatus>()({ method: 'DELETE', path: '/api/auth/relay', args: none }),
} as const;

/** Every table the RP mounts: the server, the attack suite and the fuzz test enumerate routes from it. */
export const ENDPOINT_TABLES = {
  core: ENDPOINTS,
  lab: LAB_ENDPOINTS,
  inspect: INSPECT_ENDPOINTS,
  harness: HARNESS_ENDPOINTS,
  auth: AUTH_ENDPOINTS,
} as const;

function isCredentialFile(v: unknown): v is { format: string; credential: CdpCredential } {
  return typeof v === 'object' && v !== null && (v as { format?: unknown }).format === 'passkey-explorer/virtual-credential';
}

export type Endpoints = typeof ENDPOINTS;
export type LabEndpoints = typeof LAB_ENDPOINTS;
export type InspectEndpoints = typeof INSPECT_ENDPOINTS;
export type HarnessEndpoints = typeof HARNESS_ENDPOINTS;
export type AuthEndpoints = typeof AUTH_ENDPOINTS;
