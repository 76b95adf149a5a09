/**
 * Handlers of the core API (src/api/endpoints.ts ENDPOINTS): session and presets, the event stream,
 * registration and authentication, credentials, ceremonies, metadata and trust roots. History and
 * hand-off have their own modules (history.ts, handoff.ts).
 */
import type { Endpoints } from '@api/endpoints.ts';
import type { Ceremony, ClientErrorContext, SessionInfo } from '@api/types.ts';
import type { LabHost } from './lab/host.ts';
import { PRESETS } from './config.ts';
import { ApiFailure } from './errors.ts';
import type { WindowTimes } from './relyingParty.ts';
import type { EventStream } from './http/events.ts';
import type { Handlers } from './http/mount.ts';
import { labEventsOf } from './lab/events.ts';
import { COMMUNITY_AAGUIDS_URL, MetadataError } from './metadata.ts';
import { RootsError, type TrustRoots } from './roots.ts';
import type { RpContext } from './routes.ts';

type CoreEndpoints = Omit<
  Endpoints,
  | 'history'
  | 'historyEntry'
  | 'exportCeremonies'
  | 'importCeremonies'
  | 'importStage'
  | 'importCommit'
  | 'importAbort'
  | 'createHandoff'
  | 'handoff'
>;

/** The window's own measures from a verify body. */
function windowTimesOf(body: { clientMs?: number; optionsMs?: number }): WindowTimes {
  return { clientMs: body.clientMs, optionsMs: body.optionsMs };
}

export function coreHandlers(
  ctx: RpContext,
  deps: { roots: TrustRoots; events: EventStream; version: string; lab?: LabHost },
): Handlers<CoreEndpoints> {
  const { store, rp, metadata } = ctx;
  const { roots } = deps;
  /** A ceremony record with the lab events recorded during it. */
  const full = (c: Ceremony): Ceremony => ({ ...c, labEvents: labEventsOf(store, c.id) });
  /** A verify answer: the record, and after a rejection the record in the 4xx body too (one request). */
  const verifyAnswer = async (run: () => Promise<Ceremony>): Promise<Ceremony> => {
    try {
      return full(await run());
    } catch (e) {
      const id = e instanceof ApiFailure ? e.extra?.ceremonyId : undefined;
      const c = typeof id === 'string' ? store.ceremony(id) : null;
      if (e instanceof ApiFailure && c) throw new ApiFailure(e.status, e.code, e.message, e.step, { ...e.extra, ceremony: full(c) });
      throw e;
    }
  };
  /** A client error is recorded with the lab's authenticators as they were (its diagnosis reads them). */
  const clientContext = async (
    clientError: unknown,
    capabilities: Record<string, boolean> | undefined,
  ): Promise<ClientErrorContext | undefined> => {
    if (!clientError) return undefined;
    const lab = await deps.lab?.snapshot().catch(() => null);
    return lab || capabilities ? { ...(capabilities ? { capabilities } : {}), ...(lab ? { lab } : {}) } : undefined;
  };
  return {
    session: (): SessionInfo => ({ rpId: rp.rpId, origin: ctx.origin, version: deps.version, dataDir: ctx.dataDir }),
    presets: () => PRESETS,
    events: ({ c }) => deps.events.open(c),

    registrationOptions: ({ body }) => rp.registrationOptions(body.config),
    registrationVerify: async ({ body }) => {
      const context = await clientContext(body.clientError, body.clientCapabilities);
      return verifyAnswer(() =>
        rp.verifyRegistration(body.ceremonyId, body.response as never, body.clientError, windowTimesOf(body), context),
      );
    },
    authenticationOptions: ({ body }) => rp.authenticationOptions(body.config, body.credentialId),
    authenticationVerify: async ({ body }) => {
      const context = await clientContext(body.clientError, body.clientCapabilities);
      return verifyAnswer(() =>
        rp.verifyAuthentication(body.ceremonyId, body.response as never, body.clientError, windowTimesOf(body), context),
      );
    },

    credentials: () => store.credentials().map((c) => ({ ...c, authenticatorName: metadata.name(c.aaguid) })),
    credential: ({ params }) => {
      const c = store.credential(params.id);
      if (!c) throw new ApiFailure(404, 'credential_unknown', `No credential ${params.id} is registered with this RP.`);
      return { ...c, signCounts: store.signCounts(c.id) };
    },
    deleteCredential: ({ params }) => {
      rp.deleteCredential(params.id);
      return { deleted: true as const };
    },

    ceremonies: ({ query }) => store.ceremonies(query),
    ceremony: ({ params }) => {
      const c = store.ceremony(params.id);
      if (!c) throw new ApiFailure(404, 'ceremony_unknown', `No ceremony ${params.id}.`);
      return full(c);
    },

    metadata: () => ({ ...metadata.status(), communityUrl: COMMUNITY_AAGUIDS_URL }),
    refreshAaguids: ({ body }) => metadataCall(() => metadata.refreshCommunity(body.url)),
    importAaguids: ({ body }) => metadataCall(async () => metadata.importCommunity(body.content, body.name ?? 'file')),
    refreshMds: ({ body }) => metadataCall(() => metadata.refreshMds(body.url)),
    metadataSettings: ({ body }) => metadata.setAutoDownload(body.autoDownload),
    importMds: ({ body }) => metadataCall(() => metadata.installMds(body.content, body.name ?? 'file')),
    aaguid: ({ params, query }) => {
      const info = metadata.lookup(params.aaguid);
      if (!info && query.unknown === 'null') return null;
      if (!info)
        throw new ApiFailure(404, 'aaguid_unknown', `No name is known for AAGUID ${params.aaguid} (load an AAGUID list or the FIDO MDS).`);
      return info;
    },
    roots: () => roots.list(),
    addRoot: ({ body }) => {
      try {
        return roots.add(body.name, body.pem);
      } catch (e) {
        if (e instanceof RootsError) throw new ApiFailure(422, e.code, e.message);
        throw e;
      }
    },
    deleteRoot: ({ params }) => {
      if (!roots.remove(params.name)) throw new ApiFailure(404, 'root_unknown', `No user trust root named "${params.name}".`);
      return { deleted: true as const };
    },
  };
}

async function metadataCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof MetadataError) throw new ApiFailure(e.code === 'too_large' ? 413 : 422, e.code, e.message);
    throw e;
  }
}
