/**
 * English messages of the real-authenticator features: the browser-capabilities panel,
 * "Open in system browser", the Touch ID account picker (Electron) and the Autofill sign-in view.
 */
export const capsEn = {
  'nav.autofill': 'Autofill sign-in',

  // ---- capabilities panel ----
  'caps.title': 'This browser',
  'caps.uvpaa': 'Platform authenticator (UV)',
  'caps.uvpaaTitle':
    'isUserVerifyingPlatformAuthenticatorAvailable(): is there a built-in authenticator that verifies the user (Windows Hello, Touch ID, Android screen lock)?',
  'caps.conditional': 'Autofill sign-in',
  'caps.conditionalTitle':
    'isConditionalMediationAvailable(): can a sign-in offer passkeys in the browser’s autofill list (mediation: "conditional")?',
  'caps.clientCaps': 'Capabilities',
  'caps.clientCapsTitle': 'getClientCapabilities(): the browser’s own list of what its WebAuthn client supports.',
  'caps.summary': '{yes}/{total} yes',
  'caps.yes': 'yes',
  'caps.no': 'no',
  'caps.missing': 'not available in this browser',
  'caps.missingShort': 'n/a',
  'caps.error': 'error: {message}',
  'caps.pending': 'checking…',
  'caps.raw': 'not a yes/no answer: {raw}',
  'caps.details': 'Details',
  'caps.recheck': 'Check again',
  'caps.dialogTitle': 'What this browser reports for WebAuthn',
  'caps.dialogIntro':
    'The answers of the browser’s own WebAuthn feature queries, asked just now on this page. They describe this browser (or the desktop app’s window) and what is connected to it, not the RP.',
  'caps.close': 'Close',
  'caps.method.gcc': 'PublicKeyCredential.getClientCapabilities()',
  'caps.method.gccMeaning':
    'Every key the browser returned, as it returned it. A key that is absent means the browser does not say — which is not the same as “no”.',
  'caps.method.uvpaa': 'PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()',
  'caps.method.uvpaaMeaning':
    'True when a platform authenticator that can verify the user (biometrics or a device PIN) is available: Windows Hello, Touch ID, an Android or iOS screen lock. In the desktop app on macOS it stays false unless Touch ID is configured (signed builds only).',
  'caps.method.conditional': 'PublicKeyCredential.isConditionalMediationAvailable()',
  'caps.method.conditionalMeaning':
    'True when navigator.credentials.get({ mediation: "conditional" }) is supported: passkeys can be offered in the autofill list of a field marked autocomplete="username webauthn".',
  'caps.col.key': 'Key',
  'caps.col.value': 'Answer',
  'caps.col.meaning': 'What it means (spec)',
  'caps.group.capability': 'WebAuthn Level 3 client capabilities',
  'caps.group.proposed': 'Proposed, not in WebAuthn Level 3',
  'caps.group.unknown': 'Not defined by WebAuthn Level 3',
  'caps.group.extension': 'Extensions the client can process',
  'caps.disagree': 'getClientCapabilities() says {capability} = {a}, but {method}() says {b}. The spec defines both as the same answer.',
  'caps.noWebauthn': 'WebAuthn is not available here: window.PublicKeyCredential does not exist.',
  'caps.insecure': 'This page is not a secure context, so WebAuthn is switched off. Open it on http://localhost.',
  'caps.empty': 'getClientCapabilities() returned an empty record.',
  'caps.spec': 'spec',

  'caps.meaning.conditionalCreate':
    'Registration with mediation: "conditional": the browser or password manager may create a passkey for an account the user just signed in to with a password, without a modal prompt.',
  'caps.meaning.conditionalGet':
    'Sign-in with mediation: "conditional" (passkey autofill). Same question as isConditionalMediationAvailable().',
  'caps.meaning.hybridTransport':
    'The hybrid transport: a phone or tablet as the authenticator, reached by scanning a QR code and over Bluetooth proximity.',
  'caps.meaning.passkeyPlatformAuthenticator':
    'A passkey platform authenticator can be used, on this device or through hybrid: a user-verifying, discoverable-credential authenticator such as iCloud Keychain, Google Password Manager or Windows Hello.',
  'caps.meaning.userVerifyingPlatformAuthenticator':
    'A user-verifying platform authenticator is available on this device. Same question as isUserVerifyingPlatformAuthenticatorAvailable().',
  'caps.meaning.relatedOrigins':
    'Related Origin Requests: an RP ID may be used from other origins that the RP lists in https://<rpId>/.well-known/webauthn.',
  'caps.meaning.signalAllAcceptedCredentials':
    'PublicKeyCredential.signalAllAcceptedCredentials(): the RP can tell authenticators which of a user’s credential IDs are still valid, so stale passkeys can be hidden or removed.',
  'caps.meaning.signalCurrentUserDetails':
    'PublicKeyCredential.signalCurrentUserDetails(): the RP can update the user name and display name stored with a user’s passkeys.',
  'caps.meaning.signalUnknownCredential':
    'PublicKeyCredential.signalUnknownCredential(): the RP can report a credential ID it does not recognise (for example deleted), so the authenticator can hide or remove it.',
  'caps.meaning.immediateGet':
    'get() with mediation: "immediate": fails at once with NotAllowedError when no credential is available locally, instead of showing a dialog (a proposal under discussion, not part of Level 3).',
  'caps.meaning.unknown': 'A capability the browser reports that WebAuthn Level 3 does not define ({key}).',

  'caps.ext.appid': 'FIDO AppID (appid): sign in with credentials registered through the legacy U2F JavaScript API.',
  'caps.ext.appidExclude':
    'FIDO AppID exclusion (appidExclude): keep a key that already holds a legacy U2F credential from registering again.',
  'caps.ext.credBlob': 'credBlob (CTAP 2.1): store a small blob with a new discoverable credential.',
  'caps.ext.credProps': 'Credential properties (credProps): the client reports whether the new credential is discoverable (rk).',
  'caps.ext.credentialProtectionPolicy':
    'credProtect (CTAP 2.1): ask the authenticator to require user verification, or an allow list, before revealing a credential.',
  'caps.ext.enforceCredentialProtectionPolicy':
    'credProtect enforcement: fail the registration when the authenticator cannot apply the requested protection policy.',
  'caps.ext.getCredBlob': 'getCredBlob (CTAP 2.1): read back the blob stored with credBlob during a sign-in.',
  'caps.ext.hmacCreateSecret':
    'hmac-secret (CTAP 2): create a credential with a symmetric secret, for deriving keys at sign-in (the base of prf).',
  'caps.ext.largeBlob': 'Large blob storage (largeBlob): read and write a larger opaque blob tied to the credential.',
  'caps.ext.minPinLength': 'minPinLength (CTAP 2.1): the authenticator reports its current minimum PIN length to the RP.',
  'caps.ext.payment': 'Secure Payment Confirmation (payment): the credential can confirm payments on other sites.',
  'caps.ext.prf': 'Pseudo-random function (prf): derive stable secrets from the credential, for example to encrypt data end to end.',
  'caps.ext.unknown': 'The client can process the “{id}” extension.',

  // ---- "Open in system browser" ----
  'handoff.open': 'Open in system browser',
  'handoff.openTitle':
    'Hands this ceremony setup to your default browser (Safari, Chrome, Edge, Firefox) on the same local RP: for iCloud Keychain, Google Password Manager, password-manager passkeys or a phone over hybrid (QR code). The result appears here live.',
  'handoff.openTab': 'Open in a new tab',
  'handoff.openTabTitle':
    'Hands this ceremony setup to a new tab on the same local RP. The result appears here live, through the event stream.',
  'handoff.working': 'Handing over…',
  'handoff.opened': 'Opened. Run the ceremony there; its result appears in the history here. Link:',
  'handoff.blocked': 'The browser blocked the new tab. Open this link yourself:',
  'handoff.failed': 'Could not hand the setup over: {message}',
  'handoff.expires': 'The link works until {time}.',
  'handoff.loading': 'Loading the ceremony setup handed over from another window…',
  'handoff.loaded':
    'Loaded the ceremony setup handed over from another window. Register or sign in here; the result also appears in the other window.',
  'handoff.loadFailed': 'Could not load the handed-over setup: {message}',
  'handoff.dismiss': 'Dismiss',

  // ---- Touch ID account picker (Electron, select-webauthn-account) ----
  'account.title': 'Choose a passkey',
  'account.intro': '{rp} asks for a passkey, and {n} Touch ID passkeys on this Mac match. Choose the account to sign in with.',
  'account.noName': '(no user name)',
  'account.handle': 'user handle {handle}',
  'account.credential': 'credential {id}',
  'account.use': 'Sign in as {name}',
  'account.cancel': 'Cancel the sign-in',

  // ---- Autofill sign-in view (conditional mediation) ----
  'autofill.title': 'Autofill sign-in (conditional mediation)',
  'autofill.intro':
    'A sign-in form the way a website would build it: the user name field carries autocomplete="username webauthn", and as soon as the page loads it starts navigator.credentials.get({ mediation: "conditional" }) with an empty allow list. Nothing pops up. The browser offers this RP’s passkeys in the field’s autofill list; choosing one finishes the sign-in, which the RP verifies like any other.',
  'autofill.how': 'What happens',
  'autofill.how1':
    'POST /api/authentication/options with the builder’s settings and the allow list off: the RP issues a challenge for a discoverable-credential sign-in.',
  'autofill.how2':
    'navigator.credentials.get() with mediation "conditional" waits quietly — no dialog — until the user picks a passkey from the field’s autofill list.',
  'autofill.how3':
    'The chosen passkey signs the challenge; the response goes to POST /api/authentication/verify and lands in the history of every open window.',
  'autofill.how4':
    'Leaving this view aborts the waiting request (AbortController) and records it as AbortError, so no request is left hanging.',
  'autofill.username': 'User name',
  'autofill.placeholder': 'Click here and pick a passkey',
  'autofill.fieldHint':
    'Focus the field: the browser lists this RP’s passkeys with your saved passwords. Typing a user name is not needed — the passkey tells the RP who you are.',
  'autofill.unsupported':
    'This browser does not support conditional mediation (isConditionalMediationAvailable() is {answer}). Use Sign in in the Ceremony view instead.',
  'autofill.noWebauthn': 'WebAuthn is not available on this page.',
  'autofill.state.idle': 'Not started',
  'autofill.state.options': 'Asking the RP for options…',
  'autofill.state.waiting': 'Waiting for you to pick a passkey from the autofill list',
  'autofill.state.verifying': 'Verifying the assertion with the RP…',
  'autofill.state.verified': 'Signed in',
  'autofill.state.failed': 'The RP rejected the assertion',
  'autofill.state.client-error': 'The browser ended the request',
  'autofill.state.request-error': 'A request to the RP failed',
  'autofill.waitingSince': 'Waiting since',
  'autofill.user': 'Signed in as',
  'autofill.credential': 'Credential',
  'autofill.flags': 'Flags',
  'autofill.restart': 'Start again',
  'autofill.openInCeremony': 'Open in the Ceremony view',
  'autofill.optionsJson': 'Options sent to get()',
  'autofill.timeoutNote': 'The request is renewed when its challenge expires ({minutes} minutes), so the field keeps working.',
} as const;
