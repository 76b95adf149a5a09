/** Learn mode's messages (English). Spread into ../i18n/en.ts; ./learn.ja.ts has the same keys. */
export const learnEn = {
  'nav.learn': 'Learn',

  'learn.title': 'Learn: a passkey, step by step',
  'learn.stepsLabel': 'Steps of the walk',
  'learn.progress': 'Step {n} of {total}',
  'learn.progressLabel': 'Progress through the walk',
  'learn.announce': 'Step {n} of {total}: {title}',
  'learn.part.intro': 'Start',
  'learn.part.registration': 'Registration',
  'learn.part.authentication': 'Sign-in',
  'learn.part.done': 'Recap',
  'learn.prev': 'Previous',
  'learn.next': 'Next',
  'learn.restart': 'Restart',
  'learn.finish': 'Finished',
  'learn.retry': 'Request new options and try again',
  'learn.whatHappened': 'What just happened',
  'learn.whatWillHappen': 'What will happen',
  'learn.whyItMatters': 'Why it matters',
  'learn.yourData': 'Your ceremony’s data',
  'learn.nextDoes': 'Next will',
  'learn.notReached': 'not reached yet',

  'learn.running.regOptions': 'Asking the RP for registration options…',
  'learn.running.create': 'Waiting for your authenticator: touch it, or verify with your PIN or biometric…',
  'learn.running.regVerify': 'The RP is verifying the response…',
  'learn.running.authOptions': 'Asking the RP for sign-in options…',
  'learn.running.get': 'Waiting for your authenticator: confirm the sign-in…',
  'learn.running.authVerify': 'The RP is verifying the signature…',

  'learn.then.regOptions': 'ask the RP for registration options (POST /api/registration/options).',
  'learn.then.create':
    'call navigator.credentials.create() with these options. Your authenticator will ask you to touch it or to verify with your PIN or biometric.',
  'learn.then.regVerify': 'send the response to the RP (POST /api/registration/verify), which checks it step by step.',
  'learn.then.authOptions': 'ask the RP for sign-in options (POST /api/authentication/options).',
  'learn.then.get': 'call navigator.credentials.get(). Your authenticator will ask you to confirm again.',
  'learn.then.authVerify': 'send the signed assertion to the RP (POST /api/authentication/verify).',
  'learn.then.retry': 'ask the RP for new options first: the failed attempt spent its challenge.',
  'learn.then.go': 'show the next part of what the walk already has; nothing is sent.',

  'learn.error.title': 'The ceremony stopped here',
  'learn.error.recorded': 'The RP recorded this attempt; it is in the history.',
  'learn.error.NotAllowedError':
    'The authenticator or the browser refused: you cancelled, the time ran out, or the authenticator cannot do what the options require (e.g. user verification). For privacy, browsers give the same error for all of these.',
  'learn.error.InvalidStateError':
    'This authenticator already holds a credential for this user that the RP listed in excludeCredentials. Restart with another user name.',
  'learn.error.SecurityError':
    'The browser refused because the page’s origin does not fit the RP ID. Open the app at http://localhost:<port>.',
  'learn.error.NotSupportedError': 'This browser or authenticator does not support what the options ask for (e.g. none of the algorithms).',
  'learn.error.AbortError': 'The call was cancelled.',
  'learn.error.TimeoutError': 'The authenticator did not answer in time.',
  'learn.error.other': 'The call failed: {name}.',
  'learn.error.api': 'The RP refused the request ({name}).',
  'learn.blocked.registration-failed':
    'The RP rejected this registration, so there is no credential to sign in with. Restart to try again, for example with user verification “preferred” or another authenticator.',
  'learn.blocked.sign-in-failed': 'The RP rejected this sign-in; the failing check is marked above. Restart to try again.',

  'learn.setup.title': 'Your walk',
  'learn.setup.userName': 'User name for this passkey',
  'learn.setup.userNameHint': 'Stored by the local RP only; it appears in the Credentials and History lists.',
  'learn.setup.attestation': 'Attestation',
  'learn.setup.attestation.direct': 'direct — ask the authenticator to say what it is',
  'learn.setup.attestation.none': 'none — do not ask',
  'learn.setup.userVerification': 'User verification',
  'learn.setup.uv.preferred': 'preferred — verify if the authenticator can',
  'learn.setup.uv.required': 'required — reject a response without UV',
  'learn.setup.uv.discouraged': 'discouraged — a touch is enough',
  'learn.setup.authenticator':
    'Have an authenticator ready: this device’s own (Windows Hello, Touch ID, Android), a security key, or a phone. The walk uses whichever your browser offers.',
  'learn.setup.locked': 'These settings apply to the ceremony in progress; Restart to change them.',

  'learn.step.intro.title': 'A passkey, step by step',
  'learn.step.intro.what':
    'You are about to register a passkey with the relying party (RP) that runs inside this app, and then sign in with it. The walk pauses after each step and shows the real data of your own ceremony: the options the RP sent, what your authenticator returned, and how the RP checked it.',
  'learn.step.intro.why':
    'A passkey is a key pair. Registration gives the RP the public half; signing in proves you still hold the private half, without ever sending it. Every step that follows makes that proof fresh, bound to this site, and made by you.',

  'learn.step.reg-options.title': 'The RP sends a challenge',
  'learn.step.reg-options.what':
    'Your browser asked the RP for registration options. The RP answered with who it is (rp.id), who you are (user), the key algorithms it accepts, what it asks of the authenticator, and a random challenge that it remembers for this ceremony only.',
  'learn.step.reg-options.why':
    'The challenge makes the ceremony fresh. The response will contain it, signed, and the RP accepts each challenge once and only until it expires. A response recorded earlier, or copied from a log, cannot be replayed: its challenge is already spent or unknown.',

  'learn.step.reg-keys.title': 'Your authenticator made a key pair',
  'learn.step.reg-keys.what':
    'The authenticator generated a new key pair for {rpId} and returned a credential ID and the public key. The private key was created inside the authenticator and is not in the response.',
  'learn.step.reg-keys.why':
    'This is the heart of passkeys: the device key (private) never leaves the authenticator — not to the browser, not to the RP. The server key is the public half: the RP stores only that. A leak of the RP’s database gives nobody a way to sign in, and there is no shared secret to phish.',

  'learn.step.reg-client-data.title': 'The response is bound to this site',
  'learn.step.reg-client-data.what':
    'The browser wrote clientDataJSON: the ceremony type, the challenge it was given, and the origin of the page that asked. The authenticator put SHA-256 of the RP ID (the rpIdHash) into its authenticator data.',
  'learn.step.reg-client-data.why':
    'This is why phishing fails. The origin is written by the browser, not by the page: a look-alike site would get its own origin here, and the RP rejects every origin but its own. The authenticator scopes each credential to one RP ID, so on another site it would not even offer this passkey. A one-time code can be relayed by a fake site; a passkey cannot.',

  'learn.step.reg-flags.title': 'Were you there, and was it you?',
  'learn.step.reg-flags.what':
    'The flags byte of the authenticator data says what the authenticator checked. UP (user present): someone touched or confirmed. UV (user verified): it also checked your PIN, fingerprint or face. The RP asked for user verification “{requested}”.',
  'learn.step.reg-flags.why':
    'UP stops silent use by malware. UV makes the passkey two factors in one: something you have (the authenticator) and something you know or are. When the RP requires UV and the flag is not set, it must reject the response.',
  'learn.flags.uvMissing': 'UV was required but is not set: the RP will reject this response.',

  'learn.step.reg-attestation.title': 'Attestation: what the authenticator says about itself',
  'learn.step.reg-attestation.what':
    'The attestation object carries its format, the authenticator model’s ID (AAGUID) and, depending on the format, a signature and certificates.',
  'learn.step.reg-attestation.why':
    'Attestation can prove which model of authenticator made the key — if its statement is signed by a certificate chain that the RP trusts (for example through the FIDO Metadata Service). It does not prove who you are, that the device is not compromised, or anything about later sign-ins. Most consumer passkeys send none: the RP learns the key, not the device.',
  'learn.attestation.none': 'Format none: no statement. The RP learns nothing about the model — the usual case for passkeys.',
  'learn.attestation.self':
    'Self attestation: signed with the new credential’s own private key. It proves that the key pair and the data belong together, not which device made them.',
  'learn.attestation.certificate':
    'Signed by an attestation key with {n} certificate(s). If the chain ends in a root the RP trusts, the model is proven; the RP checks this in the next step.',
  'learn.attestation.unknown': 'Format {fmt}: the RP checks it in the next step.',
  'learn.attestation.zeroAaguid': 'The AAGUID is all zeros: the authenticator does not say its model.',

  'learn.step.reg-verify.title': 'The RP checked the response and stored the public key',
  'learn.step.reg-verify.what':
    'The RP ran the verification steps of WebAuthn §7.1, in order: type, challenge, origin, RP ID hash, flags, algorithm, attestation.',
  'learn.step.reg-verify.why':
    'Each check stops one attack: the challenge stops replay, the origin and the rpIdHash stop phishing, the flags enforce presence and verification. What the RP keeps is a credential ID, the public key and a counter — nothing secret.',
  'learn.verify.stored': 'What the RP stored',
  'learn.verify.notStored': 'Nothing was stored: the RP rejected the response.',

  'learn.step.reg-backup.title': 'Synced or device-bound?',
  'learn.step.reg-backup.what':
    'Two more flags. BE (backup eligible): a passkey provider may copy this credential to your other devices. BS (backed up): it has been copied.',
  'learn.step.reg-backup.why':
    'A synced passkey (BS = 1; iCloud Keychain, Google Password Manager and others) survives the loss of a device, and its safety rests on the provider account. A device-bound one (BE = 0; most security keys) never leaves its hardware: lose it and you need another way in. An RP can use these flags, for example to suggest a second passkey.',
  'learn.backup.synced': 'Synced: the private key is backed up by a passkey provider and can be used from your other devices.',
  'learn.backup.eligible': 'Eligible for sync, not backed up yet.',
  'learn.backup.device-bound': 'Device-bound: the private key exists only in this authenticator.',

  'learn.step.auth-options.title': 'Signing in: a new challenge',
  'learn.step.auth-options.what':
    'For the sign-in, the RP sent a new challenge and the ID of the credential it expects (allowCredentials). Nothing from the registration is reused.',
  'learn.step.auth-options.why':
    'A new challenge for every sign-in means each signature is good once. The RP sends no secret: the credential ID only helps the authenticator find the right key.',
  'learn.challenge.differs': 'differs from the registration’s challenge',
  'learn.challenge.same': 'same as the registration’s challenge',

  'learn.step.auth-assertion.title': 'Your authenticator signed the challenge',
  'learn.step.auth-assertion.what':
    'The authenticator signed its authenticator data together with the SHA-256 of clientDataJSON — which holds this sign-in’s challenge and the origin — with the private key it made at registration.',
  'learn.step.auth-assertion.why':
    'The signature proves possession of the private key without revealing it. Because the challenge and the origin are inside the signed data, the signature is worthless for any other sign-in and on any other site.',

  'learn.step.auth-verify.title': 'The RP verified the signature with the stored public key',
  'learn.step.auth-verify.what':
    'The RP found the credential by its ID, ran the steps of WebAuthn §7.2 and checked the signature with the public key it stored at registration.',
  'learn.step.auth-verify.why':
    'Only the holder of the private key could have made this signature, for this challenge, on this origin. That is the whole sign-in: no password was sent, and none is stored.',

  'learn.step.auth-sign-count.title': 'The sign count: spotting a cloned authenticator',
  'learn.step.auth-sign-count.what':
    'An authenticator may keep a counter per credential and increase it with every signature. The RP compares the counter it receives with the one it stored.',
  'learn.step.auth-sign-count.why':
    'If the counter ever fails to increase, two copies of the same key may exist, and the RP should treat the credential as possibly cloned. Synced passkeys usually report 0 every time: that means “no counter”, not an attack.',
  'learn.signCount.increased': 'Increased: consistent with one authenticator.',
  'learn.signCount.zero': 'Both 0: this authenticator keeps no counter.',
  'learn.signCount.not-increased': 'Did not increase: possibly a cloned authenticator — the RP should flag this credential.',
  'learn.signCount.unknown': 'Not reported.',

  'learn.step.done.title': 'Done: what you saw',
  'learn.step.done.what': 'You created a passkey and signed in with it, against a real relying party, with your own authenticator.',
  'learn.step.done.why':
    'Every ceremony in the Ceremony tab follows these same steps, and the history keeps each one, so you can open any of them again.',
  'learn.recap.keys': 'The private key stayed in the authenticator; the RP stored only the public key.',
  'learn.recap.challenges': 'Two challenges, each used once: {reg} for the registration and {auth} for the sign-in.',
  'learn.recap.origin': 'Both responses were bound to {origin}, and the rpIdHash to SHA-256("{rpId}").',
  'learn.recap.uv': 'User verification at sign-in: {uv}. Storage: {storage}.',
  'learn.recap.signCount': 'Sign count: {before} → {now}.',

  'learn.label.challenge': 'challenge',
  'learn.label.rpId': 'rp.id',
  'learn.label.rpName': 'rp.name',
  'learn.label.user': 'user.name',
  'learn.label.userId': 'user.id',
  'learn.label.userVerification': 'userVerification',
  'learn.label.residentKey': 'residentKey',
  'learn.label.attestation': 'attestation',
  'learn.label.algorithms': 'pubKeyCredParams',
  'learn.label.timeout': 'timeout',
  'learn.label.allowCredentials': 'allowCredentials',
  'learn.label.optionsJson': 'The options, as the RP sent them',
  'learn.label.responseJson': 'The response, as the browser returned it',
  'learn.label.ceremonyJson': 'The RP’s record of this ceremony',
  'learn.label.credentialId': 'Credential ID',
  'learn.label.publicKey': 'Public key (COSE_Key in the authenticator data)',
  'learn.label.spki': 'Public key (response.publicKey, SubjectPublicKeyInfo)',
  'learn.label.alg': 'Algorithm',
  'learn.label.privateKey': 'Private key',
  'learn.privateKey.value': 'not in the response — it never leaves the authenticator',
  'learn.label.clientDataJSON': 'clientDataJSON (decoded)',
  'learn.label.type': 'type',
  'learn.label.clientChallenge': 'challenge in clientDataJSON',
  'learn.label.origin': 'origin in clientDataJSON',
  'learn.label.expectedOrigin': 'origin the RP expects',
  'learn.label.rpIdHash': 'rpIdHash in the authenticator data',
  'learn.label.expectedRpIdHash': 'SHA-256("{rpId}")',
  'learn.label.flagsByte': 'flags byte',
  'learn.label.requestedUv': 'userVerification requested',
  'learn.label.fmt': 'Format (fmt)',
  'learn.label.aaguid': 'AAGUID',
  'learn.label.authenticator': 'Authenticator model',
  'learn.label.attStmt': 'Attestation statement (attStmt)',
  'learn.label.verdict': 'Verdict',
  'learn.label.checks': 'Verification steps',
  'learn.label.storedPublicKey': 'Stored public key',
  'learn.label.storedCounter': 'Stored counter',
  'learn.label.storedUser': 'Stored for user',
  'learn.label.be': 'BE (backup eligible)',
  'learn.label.bs': 'BS (backed up)',
  'learn.label.storage': 'Where the passkey lives',
  'learn.label.deviceType': 'credentialDeviceType',
  'learn.label.regChallenge': 'registration’s challenge',
  'learn.label.signature': 'signature',
  'learn.label.signedData': 'signed data',
  'learn.signedData.value': 'authenticatorData ({ad|byte|bytes}) ‖ SHA-256(clientDataJSON) (32 bytes)',
  'learn.label.clientDataHash': 'SHA-256(clientDataJSON)',
  'learn.label.userHandle': 'userHandle',
  'learn.label.signCountReg': 'at registration',
  'learn.label.signCountBefore': 'stored by the RP before this sign-in',
  'learn.label.signCountNow': 'in this sign-in',
  'learn.label.secondOpinion': 'Second opinion',
  'learn.match.yes': 'matches',
  'learn.match.no': 'does not match',
  'learn.flag.set': '1 (set)',
  'learn.flag.clear': '0 (not set)',
  'learn.checks.summary': '{passed} of {total} passed, {failed} failed',
  'learn.noChecks': 'The RP recorded no verification steps for this ceremony.',
  'learn.unknownName': 'not named by the loaded metadata',
  'learn.bytes': '{n|byte|bytes}',
} as const;
