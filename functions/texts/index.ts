import type { OutboxMessage } from '../core/audit/audit.js';
import type { InvariantMessages } from '../core/finance/finance.messages.js';
import type { InvariantProblem } from '../core/finance/finance.schema.js';
import type { FieldError } from '../core/shared/errors.js';
import type { MailKind, MailParams, Message } from '../core/shared/messages.js';
import * as applications from './applications.js';
import * as awards from './awards.js';
import * as board from './board.js';
import * as calls from './calls.js';
import * as common from './common.js';
import * as finance from './finance.js';
import type { Lang } from './lang.js';
import { type AllMessageTexts, type MailTexts, type MessageTexts, wordMessage } from './messages.js';
import * as reviews from './reviews.js';

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
  },
  en: {
    ...common.enMessages,
    ...calls.enMessages,
    ...applications.enMessages,
    ...reviews.enMessages,
    ...board.enMessages,
    ...finance.enMessages,
    ...awards.enMessages,
  },
};

const mail: Record<Lang, MailTexts<MailParams>> = {
  da: { ...applications.daMail, ...board.daMail, ...finance.daMail, ...awards.daMail, ...reviews.daMail },
  en: { ...applications.enMail, ...board.enMail, ...finance.enMail, ...awards.enMail, ...reviews.enMail },
};

/**
 * An e-mail as it is sent: Danish first, then English, in one message (the recipients are Danish public
 * bodies and researchers; the English half serves those who read it).
 */
export function composeMail(message: OutboxMessage): { subject: string; body: string } {
  const { kind, params } = message as { kind: MailKind; params: unknown };
  const word = (lang: Lang) =>
    (mail[lang][kind] as (params: unknown) => { subject: string; body: string })(params);
  const [da, en] = [word('da'), word('en')];
  return { subject: `${da.subject} / ${en.subject}`, body: `${da.body}\n\n---\n\n${en.body}` };
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
