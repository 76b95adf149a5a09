/**
 * The phishing relay demo, scripted: a victim with a password account and a passkey signs in through
 * the look-alike (src/rp/auth/relay.ts) with every method, and the relay's own record says, per
 * method, what the attacker got and what came of it. Used by `passkey-explorer demo relay` and the
 * window's "run the scripted victim" button; the window's e2e makes the same moves in Chromium.
 *
 * The victim is an HTTP client that sends what a browser on the look-alike sends (its Origin), and a
 * software authenticator whose client half writes the page's origin into clientDataJSON and checks
 * the RP ID against it — what every browser does, and all the passkey outcome rests on.
 */
import { DEFAULT_CONFIG } from '@api/config.ts';
import { AUTH_ENDPOINTS, ENDPOINTS } from '@api/endpoints.ts';
import type { RelayDemo, RelayDemoCase, RelayDemoResult } from '@api/relay.ts';
import type { CeremonyConfig } from '@api/types.ts';
import { HttpApiError, httpClient } from '../http/client.ts';
import { SoftClientError, SoftwareAuthenticator } from '../soft/authenticator.ts';
import type { PhishingRelay } from './relay.ts';

export const DEMO_VICTIM = 'victim@relay-demo.example';
const DEMO_PASSWORD = 'correct horse battery staple';

interface Target {
  origin: string;
  port: number;
  token: string;
  relay: PhishingRelay;
}

/** A browser's calls from a page of `origin`, to the server at `base`. */
function browserAt(base: string, origin: string, token: string) {
  const opts = { token, headers: { Origin: origin } };
  return { core: httpClient(ENDPOINTS, base, opts), auth: httpClient(AUTH_ENDPOINTS, base, opts) };
}

const expected = <T>(p: Promise<T>): Promise<T | null> =>
  p.catch((e: unknown) => {
    if (e instanceof HttpApiError) return null;
    throw e;
  });

export async function runRelayDemo(rp: Target): Promise<RelayDemo> {
  const real = browserAt(`http://127.0.0.1:${rp.port}`, rp.origin, rp.token);
  const config: CeremonyConfig = { ...structuredClone(DEFAULT_CONFIG), userName: DEMO_VICTIM, userDisplayName: 'Victim' };

  // On the real site first: an account with a password, and a passkey.
  await expected(real.auth.signUp({ email: DEMO_VICTIM, password: DEMO_PASSWORD }));
  const authenticator = new SoftwareAuthenticator();
  const reg = await real.core.registrationOptions({ config });
  await real.core.registrationVerify({
    ceremonyId: reg.ceremonyId,
    response: (await authenticator.create(reg.options as never, { origin: rp.origin })) as never,
  });

  await rp.relay.start('forward');
  const [sameHost, otherHost] = rp.relay.origins;
  const cases: { case: RelayDemoCase; lookAlike: string; capture: string }[] = [];
  const step = async (c: RelayDemoCase, lookAlike: string, run: (page: ReturnType<typeof browserAt>) => Promise<unknown>) => {
    const before = new Set(rp.relay.status().captures.map((x) => x.id));
    await run(browserAt(lookAlike, lookAlike, rp.token));
    await rp.relay.settled();
    const kept = rp.relay.status().captures.find((x) => !before.has(x.id) && x.email === DEMO_VICTIM);
    if (!kept) throw new Error(`The relay kept nothing for ${c}`);
    cases.push({ case: c, lookAlike, capture: kept.id });
  };
  /** The victim's own inbox (not the look-alike's): the newest message to them. */
  const inbox = async () => (await real.auth.mailbox()).find((m) => m.to === DEMO_VICTIM)!;
  const passkeySignIn = async (page: ReturnType<typeof browserAt>, origin: string) => {
    const o = await page.core.authenticationOptions({ config });
    try {
      const response = await authenticator.get(o.options as never, { origin });
      await expected(page.core.authenticationVerify({ ceremonyId: o.ceremonyId, response: response as never }));
    } catch (e) {
      if (!(e instanceof SoftClientError)) throw e;
      // What the window does with a DOMException: it reports it to the RP (here: through the relay).
      await expected(page.core.authenticationVerify({ ceremonyId: o.ceremonyId, clientError: { name: e.name, message: e.message } }));
    }
  };

  await step('password', sameHost, (page) => expected(page.auth.passwordSignIn({ email: DEMO_VICTIM, password: DEMO_PASSWORD })));
  await step('magic-link', sameHost, async (page) => {
    await page.auth.sendMagicLink(DEMO_VICTIM);
    const link = (await inbox()).link!;
    // "Paste the link from the e-mail to continue on this device": the token is a bearer secret.
    const token = new URL(link.replace('#/', '')).searchParams.get('token')!;
    await expected(page.auth.redeemMagicLink(token));
  });
  await step('email-otp', sameHost, async (page) => {
    await page.auth.sendOtp(DEMO_VICTIM);
    const code = /(\d{6})/.exec((await inbox()).subject)![1];
    await expected(page.auth.verifyOtp({ email: DEMO_VICTIM, code }));
  });
  await step('passkey', sameHost, (page) => passkeySignIn(page, sameHost));
  await rp.relay.start('rewrite-origin');
  await step('passkey-rewritten', sameHost, (page) => passkeySignIn(page, sameHost));
  await rp.relay.start('forward');
  await step('passkey-other-host', otherHost, (page) => passkeySignIn(page, otherHost));

  const captures = rp.relay.status().captures;
  const results = cases.map((c): RelayDemoResult => {
    const capture = captures.find((x) => x.id === c.capture)!;
    return { case: c.case, method: capture.method, lookAlike: c.lookAlike, got: capture.got, outcome: capture.outcome };
  });
  return { rp: rp.origin, lookAlike: rp.relay.origins, victim: DEMO_VICTIM, results };
}
