/**
 * The authentication methods lab (src/rp/auth) through the API: password accounts, magic links,
 * e-mail codes and passkey sign-ins, each ending in a session JWT whose claims and `amr` say what
 * happened — and never carry a secret. Expiry is tested on the RP's own clock.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAGIC_LINK_TTL_MS, OTP_MAX_ATTEMPTS, OTP_TTL_MS, SESSION_TTL_S } from '@api/auth.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { amrOf } from '../../src/rp/auth/session.ts';
import { hashPassword, sameDigest, digest, verifyPassword } from '../../src/rp/auth/secrets.ts';
import { call } from '../support/http.ts';
import { startTestServer } from '../support/rpServer.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';

let clock = Date.now();
let stop: () => Promise<void>;
let port: number;
let token: string;
let origin: string;

beforeAll(async () => {
  const t = await startTestServer('pe-auth-', { now: () => clock });
  stop = t.stop;
  ({ port, token, origin } = t.server);
});
afterAll(async () => {
  await stop();
});
beforeEach(() => {
  clock = Date.now();
});

const post = (path: string, body: unknown) => call(port, 'POST', path, { body, token });
const mailbox = async () =>
  (await call(port, 'GET', '/api/auth/mailbox')).json as { to: string; subject: string; text: string; link?: string }[];
const latestMail = async (to: string) => (await mailbox()).find((m) => m.to === to)!;
const codeIn = (subject: string) => /(\d{6})/.exec(subject)![1];
const linkToken = (link: string) => new URL(link.replace('#/', '')).searchParams.get('token')!;

/** A session's JWT: verifiable, with the claims the answer showed, and no secret in it. */
function expectSession(session: any, method: string, amr: string[], secrets: string[] = []) {
  const header = decodeProtectedHeader(session.jwt);
  expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  const claims = decodeJwt(session.jwt);
  expect(claims).toEqual(session.claims);
  expect(claims).toMatchObject({ iss: origin, aud: origin, method, amr });
  expect(claims.exp! - claims.iat!).toBe(SESSION_TTL_S);
  expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  expect(session.amrReasons.map((r: { value: string }) => r.value)).toEqual(amr);
  const payload = Buffer.from(session.jwt.split('.')[1], 'base64url').toString('utf8');
  for (const s of secrets) expect(payload).not.toContain(s);
  expect(payload).not.toMatch(/scrypt\$|passwordHash|"hash"|"password"\s*:/);
  return claims;
}

describe('passwords', () => {
  const email = 'pat@example.com';
  const password = 'correct horse battery staple';

  it('sign-up stores a salted scrypt hash, never the password, and opens a session (amr pwd)', async () => {
    const r = await post('/api/auth/password/sign-up', { email: ' Pat@Example.com ', password });
    expect(r.status, r.text).toBe(200);
    expect(r.json.account.email).toBe(email);
    expect(r.json.account.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(r.text).not.toContain(password);
    expectSession(r.json.session, 'password', ['pwd'], [password, r.json.account.passwordHash]);
    const again = await post('/api/auth/password/sign-up', { email, password: 'something else entirely' });
    expect([again.status, again.json.error]).toEqual([409, 'account_exists']);
  });

  it('signs in with the right password; a wrong password and an unknown address get the same refusal', async () => {
    const ok = await post('/api/auth/password/sign-in', { email, password });
    expect(ok.status).toBe(200);
    expectSession(ok.json.session, 'password', ['pwd'], [password]);
    const wrong = await post('/api/auth/password/sign-in', { email, password: 'correct horse battery stapler' });
    const nobody = await post('/api/auth/password/sign-in', { email: 'nobody@example.com', password });
    expect([wrong.status, wrong.json.error]).toEqual([401, 'credentials_invalid']);
    expect(nobody.json).toEqual(wrong.json);
  });

  it('changing the password: the old one stops working, the new one works; a short one is refused', async () => {
    const changed = await post('/api/auth/password/change', { email, password, newPassword: 'an entirely new passphrase' });
    expect(changed.status, changed.text).toBe(200);
    expect((await post('/api/auth/password/sign-in', { email, password })).status).toBe(401);
    expect((await post('/api/auth/password/sign-in', { email, password: 'an entirely new passphrase' })).status).toBe(200);
    const short = await post('/api/auth/password/sign-up', { email: 'short@example.com', password: 'short' });
    expect([short.status, short.json.error]).toEqual([400, 'invalid_request']);
    expect(short.json.message).toContain('at least 8 characters');
  });

  it('scrypt: the same password hashes differently each time (salt) and verifies; another does not', async () => {
    const a = await hashPassword('passphrase one');
    const b = await hashPassword('passphrase one');
    expect(a).not.toBe(b);
    expect(await verifyPassword('passphrase one', a)).toBe(true);
    expect(await verifyPassword('passphrase two', a)).toBe(false);
    expect(await verifyPassword('passphrase one', 'plain$text')).toBe(false);
  });
});

describe('magic links', () => {
  const email = 'maggie@example.com';
  beforeAll(async () => {
    expect((await post('/api/auth/password/sign-up', { email, password: 'maggie has a password' })).status).toBe(200);
  });

  it('a link goes to the mailbox; it signs in once (amr otp); the token is stored only as its hash', async () => {
    const sent = await post('/api/auth/magic-link', { email });
    expect(sent.json).toEqual({ sent: true, expiresInS: MAGIC_LINK_TTL_MS / 1000 });
    const mail = await latestMail(email);
    expect(mail.link).toMatch(new RegExp(`^${origin}/#/auth/magic\\?token=[A-Za-z0-9_-]{43}$`));
    const t = linkToken(mail.link!);
    const r = await post('/api/auth/magic-link/redeem', { token: t });
    expect(r.status, r.text).toBe(200);
    expectSession(r.json.session, 'magic-link', ['otp'], [t, digest(t)]);
    const reused = await post('/api/auth/magic-link/redeem', { token: t });
    expect([reused.status, reused.json.error]).toEqual([409, 'link_used']);
  });

  it('two clicks at the same moment sign in once', async () => {
    await post('/api/auth/magic-link', { email });
    const t = linkToken((await latestMail(email)).link!);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('/api/auth/magic-link/redeem', { token: t })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a.json.error).toBe('link_used');
  });

  it('expires after 10 minutes; an unknown token is refused; an unknown address gets the same answer and a note, no link', async () => {
    await post('/api/auth/magic-link', { email });
    const t = linkToken((await latestMail(email)).link!);
    clock += MAGIC_LINK_TTL_MS + 1;
    const late = await post('/api/auth/magic-link/redeem', { token: t });
    expect([late.status, late.json.error]).toEqual([410, 'link_expired']);
    const forged = await post('/api/auth/magic-link/redeem', { token: 'B'.repeat(43) });
    expect([forged.status, forged.json.error]).toEqual([404, 'link_unknown']);
    const stranger = await post('/api/auth/magic-link', { email: 'stranger@example.com' });
    expect(stranger.json).toEqual({ sent: true, expiresInS: MAGIC_LINK_TTL_MS / 1000 });
    const note = await latestMail('stranger@example.com');
    expect(note.link).toBeUndefined();
    expect(note.text).toContain('no account exists');
  });
});

describe('e-mail one-time codes', () => {
  const email = 'otto@example.com';
  beforeAll(async () => {
    expect((await post('/api/auth/password/sign-up', { email, password: 'otto has a password' })).status).toBe(200);
  });

  it('a six-digit code signs in once (amr otp)', async () => {
    const sent = await post('/api/auth/otp', { email });
    expect(sent.json).toEqual({ sent: true, expiresInS: OTP_TTL_MS / 1000, attempts: OTP_MAX_ATTEMPTS });
    const code = codeIn((await latestMail(email)).subject);
    const r = await post('/api/auth/otp/verify', { email, code });
    expect(r.status, r.text).toBe(200);
    expectSession(r.json.session, 'email-otp', ['otp'], [code]);
    expect((await post('/api/auth/otp/verify', { email, code })).json.error).toBe('code_unknown');
  });

  it(`${OTP_MAX_ATTEMPTS} wrong codes lock it: the right one then fails too`, async () => {
    await post('/api/auth/otp', { email });
    const code = codeIn((await latestMail(email)).subject);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i < OTP_MAX_ATTEMPTS; i++) {
      const r = await post('/api/auth/otp/verify', { email, code: wrong });
      expect([r.status, r.json.error, r.json.attemptsLeft]).toEqual([401, 'code_wrong', OTP_MAX_ATTEMPTS - i]);
    }
    const last = await post('/api/auth/otp/verify', { email, code: wrong });
    expect([last.status, last.json.error]).toEqual([429, 'code_locked']);
    expect((await post('/api/auth/otp/verify', { email, code })).json.error).toBe('code_unknown');
  });

  it('guesses sent at once cannot pass the limit', async () => {
    await post('/api/auth/otp', { email });
    const code = codeIn((await latestMail(email)).subject);
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((g) => post('/api/auth/otp/verify', { email, code: g })));
    expect(answers.every((a) => a.status !== 200)).toBe(true);
    expect((await post('/api/auth/otp/verify', { email, code })).status).not.toBe(200);
  });

  it('a new code replaces the last; a code expires after 5 minutes', async () => {
    await post('/api/auth/otp', { email });
    const first = codeIn((await latestMail(email)).subject);
    await post('/api/auth/otp', { email });
    const second = codeIn((await latestMail(email)).subject);
    if (first !== second) expect((await post('/api/auth/otp/verify', { email, code: first })).json.error).toBe('code_wrong');
    clock += OTP_TTL_MS + 1;
    const late = await post('/api/auth/otp/verify', { email, code: second });
    expect([late.status, late.json.error]).toEqual([410, 'code_expired']);
  });

  it('codes are compared as digests in constant time, each bound to its token', () => {
    const stored = digest('id-1:123456');
    expect(sameDigest('id-1:123456', stored)).toBe(true);
    expect(sameDigest('id-1:123457', stored)).toBe(false);
    expect(sameDigest('id-2:123456', stored)).toBe(false);
    expect(sameDigest('id-1:123456', 'short')).toBe(false);
  });
});

describe('passkey sessions and sessions in general', () => {
  it('a verified passkey sign-in gives one session whose amr follows its flags', async () => {
    const soft = new SoftAuthenticator();
    const cfg = { ...structuredClone(DEFAULT_CONFIG), userName: 'kim@example.com', allowCredentials: false };
    const o = await post('/api/registration/options', { config: cfg });
    const reg = soft.register(o.json.options, { origin });
    expect((await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response: reg })).status).toBe(200);
    const a = await post('/api/authentication/options', { config: cfg });
    const assertion = soft.assert(a.json.options, { origin, credentialId: reg.id });
    expect((await post('/api/authentication/verify', { ceremonyId: a.json.ceremonyId, response: assertion })).status).toBe(200);
    const s = await post('/api/auth/passkey/session', { ceremonyId: a.json.ceremonyId });
    expect(s.status, s.text).toBe(200);
    const claims = expectSession(s.json.session, 'passkey', ['hwk', 'user', 'mfa']);
    expect(claims.email).toBe('kim@example.com');
    const twice = await post('/api/auth/passkey/session', { ceremonyId: a.json.ceremonyId });
    expect([twice.status, twice.json.error]).toEqual([409, 'session_exists']);
    const notASignIn = await post('/api/auth/passkey/session', { ceremonyId: o.json.ceremonyId });
    expect([notASignIn.status, notASignIn.json.error]).toEqual([409, 'ceremony_not_verified']);
  });

  it('amr: a synced passkey is swk, no UV means no mfa, no UP means no user', () => {
    expect(amrOf({ method: 'passkey', flags: { up: true, uv: true, be: true } }).map((r) => r.value)).toEqual(['swk', 'user', 'mfa']);
    expect(amrOf({ method: 'passkey', flags: { up: true, uv: false, be: false } }).map((r) => r.value)).toEqual(['hwk', 'user']);
    expect(amrOf({ method: 'passkey', flags: { up: false, uv: false, be: false } }).map((r) => r.value)).toEqual(['hwk']);
    expect(amrOf({ method: 'password' }).map((r) => r.value)).toEqual(['pwd']);
  });

  it('a session checks as valid; altered, expired or not a JWT, it says why', async () => {
    const email = 'sam@example.com';
    const { session } = (await post('/api/auth/password/sign-up', { email, password: 'sam has a password' })).json;
    const ok = await post('/api/auth/session/check', { jwt: session.jwt });
    expect(ok.json).toEqual({ valid: true, claims: session.claims });
    const [h, p, sig] = session.jwt.split('.');
    const forged = Buffer.from(JSON.stringify({ ...session.claims, amr: ['mfa'] })).toString('base64url');
    const altered = await post('/api/auth/session/check', { jwt: `${h}.${forged}.${sig}` });
    expect(altered.json.valid).toBe(false);
    expect(altered.json.reason).toContain('signature does not verify');
    expect(p).not.toBe(forged);
    clock += (SESSION_TTL_S + 1) * 1000;
    const expired = await post('/api/auth/session/check', { jwt: session.jwt });
    expect(expired.json).toEqual({ valid: false, reason: 'The session has expired (exp is in the past).' });
    expect((await post('/api/auth/session/check', { jwt: 'garbage' })).json.valid).toBe(false);
    // Each sign-in is its own session.
    clock = Date.now();
    const other = (await post('/api/auth/password/sign-in', { email, password: 'sam has a password' })).json.session;
    expect(other.claims.jti).not.toBe(session.claims.jti);
  });
});

describe('from a password to passkeys (the migration flow, step by step)', () => {
  const email = 'mia@example.com';
  const password = 'mia starts with a password';
  const soft = new SoftAuthenticator();
  const cfg = () => ({ ...structuredClone(DEFAULT_CONFIG), userName: email, allowCredentials: true });

  const walk = async () => (await call(port, 'GET', `/api/auth/accounts/${encodeURIComponent(email)}/migration`)).json;

  async function enrolPasskey(flags?: { be?: boolean; bs?: boolean }) {
    const o = await post('/api/registration/options', { config: cfg() });
    const reg = soft.register(o.json.options, { origin, flags: { ...flags } });
    const v = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response: reg });
    expect(v.status, v.text).toBe(200);
    return reg.id as string;
  }
  async function passkeySignIn(credentialId: string, flags?: { be?: boolean; bs?: boolean }) {
    const a = await post('/api/authentication/options', { config: cfg() });
    if (a.status !== 200) return a;
    // The authenticator answers with the backup flags it registered with (BE never changes).
    const assertion = soft.assert(a.json.options, { origin, credentialId, flags: { ...flags } });
    return post('/api/authentication/verify', { ceremonyId: a.json.ceremonyId, response: assertion });
  }

  it('password account -> passkey enrolled under the same user -> a passkey session; readiness says what is missing', async () => {
    expect((await post('/api/auth/password/sign-up', { email, password })).status).toBe(200);
    expect((await walk()).next).toBe('password-sign-in'); // sign-up's own session is not a sign-in
    expect((await post('/api/auth/password/sign-in', { email, password })).status).toBe(200);
    expect((await walk()).next).toBe('enrol-passkey');
    const before = await call(port, 'GET', `/api/auth/accounts/${encodeURIComponent(email)}/readiness`);
    expect(before.json).toMatchObject({ level: 'risky', password: true, passkeys: { total: 0 } });
    const removeTooSoon = await post('/api/auth/password/remove', { email, password });
    expect([removeTooSoon.status, removeTooSoon.json.error]).toEqual([409, 'no_passkey']);

    const id = await enrolPasskey();
    const account = (await call(port, 'GET', '/api/auth/accounts')).json.find((a: { email: string }) => a.email === email);
    const stored = (await call(port, 'GET', `/api/credentials/${id}`)).json;
    expect(stored.userId).toBe(account.userId); // the passkey belongs to the password account's user
    const signIn = await passkeySignIn(id);
    expect(signIn.status, signIn.text).toBe(200);
    const s = await post('/api/auth/passkey/session', { ceremonyId: signIn.json.id });
    expect(s.json.session.claims).toMatchObject({ sub: account.userId, email, method: 'passkey' });
    const one = (await call(port, 'GET', `/api/auth/accounts/${encodeURIComponent(email)}/readiness`)).json;
    expect(one).toMatchObject({ level: 'risky', passkeys: { total: 1, deviceBound: 1, synced: 0 } });
    expect(one.advice).toContain('One device-bound passkey only');
  });

  it('a password change keeps the passkeys by default; with the revoke policy they stop signing in', async () => {
    const kept = await post('/api/auth/password/change', { email, password, newPassword: 'mia changed her password' });
    expect(kept.json.passkeys).toEqual({ kept: 1, revoked: 0 });
    const [id] = [...soft.credentials.keys()];
    expect((await passkeySignIn(id)).status).toBe(200);
    const revoked = await post('/api/auth/password/change', {
      email,
      password: 'mia changed her password',
      newPassword: 'mia changed it again',
      revokePasskeys: true,
    });
    expect(revoked.json.passkeys).toEqual({ kept: 0, revoked: 1 });
    const after = await passkeySignIn(id);
    expect(after.json.error).toBe('no_credentials'); // the allow list is empty now: nothing to sign in with
  });

  it('with a synced passkey the password can go; recovery is a magic link', async () => {
    const synced = await enrolPasskey({ be: true, bs: true });
    const ready = (await call(port, 'GET', `/api/auth/accounts/${encodeURIComponent(email)}/readiness`)).json;
    expect(ready).toMatchObject({ level: 'ok', passkeys: { total: 1, synced: 1 } });
    const removed = await post('/api/auth/password/remove', { email, password: 'mia changed it again' });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.json.account.passwordHash).toBeNull();
    expect((await post('/api/auth/password/sign-in', { email, password: 'mia changed it again' })).json.error).toBe('credentials_invalid');
    expect((await passkeySignIn(synced, { be: true, bs: true })).status).toBe(200);
    await post('/api/auth/magic-link', { email });
    const t = linkToken((await latestMail(email)).link!);
    const back = await post('/api/auth/magic-link/redeem', { token: t });
    expectSession(back.json.session, 'magic-link', ['otp']);
    expect((await call(port, 'GET', `/api/auth/accounts/nobody%40example.com/readiness`)).json.error).toBe('account_unknown');
  });

  it('the walk: every step done, in order, each after the one before; the first password change kept the passkey', async () => {
    const w = await walk();
    expect(w.next).toBeNull();
    expect(w.steps.map((x: { id: string; done: boolean }) => [x.id, x.done])).toEqual(
      ['account', 'password-sign-in', 'enrol-passkey', 'passkey-sign-in', 'change-password', 'remove-password', 'recover-with-link'].map(
        (id) => [id, true],
      ),
    );
    const times = w.steps.map((x: { at: string }) => Date.parse(x.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(w.steps.find((x: { id: string }) => x.id === 'change-password').passkeys).toEqual({ kept: 1, revoked: 0 });
    expect((await call(port, 'GET', `/api/auth/accounts/nobody%40example.com/migration`)).json.error).toBe('account_unknown');
  });

  it('readiness of everyone at once: every account and passkey user, by name, each as asked alone', async () => {
    const all = (await call(port, 'GET', '/api/auth/readiness')).json as { email: string }[];
    const names = all.map((r) => r.email);
    expect(names).toEqual([...names].sort());
    expect(names).toContain(email);
    const alone = (await call(port, 'GET', `/api/auth/accounts/${encodeURIComponent(email)}/readiness`)).json;
    expect(all.find((r) => r.email === email)).toEqual(alone);
  });
});
