/** The virtual authenticator lab's API (src/rp/lab/routes.ts), on the typed client as `api.lab`. */
import type { LabEvent } from '@api/types.ts';
import type {
  CdpCredential,
  LabAuthenticator,
  LabAuthenticatorFile,
  LabCredential,
  LabCredentialDetail,
  LabCredentialEdit,
  LabCredentialEditResult,
  LabCredentialFile,
  LabStatus,
  ResponseOverrideBits,
  VirtualAuthenticatorOptions,
} from '@api/lab.ts';

export type LabRequest = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<T>;

export interface LabApi {
  status(): Promise<LabStatus>;
  events(limit?: number): Promise<LabEvent[]>;
  addPreset(preset: string, label?: string): Promise<LabAuthenticator>;
  addCustom(options: Partial<VirtualAuthenticatorOptions>, label?: string): Promise<LabAuthenticator>;
  /** Loads a saved authenticator file (with its credentials). */
  load(file: unknown): Promise<LabAuthenticator & { credentials: LabCredential[] }>;
  remove(authenticatorId: string): Promise<{ removed: true; enabled: boolean }>;
  save(authenticatorId: string): Promise<LabAuthenticatorFile>;
  setUserVerified(authenticatorId: string, isUserVerified: boolean): Promise<LabAuthenticator>;
  setPresence(authenticatorId: string, enabled: boolean): Promise<LabAuthenticator>;
  setOverrides(authenticatorId: string, bits: Partial<ResponseOverrideBits>): Promise<LabAuthenticator>;
  credentials(authenticatorId: string): Promise<LabCredential[]>;
  /** A credential file (`{ format, version, credential }`) or a bare credential. */
  addCredential(authenticatorId: string, file: unknown): Promise<LabCredential>;
  clearCredentials(authenticatorId: string): Promise<{ cleared: true }>;
  credential(authenticatorId: string, id: string): Promise<LabCredentialDetail>;
  editCredential(authenticatorId: string, id: string, edit: LabCredentialEdit): Promise<LabCredentialEditResult>;
  removeCredential(authenticatorId: string, id: string): Promise<{ removed: true }>;
  exportCredential(authenticatorId: string, id: string): Promise<LabCredentialFile>;
}

export function createLabApi(request: LabRequest): LabApi {
  const enc = encodeURIComponent;
  const a = (id: string) => `/api/lab/authenticators/${enc(id)}`;
  const c = (id: string, cid: string) => `${a(id)}/credentials/${enc(cid)}`;
  const isFile = (v: unknown): v is { format: string; credential: CdpCredential } =>
    typeof v === 'object' && v !== null && (v as { format?: unknown }).format === 'passkey-explorer/virtual-credential';
  return {
    status: () => request('GET', '/api/lab'),
    events: (limit = 100) => request('GET', `/api/lab/events?limit=${limit}`),
    addPreset: (preset, label) => request('POST', '/api/lab/authenticators', { preset, ...(label ? { label } : {}) }),
    addCustom: (options, label) => request('POST', '/api/lab/authenticators', { options, ...(label ? { label } : {}) }),
    load: (file) => request('POST', '/api/lab/import', { file }),
    remove: (id) => request('DELETE', a(id)),
    save: (id) => request('GET', `${a(id)}/export`),
    setUserVerified: (id, isUserVerified) => request('POST', `${a(id)}/user-verified`, { isUserVerified }),
    setPresence: (id, enabled) => request('POST', `${a(id)}/presence`, { enabled }),
    setOverrides: (id, bits) => request('POST', `${a(id)}/overrides`, bits),
    credentials: (id) => request('GET', `${a(id)}/credentials`),
    addCredential: (id, file) => request('POST', `${a(id)}/credentials`, isFile(file) ? { file } : { credential: file }),
    clearCredentials: (id) => request('DELETE', `${a(id)}/credentials`),
    credential: (id, cid) => request('GET', c(id, cid)),
    editCredential: (id, cid, edit) => request('POST', c(id, cid), edit),
    removeCredential: (id, cid) => request('DELETE', c(id, cid)),
    exportCredential: (id, cid) => request('GET', `${c(id, cid)}/export`),
  };
}
