import type { Child } from 'hono/jsx';
import type { StoredMessage } from '../../functions/core/messages/message.schema.js';
import { MESSAGE_STATUSES } from '../../functions/core/messages/message.schema.js';
import {
  didNotArrive,
  type FailedRecipient,
  isResendable,
  messageFilterSchema,
} from '../../functions/core/messages/messages.service.js';
import type { MailKind } from '../../functions/core/shared/messages.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { composedMail, MAIL_KINDS, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { Pager } from '../components/pager.js';
import { maxLengthOf } from '../forms.js';

const RECIPIENT_MAX = maxLengthOf(messageFilterSchema.shape.recipient);

/** A message's status in words: "sendes", "sendt <tid>", "kunne ikke sendes: <grund>". */
export function statusWords(
  lang: Lang,
  message: Pick<StoredMessage, 'status' | 'sentAt' | 'failure'>,
): string {
  const t = texts[lang].messages;
  switch (message.status) {
    case 'sent':
      return t.statusText.sent(message.sentAt ? formatDateTime(message.sentAt, lang) : '');
    case 'failed':
    case 'bounced':
    case 'complained':
      return t.statusText[message.status](
        message.failure ? t.failure[message.failure.reason] : t.statusName[message.status].toLowerCase(),
      );
    default:
      return t.statusText[message.status]();
  }
}

const kindName = (lang: Lang, kind: MailKind): string => texts[lang].messages.kinds[kind];

/** A message's subject as composed (both languages), or its kind's name when it cannot be composed. */
const subjectOf = (lang: Lang, message: StoredMessage): string =>
  composedMail(message)?.subject ?? kindName(lang, message.kind);

/** A table of messages (or recipients) under the heading `labelledBy`: one header per column, one row each. */
function Table({ labelledBy, headers, rows }: { labelledBy: string; headers: string[]; rows: Child[][] }) {
  return (
    <DataTable compact labelledBy={labelledBy} columns={headers.map((label) => ({ label }))}>
      {rows.map((cells) => (
        <tr>
          {cells.map((cell) => (
            <td>{cell}</td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}

/** "Mine beskeder": every message to the reader's address, newest first, each readable in full. */
export function MyMessagesPage({
  lang,
  items,
  cursor,
  next,
}: {
  lang: Lang;
  items: readonly StoredMessage[];
  cursor?: string | undefined;
  next?: string | undefined;
}) {
  const t = texts[lang].messages;
  return (
    <>
      <h1 id="messages-title">{t.title}</h1>
      <p class="lead">{t.intro}</p>
      {items.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <Table
          labelledBy="messages-title"
          headers={[t.received, t.subject, t.status]}
          rows={items.map((m) => [
            formatDateTime(m.createdAt, lang),
            <a href={`/messages/${m.id}`}>{subjectOf(lang, m)}</a>,
            statusWords(lang, m),
          ])}
        />
      )}
      <Pager label={t.title} path="/messages" cursor={cursor} next={next} first={t.first} nextText={t.next} />
    </>
  );
}

/** One message in full: the e-mail as composed (Danish, then English), its status and the page it concerns. */
export function MessagePage({ lang, message, back }: { lang: Lang; message: StoredMessage; back: string }) {
  const t = texts[lang].messages;
  const mail = composedMail(message);
  return (
    <>
      <p>
        <a href={back}>{t.back}</a>
      </p>
      <h1>{mail?.subject ?? kindName(lang, message.kind)}</h1>
      <dl class="facts card">
        <dt>{t.to}</dt>
        <dd>{message.to || t.noAddress}</dd>
        <dt>{t.received}</dt>
        <dd>{formatDateTime(message.createdAt, lang)}</dd>
        <dt>{t.status}</dt>
        <dd>{statusWords(lang, message)}</dd>
        <dt>{t.kind}</dt>
        <dd>{kindName(lang, message.kind)}</dd>
        <dt>{t.link}</dt>
        <dd>
          <a href={message.link}>{message.link}</a>
        </dd>
        {message.resendOf && (
          <>
            <dt>{t.resendOf}</dt>
            <dd>
              <a href={`/messages/${message.resendOf}`}>{message.resendOf}</a>
            </dd>
          </>
        )}
        {message.resentAs && (
          <>
            <dt>{t.resentAs}</dt>
            <dd>
              <a href={`/messages/${message.resentAs}`}>{message.resentAs}</a>
            </dd>
          </>
        )}
      </dl>
      <h2>{t.text}</h2>
      {mail ? (
        mail.parts.map((part) => (
          <section class="card" lang={part.lang}>
            <h3>{part.subject}</h3>
            <div class="prose">{part.body}</div>
          </section>
        ))
      ) : (
        <p>{t.cannotCompose}</p>
      )}
    </>
  );
}

/** The admin's (or finance's) filter: recipient, status and kind, as a plain GET form. */
export interface MessageFilterValues {
  recipient: string;
  status: string;
  kind: string;
}

/** The resend button of one message: a POST form carrying the version read. */
function ResendForm({ lang, base, message }: { lang: Lang; base: string; message: StoredMessage }) {
  return (
    <form method="post" action={`${base}/${message.id}/resend`}>
      <input type="hidden" name="_version" value={String(message.version)} />
      <button
        type="submit"
        class="secondary"
        aria-label={`${texts[lang].messages.admin.resend}: ${subjectOf(lang, message)}`}
      >
        {texts[lang].messages.admin.resend}
      </button>
    </form>
  );
}

/**
 * Every message (admins) or the parties' (finance), newest first, with filters, a resend button per message
 * that did not arrive, and the recipients whose messages did not arrive.
 */
export function AdminMessagesPage({
  lang,
  finance,
  base,
  filter,
  errors,
  items,
  cursor,
  next,
  recipients,
  notice,
}: {
  lang: Lang;
  /** Finance's view: the parties' messages. */
  finance: boolean;
  /** Where the page lives (/admin/messages or /finance/messages). */
  base: string;
  filter: MessageFilterValues;
  errors: Errors;
  items: readonly StoredMessage[];
  cursor?: string | undefined;
  next?: string | undefined;
  recipients: readonly FailedRecipient[];
  notice?: string | undefined;
}) {
  const t = texts[lang].messages;
  const a = t.admin;
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
  return (
    <>
      <h1 id="messages-title">{finance ? a.financeTitle : a.title}</h1>
      <p class="lead">{finance ? a.financeIntro : a.intro}</p>
      <Notice text={notice} />
      <ErrorSummary
        errors={errors}
        labelOf={(p) => (p === '/kind' ? t.kind : p === '/recipient' ? a.recipient : t.status)}
      />
      <form method="get" action={base} class="inline-form card" aria-label={a.filter}>
        <TextField
          pointer="/recipient"
          name="recipient"
          label={a.recipient}
          hint={a.recipientHint}
          type="email"
          maxLength={RECIPIENT_MAX}
          value={filter.recipient}
          errors={errors}
        />
        <SelectField
          pointer="/status"
          name="status"
          label={t.status}
          errors={errors}
          value={filter.status}
          placeholder={a.allStatuses}
          options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t.statusName[s] }))}
        />
        <SelectField
          pointer="/kind"
          name="kind"
          label={t.kind}
          errors={errors}
          value={filter.kind}
          placeholder={a.allKinds}
          options={MAIL_KINDS.map((k) => ({ value: k, label: kindName(lang, k) }))}
        />
        <div class="actions">
          <button type="submit">{a.show}</button>
        </div>
      </form>
      {items.length === 0 ? (
        <p>{a.none}</p>
      ) : (
        <Table
          labelledBy="messages-title"
          headers={[t.received, t.to, t.subject, t.status, a.actions]}
          rows={items.map((m) => [
            formatDateTime(m.createdAt, lang),
            m.to || t.noAddress,
            <a href={`/messages/${m.id}`}>{subjectOf(lang, m)}</a>,
            `${statusWords(lang, m)}${m.failure?.detail ? ` (${m.failure.detail})` : ''}`,
            isResendable(m) ? (
              <ResendForm lang={lang} base={base} message={m} />
            ) : (
              m.resentAs && <a href={`/messages/${m.resentAs}`}>{t.resentAs}</a>
            ),
          ])}
        />
      )}
      <Pager
        label={t.title}
        path={query ? `${base}?${query}` : base}
        cursor={cursor}
        next={next}
        first={t.first}
        nextText={t.next}
      />
      <h2 id="recipients">{a.recipients}</h2>
      <p>{a.recipientsIntro}</p>
      {recipients.length === 0 ? (
        <p>{a.recipientsNone}</p>
      ) : (
        <Table
          labelledBy="recipients"
          headers={[a.recipient, a.case, a.failedCount, a.latest, a.reason]}
          rows={recipients.map((r) => [
            r.to || t.noAddress,
            `${t.caseKind[r.case.kind]} ${r.case.id}`,
            a.messagesCount(r.count),
            <a href={`/messages/${r.latest.id}`}>{formatDateTime(r.latest.createdAt, lang)}</a>,
            statusWords(lang, r.latest),
          ])}
        />
      )}
    </>
  );
}

/** What a page about a case says of its e-mail: "sendes", "er sendt <tid>", or why it could not be sent. */
export function ReceiptMailNotice({ lang, message }: { lang: Lang; message: StoredMessage | undefined }) {
  const r = texts[lang].messages.receipt;
  if (!message) return <p>{r.none}</p>;
  const text =
    message.status === 'sent'
      ? r.sent(message.sentAt ? formatDateTime(message.sentAt, lang) : '')
      : didNotArrive(message)
        ? r.failed(message.failure ? texts[lang].messages.failure[message.failure.reason] : message.status)
        : r.pending;
  return (
    <p class={didNotArrive(message) ? 'error-message' : undefined}>
      {text} <a href={`/messages/${message.id}`}>{r.read}</a>
    </p>
  );
}
