import { SESv2Client, type SESv2ClientConfig, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SendMailOptions, Transporter } from 'nodemailer';
import Mail from 'nodemailer/lib/mailer';
import SESTransport from 'nodemailer/lib/ses-transport';
import { MailError } from '../core/messages/message.schema.js';
import type { Mailer } from '../core/ports.js';
import { composeMessage } from './compose.js';

/*
 * The Mailer port (functions/core/ports.ts) over nodemailer: one composition (compose.ts), two transports.
 * SES v2 in AWS (the configuration set routes bounces and complaints; the tag fimMessageId names the message
 * in them), SMTP on one machine (maildev, smtp-mailer.ts). Failures come out as MailError: REJECTED for a refusal that will not
 * change, UNAVAILABLE for a passing fault (tried again later), TEMPLATE for a text that cannot be made.
 */

type Failure = {
  code?: unknown;
  responseCode?: unknown;
  name?: unknown;
  $metadata?: { httpStatusCode?: number };
};

const detailOf = (error: unknown): string => {
  const e = error as Failure & { message?: unknown; response?: unknown };
  return String(e?.response ?? e?.message ?? error).slice(0, 500);
};

/** SMTP: a 5xx reply or an envelope the server cannot take is for good; a 4xx or no connection passes. */
export function smtpFailure(error: unknown): MailError {
  const { code, responseCode } = (error ?? {}) as Failure;
  if (typeof responseCode === 'number' && responseCode >= 500)
    return new MailError('REJECTED', detailOf(error));
  if (code === 'EENVELOPE' && typeof responseCode !== 'number')
    return new MailError('REJECTED', detailOf(error));
  return new MailError('UNAVAILABLE', detailOf(error));
}

/** SES's refusals of the message or its addresses, for good. */
const SES_REJECTED = new Set([
  'MessageRejected',
  'BadRequestException',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'NotFoundException',
]);

/** SES: a rejected message or address is for good; throttling, a paused account and 5xx pass. */
export function sesFailure(error: unknown): MailError {
  const { name, $metadata } = (error ?? {}) as Failure;
  if (typeof name === 'string' && SES_REJECTED.has(name) && ($metadata?.httpStatusCode ?? 400) < 500)
    return new MailError('REJECTED', `${name}: ${detailOf(error)}`);
  return new MailError('UNAVAILABLE', `${typeof name === 'string' ? `${name}: ` : ''}${detailOf(error)}`);
}

/** The Mailer over a nodemailer transport: composes each message, sends it, and words a failure. */
export function mailerOver(
  transport: Transporter,
  options: { from: string; siteUrl: string; extra?: (id: string) => Partial<SendMailOptions> },
  failure: (error: unknown) => MailError,
): Mailer {
  return {
    async send(message) {
      const mail = { ...composeMessage(message, options), ...options.extra?.(message.id) };
      try {
        const info = await transport.sendMail(mail);
        return { providerMessageId: String(info.response ?? info.messageId) };
      } catch (error) {
        throw failure(error);
      }
    },
  };
}

/**
 * The SES v2 client of the Lambda's region and credentials, bounded as every AWS client is (functions/db/client.ts):
 * a connection that does not open within a second or an answer that does not come within three is a passing
 * fault (the message is tried again later), after at most two attempts, never a sender that hangs.
 */
export const sesClient = (config: SESv2ClientConfig = {}): SESv2Client =>
  new SESv2Client({
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
    ...config,
  });

/**
 * Sends through SES v2 (SendEmail with the raw MIME nodemailer composed). Without `client`, a client of the
 * Lambda's region and credentials (the SDK stays inside functions/mail).
 */
export function sesMailer(options: {
  client?: SESv2Client;
  from: string;
  siteUrl: string;
  configurationSet?: string;
}): Mailer {
  // What nodemailer's createTransport({ SES }) builds, from the two modules it needs: importing the package's
  // root would bundle every transport (SMTP, sendmail, ...) into the Lambdas that send.
  const transport: Transporter = new Mail(
    new SESTransport({ SES: { sesClient: options.client ?? sesClient(), SendEmailCommand } }),
  );
  return mailerOver(
    transport,
    {
      ...options,
      extra: (id) => ({
        ses: {
          EmailTags: [{ Name: 'fimMessageId', Value: id }],
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        },
      }),
    },
    sesFailure,
  );
}
