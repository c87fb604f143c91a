import type { SenderDeps } from '../core/messages/sender.service.js';
import type { Mailer } from '../core/ports.js';
import { wireMessages } from '../db/messages.repository.js';
import { sesClient, sesMailer } from '../mail/mailer.js';
import { type Boot, boot, required } from './boot.js';

/** What the sending functions share besides Boot: the mailer. */
export interface MailBoot extends Boot<SenderDeps> {
  mailer: Mailer;
}

let mailBooted: MailBoot | undefined;

/**
 * boot() plus the SES mailer, built once per cold start from MAIL_FROM, MAIL_CONFIGURATION_SET and SITE_URL
 * (set by the FimMessages stack). Without them the cold start fails with the missing name: a sender never
 * runs unconfigured.
 */
export function bootMail(): MailBoot {
  if (mailBooted) return mailBooted;
  const base = boot(wireMessages);
  const from = required('MAIL_FROM');
  const configurationSet = required('MAIL_CONFIGURATION_SET');
  const siteUrl = required('SITE_URL').replace(/\/$/, '');
  mailBooted = {
    ...base,
    // The SES client is made here, not in the mailer, so that the tracer captures it as it does DynamoDB's.
    mailer: sesMailer({
      client: base.tracer.captureAWSv3Client(sesClient()),
      from,
      siteUrl,
      configurationSet,
    }),
  };
  return mailBooted;
}
