/**
 * Check catalog (English): the titles, messages and plain-language explanations of every verification
 * step (WebAuthn L3 §7.1 / §7.2 and the attestation formats of §8), by message id. Templates take
 * `{name}` parameters from Check.params; rendered with them they give exactly Check.title and
 * Check.message (test/decode/checkMessages.test.ts). The Japanese catalog (./checks.ja.ts) has the same
 * ids and the same placeholders.
 *
 * Ids: `check.<step>.title[.<variant>]`, `check.<step>.explain`, `check.<step>.<message>`; steps that
 * registration and authentication share live under check.clientData, check.authData, check.decode and
 * check.extensions; attestation steps under check.attestation.<format>.
 */
export const checkMessagesEn = {
  /* ---------------------------------------------------------------- decoding */
  'check.registration.decode.title': '§7.1: clientDataJSON is JSON and attestationObject is CBOR {fmt, attStmt, authData}',
  'check.registration.decode.explain':
    'Before anything can be checked, the response must be readable: clientDataJSON must be JSON and the attestation object must be CBOR with fmt, attStmt and authData. A response that does not decode cannot be trusted in any part.',
  'check.registration.decode.wrongKind': 'expected a registration response, got {kind}',
  'check.credential.id.title': '§5.1: id is the base64url encoding of rawId',
  'check.credential.id.mismatch':
    'id "{id}" and rawId "{rawId}" name different credentials: the RP would look up one and the authenticator data carries the other',
  'check.credential.id.spelling':
    'id "{id}" is rawId "{rawId}" spelt otherwise (padding or the standard base64 alphabet); WebAuthn JSON uses unpadded base64url',
  'check.credential.id.noId':
    'the response has no id string, only rawId "{rawId}": PublicKeyCredential JSON carries both, and an RP that looks the credential up by id finds nothing',
  'check.credential.id.noRawId':
    'the response has no rawId string, only id "{id}": this verifier read the credential ID from id; PublicKeyCredential JSON carries both, and an RP that reads rawId finds nothing',
  'check.credential.id.neither':
    'the response has neither id nor rawId: nothing names the credential outside the authenticator data, and an RP looks credentials up by id',
  'check.credential.type.title': '§5.1: type is "public-key"',
  'check.credential.type.missing':
    'the response has no type member: PublicKeyCredential JSON carries type "public-key", and an RP library that parses it strictly refuses the response',
  'check.credential.type.other':
    'type is "{type}", not "public-key": WebAuthn credentials have type "public-key", and an RP library that parses the JSON strictly refuses the response',
  'check.credential.type.notString':
    'type is not a string: WebAuthn credentials have type "public-key", and an RP library that parses the JSON strictly refuses the response',
  'check.credential.type.explain':
    'Every WebAuthn credential has type "public-key"; toJSON() writes it beside id and rawId. The verification steps of §7 do not read it, so this tool goes on, but RP libraries check it when they parse the JSON (SimpleWebAuthn: "Unexpected credential type"). A response without it was serialized by hand, usually by code that copied the binary members one by one.',
  'check.credential.id.explain':
    'A credential has one identifier: id is rawId in base64url. An RP finds the stored credential by id, while the signature and the authenticator data belong to rawId; if the two may differ, a response can name one credential and prove another.',
  'check.encoding.title': '§5.1: binary members are unpadded base64url, as WebAuthn JSON writes them',
  'check.encoding.one':
    '{members} is not unpadded base64url (padding, the standard base64 alphabet or hex): decoded anyway, but an RP that decodes base64url strictly may read other bytes from it or refuse it',
  'check.encoding.many':
    '{members} are not unpadded base64url (padding, the standard base64 alphabet or hex): decoded anyway, but an RP that decodes base64url strictly may read other bytes from them or refuse them',
  'check.encoding.explain':
    'PublicKeyCredential.toJSON() writes every binary member (rawId, clientDataJSON, attestationObject, authenticatorData, signature, userHandle) as base64url without padding. Text made with btoa() or a server-side base64 encoder has "+", "/" or "=" instead, and an RP library that decodes base64url strictly reads other bytes from it — an RP ID hash or a signature that no longer matches — or refuses it. This tool reads both alphabets to show what was sent; the fix is in the code that serialized the response.',
  'check.authentication.decode.title': '§7.2: authenticatorData, clientDataJSON and signature decode',
  'check.authentication.decode.explain':
    'Before anything can be checked, the sign-in response must be readable: authenticator data, clientDataJSON and the signature must all decode. A response that does not decode cannot be trusted in any part.',
  'check.authentication.decode.wrongKind': 'expected an authentication response, got {kind}',
  'check.decode.failed': 'the response could not be decoded: {error} (at {path}, offset {offset})',
  'check.decode.failedMore': 'the response could not be decoded: {error} (at {path}, offset {offset}) and {more} more problem(s)',

  /* ---------------------------------------------------------------- clientDataJSON (§7.1 / §7.2) */
  'check.clientData.title.undecodable': 'Verify {member}',
  'check.clientData.undecodable': 'clientDataJSON could not be decoded as a JSON object',
  'check.clientData.type.title': '{sec}: C.type is {types}',
  'check.clientData.type.explain':
    'The browser writes which ceremony it ran: "webauthn.create" when a passkey is created, "webauthn.get" when one is used to sign in. Checking it stops a signature made for one kind of ceremony from being passed off as the other.',
  'check.clientData.type.unexpected.registration': 'Unexpected registration response type: expected {expected}, got {got}',
  'check.clientData.type.unexpected.authentication': 'Unexpected authentication response type: expected {expected}, got {got}',
  'check.clientData.challenge.title': '{sec}: C.challenge equals the base64url encoding of options.challenge',
  'check.clientData.challenge.explain':
    'The server sends a fresh random challenge for every ceremony, and the authenticator signs over it. Accepting only the challenge the server just issued, once, means a recorded response cannot be replayed later.',
  'check.clientData.challenge.unexpected.registration': 'Unexpected registration response challenge: expected {expected}, got {got}',
  'check.clientData.challenge.unexpected.authentication': 'Unexpected authentication response challenge: expected {expected}, got {got}',
  'check.clientData.challenge.rejected.registration':
    'Unexpected registration response challenge: expected a challenge accepted by the predicate, got {got}',
  'check.clientData.challenge.rejected.authentication':
    'Unexpected authentication response challenge: expected a challenge accepted by the predicate, got {got}',
  'check.clientData.origin.title': '{sec}: C.origin is an origin the RP expects',
  'check.clientData.origin.explain':
    'The browser, not the web page, records the origin of the page that ran the ceremony. A phishing site on a look-alike domain gets its own origin here, so checking it is what makes passkeys resistant to phishing.',
  'check.clientData.origin.unexpected.registration': 'Unexpected registration response origin: expected {expected}, got {got}',
  'check.clientData.origin.unexpected.authentication': 'Unexpected authentication response origin: expected {expected}, got {got}',
  'check.clientData.crossOrigin.title.allowed': '{sec}: cross-origin ceremony allowed',
  'check.clientData.crossOrigin.title.boolean': '{sec}: C.crossOrigin is a boolean',
  'check.clientData.crossOrigin.explain':
    'crossOrigin tells whether the ceremony ran inside an iframe from another site. A relying party that never embeds its sign-in elsewhere should refuse such ceremonies, so another site cannot frame it and trigger them.',
  'check.clientData.crossOrigin.notAllowed': 'C.crossOrigin is true but the RP does not allow cross-origin (iframe) ceremonies',
  'check.clientData.crossOrigin.notBoolean': 'C.crossOrigin must be a boolean, got {got}',
  'check.clientData.topOrigin.title': '{sec}: C.topOrigin is an expected top-level origin',
  'check.clientData.topOrigin.title.crossOrigin': '{sec}: cross-origin ceremony',
  'check.clientData.topOrigin.explain':
    'When the ceremony runs in a cross-origin iframe, topOrigin names the site shown in the address bar. Checking it makes sure only the sites the relying party trusts can embed its sign-in.',
  'check.clientData.topOrigin.notString': 'C.topOrigin must be a string, got {got}',
  'check.clientData.topOrigin.unchecked':
    'the ceremony ran in a cross-origin iframe under {topOrigin}; no expected top origins were given, so it is not checked',
  'check.clientData.topOrigin.unexpected': 'Unexpected top origin: expected {expected}, got {got}',
  'check.clientData.topOrigin.absent': 'C.crossOrigin is true (the ceremony ran in a cross-origin iframe) and C.topOrigin is absent',
  'check.clientData.tokenBinding.title': 'C.tokenBinding.status is a valid TokenBindingStatus (WebAuthn L2; removed in L3)',
  'check.clientData.tokenBinding.explain':
    'Token Binding tied a ceremony to the TLS connection it ran over. Browsers dropped it and WebAuthn Level 3 removed it; when a client still sends the member, a status outside the defined values is reported and ignored, never a reason to refuse.',
  'check.clientData.tokenBinding.notObject':
    'C.tokenBinding is {got}, not an object; some U2F-era clients send a string here, so it is ignored',
  'check.clientData.tokenBinding.unexpected':
    'Unexpected token_binding status: expected "present" or "supported", got {got}; WebAuthn Level 3 removed Token Binding, so it is ignored',

  /* ---------------------------------------------------------------- authenticator data (§7.1 / §7.2) */
  'check.authData.undecodable': 'authenticator data could not be decoded',
  'check.authData.rpIdHash.title.undecodable': '{sec}: rpIdHash is SHA-256 of the RP ID',
  'check.authData.rpIdHash.title': '{sec}: authData.rpIdHash is the SHA-256 hash of the RP ID',
  'check.authData.rpIdHash.explain':
    'The authenticator scopes every passkey to one site (the RP ID, a domain) and signs a hash of it. A matching hash proves the authenticator used the credential for this site and not for another one.',
  'check.authData.rpIdHash.unexpected': 'Unexpected RP ID hash: expected SHA-256 of {rpIds} ({hashes}), got {got}',
  'check.authData.up.title': '{sec}: the UP (user present) flag is set',
  'check.authData.up.explain':
    'User presence means someone touched or otherwise interacted with the authenticator. Requiring it stops malware from silently using a key that is plugged in.',
  'check.authData.up.missing': 'User not present: the UP flag is 0 but user presence is required',
  'check.authData.up.notRequired': 'UP is 0; user presence is not required for this ceremony',
  'check.authData.uv.title': '{sec}: the UV (user verified) flag is set when user verification is required',
  'check.authData.uv.explain':
    'User verification means the authenticator checked who the user is (PIN, fingerprint, face), not only that someone is there. When the relying party requires it, a passkey alone becomes two factors: something you have and something you know or are.',
  'check.authData.uv.missing': 'User verification is required but user was not verified (UV flag is 0)',
  'check.authData.uv.policyMismatch':
    'The RP’s policy requires user verification, but its options asked for userVerification "{asked}", so the authenticator was free to skip it (UV flag is 0): options and policy disagree — ask for "required", or do not require it',
  'check.authData.uv.notRequired': 'UV is 0; user verification was not required',
  'check.authData.backupFlags.title': '{sec}: if BE is not set, BS is not set',
  'check.authData.backupFlags.explain':
    'BE says a passkey may be synced or backed up; BS says it currently is. A credential cannot be backed up without being eligible, so BS without BE means the authenticator data is inconsistent.',
  'check.authData.backupFlags.invalid': 'Invalid flags: BS (backup state) is set but BE (backup eligible) is not',

  /* ---------------------------------------------------------------- extensions */
  'check.extensions.title': '{sec}: client and authenticator extension outputs are as expected',
  'check.extensions.explain':
    'Extensions add optional features to a ceremony (for example credProps or prf). The relying party should only act on outputs of extensions it asked for, and check that they are what it expected.',
  'check.extensions.notChecked': 'no extension expectations were given',
  'check.extensions.notChecked.outputs': 'no extension expectations were given (authenticator outputs: {outputs})',

  /* ---------------------------------------------------------------- registration (§7.1) */
  'check.registration.attestedCredentialData.title': '§7.1: authData carries attested credential data (AT flag)',
  'check.registration.attestedCredentialData.explain':
    'A registration must deliver the new credential: its ID and public key, in the attested credential data announced by the AT flag. Without them the server has nothing to store and nothing to verify later sign-ins with.',
  'check.registration.attestedCredentialData.missing': 'the AT flag is not set: a registration must carry the new credential',
  'check.registration.alg.title': '§7.1: the credential public key alg is one of options.pubKeyCredParams',
  'check.registration.alg.explain':
    'The server lists the signature algorithms it accepts. Checking the new key against that list keeps out keys the server cannot verify or considers too weak.',
  'check.registration.alg.missing': 'the credential public key has no usable alg',
  'check.registration.alg.deprecated':
    '{algName} ({alg}) signs with SHA-1, which is deprecated (collisions are practical): it verifies, but an RP should not offer it for new credentials',
  'check.registration.alg.unexpected': 'Unexpected public key alg {alg} ({algName}): expected one of {allowed}',
  'check.registration.alg.policyMismatch':
    "The options offered alg {alg} ({algName}) in pubKeyCredParams, but the RP's policy accepts only {allowed}: an RP must offer only the algorithms it accepts, or the authenticator picks one it then refuses",
  'check.registration.fmt.title': '§7.1: fmt is a supported attestation statement format (case-sensitive)',
  'check.registration.fmt.explain':
    'The attestation format says how the authenticator proves what it is. The server can only check a proof whose format it knows.',
  'check.registration.fmt.unsupported': 'Unsupported attestation format {fmt}: expected one of {supported}',
  'check.registration.attestation.title': '§7.1: attestation statement and trust path',
  'check.registration.attestation.explain':
    "Attestation is the authenticator's evidence about its make and model. Verifying it, and the certificate chain behind it, tells the server whether it can believe what the authenticator claims to be.",
  'check.registration.attestation.notDecoded': 'skipped: the attestation object could not be decoded or its format is not supported',
  'check.registration.attestation.crashed': 'the "{fmt}" verifier failed: {error}',
  'check.registration.canonicalCbor.title': 'CTAP2 §8: the authenticator’s CBOR is in canonical form',
  'check.registration.canonicalCbor.explain':
    'CTAP2 requires authenticators to encode CBOR canonically: shortest lengths, definite lengths, map keys sorted. WebAuthn only asks the RP to decode the attestation object, so most RPs accept other encodings; this RP warns, and refuses them only when its policy requires canonical CBOR.',
  'check.registration.canonicalCbor.found':
    '{n} non-canonical encoding(s), accepted (the RP does not require canonical CBOR); first: {first}',
  'check.registration.canonicalCbor.refused': '{n} non-canonical encoding(s), refused by the RP’s policy; first: {first}',
  'check.registration.credentialIdLength.title': '§7.1: credentialId is at most 1023 bytes long',
  'check.registration.credentialIdLength.explain':
    "The specification caps credential IDs at 1023 bytes. Refusing longer ones protects the server's storage and lookups from oversized or malicious values.",
  'check.registration.credentialIdLength.tooLong': 'credential ID is {length} bytes; at most 1023 are allowed',
  'check.registration.rawId.title': '§7.1: rawId is the credential ID in the attested credential data',
  'check.registration.rawId.differs':
    'rawId "{rawId}" is not the credential ID in authenticator data ("{credentialId}"): the client reported another credential than the one the authenticator created; this verifier goes by authenticator data, but an RP that stores rawId or id stores an ID no authenticator answers to',
  'check.registration.rawId.explain':
    'The client sets rawId (and id, its base64url) to the credential ID in the attested credential data. §7.1 step 27 stores the new credential record under credential.id with the public key from authenticator data, which presumes the two agree: when they do not, the stored ID and key belong to different credentials and the next sign-in finds nothing, or a tampered response names a credential it did not create.',
  'check.registration.credentialIdUnique.title': '§7.1: credentialId is not yet registered for any user',
  'check.registration.credentialIdUnique.explain':
    "A credential ID must name exactly one account. Refusing an ID that is already registered stops an attacker from attaching a victim's credential to another account.",
  'check.registration.credentialIdUnique.noList': 'no list of registered credential IDs was given',
  'check.registration.credentialIdUnique.taken': 'credential ID {credentialId} is already registered',

  /* ---------------------------------------------------------------- related origins (§5.11) */
  'check.relatedOrigins.title': '§5.11: the RP ID’s /.well-known/webauthn lists the calling origin (related origins)',
  'check.relatedOrigins.explain':
    'The RP ID is not this page’s domain. A browser then allows the ceremony only when https://<RP ID>/.well-known/webauthn lists the page’s origin among its first five origin labels; and the server must expect that origin too.',
  'check.relatedOrigins.unavailable': '{url} could not be used: {reason}',
  'check.relatedOrigins.notListed': '{origin} is not among the origins of {url}',
  'check.relatedOrigins.beyondLimit': '{origin} is listed, but after {max} other labels ({labels}): a client may stop before it',

  /* ---------------------------------------------------------------- authentication (§7.2) */
  'check.authentication.allowCredentials.title': '§7.2: credential.id is one of options.allowCredentials',
  'check.authentication.allowCredentials.explain':
    'When the server named the credentials it would accept, the response must use one of them. Otherwise a different credential, perhaps of another user, could be slipped in.',
  'check.authentication.allowCredentials.notAllowed': 'credential {credentialId} is not in allowCredentials',
  'check.authentication.credential.title': '§7.2: credential.rawId identifies the stored credential record',
  'check.authentication.credential.explain':
    'The server looks up the stored record, with its public key and counter, by credential ID. The response must be for that very credential, or the signature would be checked against the wrong key.',
  'check.authentication.credential.missing': "the response's credential ID (missing) is not the stored credential's ID {stored}",
  'check.authentication.credential.other': "the response's credential ID {credentialId} is not the stored credential's ID {stored}",
  'check.authentication.credential.unknown':
    'no credential record has the ID {credentialId}: it was never registered with this RP, or it was deleted (the authenticator may still hold it)',
  'check.authentication.userHandle.title': '§7.2: response.userHandle maps to the user who owns the credential',
  'check.authentication.userHandle.explain':
    'The user handle is the account ID the server gave the passkey at registration. For a discoverable passkey it tells the server who is signing in; it must belong to the owner of the credential, or one user could sign in as another.',
  'check.authentication.userHandle.mismatch': 'expected userHandle {expected}, got {got}',
  'check.authentication.userHandle.notNeeded':
    'no userHandle was returned; the user was identified before the ceremony (allowCredentials), so none is needed',
  'check.authentication.userHandle.missing':
    'the credential was discovered (empty allowCredentials) but the response carries no userHandle to identify its user',
  'check.authentication.userHandle.unknown':
    'no userHandle was returned; whether one was needed depends on allowCredentials, which was not given',
  'check.authentication.backupEligibility.title': '§7.2: BE has not changed since registration',
  'check.authentication.backupEligibility.explain':
    'Whether a passkey can be synced (BE) is fixed when it is created. If it changes later, the authenticator is misbehaving or the response is not from the credential the server registered.',
  'check.authentication.backupEligibility.changed': 'BE was {stored} at registration, now {got}',
  'check.authentication.attestedCredentialData.title': 'authData of an assertion carries no attested credential data',
  'check.authentication.attestedCredentialData.explain':
    'Attested credential data (a new credential) belongs in a registration. A sign-in that carries it is unusual and worth a look, although the signature check decides.',
  'check.authentication.attestedCredentialData.present': 'the AT flag is set on an assertion',
  'check.authentication.signature.title':
    '§7.2: signature over authenticatorData || SHA-256(clientDataJSON) verifies with the stored public key',
  'check.authentication.signature.explain':
    'This is the heart of a passkey sign-in: only the private key, which never leaves the authenticator, can make a signature that the stored public key accepts. The signature covers the authenticator data and the hash of clientDataJSON, so the challenge, origin and flags cannot be altered either.',
  'check.authentication.signature.noCredential': 'no stored credential (public key) was given',
  'check.authentication.signature.keyUnknown':
    'not checked: the credential public key is not known here (the credential was registered before this inspection); register it while inspecting, or use a virtual authenticator of the lab',
  'check.authentication.signature.incomplete': 'authenticatorData, clientDataJSON or signature is missing or undecodable',
  'check.authentication.signature.keyNotBase64url': 'the stored public key is not base64url: {problem}',
  'check.authentication.signature.rawPoint':
    'the stored public key is a raw uncompressed P-256 point (65 bytes, as U2F-era records keep it), not a COSE key: it was read as the ES256 key it is, and the signature verifies with it',
  'check.authentication.signature.keyNotCose': 'the stored public key is not a COSE key: {problem}',
  'check.authentication.signature.invalid': 'Could not verify authentication signature with the stored {algName} key: {reason}',
  'check.authentication.signCount.title': '§7.2: signCount is greater than the stored counter (or both are 0)',
  'check.authentication.signCount.explain':
    'Authenticators that keep a signature counter raise it on every use. If it does not go up, the key may have been cloned or an old response replayed. Many passkeys do not count at all and always send 0.',
  'check.authentication.signCount.zero': 'both counters are 0: this authenticator does not count signatures',
  'check.authentication.signCount.notIncreased':
    'Response counter value {got} was lower than or equal to the stored counter value {stored}: a possible cloned authenticator or replayed assertion',

  'check.registration.attestationPolicy.title': '§7.1 step 24: the attestation is one the RP\'s policy accepts (at least "{want}")',
  'check.registration.attestationPolicy.explain':
    'An RP decides how much an attestation must prove: "none" accepts any, "self" needs a statement signed by the credential key, "any" a certificate chain (trusted or not), "trusted-only" a chain to a root the RP trusts. Below that, the spec says the RP should fail the registration.',
  'check.registration.attestationPolicy.notAssessed': 'not assessed: the attestation statement did not verify',
  'check.registration.attestationPolicy.refused': 'the attestation proves "{got}", but the RP\'s policy requires at least "{want}"',
  'check.registration.attestationPolicy.optionsMismatch':
    'the RP\'s policy requires at least "{want}", but its options asked for attestation "none", so the browser removed the statement (and zeroed the AAGUID): ask for "direct" (or "enterprise") in the options',

  /* ---------------------------------------------------------------- attestation: format, shared steps */
  'check.authentication.signCount.accepted':
    "the counter {got} did not increase past the stored {stored}, and the RP's policy accepts it with this warning: a cloned authenticator or a replayed assertion would pass",
  'check.authentication.signCount.ignored':
    "not checked (the RP's policy ignores the counter): {got} did not increase past the stored {stored}, which a strict RP refuses",
  'check.attestation.fmt.title': '§7.1 step 21: the attestation statement format is supported',
  'check.attestation.fmt.explain':
    "Each attestation format has its own verification procedure. The format must be one the relying party knows, or the authenticator's claims about itself cannot be checked.",
  'check.attestation.fmt.unsupported': 'fmt {fmt} is not a supported attestation statement format (expected one of {supported})',
  'check.attestation.internal.title': '§7.1 step 22: verify the {fmt} attestation statement',
  'check.attestation.internal.explain':
    "The format's verification procedure could not run to the end. The attestation is then treated as unverified.",
  'check.attestation.internal.crashed': 'verification could not be completed: {error}',
  'check.attestation.syntax.title': '{section} step 1: attStmt is valid CBOR in the {format} syntax',
  'check.attestation.syntax.explain':
    'The attestation statement must contain exactly the members its format defines, each of the right type. Only then can the signature and certificates in it be checked.',
  'check.attestation.syntax.invalid': 'attStmt does not conform to the {format} syntax: {problems}',
  'check.attestation.signature.verified': '{alg} signature verified with the key of "{subject}"',
  'check.attestation.credentialKey.missing': 'no credential public key',
  'check.attestation.credentialKey.notCose': 'the credential public key is not a usable COSE_Key: {problem}',
  'check.attestation.credentialKey.notSpki': 'the credential public key cannot be expressed as a SubjectPublicKeyInfo',
  'check.attestation.publicKey.mismatch': 'credCert holds {certKey}, but the credential public key is {key}',
  'check.attestation.certificate.noBasicConstraints':
    'the certificate has no Basic Constraints extension: §8.2.1 / §8.3.1 ask for one with CA=false, but without it RFC 5280 §4.2.1.9 makes the certificate no CA, so it is accepted with this warning',
  'check.attestation.certificate.notDer': 'requirements met, but the Basic Constraints encoding is not DER: {issues}',
  'check.attestation.aaguidExtension.title':
    '{section} step {step}: id-fido-gen-ce-aaguid (1.3.6.1.4.1.45724.1.1.4) matches authData AAGUID',
  'check.attestation.aaguidExtension.explain':
    'The AAGUID names the authenticator model. When the vendor also wrote it into the attestation certificate, both must agree, so an authenticator cannot claim to be a different model than the one its certificate vouches for.',
  'check.attestation.aaguidExtension.absent': 'the certificate has no id-fido-gen-ce-aaguid extension',
  'check.attestation.aaguidExtension.malformed': 'the id-fido-gen-ce-aaguid extension is not an OCTET STRING of 16 bytes',
  'check.attestation.aaguidExtension.critical': 'the id-fido-gen-ce-aaguid extension must not be marked critical (§8.2.1)',
  'check.attestation.aaguidExtension.mismatch':
    "the certificate's AAGUID extension says {certAaguid}, but authenticatorData carries AAGUID {aaguid}",

  /* ---------------------------------------------------------------- attestation: packed (§8.2) */
  'check.attestation.packed.signature.title':
    "§8.2 step 2: sig verifies over authenticatorData || clientDataHash with attestnCert's key and alg",
  'check.attestation.packed.signature.explain':
    "The authenticator signs the new credential and the client data with its attestation key, whose certificate names the vendor. A valid signature proves the certificate's owner made this very registration.",
  'check.attestation.packed.signature.invalid': 'expected a valid {alg} signature by attestnCert "{subject}", but {reason}',
  'check.attestation.packed.certificate.title': '§8.2 step 2: attestnCert meets the §8.2.1 requirements',
  'check.attestation.packed.certificate.explain':
    'Packed attestation certificates must follow fixed rules: version 3, a subject naming the vendor with OU "Authenticator Attestation", and no authority to issue other certificates. Certificates that break them are not proper attestation certificates.',
  'check.attestation.packed.certificate.invalid': 'attestnCert does not meet §8.2.1: {problems}',
  'check.attestation.packed.selfAlg.title': "§8.2 step 3: alg matches the credential public key's alg",
  'check.attestation.packed.selfAlg.explain':
    "In self attestation the new credential key signs its own registration. The algorithm named in the statement must be that key's algorithm.",
  'check.attestation.packed.selfAlg.mismatch':
    'self attestation: expected alg {keyAlgName} ({keyAlg}) of the credential public key, got {algName} ({alg})',
  'check.attestation.packed.selfAlg.mismatch.notCose':
    'self attestation: expected alg {keyAlgName} ({keyAlg}) of the credential public key, got {algName} ({alg}) — the credential public key is not a usable COSE_Key: {problem}',
  'check.attestation.packed.selfAlg.mismatch.notSpki':
    'self attestation: expected alg {keyAlgName} ({keyAlg}) of the credential public key, got {algName} ({alg}) — the credential public key cannot be expressed as a SubjectPublicKeyInfo',
  'check.attestation.packed.selfSignature.title': '§8.2 step 3: sig verifies with the credential public key',
  'check.attestation.packed.selfSignature.explain':
    'A self-attestation signature proves that whoever registered the key also holds its private half. It says nothing about which authenticator made it.',
  'check.attestation.packed.selfSignature.verified': '{alg} self-attestation signature verified',
  'check.attestation.packed.selfSignature.invalid': 'expected a valid {alg} signature by the credential key, but {reason}',

  /* ---------------------------------------------------------------- attestation: tpm (§8.3) */
  'check.attestation.tpm.pubArea.title': '§8.3 step 2: pubArea parameters and unique identify the credential public key',
  'check.attestation.tpm.pubArea.explain':
    "pubArea is the TPM's own description of the key it created. It must be the same key as the credential public key, or the TPM vouches for some other key.",
  'check.attestation.tpm.pubArea.notRsa': 'pubArea holds an RSA key (TPM_ALG_RSA) but the credential public key has COSE kty {kty}',
  'check.attestation.tpm.pubArea.modulus': 'pubArea.unique (RSA modulus) differs from the credential public key n',
  'check.attestation.tpm.pubArea.exponent': 'pubArea.parameters.exponent is {exponent}, the credential public key e is {keyExponent}',
  'check.attestation.tpm.pubArea.notEc': 'pubArea holds an ECC key (TPM_ALG_ECC) but the credential public key has COSE kty {kty}',
  'check.attestation.tpm.pubArea.curve': 'pubArea curve {curve} does not match the credential key crv {crv}',
  'check.attestation.tpm.pubArea.point': 'pubArea.unique (x, y) differs from the credential public key',
  'check.attestation.tpm.certInfo.magic.title':
    '§8.3 step 3: certInfo is a valid TPMS_ATTEST for attToBeSigned: magic is TPM_GENERATED_VALUE',
  'check.attestation.tpm.certInfo.magic.explain':
    'A TPM marks the structures it generates itself with a fixed magic value, so that data signed from outside cannot be passed off as a TPM statement.',
  'check.attestation.tpm.certInfo.magic.invalid': 'certInfo.magic must be TPM_GENERATED_VALUE (0xff544347), got {magic}',
  'check.attestation.tpm.certInfo.type.title':
    '§8.3 step 3: certInfo is a valid TPMS_ATTEST for attToBeSigned: type is TPM_ST_ATTEST_CERTIFY',
  'check.attestation.tpm.certInfo.type.explain':
    'certInfo must be a certification of a key (TPM_ST_ATTEST_CERTIFY), not some other kind of TPM statement such as a quote of its registers.',
  'check.attestation.tpm.certInfo.type.invalid': 'certInfo.type must be TPM_ST_ATTEST_CERTIFY (0x8017), got {type}',
  'check.attestation.tpm.certInfo.extraData.title':
    '§8.3 step 3: certInfo is a valid TPMS_ATTEST for attToBeSigned: extraData is the hash of attToBeSigned',
  'check.attestation.tpm.certInfo.extraData.title.hash':
    '§8.3 step 3: certInfo is a valid TPMS_ATTEST for attToBeSigned: extraData is the {hash} of authenticatorData || clientDataHash',
  'check.attestation.tpm.certInfo.extraData.explain':
    "extraData carries a hash of this registration's data. It binds the TPM's statement to this registration and challenge, so an old statement cannot be reused.",
  'check.attestation.tpm.certInfo.extraData.noHash': 'alg {alg} names no hash algorithm for extraData',
  'check.attestation.tpm.certInfo.extraData.mismatch':
    'certInfo.extraData must be {hash}(authenticatorData || clientDataHash) = {expected}, got {got}',
  'check.attestation.tpm.certInfo.name.title':
    '§8.3 step 3: certInfo is a valid TPMS_ATTEST for attToBeSigned: attested.name is the Name of pubArea',
  'check.attestation.tpm.certInfo.name.title.hash':
    '§8.3 step 3: certInfo is a valid TPMS_ATTEST for attToBeSigned: attested.name is nameAlg || {hash}(pubArea)',
  'check.attestation.tpm.certInfo.name.explain':
    'The TPM names the key it certifies by a hash of its pubArea. The name must match, so the statement is about the key described in pubArea and not another one.',
  'check.attestation.tpm.certInfo.name.missing': 'certInfo carries no TPMS_CERTIFY_INFO',
  'check.attestation.tpm.certInfo.name.badNameAlg': 'pubArea.nameAlg {nameAlg} is not a supported hash',
  'check.attestation.tpm.certInfo.name.mismatch': 'certInfo.attested.name must be the Name of pubArea ({expected}), got {got}',
  'check.attestation.tpm.signature.title': "§8.3 step 4: sig verifies over certInfo with aikCert's key and alg",
  'check.attestation.tpm.signature.explain':
    'The TPM signs certInfo with its attestation identity key (AIK), whose certificate comes from the TPM vendor. A valid signature proves a genuine TPM made the statement.',
  'check.attestation.tpm.signature.verified': '{alg} signature over certInfo verified with the AIK certificate key',
  'check.attestation.tpm.signature.invalid': 'expected a valid {alg} signature over certInfo by the AIK certificate, but {reason}',
  'check.attestation.tpm.certificate.title': '§8.3 step 4: aikCert meets the §8.3.1 requirements',
  'check.attestation.tpm.certificate.explain':
    "AIK certificates must follow fixed rules: an empty subject, the TPM's manufacturer, model and version in the subject alternative name, the AIK purpose (tcg-kp-AIKCertificate) and no authority to issue certificates.",
  'check.attestation.tpm.certificate.invalid': 'aikCert does not meet §8.3.1: {problems}',
  'check.attestation.tpm.certificate.notes.sharedRdn':
    'the TPM attributes share one RDN instead of one RDN each (TPMv2-EK-Profile §3.2.9); accepted',
  'check.attestation.tpm.certificate.notes.sanNotCritical':
    'the Subject Alternative Name is not marked critical although the Subject is empty (RFC 5280 §4.2.1.6)',
  'check.attestation.tpm.certificate.notes.both':
    'the TPM attributes share one RDN instead of one RDN each (TPMv2-EK-Profile §3.2.9); accepted; the Subject Alternative Name is not marked critical although the Subject is empty (RFC 5280 §4.2.1.6)',

  /* ---------------------------------------------------------------- attestation: android-key (§8.4) */
  'check.attestation.android-key.signature.title':
    "§8.4 step 2: sig verifies over authenticatorData || clientDataHash with credCert's key and alg",
  'check.attestation.android-key.signature.explain':
    'The Android keystore signs the registration with the new key, whose certificate (credCert) it issued. A valid signature ties the registration to that certified key.',
  'check.attestation.android-key.signature.invalid': 'expected a valid {alg} signature by credCert, but {reason}',
  'check.attestation.android-key.publicKey.title': '§8.4 step 3: the public key in credCert matches the credentialPublicKey',
  'check.attestation.android-key.publicKey.explain':
    "The keystore's certificate must be for the very key that was registered, or it vouches for a different key.",
  'check.attestation.android-key.attestationChallenge.title':
    '§8.4 step 4: attestationChallenge in the key description equals clientDataHash',
  'check.attestation.android-key.attestationChallenge.explain':
    "The keystore writes the hash of this registration's client data into the certificate. A match proves the key was attested for this registration, not copied from an earlier one.",
  'check.attestation.android-key.attestationChallenge.malformed':
    "credCert's Android key attestation extension (1.3.6.1.4.1.11129.2.1.17) is malformed",
  'check.attestation.android-key.attestationChallenge.absent':
    'credCert has no Android key attestation extension (1.3.6.1.4.1.11129.2.1.17)',
  'check.attestation.android-key.attestationChallenge.mismatch': 'attestationChallenge must equal clientDataHash {expected}, got {got}',
  'check.attestation.android-key.allApplications.title':
    '§8.4 step 5: allApplications [600] is absent from softwareEnforced and teeEnforced',
  'check.attestation.android-key.allApplications.explain':
    'A key marked allApplications may be used by every app on the device. A passkey must be bound to one relying party, so such a key is refused.',
  'check.attestation.android-key.allApplications.present': 'allApplications is present in {list}: the key is not scoped to the RP ID',
  'check.attestation.android-key.allApplications.presentBoth':
    'allApplications is present in softwareEnforced and teeEnforced: the key is not scoped to the RP ID',
  'check.attestation.android-key.origin.title': '§8.4 step 5: origin is KM_ORIGIN_GENERATED (teeEnforced ∪ softwareEnforced)',
  'check.attestation.android-key.origin.explain':
    'KM_ORIGIN_GENERATED means the key was created inside the keystore and never existed outside it. An imported key could have a copy somewhere else.',
  'check.attestation.android-key.origin.unstated':
    'neither authorization list states the key origin, so KM_ORIGIN_GENERATED cannot be confirmed',
  'check.attestation.android-key.origin.invalid': 'the key origin must be KM_ORIGIN_GENERATED (0), got {origin}',
  'check.attestation.android-key.purpose.title': '§8.4 step 5: purpose contains only KM_PURPOSE_SIGN (teeEnforced ∪ softwareEnforced)',
  'check.attestation.android-key.purpose.explain':
    'A passkey only ever signs. A key the keystore also allows for other purposes (for example decryption) does not meet the requirements for a WebAuthn credential.',
  'check.attestation.android-key.purpose.unstated':
    'neither authorization list states the key purpose, so KM_PURPOSE_SIGN cannot be confirmed',
  'check.attestation.android-key.purpose.invalid': 'the key purpose must be KM_PURPOSE_SIGN (2) only, got {purposes}',
  'check.attestation.android-key.securityLevel.title': 'attestationSecurityLevel (informational: which keystore attested the key)',
  'check.attestation.android-key.securityLevel.explain':
    'Android keys live in software, in the trusted execution environment (TEE) or in a StrongBox secure chip. The hardware levels protect the key even if Android itself is compromised.',
  'check.attestation.android-key.securityLevel.software':
    'the attestation comes from the software keystore (Software, 0), not from a TEE or StrongBox',

  /* ---------------------------------------------------------------- attestation: android-safetynet (§8.5) */
  'check.attestation.android-safetynet.signature.title':
    '§8.5 step 2: response is a valid SafetyNet response (JWS signature verifies with x5c[0])',
  'check.attestation.android-safetynet.signature.explain':
    'Google Play Services signs the SafetyNet response. A valid signature by the certificate in its header shows the verdict about the device was not altered on the way.',
  'check.attestation.android-safetynet.signature.verified': '{alg} JWS signature verified with "{subject}"',
  'check.attestation.android-safetynet.signature.invalid': 'expected a valid {alg} JWS signature by x5c[0], but {reason}',
  'check.attestation.android-safetynet.nonce.title': '§8.5 step 3: nonce is Base64(SHA-256(authenticatorData || clientDataHash))',
  'check.attestation.android-safetynet.nonce.explain':
    'The nonce ties the SafetyNet response to this registration. Without a match, a response obtained for another registration could be reused.',
  'check.attestation.android-safetynet.nonce.mismatch': 'payload.nonce must be {expected}, got {got}',
  'check.attestation.android-safetynet.hostname.title': '§8.5 step 4: attestationCert is issued to attest.android.com',
  'check.attestation.android-safetynet.hostname.explain':
    "Only Google's SafetyNet service holds a certificate for attest.android.com. Any other signer could say whatever it likes about the device.",
  'check.attestation.android-safetynet.hostname.invalid':
    'the leaf certificate must be issued to attest.android.com, it is issued to "{subject}"',
  'check.attestation.android-safetynet.ctsProfileMatch.title':
    '§8.5 step 4: ctsProfileMatch is true (device passed Android compatibility checks)',
  'check.attestation.android-safetynet.ctsProfileMatch.explain':
    "ctsProfileMatch says the device passed Google's compatibility checks: it is a certified device that is not rooted or tampered with.",
  'check.attestation.android-safetynet.ctsProfileMatch.notEnforced': 'ctsProfileMatch is {got}; accepted because enforcement is turned off',
  'check.attestation.android-safetynet.ctsProfileMatch.false':
    'ctsProfileMatch must be true, got {got}: the device failed Android compatibility checks',
  'check.attestation.android-safetynet.timestamp.title': '§8.5 step 4: timestampMs is recent',
  'check.attestation.android-safetynet.timestamp.explain':
    'A SafetyNet verdict describes the device at one moment. Accepting only recent ones stops an old verdict, from before the device was compromised, from being reused.',
  'check.attestation.android-safetynet.timestamp.off': 'timestamp check turned off',
  'check.attestation.android-safetynet.timestamp.missing': 'payload.timestampMs is missing',
  'check.attestation.android-safetynet.timestamp.future': 'timestampMs {timestamp} is later than the verification time {now}',
  'check.attestation.android-safetynet.timestamp.expired':
    'the SafetyNet response has expired: timestampMs {timestamp} is {age} ms before the verification time {now} (max {maxAge} ms)',

  /* ---------------------------------------------------------------- attestation: fido-u2f (§8.6) */
  'check.attestation.fido-u2f.certificateKey.title': "§8.6 step 2: attCert's public key is an EC key on P-256",
  'check.attestation.fido-u2f.certificateKey.explain':
    'The U2F standard only defines attestation keys on the P-256 curve. Any other key cannot have made a valid U2F attestation.',
  'check.attestation.fido-u2f.certificateKey.invalid': 'the attestation certificate key must be EC P-256, it is {keyType}',
  'check.attestation.fido-u2f.publicKeyU2F.title': '§8.6 step 4: credentialPublicKey is an uncompressed P-256 point (publicKeyU2F)',
  'check.attestation.fido-u2f.publicKeyU2F.explain':
    'U2F security keys only make P-256 keys. The credential key is turned back into the raw 65-byte form the key signed over in the U2F protocol.',
  'check.attestation.fido-u2f.publicKeyU2F.invalid': 'the credential public key must be an EC2 P-256 key with 32-byte x and y coordinates',
  'check.attestation.fido-u2f.signature.title':
    '§8.6 step 6: sig verifies over 0x00 || rpIdHash || clientDataHash || credentialId || publicKeyU2F',
  'check.attestation.fido-u2f.signature.explain':
    'The security key signs the site, the client data, the credential ID and the new public key with its attestation key. A valid signature proves the certified key made this registration.',
  'check.attestation.fido-u2f.signature.invalid':
    'expected a valid ES256 signature by attCert over verificationData ({length} bytes), but {reason}',
  'check.attestation.fido-u2f.aaguid.title': 'AAGUID of a U2F authenticator (informational)',
  'check.attestation.fido-u2f.aaguid.explain':
    'U2F-era security keys predate AAGUIDs and report an all-zero one. A non-zero AAGUID with U2F attestation is unusual.',
  'check.attestation.fido-u2f.aaguid.nonZero': 'U2F authenticators have no AAGUID; authenticatorData should carry the zero AAGUID',

  /* ---------------------------------------------------------------- attestation: none (§8.7) */
  'check.attestation.none.syntax.title': '§8.7: attStmt is the empty map',
  'check.attestation.none.syntax.explain':
    'With "none" attestation the authenticator (or the browser, for privacy) gives no evidence about its model. The statement must then be empty; most passkeys register this way.',
  'check.attestation.none.syntax.empty': 'no attestation statement: the authenticator or the client chose not to attest',
  'check.attestation.none.syntax.members': 'a none attestation statement must be an empty CBOR map, got a map with {count} member(s)',
  'check.attestation.none.syntax.notMap': 'a none attestation statement must be an empty CBOR map, got a CBOR {type}',

  /* ---------------------------------------------------------------- attestation: apple (§8.8) */
  'check.attestation.apple.nonce.title':
    '§8.8 steps 2–4: the nonce extension (1.2.840.113635.100.8.2) equals SHA-256(authenticatorData || clientDataHash)',
  'check.attestation.apple.nonce.explain':
    'Apple writes a hash of this registration into the certificate it issues for the new key. A match proves the certificate was made for this registration.',
  'check.attestation.apple.nonce.malformed': "credCert's nonce extension 1.2.840.113635.100.8.2 is malformed",
  'check.attestation.apple.nonce.absent': 'credCert has no nonce extension 1.2.840.113635.100.8.2',
  'check.attestation.apple.nonce.mismatch': 'the certificate nonce must be {expected}, got {got}',
  'check.attestation.apple.publicKey.title': '§8.8 step 5: the credential public key equals the Subject Public Key of credCert',
  'check.attestation.apple.publicKey.explain':
    "Apple's certificate must be for the very key that was registered, or it vouches for a different key.",

  /* ---------------------------------------------------------------- attestation trust (§7.1 steps 23–24) and MDS */
  'check.attestation.trustAnchors.title': '§7.1 step 23: obtain trust anchors',
  'check.attestation.trustAnchors.explain':
    'Trust anchors are the root certificates the relying party accepts for an attestation: bundled vendor roots, roots you added, and roots from the FIDO Metadata Service. Without one, an attestation cannot be traced back to a vendor.',
  'check.attestation.trustAnchors.notVerified': 'the attestation statement did not verify (step 22), so no trust anchors were looked up',
  'check.attestation.trustAnchors.found': '{count} trust anchor(s) from {sources}',
  'check.attestation.trustAnchors.found.ignored': '{count} trust anchor(s) from {sources}; ignored: {ignored}',
  'check.attestation.trustAnchors.missing':
    'no trust anchor is known for fmt "{fmt}": add the vendor\'s root certificate or load the FIDO Metadata Service BLOB',
  'check.attestation.trustAnchors.missing.ignored':
    'no trust anchor is known for fmt "{fmt}": add the vendor\'s root certificate or load the FIDO Metadata Service BLOB; ignored: {ignored}',
  'check.attestation.trustAnchors.missing.off':
    'no trust anchor is known for fmt "{fmt}" (bundled roots turned off): add the vendor\'s root certificate or load the FIDO Metadata Service BLOB',
  'check.attestation.trustAnchors.missing.off.ignored':
    'no trust anchor is known for fmt "{fmt}" (bundled roots turned off): add the vendor\'s root certificate or load the FIDO Metadata Service BLOB; ignored: {ignored}',
  'check.attestation.trustAnchors.noAttestation': 'no attestation: there is nothing to anchor',
  'check.attestation.trustAnchors.self':
    'self attestation: the credential key signed its own attestation, there is no certificate to anchor',
  'check.attestation.trust.title': '§7.1 step 24: assess attestation trustworthiness',
  'check.attestation.trust.explain':
    'The attestation certificate chain must lead, with valid signatures and dates, to a trusted root. Only then does the relying party know which vendor made the authenticator; otherwise the claims about its model are unproven.',
  'check.attestation.trust.notVerified': 'the attestation statement could not be verified',
  'check.attestation.trust.skipped': 'skipped because the attestation statement did not verify',
  'check.attestation.trust.valid': '{type} attestation, chain valid to "{root}" ({anchorOrigin}) at {time}',
  'check.attestation.trust.noAnchors':
    'trustworthiness cannot be assessed: {reason}. The attestation signature verified; treat the credential as if it had no attestation unless you add a root.',
  'check.attestation.trust.untrusted': 'chain not trusted: {reason}',
  'check.attestation.trust.none': 'no attestation: nothing is known about the authenticator that made this credential',
  'check.attestation.trust.self': "self attestation: the key proves possession but says nothing about the authenticator's provenance",
  'check.attestation.mds.title': 'FIDO Metadata Service status of the authenticator',
  'check.attestation.mds.explain':
    'The FIDO Metadata Service publishes the certification and security status of authenticator models. A model reported as compromised or revoked should not be trusted even if its attestation verifies.',
  'check.attestation.mds.untrusted': 'the FIDO MDS reports {name} as {status}',
  'check.attestation.mds.untrusted.since': 'the FIDO MDS reports {name} as {status} since {date}',
  'check.attestation.mds.status': '{name}: latest status {status}',
  'check.attestation.mds.noStatus': '{name}: latest status (none)',
  /* ---------------------------------------------------------------- options review (§5.4, §5.5, §5.8) */
  'check.options.bytes.missing': '{member} is missing: create() and get() throw a TypeError without it',
  'check.options.bytes.buffer':
    '{member} is a Node.js Buffer serialized by JSON.stringify ({"type":"Buffer","data":[…]}): the server must send the base64url text of its bytes (buffer.toString("base64url"))',
  'check.options.bytes.typedArray':
    '{member} is a Uint8Array serialized by JSON.stringify (an object of indices, {"0":…,"1":…}): the server must send the base64url text of its bytes',
  'check.options.bytes.array':
    '{member} is an array of {n} numbers: WebAuthn JSON carries bytes as base64url text, which PublicKeyCredential.parseCreationOptionsFromJSON() and the usual browser libraries expect',
  'check.options.bytes.notString': '{member} is {type}, not base64url text',
  'check.options.bytes.notBase64url': '{member} is not base64url text, so the page cannot turn it into the bytes it stands for',
  'check.options.bytes.spelling':
    '{member} is written with "=" padding or the standard base64 alphabet ("+", "/"): WebAuthn JSON uses unpadded base64url, and a strict parser reads other bytes or refuses it',
  'check.options.challenge.title': '§13.4.3: challenge is at least 16 random bytes, in base64url',
  'check.options.challenge.short':
    'the challenge is {n} bytes; §13.4.3 asks for at least 16 random bytes, so that it cannot be guessed or repeated',
  'check.options.challenge.explain':
    'The challenge is what makes each response fresh: the authenticator signs it, and the server accepts a response only for a challenge it issued and has not seen answered. It must be random and long enough (16 bytes or more) that nobody can predict it, and it travels as base64url text in WebAuthn JSON.',
  'check.options.rp.title': '§5.4.1: rp has a name, and rp.id (if set) is a domain',
  'check.options.rp.missing': 'the options have no rp object: create() throws a TypeError',
  'check.options.rp.noId': 'no rp.id: the RP ID is the domain of the page that calls create()',
  'check.options.rp.explain':
    'rp names the relying party. Its id, the RP ID, is a domain — the page’s own or a parent of it — and every credential is bound to it: the authenticator stores it and signs its hash. A URL, a port or an IP address is not a domain, and the browser refuses it before any authenticator is asked.',
  'check.options.rpId.title': '§5.5: rpId is a domain',
  'check.options.rpId.explain':
    'rpId says which RP ID the credentials to use were created for. It must be a domain — the page’s own or a parent of it — exactly as at registration; a URL, a port or an IP address is refused by the browser, and another domain finds no credentials.',
  'check.options.rpId.notDomain':
    '{member} "{id}" is not a domain: the browser throws a SecurityError. An RP ID is a host name alone, such as "{host}" (no scheme, port or path)',
  'check.options.rpId.ip':
    '{member} "{id}" is an IP address: an RP ID must be a domain, so the browser throws a SecurityError (use localhost or a host name)',
  'check.options.rpId.notString': '{member} is not text: an RP ID is a domain, such as "example.com"',
  'check.options.member.missing': '{member} is missing: it is required, and create() throws a TypeError without it',
  'check.options.user.title': '§5.4.3: user has an id of 1 to 64 bytes that identifies no one, a name and a displayName',
  'check.options.user.missing': 'the options have no user object: create() throws a TypeError',
  'check.options.user.idLength': 'user.id is {n} bytes; WebAuthn requires 1 to 64, and create() throws a TypeError otherwise',
  'check.options.user.idIsName':
    'user.id is the text "{text}", the same as user.name or user.displayName: §5.4.3 forbids personally identifying information in the user handle, which the authenticator stores and returns on every sign-in',
  'check.options.user.idIsEmail':
    'user.id is the text "{text}", an e-mail address: §5.4.3 forbids personally identifying information in the user handle, which the authenticator stores and returns on every sign-in',
  'check.options.user.idReadable':
    'user.id is readable text ("{text}"): §14.6.1 recommends 64 random bytes, so that the handle says nothing about the user (a database id or a name does)',
  'check.options.user.explain':
    'user.id, the user handle, is how the RP recognizes the account when a passkey signs in without a username: the authenticator stores it with the credential and returns it. It must be 1 to 64 bytes and must not contain a name or an e-mail address; a random value per account is best. name and displayName are what the passkey manager shows.',
  'check.options.algorithms.title': '§5.4: pubKeyCredParams lists public-key algorithms as COSE numbers',
  'check.options.algorithms.missing':
    'pubKeyCredParams is missing (or not a list): it is required, and create() throws a TypeError without it',
  'check.options.algorithms.empty': 'pubKeyCredParams is empty: the browser then asks for ES256 (-7) and RS256 (-257)',
  'check.options.algorithms.noneUsable':
    'no entry has type "public-key" and a numeric alg: the browser ignores every one, so create() fails with NotSupportedError',
  'check.options.algorithms.ignored':
    'entries {entries} are ignored by the browser: each needs type "public-key" and alg as a COSE algorithm number (-7 for ES256, not "ES256")',
  'check.options.algorithms.unknown':
    'alg {algs} is not a COSE algorithm this tool knows: authenticators skip algorithms they do not support',
  'check.options.algorithms.noEs256':
    'ES256 (-7) is not listed: most security keys support only ES256, so they cannot register with these options',
  'check.options.algorithms.explain':
    'pubKeyCredParams tells the authenticator which signature algorithms the server can verify, most preferred first; the authenticator picks the first it supports. Algorithms are COSE numbers: -7 is ES256 (ECDSA P-256), -8 EdDSA, -257 RS256. Listing ES256 keeps almost every authenticator able to register.',
  'check.options.enum.title': '{sec}: {member} is a value the browser knows',
  'check.options.enum.unknown':
    '{member} "{value}" is not one of {allowed}: browsers ignore unknown values, so the default applies ({effective}) and the RP does not get what it asked for',
  'check.options.enum.explain':
    'These members are plain strings in WebIDL, so that new values can be added later: a browser that does not know a value must ignore it, as if the member were absent. A misspelt value (such as "require") is therefore not an error — it silently becomes the default.',
  'check.options.selection.notObject': 'authenticatorSelection is not an object: the browser ignores it',
  'check.options.requireResidentKey.title': '§5.4.4: requireResidentKey agrees with residentKey',
  'check.options.requireResidentKey.conflict':
    'requireResidentKey is {rrk} while residentKey is "{rk}": the browser goes by residentKey; §5.4.4 asks for requireResidentKey true exactly when residentKey is "required", for older browsers that know only requireResidentKey',
  'check.options.requireResidentKey.explain':
    'requireResidentKey is the WebAuthn Level 1 way to ask for a discoverable credential (a passkey); residentKey replaced it. Browsers that know residentKey ignore requireResidentKey, older ones read only requireResidentKey, so the two should say the same thing.',
  'check.options.credentials.title': '§5.8.3: each {list} entry has a base64url id and type "public-key", with known transports',
  'check.options.credentials.notList': '{list} is not a list: create() and get() throw a TypeError',
  'check.options.credentials.unknownType': '{list} entries {entries} do not have type "public-key": the browser ignores them',
  'check.options.credentials.cable':
    '{list} lists the transport "cable", which is not a WebAuthn value: the phone transport is "hybrid" (browsers ignore "cable")',
  'check.options.credentials.unknownTransport':
    '{list} lists unknown transports, which browsers ignore ({values}); the transports are {allowed}',
  'check.options.credentials.discoverable': 'empty: a discoverable sign-in (the authenticator offers its passkeys for this RP ID)',
  'check.options.credentials.explain':
    'Each entry names a credential by its id (base64url) and may say how to reach its authenticator (transports, as getTransports() reported them at registration). excludeCredentials stops a second registration on an authenticator that already has one of them; allowCredentials limits a sign-in to them.',
  'check.options.timeout.title': '§15.1: timeout is a number of milliseconds in the recommended range',
  'check.options.timeout.notNumber': 'timeout is {value}, not a number of milliseconds',
  'check.options.timeout.short':
    'timeout is {ms} ms ({s} s): a user who has to find a security key or unlock a phone may not finish in time; §15.1 recommends 300000 to 600000 ms',
  'check.options.timeout.explain':
    'The timeout is a hint of how long the browser should wait for the user, in milliseconds; browsers may shorten or lengthen it. Too short a value fails real users (finding a key, scanning a QR code with a phone); §15.1 recommends five to ten minutes.',
  'check.options.hints.title': '§5.4.7: hints are values the browser knows',
  'check.options.hints.unknown': 'unknown hints are ignored by browsers ({values}); the hints are {allowed}',
  'check.options.hints.explain':
    'hints tell the browser which kind of authenticator to offer first: security-key, client-device (this device’s platform authenticator) or hybrid (a phone). They are only hints, most preferred first; unknown values are ignored.',
  'check.options.extensions.title': '§9: extensions are ones the browser knows for this ceremony',
  'check.options.extensions.notObject': 'extensions is not an object: the browser ignores it',
  'check.options.extensions.credProtect':
    '"credProtect" is the CTAP name: the WebAuthn input is credentialProtectionPolicy (with enforceCredentialProtectionPolicy), and browsers ignore "credProtect"',
  'check.options.extensions.removed': 'no longer in WebAuthn (removed in Level 2 or 3), so browsers ignore it: {names}',
  'check.options.extensions.getOnly': 'for get() (authentication) only, so create() ignores it: {names}',
  'check.options.extensions.createOnly': 'for create() (registration) only, so get() ignores it: {names}',
  'check.options.extensions.unknown': 'no extension this tool knows, and browsers ignore extensions they do not support: {names}',
  'check.options.extensions.explain':
    'Extensions ask for more than the core ceremony (credProps, prf, largeBlob, …). A browser processes only the identifiers it supports for this ceremony and drops the rest without an error, so a misnamed extension is simply not there.',
} as const satisfies Record<string, string>;

/** Every check message id. */
export type CheckMessageId = keyof typeof checkMessagesEn;
