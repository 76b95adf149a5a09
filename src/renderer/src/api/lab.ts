/**
 * The virtual authenticator lab's client, on the typed client as `api.lab`: one method per entry of
 * LAB_ENDPOINTS (src/api/endpoints.ts), plus addPreset / addCustom, the two ways of adding one.
 */
import { buildClient, type ClientOf, type EndpointDef, type RequestParts } from '@api/endpoint.ts';
import { LAB_ENDPOINTS, type LabEndpoints } from '@api/endpoints.ts';
import type { LabAuthenticator, LabPresetId, VirtualAuthenticatorOptions } from '@api/lab.ts';

export type LabApi = ClientOf<LabEndpoints> & {
  addPreset(preset: string, label?: string): Promise<LabAuthenticator>;
  addCustom(options: Partial<VirtualAuthenticatorOptions>, label?: string): Promise<LabAuthenticator>;
};

export function createLabApi(request: (e: EndpointDef, parts: RequestParts) => Promise<unknown>): LabApi {
  const lab = buildClient(LAB_ENDPOINTS, request);
  return {
    ...lab,
    addPreset: (preset, label) => lab.addAuthenticator({ preset: preset as LabPresetId, ...(label ? { label } : {}) }),
    addCustom: (options, label) => lab.addAuthenticator({ options, ...(label ? { label } : {}) }),
  };
}
