import type { OutboxMessage } from '../core/audit/audit.js';
import type { InvariantMessages } from '../core/finance/finance.messages.js';
import type { InvariantProblem } from '../core/finance/finance.schema.js';
import type { FieldError } from '../core/shared/errors.js';
import type { MailKind, MailParams, Message } from '../core/shared/messages.js';
import * as applications from './applications.js';
import * as awards from './awards.js';
import * as board from './board.js';
import * as calls from './calls.js';
import * as cases from './cases.js';
import * as common from './common.js';
import * as documents from './documents.js';
import * as erasure from './erasure.js';
import * as exportTexts from './exports.js';
import * as finance from './finance.js';
import type { Lang } from './lang.js';
import * as members from './members.js';
import { type AllMessageTexts, type MailTexts, type MessageTexts, wordMessage } from './messages.js';
import * as organisations from './organisations.js';
import * as outbox from './outbox.js';
import * as pdf from './pdf.js';
import * as privacy from './privacy.js';
import * as reviews from './reviews.js';
import * as secretariat from './secretariat.js';
import * as sessions from './sessions.js';

/*
 * The one catalogue of words: the pages' texts and every message code, in Danish and English, one file per
 * area. Pages take `texts[lang]`; API problems, e-mails and PDFs word a core message with `say`.
 */

const da = {
  ...common.da,
  ...calls.da,
  ...applications.da,
  ...reviews.da,
  ...board.da,
  ...finance.da,
  ...awards.da,
  ...outbox.da,
  ...members.da,
  ...pdf.da,
  ...documents.da,
  ...secretariat.da,
  ...cases.da,
  ...privacy.da,
  ...sessions.da,
  ...organisations.da,
  ...erasure.da,
  ...exportTexts.da,
};

export type Texts = typeof da;

const en: Texts = {
  ...common.en,
  ...calls.en,
  ...applications.en,
  ...reviews.en,
  ...board.en,
  ...finance.en,
  ...awards.en,
  ...outbox.en,
  ...members.en,
  ...pdf.en,
  ...documents.en,
  ...secretariat.en,
  ...cases.en,
  ...privacy.en,
  ...sessions.en,
  ...organisations.en,
  ...erasure.en,
  ...exportTexts.en,
};

export const texts: Record<Lang, Texts> = { da, en };

const messages: Record<Lang, AllMessageTexts> = {
  da: {
    ...common.daMessages,
    ...calls.daMessages,
    ...applications.daMessages,
    ...reviews.daMessages,
    ...board.daMessages,
    ...finance.daMessages,
    ...awards.daMessages,
    ...outbox.daMessages,
    ...members.daMessages,
    ...documents.daMessages,
    ...organisations.daMessages,
  },
  en: {
    ...common.enMessages,
    ...calls.enMessages,
    ...applications.enMessages,
    ...reviews.enMessages,
    ...board.enMessages,
    ...finance.enMessages,
    ...awards.enMessages,
    ...outbox.enMessages,
    ...members.enMessages,
    ...documents.enMessages,
    ...organisations.enMessages,
  },
};

const mail: Record<Lang, MailTexts<MailParams>> = {
  da: {
    ...applications.daMail,
    ...members.daMail,
    ...documents.daMail,
    ...board.daMail,
    ...finance.daMail,
    ...awards.daMail,
    ...reviews.daMail,
    ...erasure.daMail,
  },
  en: {
    ...applications.enMail,
    ...members.enMail,
    ...documents.enMail,
    ...board.enMail,
    ...finance.enMail,
    ...awards.enMail,
    ...reviews.enMail,
    ...erasure.enMail,
  },
};

/** Every kind of e-mail the catalogue words (the admin's filter offers them). */
export const MAIL_KINDS = Object.keys(mail.da) as MailKind[];

/** One language's half of an e-mail: its subject, its text and the link to the page it concerns. */
export interface MailPart {
  lang: Lang;
  subject: string;
  body: string;
  link?: { label: string; url: string };
}

/**
 * An e-mail as it is sent: Danish first, then English, in one message (the recipients are Danish public
 * bodies and researchers; the English half serves those who read it). With `siteUrl`, each half ends with the
 * absolute link to the page the message concerns. `parts` are the halves, for a mailer's HTML.
 */
export function composeMail(
  message: OutboxMessage,
  siteUrl?: string,
): { subject: string; body: string; parts: [MailPart, MailPart] } {
  const { kind, params } = message as { kind: MailKind; params: unknown };
  const part = (lang: Lang): MailPart => {
    const words = (mail[lang][kind] as (params: unknown) => { subject: string; body: string })(params);
    return {
      lang,
      ...words,
      ...(siteUrl ? { link: { label: texts[lang].mail.link, url: `${siteUrl}${message.link}` } } : {}),
    };
  };
  const [da, en] = [part('da'), part('en')];
  const text = (p: MailPart) => (p.link ? `${p.body}\n\n${p.link.label}: ${p.link.url}` : p.body);
  return {
    subject: `${da.subject} / ${en.subject}`,
    body: `${text(da)}\n\n---\n\n${text(en)}`,
    parts: [da, en],
  };
}

/** The e-mail as composed, or undefined when its values cannot be worded (the sender marks it TEMPLATE). */
export function composedMail(message: OutboxMessage): ReturnType<typeof composeMail> | undefined {
  try {
    return composeMail(message);
  } catch {
    return undefined;
  }
}

/** A message in the reader's words. */
export const say = (lang: Lang, message: Message): string => wordMessage(messages[lang], message);

const invariants: Record<Lang, MessageTexts<InvariantMessages>> = {
  da: finance.daInvariants,
  en: finance.enInvariants,
};

/** What the invariant check found, in the reader's words. */
export const sayInvariantProblem = (lang: Lang, problem: InvariantProblem): string =>
  wordMessage(invariants[lang], problem);

/** A field error's words. */
export const sayFieldError = (lang: Lang, error: FieldError): string => say(lang, error);

/** A text for readers of both languages at once (a terminal line, an e-mail subject): Danish, then English. */
export const bothLanguages = (pick: (t: Texts) => string): string => `${pick(da)} / ${pick(en)}`;

/** Data kept in both languages (a call's `title` and `titleEn`): the reader's, or the Danish when there is no English. */
export const localized = (lang: Lang, da: string, en?: string): string => (lang === 'en' && en ? en : da);

export type { Lang } from './lang.js';
