/**
 * The documents every "spec" link of the dissector, the verifier and the window points into, each
 * declared once. A link is `${DOCUMENT}#anchor`; `rfc(n, section)` builds an RFC's.
 */

/** Web Authentication Level 3 (the verifier's steps follow it). */
export const WEBAUTHN = 'https://www.w3.org/TR/webauthn-3/';
/** Web Authentication Level 2: for members Level 3 removed (tokenBinding). */
export const WEBAUTHN_L2 = 'https://www.w3.org/TR/webauthn-2/';
/** Client to Authenticator Protocol 2.2 (authenticator extensions, canonical CBOR). */
export const CTAP = 'https://fidoalliance.org/specs/fido-v2.2-ps-20250714/fido-client-to-authenticator-protocol-v2.2-ps-20250714.html';
/** FIDO Metadata Service 3.0 (the MDS BLOB). */
export const FIDO_MDS = 'https://fidoalliance.org/specs/mds/fido-metadata-service-v3.0-ps-20210518.html';
/** TPM 2.0 Library Specification (TPMS_ATTEST, TPMT_PUBLIC). */
export const TPM_LIBRARY = 'https://trustedcomputinggroup.org/resource/tpm-library-specification/';
/** ITU-T X.690 (BER/DER encoding rules). */
export const X690 = 'https://www.itu.int/rec/T-REC-X.690';
/** The COSE ML-DSA draft (AKP keys, algorithms -48/-49/-50). */
export const COSE_ML_DSA = 'https://datatracker.ietf.org/doc/draft-ietf-cose-dilithium/';
/** IANA's COSE registries (algorithms, key types, curves). */
export const IANA_COSE = 'https://www.iana.org/assignments/cose/cose.xhtml';

/** An RFC, or one of its sections: `rfc(5280)`, `rfc(9052, '7')`. */
export function rfc(n: number, section?: string): string {
  return `https://www.rfc-editor.org/rfc/rfc${n}${section === undefined ? '' : `#section-${section}`}`;
}
