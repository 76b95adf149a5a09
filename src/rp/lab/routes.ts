/**
 * Handlers of the lab's API (src/api/endpoints.ts LAB_ENDPOINTS, under /api/lab). Without a lab
 * every call but GET /api/lab answers 409 lab_unavailable with how to get one (`serve --lab` or the
 * desktop app). LabError and OptionError become their 4xx answers in server.ts.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { LabEndpoints } from '@api/endpoints.ts';
import type { credentialInput } from '@api/lab.ts';
import { ApiFailure } from '../errors.ts';
import type { Handlers } from '../http/mount.ts';
import type { RpContext } from '../routes.ts';
import { recentLabEvents } from './events.ts';
import type { LabHost } from './host.ts';
import { pkcs8ToPem, publicKeyOf, toPkcs8Base64 } from './keys.ts';
import { labCredential } from './lab.ts';
import { PRESETS, RESIDENT_CREDENTIAL_LIMIT } from './options.ts';
import type { CdpCredential, LabAuthenticatorFile, LabCredentialDetail, LabCredentialFile } from './types.ts';

const toB64 = (v: string) => Buffer.from(v, 'base64').toString('base64');

/** A credential from a file -> CDP's Credential (ids to standard base64, PEM to PKCS#8, defaults filled). */
function normalizeCredential(input: z.infer<typeof credentialInput>, defaults: { rpId: string; resident: boolean }): CdpCredential {
  let privateKey: string;
  try {
    privateKey = toPkcs8Base64(input.privateKeyPem ?? input.privateKey!);
  } catch (e) {
    throw new ApiFailure(
      400,
      'private_key_invalid',
      `The credential's private key is not a PKCS#8 key (base64) or a PEM private key: ${e instanceof Error ? e.message : String(e)}.`,
    );
  }
  const id = input.credentialId ?? input.id;
  const largeBlob = input.largeBlob
    ? toB64(input.largeBlob)
    : input.largeBlobText !== undefined
      ? Buffer.from(input.largeBlobText, 'utf8').toString('base64')
      : undefined;
  return {
    credentialId: id ? toB64(id) : randomBytes(32).toString('base64'),
    isResidentCredential: input.isResidentCredential ?? (defaults.resident && !!input.userHandle),
    rpId: input.rpId ?? defaults.rpId,
    privateKey,
    ...(input.userHandle ? { userHandle: toB64(input.userHandle) } : {}),
    signCount: input.signCount ?? 0,
    ...(largeBlob ? { largeBlob } : {}),
    ...(input.backupEligibility !== undefined ? { backupEligibility: input.backupEligibility } : {}),
    ...(input.backupState !== undefined ? { backupState: input.backupState } : {}),
    ...(input.userName !== undefined ? { userName: input.userName } : {}),
    ...(input.userDisplayName !== undefined ? { userDisplayName: input.userDisplayName } : {}),
  };
}

/** The lab's handlers for a host. */
export function labHandlers(host: LabHost, ctx: RpContext): Handlers<LabEndpoints> {
  /** Answers a change and tells every window the lab changed. */
  const changed = <T>(value: T): T => {
    host.changed();
    return value;
  };
  return {
    status: () => host.status(),
    events: ({ query }) => recentLabEvents(ctx.store, query.limit),
    presets: () => PRESETS,
    selectTarget: async ({ body }) => {
      host.select(body.target);
      return host.status();
    },
    authenticators: async () => (await host.status()).authenticators,
    addAuthenticator: async ({ body }) => {
      const lab = host.require();
      const preset = 'preset' in body && body.preset ? PRESETS.find((p) => p.id === body.preset) : undefined;
      const options = 'options' in body ? body.options : preset!.options;
      return changed(await lab.addAuthenticator(options, { preset: preset?.id ?? null, label: body.label }));
    },
    load: async ({ body: { file } }) => {
      const lab = host.require();
      const resident = file.options.hasResidentKey === true;
      const loaded: LabAuthenticatorFile = {
        format: file.format,
        version: 1,
        savedAt: file.savedAt ?? '',
        label: file.label,
        preset: file.preset ?? null,
        options: file.options as never,
        state: file.state,
        credentials: file.credentials.map((c) => normalizeCredential(c, { rpId: ctx.rp.rpId, resident })),
      };
      const a = await lab.importAuthenticator(loaded);
      return changed({ ...a, credentials: await lab.credentials(a.authenticatorId) });
    },
    authenticator: async ({ params: { aid } }) => {
      const lab = host.require();
      const a = lab.get(aid);
      const credentials = await lab.credentials(aid);
      return {
        ...structuredClone(a),
        credentials,
        residentCount: credentials.filter((c) => c.isResidentCredential).length,
        residentLimit: RESIDENT_CREDENTIAL_LIMIT,
      };
    },
    remove: async ({ params: { aid } }) => {
      const lab = host.require();
      await lab.removeAuthenticator(aid);
      return changed({ removed: true as const, enabled: lab.isEnabled });
    },
    save: async ({ params: { aid }, c }) => {
      const file = await host.require().exportAuthenticator(aid);
      c.header('Content-Disposition', `attachment; filename="virtual-authenticator-${aid.slice(0, 8)}.json"`);
      return file;
    },
    setUserVerified: async ({ params: { aid }, body }) => changed(await host.require().setUserVerified(aid, body.isUserVerified)),
    setPresence: async ({ params: { aid }, body }) => changed(await host.require().setAutomaticPresenceSimulation(aid, body.enabled)),
    setOverrides: async ({ params: { aid }, body }) => changed(await host.require().setResponseOverrideBits(aid, body)),
    credentials: ({ params: { aid } }) => host.require().credentials(aid),
    addCredential: async ({ params: { aid }, body }) => {
      const lab = host.require();
      const a = lab.get(aid);
      const input = 'credential' in body ? body.credential : body.file.credential;
      const credential = normalizeCredential(input, { rpId: ctx.rp.rpId, resident: a.options.hasResidentKey === true });
      return changed(await lab.addCredential(aid, credential));
    },
    clearCredentials: async ({ params: { aid } }) => {
      await host.require().clearCredentials(aid);
      return changed({ cleared: true as const });
    },
    credential: async ({ params: { aid, cid } }): Promise<LabCredentialDetail> => {
      const c = await host.require().credential(aid, cid);
      const pub = publicKeyOf(c.privateKey);
      const stored = ctx.store.credential(labCredential(c).id);
      return {
        ...labCredential(c),
        privateKeyPem: pkcs8ToPem(c.privateKey),
        publicKeyPem: pub?.pem ?? null,
        publicKeyJwk: pub?.jwk ?? null,
        keyType: pub?.type ?? null,
        registered: stored ? { userName: stored.userName, counter: stored.counter } : null,
      };
    },
    editCredential: async ({ params: { aid, cid }, body }) => changed(await host.require().editCredential(aid, cid, body)),
    removeCredential: async ({ params: { aid, cid } }) => {
      await host.require().removeCredential(aid, cid);
      return changed({ removed: true as const });
    },
    exportCredential: async ({ params: { aid, cid }, c }): Promise<LabCredentialFile> => {
      const credential = await host.require().credential(aid, cid);
      c.header('Content-Disposition', `attachment; filename="virtual-credential-${cid.slice(0, 8)}.json"`);
      return { format: 'passkey-explorer/virtual-credential', version: 1, credential };
    },
  };
}
