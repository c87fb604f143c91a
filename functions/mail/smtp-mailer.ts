import { createTransport, type Transporter } from 'nodemailer';
import type { Mailer } from '../core/ports.js';
import { mailerOver, smtpFailure } from './mailer.js';

/*
 * The SMTP transport (maildev on one machine), apart from mailer.ts so the Lambdas, which send through SES,
 * bundle none of it.
 */

/** Sends over SMTP (maildev on one machine). */
export function smtpMailer(options: { host: string; port: number; from: string; siteUrl: string }): Mailer {
  return mailerOver(smtpTransport(options), options, smtpFailure);
}

/** Whether the SMTP server answers (connects and greets), for readiness. @throws when it does not */
export async function smtpReady(options: { host: string; port: number }): Promise<void> {
  const transport = smtpTransport(options);
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}

function smtpTransport(options: { host: string; port: number }): Transporter {
  return createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    // The local server speaks plain SMTP on the loopback.
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });
}
