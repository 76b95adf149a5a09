/**
 * A real third-party RP through the conformance client: Better Auth 1.7.6 (`better-auth` +
 * `@better-auth/passkey`, verifying with @simplewebauthn/server) behind a thin conformance-API adapter
 * (test/support/betterAuthConformance.ts), tested with the rp-robustness suite and the software
 * authenticator. The results are asserted as they really are — where Better Auth accepts what the
 * spec says to refuse, the report says so and so does this test.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { conformanceTarget } from '../../src/rp/conformance/client.ts';
import { HarnessRunner } from '../../src/rp/harness/runner.ts';
import { SUITES } from '../../src/rp/harness/suites.ts';
import { SoftHarness } from '../../src/rp/soft/harness.ts';
import { startBetterAuthConformance, type BetterAuthConformance } from '../support/betterAuthConformance.ts';

let site: BetterAuthConformance;
beforeAll(async () => {
  site = await startBetterAuthConformance();
});
afterAll(() => site.close());

it('Better Auth against rp-robustness: what it refuses, what it lets through, what this API cannot test', async () => {
  const soft = new SoftHarness(site.origin);
  const report = await new HarnessRunner({ target: conformanceTarget(site.base), driver: soft.driver, controls: soft.controls }).run([
    SUITES['rp-robustness'],
  ]);
  const of = (o: string) =>
    report.scenarios
      .filter((s) => s.outcome === o)
      .map((s) => s.id)
      .sort();
  // Findings (Better Auth 1.7.6, as it really is):
  expect(of('fail')).toEqual(
    [
      // It never requires user verification (verify-*: requireUserVerification: false; its options
      // say "preferred" whatever the caller needs), so UV=0 passes where UV is required.
      'registration.uv-zero-required',
      'uv.zero-required',
      // It accepts an attestation object with a byte after it (§7.1 step 12: the CBOR must decode).
      'registration.trailing-bytes',
      // A discoverable sign-in whose userHandle names another user signs in the credential's owner
      // (§7.2 step 6: the user the handle identifies must own the credential).
      'user-handle.other-user',
    ].sort(),
  );
  // What the conformance API cannot reach: its clock, its records, its policy.
  expect(of('unsupported')).toEqual(
    ['challenge.expired', 'credential.unknown', 'registration.non-canonical-cbor', 'registration.non-canonical-cbor.accepted'].sort(),
  );
  expect(of('error')).toEqual([]);
  // Everything else it refuses: replays, foreign challenges and origins, wrong rpIdHash, UP=0, a
  // bogus signature, a regressed counter, tampered clientDataJSON, swapped types, truncated data.
  expect(of('pass')).toEqual(expect.arrayContaining(['replay.new-ceremony', 'origin.other-port', 'signature.bogus', 'counter.regressed']));
  // The evidence of a finding: Better Auth's own answer.
  const uh = report.scenarios.find((s) => s.id === 'user-handle.other-user')!;
  expect(uh.steps.at(-1)!.exchanges?.at(-1)).toMatchObject({ status: 200, answer: { status: 'ok' } });
}, 60_000);
