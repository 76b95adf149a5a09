/**
 * The suite `rp-forgeries` (CLI: `harness --suite rp-forgeries --client software`): every forgery the
 * software authenticator makes, each where it applies (a registration, a sign-in), refused where a
 * correct RP must — the check FORGERY_CHECKS names (a remote RP that names none: any refusal). Built
 * from FORGERY_CHECKS, so the suite and the property test of the forgeries cannot drift apart. With
 * a browser's authenticator every scenario is unsupported: only the software authenticator forges.
 */
import { FORGERIES, SCENARIO_FORMAT, type Forgery, type Scenario, type ScenarioFile } from '@api/harness.ts';
import { FORGERY_CHECKS } from './authenticator.ts';

const TITLES: Record<Forgery, string> = {
  'wrong-origin': 'clientDataJSON names another origin',
  'wrong-type': 'clientDataJSON has the other ceremony’s type',
  'wrong-rp-id-hash': 'authenticator data names another RP (rpIdHash)',
  'up-0': 'no user presence (UP=0)',
  'uv-0': 'no user verification (UV=0) when UV is required',
  'bogus-signature': 'a signature that does not verify',
  'counter-regression': 'the signature counter went back',
  'replayed-assertion': 'an earlier sign-in sent again',
  'tampered-client-data': 'clientDataJSON changed after signing',
  'truncated-authenticator-data': 'truncated authenticator data',
  'non-canonical-cbor': 'CBOR that is not CTAP2-canonical (under the RP policy requireCanonicalCbor)',
  'trailing-bytes': 'bytes after the data',
  'at-without-attested-data': 'the AT flag without attested credential data',
  'untrusted-chain': 'an attestation chain to a root nobody trusts',
  'expired-chain': 'an expired attestation certificate',
  'wrong-purpose-chain': 'an attestation certificate that is a CA, for another purpose',
  'aaguid-mismatch': 'an AAGUID the certificate contradicts',
  'tpm-wrong-name': 'a TPM certInfo over the wrong name',
};

const V71 = 'WebAuthn L3 §7.1 Registering a New Credential';
const V72 = 'WebAuthn L3 §7.2 Verifying an Authentication Assertion';

function scenarios(f: Forgery): Scenario[] {
  const want = FORGERY_CHECKS[f];
  const uv = f === 'uv-0' ? { userVerification: 'required' as const } : {};
  const out: Scenario[] = [];
  if (want.registration)
    out.push({
      id: `${f}.registration`,
      title: `A registration: ${TITLES[f]}`,
      spec: V71,
      steps: [
        { do: 'forge', forgery: f },
        {
          do: 'register',
          config: {
            // An attestation statement to forge, for the forgeries of one; the rest need none.
            ...(want.registration.startsWith('attestation.') ? { attestation: 'direct' as const } : {}),
            ...uv,
            ...(f === 'non-canonical-cbor' ? { policy: { requireCanonicalCbor: true } } : {}),
          },
          expect: { rejectedAt: want.registration },
        },
      ],
    });
  if (want.authentication)
    out.push({
      id: `${f}.authentication`,
      title: `A sign-in: ${TITLES[f]}`,
      spec: V72,
      // Two good sign-ins first: a counter to regress, an assertion to replay.
      steps: [
        { do: 'register', config: { ...uv } },
        { do: 'authenticate', config: { ...uv } },
        { do: 'authenticate', config: { ...uv } },
        { do: 'forge', forgery: f },
        { do: 'authenticate', config: { ...uv }, expect: { rejectedAt: want.authentication } },
      ],
    });
  return out;
}

export const FORGERY_SUITE: ScenarioFile = {
  format: SCENARIO_FORMAT,
  version: 1,
  suite: 'rp-forgeries',
  title: 'Every forgery of the software authenticator, refused where a correct RP must',
  subject: 'rp',
  preset: 'security-key',
  scenarios: FORGERIES.flatMap(scenarios),
};
