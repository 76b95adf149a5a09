/**
 * Optional real delivery of the lab's mail (magic links, codes) to an SMTP server the user configures,
 * with nodemailer — beside the local mailbox, which always gets the message. The settings live in
 * `smtp.json` in the data directory (mode 0600: it may hold the server's password, which the API never
 * sends back). A delivery's outcome is recorded on its mailbox message.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SmtpSettings } from '@api/auth.ts';

interface Stored extends Omit<SmtpSettings, 'hasPassword'> {
  password: string;
}

const DEFAULTS: Stored = {
  enabled: false,
  host: 'localhost',
  port: 587,
  secure: false,
  from: 'passkey-explorer@localhost',
  user: '',
  password: '',
};

export interface Outgoing {
  to: string;
  subject: string;
  text: string;
}

export class SmtpDelivery {
  private readonly file: string;
  private stored: Stored;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'smtp.json');
    this.stored = this.read();
  }

  private read(): Stored {
    if (!existsSync(this.file)) return { ...DEFAULTS };
    try {
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Stored>;
      return { ...DEFAULTS, ...v, enabled: v.enabled === true };
    } catch {
      // An unreadable file turns delivery off rather than sending with half a configuration.
      return { ...DEFAULTS };
    }
  }

  settings(): SmtpSettings {
    const { password, ...rest } = this.stored;
    return { ...rest, hasPassword: password !== '' };
  }

  save(s: Omit<SmtpSettings, 'hasPassword'> & { password?: string }): SmtpSettings {
    this.stored = { ...s, password: s.password ?? this.stored.password };
    writeFileSync(this.file, JSON.stringify(this.stored), { mode: 0o600 });
    return this.settings();
  }

  get enabled(): boolean {
    return this.stored.enabled;
  }

  /** Sends one message; resolves with the server's answer, rejects with why not. */
  async send(m: Outgoing): Promise<string> {
    const s = this.stored;
    // Loaded on the first delivery, not at start: nodemailer is about 20 MB of a process's memory,
    // and most runs never send a message anywhere but the local mailbox.
    const { default: nodemailer } = await import('nodemailer');
    const transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      ...(s.user ? { auth: { user: s.user, pass: s.password } } : {}),
      // A local tool should not hang on a server that does not answer.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    try {
      const info = await transport.sendMail({ from: s.from, to: m.to, subject: m.subject, text: m.text });
      return `${info.response} (${info.messageId})`;
    } finally {
      transport.close();
    }
  }
}
