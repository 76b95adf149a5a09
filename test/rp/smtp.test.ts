/**
 * Optional SMTP delivery of the lab's mail (src/rp/auth/smtp.ts, nodemailer) against a real SMTP
 * server on the loopback (smtp-server): settings kept with the password never sent back, a magic link
 * delivered with its link and authenticated as configured, a test message answered once tried, and an
 * unreachable server recorded as failed while the local mailbox keeps the message.
 */
import { statSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/http.ts';
import { startTestServer } from '../support/rpServer.ts';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

let stop: () => Promise<void>;
let port: number;
let token: string;
let dir: string;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];

beforeAll(async () => {
  const t = await startTestServer('pe-smtp-');
  stop = t.stop;
  dir = t.dir;
  ({ port, token } = t.server);
  smtp = new SMTPServer({
    hideSTARTTLS: true,
    authOptional: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'lab' && auth.password === 'smtp secret') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((ok) => smtp.close(() => ok()));
  await stop();
});

const post = (path: string, body: unknown) => call(port, 'POST', path, { body, token });
const settings = (over: Record<string, unknown> = {}) => ({
  enabled: true,
  host: '127.0.0.1',
  port: smtpPort,
  secure: false,
  from: 'lab@passkey-explorer.test',
  user: 'lab',
  ...over,
});
/** Waits for the RP's record of a message's delivery, not for time. */
async function delivered(to: string): Promise<{ smtp: { status: string; detail: string }; link?: string }> {
  for (;;) {
    const m = ((await call(port, 'GET', '/api/auth/mailbox')).json as any[]).find((x) => x.to === to);
    if (m?.smtp && m.smtp.status !== 'sending') return m;
    await new Promise((r) => setImmediate(r));
  }
}

describe('SMTP delivery', () => {
  it('is off until configured; settings are kept in a 0600 file and the password is never sent back', async () => {
    expect((await call(port, 'GET', '/api/auth/smtp')).json).toMatchObject({ enabled: false, hasPassword: false });
    const saved = await post('/api/auth/smtp', { ...settings(), password: 'smtp secret' });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toEqual({ ...settings(), hasPassword: true });
    expect(saved.text).not.toContain('smtp secret');
    expect((await call(port, 'GET', '/api/auth/smtp')).text).not.toContain('smtp secret');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'data', 'smtp.json')).mode & 0o777).toBe(0o600);
    // Saved again without a password: the one kept stays.
    expect((await post('/api/auth/smtp', settings())).json.hasPassword).toBe(true);
    const bad = await post('/api/auth/smtp', { ...settings(), host: 'a host; rm -rf', port: 0 });
    expect(bad.status).toBe(400);
  });

  it('a magic link goes to the SMTP server too, as the configured user, with its link; the local mailbox has it as well', async () => {
    const email = 'smtp-user@example.com';
    expect((await post('/api/auth/password/sign-up', { email, password: 'smtp user password' })).status).toBe(200);
    expect((await post('/api/auth/magic-link', { email })).status).toBe(200);
    const m = await delivered(email);
    expect(m.smtp.status, m.smtp.detail).toBe('sent');
    const got = received.find((r) => r.to.includes(email))!;
    expect(got).toMatchObject({ from: 'lab@passkey-explorer.test', user: 'lab' });
    expect(got.raw).toContain('Subject: Your sign-in link');
    // The link as the message carries it (quoted-printable may wrap it: unwrap soft line breaks).
    expect(got.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')).toContain(m.link!);
  });

  it('a test message answers once tried: sent, or failed with why (a wrong password, nothing listening) — the local copy stays', async () => {
    const ok = await post('/api/auth/smtp/test', { email: 'tester@example.com' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.smtp.status).toBe('sent');

    await post('/api/auth/smtp', { ...settings(), password: 'not it' });
    const refused = await post('/api/auth/smtp/test', { email: 'tester@example.com' });
    expect(refused.json.smtp).toMatchObject({ status: 'failed', detail: expect.stringMatching(/Invalid username or password/) });

    const closed = createNetServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await post('/api/auth/smtp', settings({ port: deadPort }));
    const dead = await post('/api/auth/smtp/test', { email: 'tester@example.com' });
    expect(dead.json.smtp).toMatchObject({ status: 'failed', detail: expect.stringMatching(/ECONNREFUSED/) });
    const inbox = ((await call(port, 'GET', '/api/auth/mailbox')).json as any[]).filter((x) => x.to === 'tester@example.com');
    expect(inbox.map((x) => x.smtp.status)).toEqual(['failed', 'failed', 'sent']);

    await post('/api/auth/smtp', settings({ enabled: false }));
    expect((await post('/api/auth/smtp/test', { email: 'tester@example.com' })).json.error).toBe('smtp_off');
  });
});
