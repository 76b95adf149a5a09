/**
 * WebAuthn L3 §7.1 "Registering a New Credential", as checks in the spec's step order. The attestation
 * statement and trust steps are delegated to the format registry's `verifyAttestation`
 * (src/decode/attestation/index.ts) when it provides one.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-registering-a-new-credential
 */
import type { CborNode, Check, Dissection } from '../types';
import { SUPPORTED_FORMATS, verifyAttestation } from '../attestation/index';
import { equalBytes, sha256, toBase64Url } from '../bytes';
import { COSE_ALG, algName } from '../cose/algorithms.ts';
import {
  ceremonyChecks,
  T,
  list,
  parsedOf,
  clientDataChecks,
  authDataChecks,
  decodeCheck,
  extensionsMessage,
  type Expectations,
} from './common';

/**
 * Runs the registration ceremony's verification steps on a dissection and returns the checks in
 * the spec's order. Never throws. A ceremony is verified when no check has status 'fail'.
 */
export async function verifyRegistration(dissection: Dissection, exp: Expectations): Promise<Check[]> {
  const ck = ceremonyChecks('registration');
  const p = parsedOf(dissection);
  // decode clientDataJSON; step 12: decode the attestation object.
  decodeCheck(ck, 'registration', dissection);
  const ad = p.authData;
  canonicalCheck(ck, [p.attestation?.root, ad?.attestedCredentialData?.coseKeyNode, ad?.extensionsNode], exp);
  clientDataChecks(ck, 'registration', p.clientData, exp);
  const clientDataHash = p.clientDataJSON ? await sha256(p.clientDataJSON) : undefined;
  authDataChecks(ck, 'registration', ad, exp);
  const acd = ad?.attestedCredentialData;
  if (ad && !ad.flags.at) {
    ck.add('attestedCredentialData', 'fail', T('check.registration.attestedCredentialData.title'), {
      message: T('check.registration.attestedCredentialData.missing'),
      expected: true,
      actual: false,
      explain: 'check.registration.attestedCredentialData.explain',
    });
  }
  // alg allowed
  const allowed = exp.supportedAlgorithms ?? Object.keys(COSE_ALG).map(Number);
  const alg = acd?.coseKey?.alg;
  // RS1 (SHA-1) still verifies — old TPMs and tokens use it — with a deprecation warning.
  const sha1 = alg !== undefined && COSE_ALG[alg]?.hash === 'SHA-1';
  ck.add('alg', alg !== undefined && allowed.includes(alg) ? (sha1 ? 'warn' : 'pass') : 'fail', T('check.registration.alg.title'), {
    message:
      alg === undefined
        ? T('check.registration.alg.missing')
        : allowed.includes(alg)
          ? sha1
            ? T('check.registration.alg.deprecated', { alg, algName: algName(alg) })
            : undefined
          : exp.offeredAlgorithms?.includes(alg)
            ? T('check.registration.alg.policyMismatch', {
                alg,
                algName: algName(alg),
                allowed: allowed.map((a) => `${a} (${algName(a)})`).join(', '),
              })
            : T('check.registration.alg.unexpected', {
                alg,
                algName: algName(alg),
                allowed: allowed.map((a) => `${a} (${algName(a)})`).join(', '),
              }),
    expected: allowed,
    actual: alg,
    explain: 'check.registration.alg.explain',
  });
  // extensions
  ck.add('extensions', 'skip', T('check.extensions.title', { sec: '§7.1' }), {
    message: extensionsMessage(ad?.extensions),
    actual: ad?.extensions,
    explain: 'check.extensions.explain',
  });
  // fmt supported (for a supported one, the format registry's verifyAttestation states it)
  const fmt = p.attestation?.fmt;
  const fmtKnown = fmt !== undefined && SUPPORTED_FORMATS.includes(fmt);
  if (!fmtKnown)
    ck.fail('fmt', T('check.registration.fmt.title'), {
      message: T('check.registration.fmt.unsupported', { fmt: String(JSON.stringify(fmt)), supported: SUPPORTED_FORMATS.join(', ') }),
      expected: SUPPORTED_FORMATS,
      actual: fmt,
      explain: 'check.registration.fmt.explain',
    });
  // attestation statement and trust (delegated to the format registry)
  if (!fmtKnown || !p.attestation?.attStmt || !ad || !acd || !clientDataHash) {
    ck.add('attestation', 'skip', T('check.registration.attestation.title'), {
      message: T('check.registration.attestation.notDecoded'),
      explain: 'check.registration.attestation.explain',
    });
  } else {
    try {
      const sub = await verifyAttestation(fmt!, p.attestation.attStmt, {
        ...(exp.attestationOptions ?? {}),
        authData: ad.bytes,
        clientDataHash,
        rpIdHash: ad.rpIdHash,
        credentialPublicKey: acd.credentialPublicKey,
        aaguid: acd.aaguid,
        credentialId: acd.credentialId,
        ...(exp.currentTime ? { currentTime: exp.currentTime } : {}),
        ...(exp.trustAnchors ? { trustAnchors: exp.trustAnchors } : {}),
      });
      ck.append(sub);
    } catch (e) {
      ck.add('attestation', 'fail', T('check.registration.attestation.title'), {
        message: T('check.registration.attestation.crashed', { fmt: String(fmt), error: e instanceof Error ? e.message : String(e) }),
        explain: 'check.registration.attestation.explain',
      });
    }
  }
  if (exp.attestationTrust) attestationPolicyCheck(ck, exp.attestationTrust, exp.attestationRequested);
  // credential id length
  if (acd) {
    ck.add('credentialIdLength', acd.credentialIdLength <= 1023 ? 'pass' : 'fail', T('check.registration.credentialIdLength.title'), {
      message:
        acd.credentialIdLength <= 1023 ? undefined : T('check.registration.credentialIdLength.tooLong', { length: acd.credentialIdLength }),
      expected: 1023,
      actual: acd.credentialIdLength,
      explain: 'check.registration.credentialIdLength.explain',
    });
    rawIdCheck(ck, p.rawId, acd.credentialId);
    // not yet registered
    const id = toBase64Url(acd.credentialId);
    const reg = exp.registeredCredentialIds;
    if (reg === undefined) {
      ck.add('credentialIdUnique', 'skip', T('check.registration.credentialIdUnique.title'), {
        message: T('check.registration.credentialIdUnique.noList'),
        explain: 'check.registration.credentialIdUnique.explain',
      });
    } else {
      let taken: boolean;
      try {
        taken = typeof reg === 'function' ? !!reg(id) : list(reg).includes(id);
      } catch {
        taken = true;
      }
      ck.add('credentialIdUnique', taken ? 'fail' : 'pass', T('check.registration.credentialIdUnique.title'), {
        message: taken ? T('check.registration.credentialIdUnique.taken', { credentialId: id }) : undefined,
        actual: id,
        explain: 'check.registration.credentialIdUnique.explain',
      });
    }
  }
  return ck.list;
}

/**
 * The credential ID the client reported (rawId, and id with it) is the one in the attested credential
 * data. §7.1 step 27 stores the record under credential.id with authData's public key, which presumes
 * the two agree; a client that reports another ID reported a credential it did not create, and an RP
 * that stores what it reported never finds the credential at sign-in. A warning, only when they differ
 * (some libraries' fixtures carry placeholder IDs and expect a verified registration; go-webauthn refuses).
 */
function rawIdCheck(ck: ReturnType<typeof ceremonyChecks>, rawId: Uint8Array | undefined, credentialId: Uint8Array): void {
  if (!rawId || equalBytes(rawId, credentialId)) return;
  ck.add('rawId', 'warn', T('check.registration.rawId.title'), {
    message: T('check.registration.rawId.differs', { rawId: toBase64Url(rawId), credentialId: toBase64Url(credentialId) }),
    expected: toBase64Url(credentialId),
    actual: toBase64Url(rawId),
    fields: ['credential.rawId', 'attestationObject.authData.attestedCredentialData.credentialId'],
    explain: 'check.registration.rawId.explain',
  });
}

/**
 * CTAP2 §8 canonical CBOR (shortest lengths, definite lengths, sorted map keys) in what the
 * authenticator encoded: a warning, or — for an RP that requires it — a failure. Lists where.
 */
function canonicalCheck(ck: ReturnType<typeof ceremonyChecks>, nodes: (CborNode | undefined)[], exp: Expectations): void {
  const found: string[] = [];
  const walk = (n: CborNode, where: string) => {
    for (const note of n.nonCanonical ?? []) found.push(`${where} @${n.start}: ${note}`);
    if (n.type === 'map')
      for (const e of n.entries) {
        walk(e.key, where);
        walk(e.value, where);
      }
    else if (n.type === 'array') for (const i of n.items) walk(i, where);
    // A tag whose item did not decode has none (the input ends inside it).
    else if (n.type === 'tag' && n.item) walk(n.item, where);
  };
  const names = ['attestationObject', 'credentialPublicKey', 'extensions'];
  nodes.forEach((n, i) => {
    if (n) walk(n, names[i]);
  });
  if (!nodes[0]) return;
  ck.add(
    'canonicalCbor',
    found.length === 0 ? 'pass' : exp.requireCanonicalCbor ? 'fail' : 'warn',
    T('check.registration.canonicalCbor.title'),
    {
      message: found.length
        ? T(exp.requireCanonicalCbor ? 'check.registration.canonicalCbor.refused' : 'check.registration.canonicalCbor.found', {
            n: found.length,
            first: found[0],
          })
        : undefined,
      actual: found.length ? found.slice(0, 10) : undefined,
      explain: 'check.registration.canonicalCbor.explain',
    },
  );
}

/** How much an attestation proves, weakest first: what `attestationTrust` ranks. */
const TRUST_LEVEL = { none: 0, self: 1, any: 2, 'trusted-only': 3 } as const;

/** The level an `attestation.trust` result reaches; a trusted chain (basic, attca, anonca with a root) is 'trusted-only'. */
const LEVEL_OF_TRUST_TYPE: Record<string, keyof typeof TRUST_LEVEL> = { none: 'none', self: 'self', uncertain: 'any' };

/**
 * §7.1 step 24 as the RP's policy decides it: the attestation the format's verifier assessed
 * (`attestation.trust`: none, self, a chain that reached no trusted root, or a trusted chain) against
 * the least the RP accepts. Options that asked for attestation "none" while the policy wants more are
 * named as the mismatch they are (the browser removes the statement).
 */
function attestationPolicyCheck(
  ck: ReturnType<typeof ceremonyChecks>,
  want: NonNullable<Expectations['attestationTrust']>,
  requested: Expectations['attestationRequested'],
): void {
  const trust = ck.list.find((c) => c.id === 'attestation.trust');
  const result = trust?.actual as { type?: string; root?: string } | undefined;
  const type = result?.type;
  // A statement that did not verify proves nothing; the failure is already the format's check.
  const unverified = trust?.status === 'skip' && type !== 'none' && type !== 'self';
  const got = !type || unverified ? null : (LEVEL_OF_TRUST_TYPE[type] ?? 'trusted-only');
  if (got === null) {
    ck.add('attestationPolicy', 'skip', T('check.registration.attestationPolicy.title', { want }), {
      message: T('check.registration.attestationPolicy.notAssessed'),
      expected: want,
      explain: 'check.registration.attestationPolicy.explain',
    });
    return;
  }
  const ok = TRUST_LEVEL[got] >= TRUST_LEVEL[want];
  ck.add('attestationPolicy', ok ? 'pass' : 'fail', T('check.registration.attestationPolicy.title', { want }), {
    message: ok
      ? undefined
      : got === 'none' && requested === 'none'
        ? T('check.registration.attestationPolicy.optionsMismatch', { want })
        : T('check.registration.attestationPolicy.refused', { want, got }),
    expected: want,
    actual: got,
    explain: 'check.registration.attestationPolicy.explain',
  });
}
