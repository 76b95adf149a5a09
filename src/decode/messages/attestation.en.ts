/**
 * Plain-language explanations (English) for the attestation statement, X.509 and trust fields and
 * checks (PART B). Merged into the main catalog by src/decode/messages.
 */
export const attestationMessagesEn = {
  'attestation.attStmt':
    "The attestation statement: the authenticator's evidence about itself and the new key, in the format named by fmt.",
  'attestation.member.alg': 'The COSE algorithm of the attestation signature (for example -7 = ES256, -257 = RS256).',
  'attestation.member.sig': 'The attestation signature. For ECDSA it is a DER SEQUENCE of two integers, r and s.',
  'attestation.member.x5c':
    'The attestation certificate first, then the certificates that issued it. The relying party checks that this chain leads to a root it trusts.',
  'attestation.member.ver': 'Version of the statement format (TPM: "2.0"; SafetyNet: the Google Play Services version).',
  'attestation.member.certInfo':
    'TPMS_ATTEST: what the TPM signed. It names the new key (by hash) and carries a hash of the registration data in extraData.',
  'attestation.member.pubArea': "TPMT_PUBLIC: the TPM's description of the new key. It must be the same key as the credential public key.",
  'attestation.member.response': 'The SafetyNet response: a signed JSON Web Signature from Google Play Services about the device.',
  'x509.certificate':
    "An X.509 certificate: a public key, who it belongs to (subject), who vouches for it (issuer), when it is valid, and the issuer's signature.",
  'x509.tbsCertificate': "The signed part of the certificate. The issuer's signature covers exactly these bytes.",
  'x509.name': 'A distinguished name: country (C), organization (O), organizational unit (OU), common name (CN) and so on.',
  'x509.validity': 'The period in which the certificate may be used. Attestation chains are checked at the registration time.',
  'x509.spki': "The certificate's public key and its algorithm.",
  'x509.serialNumber': 'A number the issuer gave this certificate; unique per issuer.',
  'x509.signatureValue': "The issuer's signature over tbsCertificate.",
  'x509.ext.basicConstraints':
    'Whether this certificate may issue other certificates (CA) and how many CA levels may follow. Attestation certificates must have CA=false.',
  'x509.ext.keyUsage': 'What the key may be used for (signing, certificate signing, ...).',
  'x509.ext.extKeyUsage': 'Purposes of the key; a TPM attestation key certificate must list tcg-kp-AIKCertificate (2.23.133.8.3).',
  'x509.ext.subjectAltName': 'Other names for the subject. For TPM attestation it holds the TPM manufacturer, model and firmware version.',
  'x509.ext.tpmSan': 'The TPM device attributes: manufacturer (tcg-at-tpmManufacturer), model and version.',
  'x509.ext.fidoAaguid': 'The AAGUID of the authenticator model, set by the vendor. It must equal the AAGUID in the authenticator data.',
  'x509.ext.androidKeyDescription':
    'Android key attestation: what the Android keystore knows about the key (challenge, security level, allowed uses, origin).',
  'x509.ext.appleNonce': "Apple anonymous attestation: a hash of the registration data, bound into the certificate by Apple's CA.",
  'android.attestationChallenge': 'Must equal the hash of clientDataJSON, proving the key was attested for this registration.',
  'android.authorizationList': 'Properties of the key enforced by software or by the trusted execution environment (TEE).',
  'tpm.magic': 'Always 0xff544347 ("\\xffTCG") for structures the TPM generated itself.',
  'tpm.extraData': 'The hash of authenticatorData || clientDataHash: binds the TPM statement to this registration.',
  'tpm.attested': 'The Name (hash algorithm + hash) of the certified key; must match pubArea.',
  'safetynet.jws': 'Header, payload and signature, each base64url-encoded and separated by dots.',
  'attestation.trust':
    'Whether the attestation chain leads to a root the relying party trusts: none, self, chain valid to a root, or not trusted (and why).',
  'attestation.trustAnchors':
    'The root certificates acceptable for this format: bundled ones, ones you added, and those from the FIDO Metadata Service.',
};
