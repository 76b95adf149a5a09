/**
 * Better Auth (`better-auth` + `@better-auth/passkey`, versions pinned in package.json) as the tests
 * start it: an in-memory database, e-mail and password sign-up (the passkey plugin registers for a
 * signed-in user), rpID localhost, its own logging and telemetry off. The conformance adapter
 * (./betterAuthConformance.ts) and the e2e fixture site (e2e/sites/betterAuth.ts) both run this one.
 */
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { passkey } from '@better-auth/passkey';

export function betterAuthRp(origin: string, rpName: string) {
  const db: Record<string, unknown[]> = { user: [], session: [], account: [], verification: [], passkey: [] };
  return betterAuth({
    baseURL: origin,
    secret: `passkey-explorer-test-fixture-secret-${rpName.length}-0123456789`,
    database: memoryAdapter(db),
    emailAndPassword: { enabled: true },
    trustedOrigins: [origin],
    telemetry: { enabled: false },
    // Its own log of refused sign-ins would only repeat what the tests assert.
    logger: { disabled: true },
    plugins: [passkey({ rpID: 'localhost', rpName, origin })],
  });
}
