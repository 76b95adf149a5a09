/** Plain-language explanations (English), by the message id in Field.explain. */
export const en = {
  'common.field': 'A part of the message. See the parent entry and the linked specification for its meaning.',
  'common.unparsed': 'Bytes the dissector could not decode. The error list says where and why decoding stopped.',

  'cbor.header':
    'CBOR header: the first byte gives the major type (integer, bytes, text, array, map, tag, simple/float) and, with the bytes after it, the length or value.',
  'cbor.mapKey': 'The key of a CBOR map entry. WebAuthn and CTAP2 require map keys in canonical order without duplicates.',
  'cbor.folded':
    'Items this container holds beyond what the field tree expands (its first 2,000, and at most 20,000 fields per message): real WebAuthn messages never come near; a message this large is shown without building a field for every item. Its bytes are still all here, in the hex view.',
  'cbor.break': 'The "break" byte (0xff) that ends an indefinite-length CBOR item. CTAP2 canonical CBOR does not allow indefinite lengths.',
  'input.cbor': 'A CBOR data item that is not one of the WebAuthn structures this tool recognizes.',
  'json.syntax':
    'JSON punctuation or whitespace (braces, quotes, colons, commas, spaces). It carries no data but is part of the signed bytes.',
  'json.key': 'The name of a JSON member, in the order the client sent it.',

  credential:
    'The PublicKeyCredential as JSON (WebAuthn L3 toJSON()): what the browser returned to the page and the page sent to the server.',
  'options.creation':
    'Creation options: what the RP asked navigator.credentials.create() for, as the server sent them (PublicKeyCredentialCreationOptionsJSON). The review checks below say what the browser will refuse or ignore.',
  'options.request':
    'Request options: what the RP asked navigator.credentials.get() for, as the server sent them (PublicKeyCredentialRequestOptionsJSON). The review checks below say what the browser will refuse or ignore.',
  'options.challenge':
    'The challenge: random bytes from the server (base64url in JSON) that the authenticator signs; at least 16, never reused.',
  'options.rp': 'The relying party: its display name, and its id (the RP ID, a domain) that every credential is bound to.',
  'options.user':
    'The account: id (the user handle, 1 to 64 bytes that identify no one), name and displayName (what the passkey manager shows).',
  'options.user.id':
    'The user handle (base64url in JSON): stored with the credential and returned at sign-in. Random bytes, never a name or an e-mail address.',
  'options.pubKeyCredParams':
    'The signature algorithms the server accepts, most preferred first, as COSE numbers (-7 ES256, -8 EdDSA, -257 RS256).',
  'options.authenticatorSelection':
    'What kind of authenticator and credential the RP wants: residentKey (a passkey), userVerification (a PIN or biometric), authenticatorAttachment.',
  'options.attestation': 'Whether the RP wants proof of the authenticator model: none (the default), indirect, direct or enterprise.',
  'options.credentials':
    'Credentials named by id (and how to reach them): excludeCredentials stops a second registration on the same authenticator, allowCredentials limits a sign-in to them.',
  'options.timeout': 'How long the browser should wait for the user, in milliseconds: a hint the browser may change.',
  'options.hints': 'Which kind of authenticator the browser should offer first: security-key, client-device or hybrid (a phone).',
  'options.extensions': 'Extension inputs (credProps, prf, largeBlob, …): browsers process the ones they support and drop the rest.',
  'options.rpId': 'The RP ID the credentials to use were made for: a domain, the page’s own or a parent of it.',
  'options.userVerification':
    'Whether the sign-in must verify the user (a PIN or biometric): required, preferred (the default) or discouraged.',
  'credential.id':
    'The credential ID as base64url text. It should equal rawId and, for a registration, the credential ID in authenticator data.',
  'credential.rawId': 'The credential ID bytes (base64url in JSON). The server stores it to find the public key at sign-in.',
  'credential.type': 'Always "public-key" for WebAuthn credentials.',
  'credential.authenticatorAttachment':
    'Where the authenticator lives: "platform" (built into the device, e.g. Windows Hello, Touch ID) or "cross-platform" (a security key or a phone).',
  'credential.response':
    'The authenticator response: clientDataJSON plus attestationObject (registration) or authenticatorData, signature and userHandle (sign-in).',
  'credential.transports':
    'How the client can reach this authenticator again (usb, nfc, ble, internal, hybrid). Stored by the server as a hint for allowCredentials.',
  'credential.clientDataJSON': 'clientDataJSON as base64url text; its decoded bytes are shown as their own buffer.',
  'credential.attestationObject': 'The attestation object as base64url text; its decoded CBOR bytes are shown as their own buffer.',
  'credential.authenticatorData':
    'Authenticator data as base64url text; the decoded bytes are shown as their own buffer (for a registration, a copy of attestationObject.authData).',
  'credential.signature': 'The assertion signature as base64url text; the decoded bytes are shown as their own buffer.',
  'credential.userHandle': 'The user handle as base64url text: the user.id the server chose at registration.',
  'credential.publicKey':
    'A convenience copy of the credential public key as SubjectPublicKeyInfo (DER), for servers that cannot read COSE.',
  'credential.publicKeyAlgorithm': 'A convenience copy of the COSE algorithm of the new credential (e.g. -7 = ES256).',

  clientData:
    'clientDataJSON: what the browser saw (ceremony type, challenge, origin). The authenticator signs its SHA-256 hash, which binds the signature to this site and this challenge.',
  'clientData.type':
    '"webauthn.create" for registration, "webauthn.get" for sign-in. Checking it stops a signature made for one ceremony from being replayed as the other.',
  'clientData.challenge':
    "The server's random challenge, base64url-encoded by the browser. The server checks it is the one it issued and has not been used before: this defeats replay.",
  'clientData.origin':
    'The web origin (scheme, host, port) of the page that ran the ceremony, as seen by the browser. A phishing site has a different origin, so a passkey cannot be used there.',
  'clientData.crossOrigin': 'True when the ceremony ran inside an iframe whose origin differs from the top-level page.',
  'clientData.topOrigin': 'The origin of the top-level page when the ceremony ran in a cross-origin iframe.',
  'clientData.tokenBinding':
    'Token Binding information (WebAuthn Level 2, removed in Level 3): whether the TLS connection was token-bound.',
  'clientData.tokenBinding.status':
    'Token Binding status: "present" (used) or "supported" (possible but not used). Other values are invalid.',
  'clientData.tokenBinding.id': 'The Token Binding ID (base64url) when status is "present".',
  'clientData.unknownKey':
    'A member WebAuthn Level 3 does not define. Browsers may add their own (for example androidPackageName); servers should ignore them.',

  attestationObject:
    'The attestation object: a CBOR map with the attestation format (fmt), the attestation statement (attStmt) and the authenticator data (authData).',
  'attestationObject.unknownKey': 'A member that the attestation object does not define.',
  fmt: 'The attestation statement format: how the authenticator proves what it is (packed, tpm, android-key, android-safetynet, fido-u2f, apple, or none).',
  attStmt:
    "The attestation statement: the authenticator's signature and certificates proving its make and model, in the format named by fmt.",

  authData:
    'Authenticator data: the bytes the authenticator signs. RP ID hash, flags, signature counter, and (at registration) the new credential.',
  'authData.rpIdHash':
    "SHA-256 of the RP ID (the site's domain) the credential is scoped to. The server compares it with the hash of its own RP ID.",
  'authData.flags':
    'One byte of flags: user present (UP), user verified (UV), backup eligible (BE), backed up (BS), attested credential data (AT), extensions (ED).',
  'authData.flags.UP': 'User Present: the user touched or otherwise interacted with the authenticator.',
  'authData.flags.RFU1': 'Reserved for future use; must be 0.',
  'authData.flags.UV': 'User Verified: the authenticator verified the user (PIN, fingerprint, face), not just their presence.',
  'authData.flags.BE':
    "Backup Eligible: the credential may be synced or backed up (a multi-device passkey). Fixed for the credential's lifetime.",
  'authData.flags.BS': 'Backup State: the credential is currently backed up or synced. Can only be 1 when BE is 1.',
  'authData.flags.RFU2': 'Reserved for future use; must be 0.',
  'authData.flags.AT': 'Attested credential data follows (set at registration: AAGUID, credential ID and public key).',
  'authData.flags.ED': 'Extension outputs follow at the end of the authenticator data.',
  'authData.signCount':
    'Signature counter. Authenticators that keep one increase it on every use; if it ever fails to increase, the key may have been cloned. Many passkeys always send 0.',
  'authData.attestedCredentialData':
    'The new credential: the authenticator model (AAGUID), the credential ID and the credential public key.',
  'authData.aaguid':
    'AAGUID: identifies the authenticator model (e.g. a YubiKey 5 or iCloud Keychain). All zeros means it was not disclosed.',
  'authData.credentialIdLength': 'Length in bytes of the credential ID that follows (at most 1023).',
  'authData.credentialId': 'The credential ID: the handle the server stores and sends back at sign-in to name this credential.',
  'authData.credentialPublicKey':
    'The credential public key as a COSE_Key. The server stores it and verifies every later sign-in signature with it.',
  'authData.extensions': 'Authenticator extension outputs: a CBOR map from extension name to output.',

  'cose.key': 'A public key in COSE_Key form (a CBOR map with numeric labels).',
  'cose.kty': 'Key type: 1 = OKP (Edwards curves), 2 = EC2 (NIST curves), 3 = RSA, 7 = AKP (post-quantum ML-DSA).',
  'cose.kid': 'Key identifier.',
  'cose.alg':
    'The signature algorithm the key is used with (COSE algorithm number, e.g. -7 = ES256, -8 = EdDSA, -257 = RS256, -48 = ML-DSA-44).',
  'cose.crv': 'The elliptic curve: 1 = P-256, 2 = P-384, 3 = P-521, 6 = Ed25519, 7 = Ed448.',
  'cose.x': 'The x coordinate of the public point (EC2) or the public key bytes (OKP).',
  'cose.y': 'The y coordinate of the public point (EC2).',
  'cose.n': 'The RSA modulus.',
  'cose.e': 'The RSA public exponent (usually 65537).',
  'cose.pub': 'The ML-DSA public key bytes (post-quantum signature scheme, FIPS 204).',

  'ext.credProtect':
    'credProtect: how strongly the credential is protected: 1 = UV optional, 2 = UV optional with a credential ID list, 3 = UV required.',
  'ext.hmacSecret': 'hmac-secret: the authenticator can derive secrets from this credential (the basis of the WebAuthn PRF extension).',
  'ext.minPinLength': "minPinLength: the authenticator's current minimum PIN length.",
  'ext.credBlob': 'credBlob: a small blob stored with the credential (true/false at registration, the blob at sign-in).',
  'ext.largeBlobKey': "largeBlobKey: the key to encrypt this credential's entry in the authenticator's large-blob storage.",
  'ext.thirdPartyPayment':
    'thirdPartyPayment: whether the credential can be used for payments by other sites (Secure Payment Confirmation).',
  'ext.devicePubKey': 'devicePubKey: an obsolete draft extension that attested a device-bound key alongside a synced passkey.',
  'ext.credProps': 'credProps: properties of the created credential.',
  'ext.unknown': 'An authenticator extension this tool does not know.',

  clientExtensionResults:
    'Client extension results: what the browser reports about the requested extensions (they are not signed by the authenticator).',
  'clientExt.credProps': 'credProps: properties of the new credential reported by the browser.',
  'clientExt.credProps.rk': 'rk: true when a discoverable credential (a passkey that can be used without typing a username) was created.',
  'clientExt.prf': 'prf: pseudo-random function outputs derived from the credential (used e.g. for end-to-end encryption keys).',
  'clientExt.prf.enabled': 'enabled: whether PRF can be used with this credential.',
  'clientExt.prf.results': 'results: the PRF outputs for the inputs the site gave.',
  'clientExt.prf.first': 'first: the PRF output for the first input (32 bytes).',
  'clientExt.prf.second': 'second: the PRF output for the second input (32 bytes), if one was given.',
  'clientExt.largeBlob': 'largeBlob: storage of a larger blob (e.g. a certificate) on the authenticator.',
  'clientExt.largeBlob.supported': 'supported: whether the authenticator supports large blobs (registration).',
  'clientExt.largeBlob.written': 'written: whether the blob was written (sign-in with a write request).',
  'clientExt.largeBlob.blob': 'blob: the blob read from the authenticator (sign-in with a read request).',
  'clientExt.appid': 'appid: whether the legacy FIDO U2F AppID was used instead of the RP ID.',
  'clientExt.appidExclude': 'appidExclude: whether the legacy AppID was used for excluding existing U2F credentials.',
  'clientExt.hmacCreateSecret': 'hmacCreateSecret: whether the hmac-secret feature was enabled on the new credential.',
  'clientExt.credProtect': 'credProtect: the credential protection policy that was applied.',
  'clientExt.credBlob': 'credBlob: whether a blob was stored, or the blob read back.',
  'clientExt.minPinLength': "minPinLength: the authenticator's minimum PIN length.",
  'clientExt.unknown': 'A client extension result this tool does not know.',

  'assertion.signature':
    "The assertion signature over authenticatorData followed by SHA-256(clientDataJSON), made with the credential's private key.",
  'assertion.userHandle':
    'The user handle: the user.id the server chose at registration. With discoverable credentials it tells the server which account is signing in.',
  'signature.derSequence': 'DER SEQUENCE header of an ECDSA signature (ECDSA-Sig-Value).',
  'signature.r': 'r: the first half of the ECDSA signature (an integer).',
  'signature.s': 's: the second half of the ECDSA signature (an integer).',
};
