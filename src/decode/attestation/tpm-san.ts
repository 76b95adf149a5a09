/**
 * The TPM device attributes of an AIK certificate's subjectAltName (WebAuthn §8.3.1; TCG EK/AIK
 * credential profile): tcg-at-tpmManufacturer, tcg-at-tpmModel and tcg-at-tpmVersion in a
 * directoryName. The SAN decoder (x509/extensions.ts) asks this module for them.
 */
import { WEBAUTHN } from '../spec.ts';
import type { X509Name } from '../x509/model.ts';

export const TPM_SAN_SPEC = `${WEBAUTHN}#sctn-tpm-cert-requirements`;

export interface TpmSan {
  manufacturer?: string;
  model?: string;
  version?: string;
  /** True when the three attributes are spread over separate RDNs as TCG profiles it. */
  separateRdns: boolean;
}

const TPM_ATTR: Record<string, keyof Omit<TpmSan, 'separateRdns'>> = {
  '2.23.133.2.1': 'manufacturer',
  '2.23.133.2.2': 'model',
  '2.23.133.2.3': 'version',
};

/** The TPM attributes a directoryName carries, or undefined when it has none. */
export function tpmDeviceAttributes(name: X509Name): TpmSan | undefined {
  const tpm: TpmSan = { separateRdns: true };
  let found = false;
  for (const rdn of name.rdns) {
    const hits = rdn.filter((a) => TPM_ATTR[a.oid]);
    if (hits.length > 1) tpm.separateRdns = false;
    for (const a of hits) {
      tpm[TPM_ATTR[a.oid]] = a.value;
      found = true;
    }
  }
  return found ? tpm : undefined;
}
