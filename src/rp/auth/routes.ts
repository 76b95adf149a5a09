/** The authentication methods lab's routes (AUTH_ENDPOINTS) over the AuthService. */
import type { AuthEndpoints } from '@api/endpoints.ts';
import type { RelayDemo } from '@api/relay.ts';
import type { Handlers } from '../http/mount.ts';
import type { PhishingRelay } from './relay.ts';
import type { AuthService } from './service.ts';

export function authHandlers(auth: AuthService, relay: PhishingRelay, runDemo: () => Promise<RelayDemo>): Handlers<AuthEndpoints> {
  return {
    signUp: ({ body }) => auth.signUp(body.email, body.password),
    passwordSignIn: async ({ body }) => ({ session: await auth.signInWithPassword(body.email, body.password) }),
    changePassword: ({ body }) => auth.changePassword(body.email, body.password, body.newPassword, body.revokePasskeys),
    removePassword: async ({ body }) => ({ account: await auth.removePassword(body.email, body.password) }),
    readiness: ({ params }) => auth.readiness(params.email.toLowerCase()),
    allReadiness: () => auth.allReadiness(),
    migration: ({ params }) => auth.migration(params.email.toLowerCase()),
    sendMagicLink: ({ body }) => auth.sendMagicLink(body.email),
    redeemMagicLink: async ({ body }) => ({ session: await auth.redeemMagicLink(body.token) }),
    sendOtp: ({ body }) => auth.sendOtp(body.email),
    verifyOtp: async ({ body }) => ({ session: await auth.verifyOtp(body.email, body.code) }),
    passkeySession: async ({ body }) => ({ session: await auth.passkeySession(body.ceremonyId) }),
    checkSession: ({ body }) => auth.sessions.check(body.jwt),
    accounts: () => auth.accounts(),
    mailbox: () => auth.mailbox(),
    smtpSettings: () => auth.smtpDelivery().settings(),
    setSmtpSettings: ({ body }) => auth.smtpDelivery().save(body),
    testSmtp: ({ body }) => auth.testMail(body.email),
    relayStatus: () => relay.status(),
    relayStart: ({ body }) => relay.start(body.passkeyMode),
    relayStop: () => relay.stop(),
    relayDemo: () => runDemo(),
  };
}
