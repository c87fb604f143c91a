import type { SendMailOptions } from 'nodemailer';
import { MailError, type StoredMessage } from '../core/messages/message.schema.js';
import { composeMail, type MailPart } from '../texts/index.js';

/*
 * One composition for every transport: the catalogue's words (functions/texts `composeMail`), Danish first
 * then English, as plain text and HTML, with the absolute link to the page and the Message-ID fixed when the
 * message was written (a retry reuses it, so a mail client folds a duplicate).
 */

/** Words a template left unfilled: a value the message's params lack. */
const UNFILLED = /\bundefined\b|\bNaN\b|Invalid Date/;

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** One language's half: its paragraphs (blank lines apart, lines kept) and the link. */
function partHtml(part: MailPart): string {
  const paragraphs = part.body
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
  const link = part.link
    ? `\n<p><a href="${escapeHtml(part.link.url)}">${escapeHtml(part.link.label)}</a></p>`
    : '';
  return `<div lang="${part.lang}">\n${paragraphs}${link}\n</div>`;
}

/**
 * The message as nodemailer sends it. @throws MailError TEMPLATE when the text cannot be made from the
 * message's values (a template fails, or leaves a value unfilled)
 */
export function composeMessage(
  message: StoredMessage,
  options: { from: string; siteUrl: string },
): SendMailOptions {
  let mail: ReturnType<typeof composeMail>;
  try {
    mail = composeMail(message, options.siteUrl);
  } catch (error) {
    throw new MailError('TEMPLATE', `${message.kind}: ${error instanceof Error ? error.message : error}`);
  }
  const unfilled = UNFILLED.exec(`${mail.subject}\n${mail.body}`);
  if (unfilled) throw new MailError('TEMPLATE', `${message.kind}: a value is missing ("${unfilled[0]}")`);
  const [da, en] = mail.parts;
  return {
    from: options.from,
    to: message.to,
    subject: mail.subject,
    text: mail.body,
    html: `<!doctype html>\n<html lang="da">\n<head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head>\n<body>\n${partHtml(da)}\n<hr>\n${partHtml(en)}\n</body>\n</html>\n`,
    messageId: message.headerMessageId,
  };
}
