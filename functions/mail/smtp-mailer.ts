import { createTransport } from 'nodemailer';
import type { Mailer } from '../core/ports.js';
import { mailerOver, smtpFailure } from './mailer.js';

/*
 * The SMTP transport, apart from mailer.ts so the Lambdas (which send through SES) bundle none of it.
 */

/** Sends over SMTP (maildev on one machine). */
export function smtpMailer(options: { host: string; port: number; from: string; siteUrl: string }): Mailer {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    // The local server speaks plain SMTP on the loopback.
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });
  return mailerOver(transport, options, smtpFailure);
}
