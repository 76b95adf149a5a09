/**
 * The built-in suites. `capabilities`: what an authenticator really supports (each scenario passes,
 * or is unsupported when the authenticator cannot do it). `rp-robustness`: what this RP must reject —
 * each attack after a good registration, rejected at exactly the named step.
 */
import { SCENARIO_FORMAT, type Scenario, type ScenarioFile, type TAMPERS } from '@api/harness.ts';

const register = (over: Record<string, unknown> = {}) => ({ do: 'register' as const, ...over });
const authenticate = (over: Record<string, unknown> = {}) => ({ do: 'authenticate' as const, ...over });
/** What an authenticator may simply not have: the client then refuses with one of these. */
const notSupported = { unsupportedWhen: { clientError: ['NotSupportedError', 'NotAllowedError'] } };
/** A sign-in whose authenticator has no PRF (hmac-secret) gives no results. */
const prfOutput = { unsupportedWhen: { extensionMissing: ['prf.results.first'] } };
const alg = (id: string, name: string, value: number): Scenario => ({
  id: `alg.${id}`,
  title: `${name} (${value}) offered alone`,
  spec: 'https://www.w3.org/TR/webauthn-3/#dom-publickeycredentialcreationoptions-pubkeycredparams',
  steps: [register({ config: { pubKeyCredParams: [value] }, expect: { alg: value }, ...notSupported })],
});

const CAPABILITIES: Scenario[] = [
  {
    id: 'discoverable',
    title: 'A discoverable credential (residentKey required), reported by credProps',
    steps: [register({ config: { residentKey: 'required' }, expect: { extensions: { 'credProps.rk': true } }, ...notSupported })],
  },
  {
    id: 'non-discoverable',
    title: 'A server-side credential (residentKey discouraged)',
    steps: [register({ config: { residentKey: 'discouraged' }, expect: { verdict: 'verified' } })],
  },
  {
    id: 'uv.required',
    title: 'User verification required: UV=1',
    steps: [register({ config: { userVerification: 'required' }, expect: { flags: { up: true, uv: true } }, ...notSupported })],
  },
  { id: 'uv.preferred', title: 'User verification preferred', steps: [register({ config: { userVerification: 'preferred' } })] },
  {
    id: 'uv.discouraged',
    title: 'User verification discouraged: still a verified ceremony, UP=1',
    steps: [register({ config: { userVerification: 'discouraged' }, expect: { flags: { up: true } } })],
  },
  {
    id: 'uv.required-unverified',
    title: 'UV required while the user cannot be verified: the client refuses (NotAllowedError)',
    steps: [
      { do: 'lab', action: 'userVerified', value: false },
      register({ config: { userVerification: 'required' }, expect: { clientError: 'NotAllowedError' } }),
    ],
  },
  alg('es256', 'ES256', -7),
  alg('es384', 'ES384', -35),
  alg('rs256', 'RS256', -257),
  alg('eddsa', 'EdDSA', -8),
  alg('ml-dsa-44', 'ML-DSA-44', -48),
  {
    id: 'exclude-credentials',
    title: 'A second registration with the first in excludeCredentials: InvalidStateError',
    steps: [register(), register({ config: { excludeCredentials: true }, expect: { clientError: 'InvalidStateError' } })],
  },
  {
    id: 'discoverable-sign-in',
    title: 'Sign-in with an empty allow list returns the user handle',
    steps: [
      register({ config: { residentKey: 'required' }, ...notSupported }),
      authenticate({ config: { allowCredentials: false }, expect: { userHandle: true } }),
    ],
  },
  {
    id: 'allow-list-sign-in',
    title: 'Sign-in with the credential in the allow list',
    steps: [register(), authenticate({ config: { allowCredentials: true }, expect: { verdict: 'verified' } })],
  },
  {
    id: 'sign-count',
    title: 'The signature counter over five sign-ins: increasing, or always 0',
    steps: [register(), authenticate({ repeat: 5, expect: { signCount: 'increased-or-zero' } })],
  },
  {
    id: 'backup.stable',
    title: 'BE and BS stay as they were at registration over three sign-ins',
    steps: [register({ label: 'reg' }), authenticate({ repeat: 3, expect: { flagsSameAs: 'reg' } })],
  },
  {
    id: 'backup.synced',
    title: 'A synced passkey: BE=1 and BS=1 at registration and on every sign-in',
    preset: 'synced-passkey',
    steps: [
      register({ label: 'reg', expect: { flags: { be: true, bs: true } }, unsupportedWhen: { flagOff: ['be', 'bs'] } }),
      authenticate({ repeat: 3, expect: { flagsSameAs: 'reg' } }),
    ],
  },
  {
    id: 'cred-props',
    title: 'credProps is reported',
    steps: [register({ config: { credProps: true }, expect: { extensions: { credProps: true } } })],
  },
  {
    id: 'prf.enabled',
    title: 'prf: enabled at registration',
    steps: [
      register({
        config: { prf: { first: 'salt-a' } },
        expect: { extensions: { 'prf.enabled': true } },
        // Absent, or enabled: false — the authenticator has no PRF (hmac-secret).
        unsupportedWhen: { extensionMissing: ['prf.enabled'] },
      }),
    ],
  },
  {
    id: 'prf.same-salt',
    title: 'prf: the same salt gives the same output',
    steps: [
      register({ config: { prf: { first: 'salt-a' } }, unsupportedWhen: { extensionMissing: ['prf.enabled'] } }),
      authenticate({
        label: 'a',
        config: { prf: { first: 'salt-a' } },
        expect: { extensions: { 'prf.results.first': true } },
        ...prfOutput,
      }),
      authenticate({ config: { prf: { first: 'salt-a' } }, expect: { sameAs: { step: 'a', path: 'prf.results.first' } } }),
    ],
  },
  {
    id: 'prf.different-salt',
    title: 'prf: a different salt gives a different output',
    steps: [
      register({ config: { prf: { first: 'salt-a' } }, unsupportedWhen: { extensionMissing: ['prf.enabled'] } }),
      authenticate({
        label: 'a',
        config: { prf: { first: 'salt-a' } },
        expect: { extensions: { 'prf.results.first': true } },
        ...prfOutput,
      }),
      authenticate({ config: { prf: { first: 'salt-b' } }, expect: { sameAs: { step: 'a', path: 'prf.results.first', not: true } } }),
    ],
  },
  {
    id: 'prf.two-salts',
    title: 'prf: two salts in one sign-in give two different outputs',
    steps: [
      register({ config: { prf: { first: 'salt-a' } }, unsupportedWhen: { extensionMissing: ['prf.enabled'] } }),
      authenticate({
        config: { prf: { first: 'salt-a', second: 'salt-b' } },
        expect: { extensions: { 'prf.results.first': true, 'prf.results.second': true } },
        ...prfOutput,
      }),
    ],
  },
  {
    id: 'prf.eval-by-credential',
    title: 'prf: the salt given per credential (evalByCredential) gives the same output as the same salt for any',
    steps: [
      register({ config: { prf: { first: 'salt-a' } }, unsupportedWhen: { extensionMissing: ['prf.enabled'] } }),
      authenticate({
        label: 'a',
        config: { prf: { first: 'salt-a' } },
        expect: { extensions: { 'prf.results.first': true } },
        ...prfOutput,
      }),
      authenticate({
        config: { allowCredentials: true, prf: { first: 'salt-a', byCredential: true } },
        expect: { sameAs: { step: 'a', path: 'prf.results.first' } },
      }),
    ],
  },
  {
    id: 'large-blob.support',
    title: 'largeBlob: supported at registration',
    preset: 'security-key',
    steps: [
      register({
        config: { largeBlob: { support: 'required' } },
        expect: { extensions: { 'largeBlob.supported': true } },
        unsupportedWhen: { clientError: ['NotSupportedError'], extensionMissing: ['largeBlob.supported'] },
      }),
    ],
  },
  {
    id: 'large-blob.write-read',
    title: 'largeBlob: write, then read back what was written',
    preset: 'security-key',
    steps: [
      register({
        config: { largeBlob: { support: 'required' } },
        expect: { extensions: { 'largeBlob.supported': true } },
        unsupportedWhen: { clientError: ['NotSupportedError'], extensionMissing: ['largeBlob.supported'] },
      }),
      authenticate({ config: { largeBlob: { write: 'harness blob' } }, expect: { extensions: { 'largeBlob.written': true } } }),
      authenticate({ config: { largeBlob: { read: true } }, expect: { extensions: { 'largeBlob.blob': true } } }),
    ],
  },
  {
    id: 'cred-protect',
    title: 'credProtect: userVerificationRequired, enforced',
    preset: 'security-key',
    steps: [register({ config: { credProtect: { policy: 3, enforce: true }, userVerification: 'required' }, ...notSupported })],
  },
  {
    id: 'cred-blob.write-read',
    title: 'credBlob: a blob stored at registration, read back at sign-in',
    spec: 'https://fidoalliance.org/specs/fido-v2.2-ps-20250714/fido-client-to-authenticator-protocol-v2.2-ps-20250714.html#sctn-credBlob-extension',
    preset: 'security-key',
    steps: [
      register({
        config: { residentKey: 'required', credBlob: { write: 'harness blob' } },
        expect: { extensions: { credBlob: true } },
        unsupportedWhen: { clientError: ['NotSupportedError', 'NotAllowedError'], extensionMissing: ['credBlob'] },
      }),
      // 'harness blob' as base64url: what was stored comes back byte for byte.
      authenticate({
        config: { allowCredentials: false, credBlob: { read: true } },
        expect: { extensions: { getCredBlob: 'aGFybmVzcyBibG9i' } },
      }),
    ],
  },
  {
    id: 'min-pin-length',
    title: 'minPinLength is asked for at registration',
    preset: 'security-key',
    steps: [register({ config: { minPinLength: true }, ...notSupported })],
  },
  { id: 'attestation.none', title: 'Attestation "none"', steps: [register({ config: { attestation: 'none' }, expect: { fmt: 'none' } })] },
  {
    id: 'attestation.direct',
    title: 'Attestation "direct": the format the authenticator returns',
    steps: [register({ config: { attestation: 'direct' }, expect: { attested: true } })],
  },
  {
    id: 'attestation.enterprise',
    title: 'Attestation "enterprise" from an RP not allowed it: the client gives the usual statement',
    steps: [register({ config: { attestation: 'enterprise' }, expect: { verdict: 'verified' } })],
  },
  { id: 'hints.security-key', title: 'Hints: security-key', steps: [register({ config: { hints: ['security-key'] } })] },
  { id: 'hints.client-device', title: 'Hints: client-device', steps: [register({ config: { hints: ['client-device'] } })] },
  {
    id: 'timeout',
    title: 'Nobody touches the authenticator: the timeout ends the ceremony with NotAllowedError',
    steps: [
      register(),
      { do: 'lab', action: 'presence', value: false },
      authenticate({ config: { timeout: 1_000 }, expect: { clientError: 'NotAllowedError' } }),
    ],
  },
  {
    id: 'cancel',
    title: 'The page cancels the ceremony (AbortSignal): the call rejects with its reason, AbortError',
    steps: [
      register(),
      { do: 'lab', action: 'presence', value: false },
      authenticate({ abortAfterMs: 300, expect: { clientError: 'AbortError' } }),
    ],
  },
  {
    id: 'second-factor',
    title: 'A server-side credential without user verification signs in from the allow list (a second factor)',
    preset: 'u2f-key',
    steps: [
      register({ config: { residentKey: 'discouraged', userVerification: 'discouraged' }, expect: { flags: { up: true } } }),
      authenticate({ config: { userVerification: 'discouraged', allowCredentials: true }, expect: { flags: { up: true } } }),
    ],
  },
];

/** A good registration first, then the attack. */
const attack = (id: string, title: string, spec: string, steps: Scenario['steps']): Scenario => ({
  id,
  title,
  spec,
  steps: [register(), ...steps],
});
/** The same, for attacks that need a discoverable credential (an authenticator without one: unsupported). */
const discoverableAttack = (id: string, title: string, spec: string, steps: Scenario['steps']): Scenario => ({
  id,
  title,
  spec,
  steps: [register({ config: { residentKey: 'required' }, ...notSupported }), ...steps],
});
/** A registration changed on its way to the RP (one tamper), refused at `rejectedAt`. */
const tamperedRegistration = (id: string, title: string, how: (typeof TAMPERS)[number], rejectedAt: string): Scenario => ({
  id,
  title,
  spec: V71,
  steps: [register({ tamper: how, expect: { rejectedAt } })],
});
const V72 = 'https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion';
const V71 = 'https://www.w3.org/TR/webauthn-3/#sctn-registering-a-new-credential';

const ROBUSTNESS: Scenario[] = [
  attack('replay.new-ceremony', 'A sign-in response replayed to a new ceremony', V72, [
    authenticate({ label: 'first' }),
    { do: 'replay', step: 'first', to: 'new-ceremony', expect: { rejectedAt: 'authentication.challenge' } },
  ]),
  attack('replay.same-ceremony', 'A sign-in response posted twice to its own ceremony (a reused challenge)', V72, [
    authenticate({ label: 'first' }),
    { do: 'replay', step: 'first', to: 'same-ceremony', expect: { rejectedAt: 'challenge_reused' } },
  ]),
  attack('challenge.expired', 'A sign-in answered after its challenge expired', V72, [
    authenticate({ config: { timeout: 1_000 }, clockSkewMs: 600_000, expect: { rejectedAt: 'challenge_expired' } }),
  ]),
  attack('challenge.other', 'A sign-in whose clientDataJSON carries another challenge', V72, [
    authenticate({ tamper: 'challenge', expect: { rejectedAt: 'authentication.challenge' } }),
  ]),
  tamperedRegistration(
    'registration.challenge-other',
    'A registration whose clientDataJSON carries another challenge',
    'challenge',
    'registration.challenge',
  ),
  attack('origin.other-port', 'A sign-in from a second origin (the same UI on another localhost port)', V72, [
    authenticate({ tamper: 'origin', expect: { rejectedAt: 'authentication.origin' } }),
  ]),
  tamperedRegistration('registration.origin-other-port', 'A registration from a second origin', 'origin', 'registration.origin'),
  attack('rp-id-hash.wrong', 'A sign-in whose authenticator data names another RP (rpIdHash)', V72, [
    authenticate({ tamper: 'rpIdHash', expect: { rejectedAt: 'authentication.rpIdHash' } }),
  ]),
  tamperedRegistration(
    'registration.rp-id-hash-wrong',
    'A registration whose authenticator data names another RP (rpIdHash)',
    'rpIdHash',
    'registration.rpIdHash',
  ),
  attack('up.zero', 'A sign-in without user presence (UP=0)', V72, [
    { do: 'lab', action: 'badUP', value: true },
    authenticate({ expect: { rejectedAt: 'authentication.up' } }),
  ]),
  attack('uv.zero-required', 'A sign-in with UV=0 when UV is required', V72, [
    { do: 'lab', action: 'badUV', value: true },
    authenticate({ config: { userVerification: 'required' }, expect: { rejectedAt: 'authentication.uv' } }),
  ]),
  {
    id: 'registration.uv-zero-required',
    title: 'A registration with UV=0 when UV is required',
    spec: V71,
    steps: [
      { do: 'lab', action: 'badUV', value: true },
      register({ config: { userVerification: 'required' }, expect: { rejectedAt: 'registration.uv' } }),
    ],
  },
  attack('signature.bogus', 'A sign-in with a bogus signature', V72, [
    { do: 'lab', action: 'bogusSignature', value: true },
    authenticate({ expect: { rejectedAt: 'authentication.signature' } }),
  ]),
  attack('counter.regressed', 'A sign-in whose counter went back (a cloned authenticator)', V72, [
    authenticate(),
    authenticate(),
    { do: 'lab', action: 'signCount', value: 0 },
    authenticate({ expect: { rejectedAt: 'authentication.signCount' } }),
  ]),
  discoverableAttack('credential.unknown', 'A sign-in with a credential this RP does not know (deleted here)', V72, [
    { do: 'rp', action: 'forgetCredentials' },
    authenticate({ config: { allowCredentials: false }, expect: { rejectedAt: 'authentication.credential' } }),
  ]),
  attack('client-data.tampered', 'A sign-in whose clientDataJSON was changed after signing', V72, [
    authenticate({ tamper: 'clientDataJSON', expect: { rejectedAt: 'authentication.signature' } }),
  ]),
  attack('type.swapped', 'A sign-in whose clientDataJSON says webauthn.create', V72, [
    authenticate({ tamper: 'type', expect: { rejectedAt: 'authentication.type' } }),
  ]),
  tamperedRegistration('registration.type-swapped', 'A registration whose clientDataJSON says webauthn.get', 'type', 'registration.type'),
  attack('authenticator-data.truncated', 'A sign-in with truncated authenticator data', V72, [
    authenticate({ tamper: 'truncateAuthenticatorData', expect: { rejectedAt: 'authentication.decode' } }),
  ]),
  attack('authenticator-data.trailing-bytes', 'A sign-in with a byte after the authenticator data', V72, [
    authenticate({ tamper: 'trailingBytes', expect: { rejectedAt: 'authentication.decode' } }),
  ]),
  tamperedRegistration(
    'registration.truncated',
    'A registration whose attestation object is cut short',
    'truncateAttestationObject',
    'registration.decode',
  ),
  tamperedRegistration(
    'registration.trailing-bytes',
    'A registration with a byte after the attestation object',
    'trailingBytes',
    'registration.decode',
  ),
  {
    id: 'registration.non-canonical-cbor',
    title: 'A registration whose attestation object is not canonical CBOR, to an RP whose policy requires it',
    spec: 'https://fidoalliance.org/specs/fido-v2.2-ps-20250714/fido-client-to-authenticator-protocol-v2.2-ps-20250714.html#ctap2-canonical-cbor-encoding-form',
    steps: [
      register({
        config: { policy: { requireCanonicalCbor: true } },
        tamper: 'nonCanonicalCbor',
        expect: { rejectedAt: 'registration.canonicalCbor' },
      }),
    ],
  },
  {
    id: 'registration.non-canonical-cbor.accepted',
    title: 'The same registration to an RP that only decodes (WebAuthn §7.1): accepted, with a warning',
    spec: V71,
    // A policy of the local RP's (a remote RP's is its own: there, both answers are allowed).
    steps: [register({ config: { policy: { requireCanonicalCbor: false } }, tamper: 'nonCanonicalCbor', expect: { verdict: 'verified' } })],
  },
  discoverableAttack('user-handle.other-user', 'A discoverable sign-in whose user handle names someone else', V72, [
    authenticate({ config: { allowCredentials: false }, tamper: 'userHandle', expect: { rejectedAt: 'authentication.userHandle' } }),
  ]),
];

export const SUITES: Record<'capabilities' | 'rp-robustness', ScenarioFile> = {
  capabilities: {
    format: SCENARIO_FORMAT,
    version: 1,
    suite: 'capabilities',
    title: 'What the authenticator really supports',
    subject: 'authenticator',
    preset: 'platform-passkey',
    scenarios: CAPABILITIES,
  },
  'rp-robustness': {
    format: SCENARIO_FORMAT,
    version: 1,
    suite: 'rp-robustness',
    title: 'What this relying party must reject',
    subject: 'rp',
    preset: 'platform-passkey',
    scenarios: ROBUSTNESS,
  },
};
