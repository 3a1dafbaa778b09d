/**
 * Where mail goes: the SMTP server of SMTP_URL, or, unset, one .eml file per message under
 * DATA_DIR/outbox (so a fresh machine needs no mail server and every message can be read).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable Message-ID: the idempotency key of the message. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailTransport(options: { smtpUrl?: string; from: string; outboxDir: string }): MailTransport {
  if (options.smtpUrl) {
    // Short timeouts: a hung server costs one attempt, retried later, not a stalled sender.
    const transporter = nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
    return {
      async send(mail) {
        await transporter.sendMail({ from: options.from, ...mail });
      },
      close: () => transporter.close(),
    };
  }
  mkdirSync(options.outboxDir, { recursive: true });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transporter.sendMail({ from: options.from, ...mail });
      const name = (mail.messageId ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^\w.-]+/g, '_');
      writeFileSync(join(options.outboxDir, `${name}.eml`), info.message as Buffer);
    },
    close: () => transporter.close(),
  };
}

/** The transport the configuration names: SMTP_URL, or DATA_DIR/outbox. */
export function configuredMailTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): MailTransport {
  return createMailTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: join(config.dataDir, 'outbox') });
}
