/**
 * The relying party's ceremonies: options from a CeremonyConfig, single-use expiring challenges,
 * verification by the dissector's spec-ordered checks with @simplewebauthn/server as a second opinion
 * (src/rp/analyze.ts), and the records kept of every attempt.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { getParsed } from '@decode/index.ts';
import type { MetadataLookup } from '@decode/trust/mds.ts';
import { signCountCheck, type Expectations } from '@decode/verify/index.ts';
import { toBase64Url } from '@decode/bytes.ts';
import {
  analysisRecord,
  analyzeAuthentication,
  analyzeRegistration,
  failureMessage,
  pickFlags,
  stepOfCheck,
  withCheckReplaced,
  withChecksDisabled,
  type Analysis,
} from './analyze.ts';
import type {
  AuthenticationOptionsResponse,
  Ceremony,
  CeremonyConfig,
  CeremonySummary,
  CeremonyResult,
  ClientError,
  ClientErrorContext,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationOptionsResponse,
  RpEvent,
  StoredCredential,
} from '@api/types.ts';
import { ApiFailure } from './errors.ts';
import type { Store } from './store.ts';

/** Extra time the client gets beyond the ceremony timeout before its challenge expires. */
export const CHALLENGE_GRACE_MS = 30_000;

const CRED_PROTECT = {
  1: 'userVerificationOptional',
  2: 'userVerificationOptionalWithCredentialIDList',
  3: 'userVerificationRequired',
} as const;

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
const utf8b64u = (text: string): string => b64u(new TextEncoder().encode(text));

export interface RelyingPartyOptions {
  store: Store;
  rpId: string;
  origin: string;
  /** Injected clock (ms since epoch), for tests of expiry. */
  now?: () => number;
  /** AAGUID -> authenticator name, from the metadata sources. */
  authenticatorName?: (aaguid: string | null | undefined) => string | null;
  /** User trust anchors (PEM) and the FIDO MDS statements, for attestation trust. */
  trust?: () => { trustAnchors: string[]; mds?: MetadataLookup };
  /**
   * Called with each response before it is verified: resolves once the virtual authenticator lab
   * has recorded the CDP event of that credential (LabHost.settle), so the finished record has it.
   */
  settleAuthenticatorEvents?: (
    ceremony: { id: string; kind: 'registration' | 'authentication'; since: number },
    credentialId: string,
  ) => Promise<void>;
  /**
   * Test-only: checks (by id) and refusals (challenge_reused, challenge_expired) switched off, to prove
   * that each negative harness scenario fails without its check. startRpServer never sets it, so no
   * request can: only a test that constructs a RelyingParty itself.
   */
  disabledChecks?: ReadonlySet<string>;
}

/** What the window that ran the ceremony measured on its own clock (ms), kept in the ceremony's timings. */
export interface WindowTimes {
  /** How long create()/get() took. */
  clientMs?: number;
  /** The options request's round trip (request sent → options received). */
  optionsMs?: number;
}

function windowTimes(t: WindowTimes): WindowTimes {
  return {
    ...(t.clientMs !== undefined ? { clientMs: t.clientMs } : {}),
    ...(t.optionsMs !== undefined ? { optionsMs: t.optionsMs } : {}),
  };
}

export class RelyingParty {
  readonly store: Store;
  readonly rpId: string;
  readonly origin: string;
  readonly events = new EventEmitter<{ event: [RpEvent] }>();
  private readonly now: () => number;
  private readonly authenticatorName: (aaguid: string | null | undefined) => string | null;
  private readonly trust: () => { trustAnchors: string[]; mds?: MetadataLookup };
  private readonly settleEvents: NonNullable<RelyingPartyOptions['settleAuthenticatorEvents']>;
  private readonly disabled: ReadonlySet<string>;

  constructor(opts: RelyingPartyOptions) {
    this.settleEvents = opts.settleAuthenticatorEvents ?? (async () => {});
    this.disabled = opts.disabledChecks ?? new Set();
    this.trust = opts.trust ?? (() => ({ trustAnchors: [] }));
    this.authenticatorName = opts.authenticatorName ?? (() => null);
    this.store = opts.store;
    this.rpId = opts.rpId;
    this.origin = opts.origin;
    this.now = opts.now ?? Date.now;
    this.events.setMaxListeners(0);
  }

  /** Publishes a ceremony's summary on the event stream (from the record in hand: no read). */
  private emitCeremony(c: CeremonySummary): void {
    const { id, kind, createdAt, verdict, userName, credentialId, error } = c;
    const summary: CeremonySummary = { id, kind, createdAt, verdict, userName, credentialId, error };
    this.events.emit('event', { type: 'ceremony', ceremony: summary });
  }

  /** Records a new ceremony with its single-use challenge (expiring after the timeout plus grace). */
  private openCeremony(
    kind: 'registration' | 'authentication',
    at: number,
    config: CeremonyConfig,
    options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON,
    userName: string | null,
  ): string {
    const id = randomUUID();
    const createdAt = new Date(at).toISOString();
    this.store.createCeremony({
      id,
      kind,
      createdAt,
      challenge: options.challenge,
      expiresAt: at + config.timeout + CHALLENGE_GRACE_MS,
      config,
      options,
      userName,
    });
    this.emitCeremony({ id, kind, createdAt, verdict: 'pending', userName, credentialId: null, error: null });
    return id;
  }

  private newChallenge(): string {
    return b64u(randomBytes(32));
  }

  // ---------------------------------------------------------------- registration

  /** WebAuthn L3 §5.4 PublicKeyCredentialCreationOptions from the builder's config. */
  registrationOptions(config: CeremonyConfig): RegistrationOptionsResponse {
    const at = this.now();
    // A new user gets its user handle now, once: a second registration opened before the first one
    // finishes carries the same user.id, which is the one every credential of this name is stored under
    // (two handles for one name would leave a credential whose userHandle the RP does not know).
    const user =
      this.store.userByName(config.userName) ??
      this.store.createUser({
        id: b64u(randomBytes(16)),
        name: config.userName,
        displayName: config.userDisplayName,
        createdAt: new Date(at).toISOString(),
      });
    const userId = user.id;
    const existing = this.store.credentials(user.id);
    const challenge = this.newChallenge();

    const extensions: Record<string, unknown> = {};
    const x = config.extensions;
    if (x.credProps) extensions.credProps = true;
    if (x.prf.enabled) extensions.prf = prfInput(x.prf);
    if (x.largeBlob.support !== 'off') extensions.largeBlob = { support: x.largeBlob.support };
    if (x.credProtect.policy !== 0) {
      extensions.credentialProtectionPolicy = CRED_PROTECT[x.credProtect.policy];
      extensions.enforceCredentialProtectionPolicy = x.credProtect.enforce;
    }
    if (x.minPinLength) extensions.minPinLength = true;
    if (x.credBlob?.write) extensions.credBlob = utf8b64u(x.credBlob.write);

    const options: PublicKeyCredentialCreationOptionsJSON = {
      rp: { name: config.rpName, id: this.rpId },
      user: { id: userId, name: config.userName, displayName: config.userDisplayName },
      challenge,
      pubKeyCredParams: config.pubKeyCredParams.map((alg) => ({ type: 'public-key', alg })),
      timeout: config.timeout,
      excludeCredentials: config.excludeCredentials
        ? existing.map((c) => ({ id: c.id, type: 'public-key', transports: c.transports as never }))
        : [],
      authenticatorSelection: {
        ...(config.authenticatorAttachment ? { authenticatorAttachment: config.authenticatorAttachment } : {}),
        residentKey: config.residentKey,
        requireResidentKey: config.residentKey === 'required',
        userVerification: config.userVerification,
      },
      hints: config.hints,
      attestation: config.attestation as PublicKeyCredentialCreationOptionsJSON['attestation'],
      extensions: extensions as PublicKeyCredentialCreationOptionsJSON['extensions'],
    };
    return { ceremonyId: this.openCeremony('registration', at, config, options, config.userName), options };
  }

  async verifyRegistration(
    ceremonyId: string,
    response: RegistrationResponseJSON | undefined,
    clientError: ClientError | undefined,
    times?: WindowTimes,
    context?: ClientErrorContext,
  ): Promise<Ceremony> {
    const { ceremony, responseAt } = this.takeChallenge(ceremonyId, 'registration', times);
    if (clientError || !response) return this.recordClientError(ceremony, clientError, responseAt, context);
    await this.settleEvents({ id: ceremony.id, kind: 'registration', since: Date.parse(ceremony.createdAt) }, response.rawId);
    const config = ceremony.config;
    const options = ceremony.options as PublicKeyCredentialCreationOptionsJSON;

    const analysed = await analyzeRegistration(
      response,
      {
        challenge: options.challenge,
        origin: this.origin,
        rpID: this.rpId,
        ...policyExpectations(config, 'registration'),
        requireCanonicalCbor: config.policy?.requireCanonicalCbor ?? false,
        registeredCredentialIds: (id) => this.store.credential(id) !== null,
        currentTime: new Date(this.now()),
        ...trustExpectations(this.trust()),
      },
      { aaguidNames: (aaguid) => this.authenticatorName(aaguid) },
    );
    const analysis = this.disabled.size ? withChecksDisabled(analysed, this.disabled) : analysed;
    const record = analysisRecord(analysis);
    if (!analysis.verified) {
      const f = analysis.failure;
      const step = f ? stepOfCheck(f.id) : 'decode';
      const duplicate = step === 'credentialIdUnique';
      throw this.fail(ceremony, {
        response,
        responseAt,
        code: duplicate ? 'credential_exists' : 'verification_failed',
        message: failureMessage(analysis),
        step: duplicate ? 'credentialId' : step,
        status: duplicate ? 409 : 400,
        dissection: record,
      });
    }
    const parsed = getParsed(analysis.dissection)!;
    const authData = parsed.attestation!.authData!;
    const acd = authData.attestedCredentialData!;
    const credentialId = toBase64Url(acd.credentialId);
    const flags = authData.flags;
    const summary = analysis.dissection.summary;
    const alg = summary.alg;
    const aaguid = acd.aaguidText;
    const verifiedAt = this.now();
    // The user was made when the options were issued; a record from before that (or a user removed and
    // made again since) is made or checked here: the credential must be stored under the handle it carries.
    let user = this.store.userByName(config.userName);
    if (!user) {
      user = this.store.createUser({
        id: options.user.id,
        name: config.userName,
        displayName: config.userDisplayName,
        createdAt: new Date(verifiedAt).toISOString(),
      });
    } else if (user.id !== options.user.id) {
      throw this.fail(ceremony, {
        response,
        responseAt,
        code: 'user_handle_conflict',
        message: `The user "${config.userName}" now has user handle ${user.id}, but this registration's options gave the authenticator ${options.user.id}: the credential would carry a user handle the RP does not know. Register again.`,
        step: 'user',
        status: 409,
        dissection: record,
      });
    }
    const rk = response.clientExtensionResults?.credProps?.rk;
    const owner = user;
    // The credential and the ceremony's record: one transaction (one commit), never one without the other.
    const finished = this.store.transaction(() => {
      this.store.addCredential(
        {
          id: credentialId,
          userId: owner.id,
          publicKey: toBase64Url(acd.credentialPublicKey),
          alg,
          counter: authData.signCount,
          transports: response.response.transports ?? [],
          aaguid,
          fmt: summary.fmt,
          backupEligible: flags.be,
          backedUp: flags.bs,
          discoverable: typeof rk === 'boolean' ? rk : null,
          createdAt: new Date(verifiedAt).toISOString(),
        },
        ceremony.id,
      );
      const result: CeremonyResult = {
        credentialId,
        userName: owner.name,
        fmt: summary.fmt ?? undefined,
        aaguid,
        authenticatorName: this.authenticatorName(aaguid),
        alg: alg ?? undefined,
        signCount: authData.signCount,
        flags: pickFlags(flags),
        credentialDeviceType: flags.be ? 'multiDevice' : 'singleDevice',
        clientExtensionResults: response.clientExtensionResults ?? {},
        authenticatorExtensionResults: authData.extensions,
        transports: response.response.transports ?? [],
      };
      return this.store.finishCeremony(ceremony, {
        response,
        verdict: 'verified',
        result,
        dissection: record,
        timings: { ...ceremony.timings, responseAt, verifiedAt },
        userName: owner.name,
        credentialId,
      });
    });
    this.emitCeremony(finished);
    this.events.emit('event', { type: 'credentials' });
    return finished;
  }

  // -------------------------------------------------------------- authentication

  /** WebAuthn L3 §5.5 PublicKeyCredentialRequestOptions from the builder's config. */
  authenticationOptions(config: CeremonyConfig, credentialId?: string): AuthenticationOptionsResponse {
    const at = this.now();
    let allow: { id: string; type: 'public-key'; transports?: string[] }[] = [];
    let userName: string | null = null;
    if (credentialId) {
      const c = this.store.credential(credentialId);
      if (!c) {
        throw new ApiFailure(
          404,
          'credential_unknown',
          `No credential ${credentialId} is registered with this RP; it may have been deleted.`,
        );
      }
      allow = [{ id: c.id, type: 'public-key', transports: c.transports }];
      userName = c.userName;
    } else if (config.allowCredentials) {
      const user = this.store.userByName(config.userName);
      const creds = user ? this.store.credentials(user.id) : [];
      if (creds.length === 0) {
        throw new ApiFailure(
          404,
          'no_credentials',
          `User "${config.userName}" has no registered credentials to list in allowCredentials. Register first, or turn the allow list off to sign in with a discoverable credential.`,
        );
      }
      allow = creds.map((c) => ({ id: c.id, type: 'public-key', transports: c.transports }));
      userName = config.userName;
    }
    const extensions: Record<string, unknown> = {};
    const x = config.extensions;
    if (x.prf.enabled)
      extensions.prf = prfInput(
        x.prf,
        allow.map((c) => c.id),
      );
    if (x.largeBlob.write) extensions.largeBlob = { write: utf8b64u(x.largeBlob.write) };
    else if (x.largeBlob.read) extensions.largeBlob = { read: true };
    if (x.credBlob?.read) extensions.getCredBlob = true;

    const challenge = this.newChallenge();
    const options: PublicKeyCredentialRequestOptionsJSON = {
      challenge,
      timeout: config.timeout,
      rpId: this.rpId,
      allowCredentials: allow as PublicKeyCredentialRequestOptionsJSON['allowCredentials'],
      userVerification: config.userVerification,
      hints: config.hints,
      extensions: extensions as PublicKeyCredentialRequestOptionsJSON['extensions'],
    };
    return { ceremonyId: this.openCeremony('authentication', at, config, options, userName), options };
  }

  async verifyAuthentication(
    ceremonyId: string,
    response: AuthenticationResponseJSON | undefined,
    clientError: ClientError | undefined,
    times?: WindowTimes,
    context?: ClientErrorContext,
  ): Promise<Ceremony> {
    const { ceremony, responseAt } = this.takeChallenge(ceremonyId, 'authentication', times);
    if (clientError || !response) return this.recordClientError(ceremony, clientError, responseAt, context);
    await this.settleEvents({ id: ceremony.id, kind: 'authentication', since: Date.parse(ceremony.createdAt) }, response.rawId);
    const config = ceremony.config;
    const options = ceremony.options as PublicKeyCredentialRequestOptionsJSON;

    const allowed = options.allowCredentials ?? [];
    // §7.2 steps 5–7 (allowCredentials, the credential record, its user) are checks of the verifier
    // like every other step: a sign-in that fails there still has its dissection and checklist.
    const stored = this.store.credential(response.rawId);
    const analysed = await analyzeAuthentication(
      response,
      {
        challenge: options.challenge,
        origin: this.origin,
        rpID: this.rpId,
        ...policyExpectations(config, 'authentication'),
        credential: stored
          ? {
              id: stored.id,
              publicKey: stored.publicKey,
              counter: stored.counter,
              backupEligible: stored.backupEligible,
              userHandle: stored.userId,
            }
          : null,
        allowCredentials: allowed.map((c) => c.id),
        currentTime: new Date(this.now()),
      },
      { aaguidNames: (aaguid) => this.authenticatorName(aaguid) },
    );
    let analysis = this.disabled.size ? withChecksDisabled(analysed, this.disabled) : analysed;
    if (analysis.verified && stored) {
      // The counter check and its update are one step: another sign-in with this credential may have
      // been verified while this one was analysed; the counter it stored is the one to beat. The
      // credential's update and the ceremony's record are one transaction (one commit).
      const authData = getParsed(analysis.dissection)!.authData!;
      const strict = (config.policy?.counter ?? 'strict') === 'strict' && !this.disabled.has('authentication.signCount');
      const verified = analysis;
      const cas = this.store.transaction(() => {
        const r = this.store.touchCredential(
          stored.id,
          authData.signCount,
          authData.flags.bs,
          new Date(this.now()).toISOString(),
          ceremony.id,
          strict,
        );
        return r.ok ? { ok: true as const, finished: this.recordVerifiedSignIn(ceremony, response, responseAt, stored, verified) } : r;
      });
      if (cas.ok) {
        this.emitCeremony(cas.finished);
        this.events.emit('event', { type: 'credentials' });
        return cas.finished;
      }
      analysis = withCheckReplaced(analysis, signCountCheck(authData.signCount, cas.stored, config.policy?.counter));
    }
    const record = analysisRecord(analysis);
    if (!analysis.verified) {
      const f = analysis.failure;
      const who = stored ? { userName: stored.userName, credentialId: stored.id } : {};
      const failure = { response, responseAt, dissection: record, who };
      switch (f?.id) {
        case 'authentication.allowCredentials':
          throw this.fail(ceremony, {
            ...failure,
            code: 'credential_not_allowed',
            message: `Credential ${response.rawId} was not in allowCredentials (${allowed.map((c) => c.id).join(', ')}).`,
            step: 'allowCredentials',
          });
        case 'authentication.credential':
          if (!stored)
            throw this.fail(ceremony, {
              ...failure,
              code: 'credential_unknown',
              message: `Credential ${response.rawId} is not registered with this RP (it may have been deleted). The authenticator still holds it; remove it there too, or register again.`,
              step: 'credentialId',
              status: 404,
            });
          break;
        case 'authentication.userHandle':
          if (f.messageId === 'check.authentication.userHandle.missing')
            throw this.fail(ceremony, {
              ...failure,
              code: 'user_handle_missing',
              message:
                'The credential was discovered (empty allowCredentials) but the response has no userHandle to identify the user (§7.2 step 6).',
              step: 'userHandle',
            });
          if (f.messageId === 'check.authentication.userHandle.mismatch')
            throw this.fail(ceremony, {
              ...failure,
              code: 'user_handle_mismatch',
              message: `userHandle ${response.response.userHandle} does not belong to credential ${stored?.id}, whose user handle is ${stored?.userId} (§7.2 step 6).`,
              step: 'userHandle',
            });
          break;
      }
      throw this.fail(ceremony, {
        ...failure,
        code: 'verification_failed',
        message: failureMessage(analysis),
        step: f ? stepOfCheck(f.id) : 'decode',
      });
    }
    throw new Error('a verified assertion without a stored credential');
  }

  /** The record of a verified sign-in (inside the transaction that moved the credential's counter). */
  private recordVerifiedSignIn(
    ceremony: Ceremony,
    response: AuthenticationResponseJSON,
    responseAt: number,
    stored: StoredCredential,
    analysis: Analysis,
  ): Ceremony {
    const record = analysisRecord(analysis);
    const authData = getParsed(analysis.dissection)!.authData!;
    const flags = authData.flags;
    const verifiedAt = this.now();
    const result: CeremonyResult = {
      credentialId: stored.id,
      userName: stored.userName,
      aaguid: stored.aaguid ?? undefined,
      authenticatorName: this.authenticatorName(stored.aaguid),
      alg: stored.alg ?? undefined,
      fmt: stored.fmt ?? undefined,
      signCount: authData.signCount,
      previousSignCount: stored.counter,
      flags: pickFlags(flags),
      credentialDeviceType: flags.be ? 'multiDevice' : 'singleDevice',
      clientExtensionResults: response.clientExtensionResults ?? {},
      authenticatorExtensionResults: authData.extensions,
    };
    return this.store.finishCeremony(ceremony, {
      response,
      verdict: 'verified',
      result,
      dissection: record,
      timings: { ...ceremony.timings, responseAt, verifiedAt },
      userName: stored.userName,
      credentialId: stored.id,
    });
  }

  // ------------------------------------------------------------------- shared

  deleteCredential(id: string): void {
    if (!this.store.deleteCredential(id)) {
      throw new ApiFailure(404, 'credential_unknown', `No credential ${id} is registered with this RP.`);
    }
    this.events.emit('event', { type: 'credentials' });
  }

  /**
   * Single-use, expiring challenge: the first verify call consumes it, whatever its outcome.
   * Unknown, reused and expired challenges each get their own error code.
   */
  private takeChallenge(
    ceremonyId: string,
    kind: 'registration' | 'authentication',
    times: WindowTimes = {},
  ): { ceremony: Ceremony; responseAt: number } {
    const state = this.store.ceremonyWithChallenge(ceremonyId);
    if (!state) {
      throw new ApiFailure(404, 'challenge_unknown', `No ceremony ${ceremonyId} was started here: request options first.`, 'challenge');
    }
    const { ceremony } = state;
    if (ceremony.kind !== kind) {
      throw new ApiFailure(400, 'ceremony_kind_mismatch', `Ceremony ${ceremonyId} is a ${ceremony.kind}, not a ${kind}.`, 'type');
    }
    const at = this.now();
    const consumed = state.consumedAt !== null || !this.store.consumeChallenge(ceremonyId, at);
    if (consumed && !this.disabled.has('challenge_reused')) {
      throw new ApiFailure(
        409,
        'challenge_reused',
        `The challenge of ceremony ${ceremonyId} was already used: challenges are single-use (a replayed response is refused).`,
        'challenge',
      );
    }
    if (at > state.expiresAt && !this.disabled.has('challenge_expired')) {
      const error = {
        code: 'challenge_expired',
        message: `The challenge expired at ${new Date(state.expiresAt).toISOString()}; request new options.`,
        step: 'challenge',
      };
      this.emitCeremony(
        this.store.finishCeremony(ceremony, {
          verdict: 'failed',
          error,
          timings: { ...ceremony.timings, responseAt: at, ...windowTimes(times) },
        }),
      );
      throw new ApiFailure(410, error.code, error.message, error.step, { ceremonyId });
    }
    // Every record of this attempt (verified, failed, client error) keeps the window's own measure.
    ceremony.timings = { ...ceremony.timings, ...windowTimes(times) };
    return { ceremony, responseAt: at };
  }

  private recordClientError(
    ceremony: Ceremony,
    clientError: ClientError | undefined,
    responseAt: number,
    context?: ClientErrorContext,
  ): Ceremony {
    const ce = clientError ?? { name: 'UnknownError', message: 'The client sent neither a response nor an error.' };
    const finished = this.store.finishCeremony(ceremony, {
      clientError: ce,
      verdict: 'client-error',
      error: { code: 'client_error', message: `${ce.name}: ${ce.message}`, step: 'client', ...(context ? { context } : {}) },
      timings: { ...ceremony.timings, responseAt },
    });
    this.emitCeremony(finished);
    return finished;
  }

  /** Records the ceremony as failed (with its dissection when there is one) and returns the API error to throw. */
  private fail(
    ceremony: Ceremony,
    f: {
      response: unknown;
      responseAt: number;
      code: string;
      message: string;
      step: string;
      status?: number;
      who?: { userName?: string; credentialId?: string };
      dissection?: Ceremony['dissection'];
    },
  ): ApiFailure {
    const finished = this.store.finishCeremony(ceremony, {
      response: f.response,
      verdict: 'failed',
      error: { code: f.code, message: f.message, step: f.step },
      dissection: f.dissection ?? null,
      timings: { ...ceremony.timings, responseAt: f.responseAt, verifiedAt: this.now() },
      userName: f.who?.userName,
      credentialId: f.who?.credentialId ?? (f.response as { rawId?: string } | undefined)?.rawId ?? null,
    });
    this.emitCeremony(finished);
    return new ApiFailure(f.status ?? 400, f.code, f.message, f.step, { ceremonyId: ceremony.id });
  }
}

/** The prf input: `eval`, or (a sign-in with an allow list and byCredential) `evalByCredential` keyed by each allowed credential id. */
function prfInput(prf: CeremonyConfig['extensions']['prf'], allowed: readonly string[] = []): Record<string, unknown> {
  if (!prf.first) return {};
  const values = { first: utf8b64u(prf.first), ...(prf.second ? { second: utf8b64u(prf.second) } : {}) };
  if (prf.byCredential && allowed.length) return { evalByCredential: Object.fromEntries(allowed.map((id) => [id, values])) };
  return { eval: values };
}

function trustExpectations(t: { trustAnchors: string[]; mds?: MetadataLookup }): Partial<Expectations> {
  return {
    ...(t.trustAnchors.length ? { trustAnchors: t.trustAnchors } : {}),
    ...(t.mds ? { attestationOptions: { mds: t.mds } } : {}),
  };
}

/** The failing check in words, plus the second opinion when the verifiers disagree. */

/**
 * What the RP enforces, from its policy apart from the options where it has one: UV (its policy, else
 * what the options asked), UP, the algorithms it accepts (else those it offered), the least
 * attestation it accepts, and what it does with a counter that did not increase.
 */
function policyExpectations(config: CeremonyConfig, kind: 'registration' | 'authentication'): Partial<Expectations> {
  const policy = config.policy;
  const uv = policy?.userVerification ?? 'options';
  return {
    ...(uv === 'options'
      ? { requireUserVerification: config.userVerification === 'required' }
      : { requireUserVerification: uv === 'required', optionsUserVerification: config.userVerification }),
    // Conditional create: the browser makes the passkey without a gesture, so UP is not verified (§7.1 step 14).
    requireUserPresence:
      policy?.userPresence !== 'not-required' && !(kind === 'registration' && config.mediation?.registration === 'conditional'),
    supportedAlgorithms: policy?.algorithms ?? config.pubKeyCredParams,
    ...(policy?.algorithms ? { offeredAlgorithms: config.pubKeyCredParams } : {}),
    ...(policy?.attestationTrust ? { attestationTrust: policy.attestationTrust, attestationRequested: config.attestation } : {}),
    ...(policy?.counter ? { counterPolicy: policy.counter } : {}),
  };
}
