/**
 * What the harness tests: a relying party it asks for options and posts responses to. The local RP
 * in this process (localTarget: its own records are the evidence, and a refusal names the check),
 * or another one over HTTP (src/rp/conformance/client.ts: the FIDO conformance server API, whose
 * answers are the evidence). What a target cannot do for a scenario — forget a user's credentials,
 * move its clock — makes that step unsupported, not failed.
 */
import type { Ceremony, CeremonyConfig } from '@api/types.ts';
import type { Summary } from '@decode/types.ts';
import { ApiFailure } from '../errors.ts';
import type { RelyingParty } from '../relyingParty.ts';

/** What the runner compares with a step's expectation. */
export interface Facts {
  verdict: 'verified' | 'failed' | 'client-error' | null;
  flags: { up: boolean; uv: boolean; be: boolean; bs: boolean } | null;
  fmt: string | null;
  alg: number | null;
  signCount: number | null;
}

/** One HTTP exchange with a remote target: the evidence of its answer. */
export interface Exchange {
  url: string;
  request: unknown;
  status: number;
  answer: unknown;
}

export interface TargetAnswer {
  facts: Facts;
  /** Where it refused: the check (local), the step the target named, or null when it named none. */
  rejectedAt: string | null;
  clientError: string | null;
  refused: boolean;
  /** The local RP's ceremony record (the evidence in History). */
  ceremonyId: string | null;
  exchanges: Exchange[];
}

export class TargetCannot extends Error {}

export interface HarnessTarget {
  /** For the report: 'this RP', 'conformance:https://…'. */
  readonly label: string;
  /** Whether a step's RP policy (CeremonyConfig.policy) reaches the RP's verification. */
  readonly appliesPolicy: boolean;
  /**
   * The RP decides its options (a remote RP may ignore what the harness asks for): a step is then run
   * only where the options it got are the ones the step needs (optionsMismatch), and unsupported otherwise.
   */
  readonly ownOptions: boolean;
  open(kind: 'register' | 'authenticate', config: CeremonyConfig): Promise<{ ceremonyId: string; options: any; exchanges: Exchange[] }>;
  verify(
    kind: 'register' | 'authenticate',
    ceremonyId: string,
    response: Record<string, any> | null,
    clientError: { name: string; message: string } | undefined,
    ms: number,
  ): Promise<TargetAnswer>;
  /** Removes the user's credentials on the RP's side (throws TargetCannot when the target has no way to). */
  forgetCredentials(userName: string): void;
  /** Moves the RP's clock (throws TargetCannot for a nonzero skew when the target's clock is not ours). */
  setClockSkew(ms: number): void;
}

/** The facts of a response by our own dissection (a remote target's verdict beside them). */
export function factsOf(summary: Summary | null | undefined, verdict: Facts['verdict']): Facts {
  return {
    verdict,
    flags: summary?.flags ? { up: summary.flags.up, uv: summary.flags.uv, be: summary.flags.be, bs: summary.flags.bs } : null,
    fmt: summary?.fmt ?? null,
    alg: verdict === 'verified' ? (summary?.alg ?? null) : null,
    signCount: verdict === 'verified' ? (summary?.signCount ?? null) : null,
  };
}

function localFacts(c: Ceremony | null, refused: boolean): Facts {
  const flags = c?.result?.flags ?? c?.dissection?.summary?.flags ?? null;
  return {
    verdict: refused ? 'failed' : ((c?.verdict as Facts['verdict']) ?? null),
    flags: flags ? { up: flags.up, uv: flags.uv, be: flags.be, bs: flags.bs } : null,
    fmt: c?.result?.fmt ?? c?.dissection?.summary?.fmt ?? null,
    alg: c?.result?.alg ?? null,
    signCount: c?.result?.signCount ?? null,
  };
}

/** The RP in this process: a refusal names its first failing check, or the code of its refusal (challenge_reused …). */
export function localTarget(rp: RelyingParty, setClockSkew: (ms: number) => void): HarnessTarget {
  return {
    label: 'this RP',
    appliesPolicy: true,
    ownOptions: false,
    async open(kind, config) {
      const { ceremonyId, options } = kind === 'register' ? rp.registrationOptions(config) : rp.authenticationOptions(config);
      return { ceremonyId, options, exchanges: [] };
    },
    async verify(kind, ceremonyId, response, clientError, ms) {
      try {
        const c =
          kind === 'register'
            ? await rp.verifyRegistration(ceremonyId, (response ?? undefined) as never, clientError, { clientMs: ms })
            : await rp.verifyAuthentication(ceremonyId, (response ?? undefined) as never, clientError, { clientMs: ms });
        return {
          facts: localFacts(c, false),
          rejectedAt: null,
          clientError: c.clientError?.name ?? null,
          refused: false,
          ceremonyId,
          exchanges: [],
        };
      } catch (e) {
        if (!(e instanceof ApiFailure)) throw e;
        const c = rp.store.ceremony(ceremonyId);
        const failed = c?.dissection?.checks.find((k) => k.status === 'fail');
        // A refusal before verification (a consumed or expired challenge) leaves the record as it was.
        const own = c?.verdict === 'failed';
        return {
          facts: localFacts(c, true),
          rejectedAt: (own ? failed?.id : undefined) ?? e.code,
          clientError: null,
          refused: true,
          ceremonyId,
          exchanges: [],
        };
      }
    },
    forgetCredentials(userName) {
      const u = rp.store.userByName(userName);
      if (u) for (const c of rp.store.credentials(u.id)) rp.store.deleteCredential(c.id);
    },
    setClockSkew,
  };
}
