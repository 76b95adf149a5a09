/**
 * The FIDO2 conformance server API: the local RP serves it (opt-in, under /conformance), and the
 * harness's conformance client runs the rp-robustness suite against it with the software
 * authenticator — no browser. Every scenario gives the expected result (those that need the RP's own
 * records or clock are unsupported over this API, not failed); a refusal names its check; a foreign
 * origin is refused and the API is off unless asked for. Against a test RP missing one check, exactly
 * the scenarios naming that check fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceTarget } from '../../src/rp/conformance/client.ts';
import { mountConformance } from '../../src/rp/conformance/server.ts';
import type { AppEnv } from '../../src/rp/http/mount.ts';
import { RelyingParty } from '../../src/rp/relyingParty.ts';
import { Store } from '../../src/rp/store.ts';
import { HarnessRunner } from '../../src/rp/harness/runner.ts';
import { SUITES } from '../../src/rp/harness/suites.ts';
import { startRpServer, type RpServer } from '../../src/rp/server.ts';
import { TrustRoots } from '../../src/rp/roots.ts';
import { makeTestCa } from '../../src/rp/soft/certs.ts';
import { FORGERY_SUITE } from '../../src/rp/soft/suite.ts';
import { SoftHarness } from '../../src/rp/soft/harness.ts';

let server: RpServer;
let plain: RpServer;
const dirs: string[] = [];
beforeAll(async () => {
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'pe-conformance-'));
    dirs.push(d);
    return d;
  };
  server = await startRpServer({ port: 0, dataDir: dir(), conformance: { origins: ['https://tool.example'] } });
  plain = await startRpServer({ port: 0, dataDir: dir() });
});
afterAll(async () => {
  await server.close();
  await plain.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const post = (s: RpServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.origin}/conformance${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the conformance API of the local RP', () => {
  it('issues options in the ServerResponse shape, without a token; refuses foreign origins; is off unless asked for', async () => {
    const r = await post(server, '/attestation/options', { username: 'conf-alice', displayName: 'Alice', attestation: 'direct' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as any;
    expect(body).toMatchObject({
      status: 'ok',
      errorMessage: '',
      rp: { id: 'localhost' },
      user: { name: 'conf-alice' },
      attestation: 'direct',
    });
    expect(body.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.headers.get('set-cookie')).toMatch(/^pe-conformance=/);
    const tool = await post(server, '/attestation/options', { username: 'x' }, { origin: 'https://tool.example' });
    expect(tool.status).toBe(200);
    const evil = await post(server, '/attestation/options', { username: 'x' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const bad = await post(server, '/attestation/options', { displayName: 'no username' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 'failed', errorMessage: expect.stringContaining('username') });
    const off = await post(plain, '/attestation/options', { username: 'x' });
    expect(off.status).toBeGreaterThanOrEqual(400);
  });

  it('rp-robustness through the conformance client: each scenario as expected, refusals at the named check', async () => {
    const soft = new SoftHarness(server.origin);
    const runner = new HarnessRunner({
      target: conformanceTarget(`${server.origin}/conformance`),
      driver: soft.driver,
      controls: soft.controls,
    });
    const report = await runner.run([SUITES['rp-robustness']]);
    expect(report.target).toBe(`conformance:${server.origin}/conformance`);
    const by = Object.fromEntries(report.scenarios.map((s) => [s.id, s]));
    // What this API cannot do: move the server's clock, delete a user's credentials, set the RP's policy.
    const unsupported = report.scenarios.filter((s) => s.outcome === 'unsupported').map((s) => s.id);
    for (const id of unsupported) expect(by[id].reason?.code, id).toBe('unsupported-target');
    expect(unsupported.sort()).toEqual(
      ['challenge.expired', 'credential.unknown', 'registration.non-canonical-cbor', 'registration.non-canonical-cbor.accepted'].sort(),
    );
    expect(report.scenarios.filter((s) => s.outcome !== 'pass' && s.outcome !== 'unsupported').map((s) => `${s.id}: ${s.message}`)).toEqual(
      [],
    );
    // The evidence: the exchanges, with the RP's answer naming the check.
    const origin = by['origin.other-port'].steps.at(-1)!;
    expect(origin.exchanges?.at(-1)).toMatchObject({
      status: 400,
      answer: { status: 'failed', errorMessage: expect.stringMatching(/^authentication\.origin: /) },
    });
  }, 60_000);

  it('rp-forgeries through the conformance client: every forgery refused at its check by an RP that trusts the test CA', async () => {
    const ca = await makeTestCa();
    const dir = mkdtempSync(join(tmpdir(), 'pe-conformance-trusting-'));
    dirs.push(dir);
    // As an RP under test is told to (harness --trust-ca-out): the software authenticator's root.
    new TrustRoots(dir).add('software-authenticator-test-ca', ca.root.pem);
    const trusting = await startRpServer({ port: 0, dataDir: dir, conformance: {} });
    try {
      const soft = new SoftHarness(trusting.origin, ca);
      const report = await new HarnessRunner({
        target: conformanceTarget(`${trusting.origin}/conformance`),
        driver: soft.driver,
        controls: soft.controls,
      }).run([FORGERY_SUITE]);
      const not = report.scenarios.filter((s) => s.outcome !== 'pass').map((s) => `${s.id}: ${s.outcome} ${s.message}`);
      // Only the forgery the RP's own policy decides (non-canonical CBOR: requireCanonicalCbor) is out of reach.
      expect(not).toEqual([expect.stringMatching(/^non-canonical-cbor\.registration: unsupported .*RP policy/)]);
      // Each refusal named the check FORGERY_CHECKS names, in the RP's answer.
      const chain = report.scenarios.find((s) => s.id === 'untrusted-chain.registration')!.steps.at(-1)!;
      expect(chain).toMatchObject({ outcome: 'pass', rejectedAt: 'attestation.trust' });
      const tpm = report.scenarios.find((s) => s.id === 'tpm-wrong-name.registration')!.steps.at(-1)!;
      expect(tpm.exchanges?.at(-1)).toMatchObject({
        status: 400,
        answer: { errorMessage: expect.stringMatching(/^attestation\.tpm\.certInfo\.name: /) },
      });
    } finally {
      await trusting.close();
    }
  }, 60_000);
});

describe('the harness catches a broken RP over the conformance API', () => {
  // A test RP nobody should ship: the local RP's verifier with one check switched off (the
  // constructor-only test switch), behind the conformance API and nothing else.
  async function brokenRp(disabled: string) {
    const dir = mkdtempSync(join(tmpdir(), 'pe-conformance-broken-'));
    dirs.push(dir);
    const store = new Store(dir);
    const app = new Hono<AppEnv>();
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((ok) => listening.once('listening', () => ok()));
    const origin = `http://localhost:${(listening.address() as AddressInfo).port}`;
    const rp = new RelyingParty({ store, rpId: 'localhost', origin, disabledChecks: new Set([disabled]) });
    mountConformance(app, rp);
    return {
      origin,
      close: () => {
        listening.close();
        store.close();
      },
    };
  }

  const named = (id: string) => {
    const s = SUITES['rp-robustness'].scenarios.find((x) => x.id === id)!;
    return s.steps.flatMap((st) => ('expect' in st && st.expect?.rejectedAt ? [st.expect.rejectedAt] : [])).at(-1);
  };

  for (const check of ['authentication.origin', 'registration.origin', 'authentication.signCount', 'authentication.challenge']) {
    it(`without ${check}: exactly the scenarios naming it fail, with the RP's answer as the evidence`, async () => {
      const rp = await brokenRp(check);
      try {
        const soft = new SoftHarness(rp.origin);
        const runner = new HarnessRunner({
          target: conformanceTarget(`${rp.origin}/conformance`),
          driver: soft.driver,
          controls: soft.controls,
        });
        const report = await runner.run([SUITES['rp-robustness']]);
        const failing = report.scenarios.filter((s) => s.outcome === 'fail').map((s) => s.id);
        const expected = SUITES['rp-robustness'].scenarios.filter((s) => named(s.id) === check).map((s) => s.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(failing.sort()).toEqual(expected.sort());
        // The evidence: the RP let the attack through, or refused it only at a later check (a forgery of
        // the origin after signing also breaks the signature), never at the one that is switched off.
        for (const id of failing) {
          const answer = report.scenarios
            .find((s) => s.id === id)!
            .steps.at(-1)!
            .exchanges?.at(-1)?.answer as any;
          if (answer.status !== 'ok') expect(answer.errorMessage).not.toMatch(new RegExp(`^${check.replace('.', '\\.')}:`));
        }
        expect(report.scenarios.filter((s) => s.outcome === 'error')).toEqual([]);
      } finally {
        rp.close();
      }
    }, 60_000);
  }
});
