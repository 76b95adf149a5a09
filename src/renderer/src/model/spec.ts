/** Links into the specifications, for "spec" links beside each option. */
import { CTAP, WEBAUTHN } from '@decode/spec.ts';

export const SPEC = {
  webauthn: WEBAUTHN,
  rpEntity: `${WEBAUTHN}#dictdef-publickeycredentialrpentity`,
  userEntity: `${WEBAUTHN}#dictdef-publickeycredentialuserentity`,
  attestation: `${WEBAUTHN}#enum-attestation-convey`,
  selection: `${WEBAUTHN}#dictdef-authenticatorselectioncriteria`,
  pubKeyCredParams: `${WEBAUTHN}#dom-publickeycredentialcreationoptions-pubkeycredparams`,
  timeout: `${WEBAUTHN}#dom-publickeycredentialcreationoptions-timeout`,
  hints: `${WEBAUTHN}#enumdef-publickeycredentialhint`,
  excludeCredentials: `${WEBAUTHN}#dom-publickeycredentialcreationoptions-excludecredentials`,
  allowCredentials: `${WEBAUTHN}#dom-publickeycredentialrequestoptions-allowcredentials`,
  extensions: `${WEBAUTHN}#sctn-extensions`,
  credProps: `${WEBAUTHN}#sctn-authenticator-credential-properties-extension`,
  prf: `${WEBAUTHN}#prf-extension`,
  largeBlob: `${WEBAUTHN}#sctn-large-blob-extension`,
  credProtect: `${CTAP}#sctn-credProtect-extension`,
  minPinLength: `${CTAP}#sctn-minpinlength-extension`,
  credBlob: `${CTAP}#sctn-credBlob-extension`,
  flags: `${WEBAUTHN}#authdata-flags`,
  registration: `${WEBAUTHN}#sctn-registering-a-new-credential`,
  authentication: `${WEBAUTHN}#sctn-verifying-assertion`,
  signCount: `${WEBAUTHN}#sctn-sign-counter`,
  aaguid: `${WEBAUTHN}#aaguid`,
  attestationFormats: `${WEBAUTHN}#sctn-defined-attestation-formats`,
  backup: `${WEBAUTHN}#sctn-credential-backup`,
} as const;
