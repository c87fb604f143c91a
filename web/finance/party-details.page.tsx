import type { Party, PartyChange } from '../../functions/core/finance/parties.schema.js';
import type { StoredMessage } from '../../functions/core/messages/message.schema.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';

/** The form's fields as typed. */
export interface PartyDetailsValues {
  invoiceEmail: string;
  ean: string;
  cvr: string;
}

export const partyDetailsValues = (party: Party): PartyDetailsValues => ({
  invoiceEmail: party.invoiceEmail ?? '',
  ean: party.ean ?? '',
  cvr: party.cvr ?? '',
});

const labelOf = (lang: Lang) => (pointer: string) => {
  const d = texts[lang].partyDetails;
  const labels: Record<string, string> = { '/invoiceEmail': d.invoiceEmail, '/ean': d.ean, '/cvr': d.cvr };
  return labels[pointer] ?? pointer;
};

/** A party's details in one line: its e-mail, or that it has none (the one gap that keeps a demand away). */
function EmailCell({ lang, party }: { lang: Lang; party: Party }) {
  const d = texts[lang].partyDetails;
  return party.invoiceEmail ? (
    <span>{party.invoiceEmail}</span>
  ) : (
    <span class="flag">
      <span aria-hidden="true">⚠ </span>
      {d.missing}
    </span>
  );
}

/** Why a message did not arrive, in words, with the provider's where it gave some. */
const failureOf = (lang: Lang, message: StoredMessage): string =>
  `${message.failure ? texts[lang].messages.failure[message.failure.reason] : texts[lang].messages.statusName[message.status].toLowerCase()}${message.failure?.detail ? ` (${message.failure.detail})` : ''}`;

/**
 * Every party's invoicing details, the ones without an e-mail flagged, and the ones whose latest message did
 * not arrive, with why (finance).
 */
export function PartyDetailsListPage({
  lang,
  parties,
  failed,
}: {
  lang: Lang;
  parties: Party[];
  /** Each party whose latest message did not arrive: that message. */
  failed: ReadonlyMap<string, StoredMessage>;
}) {
  const d = texts[lang].partyDetails;
  const unreachable = parties.filter((p) => !p.invoiceEmail);
  const unsent = parties.filter((p) => failed.has(p.id));
  return (
    <>
      <p>
        <a href="/finance">{texts[lang].finance.title}</a>
      </p>
      <h1>{d.listTitle}</h1>
      <p class="lead">{d.listIntro}</p>
      {unreachable.length > 0 && (
        <p class="flag" id="unreachable">
          {d.cannotReceiveList(unreachable.map((p) => p.name).join(', '))}
        </p>
      )}
      {unsent.length > 0 && (
        <p class="flag" id="unsent">
          {d.messageFailedList(unsent.map((p) => p.name).join(', '))}{' '}
          <a href="/finance/messages">{d.resendMessages}</a>
        </p>
      )}
      <DataTable
        compact
        caption={d.listTitle}
        columns={[
          { label: texts[lang].finance.party },
          { label: d.invoiceEmail },
          { label: d.ean },
          { label: d.cvr },
          { label: d.lastMessage },
        ]}
      >
        {parties.map((p) => (
          <tr>
            <th scope="row">
              <a href={`/finance/parties/${p.id}`}>{p.name}</a>
            </th>
            <td>
              <EmailCell lang={lang} party={p} />
            </td>
            <td>{p.ean ?? d.missing}</td>
            <td>{p.cvr ?? d.missing}</td>
            <td>
              <LastMessageCell lang={lang} message={failed.get(p.id)} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** A party's latest message where it did not arrive: flagged, with why and a link to it. */
function LastMessageCell({ lang, message }: { lang: Lang; message: StoredMessage | undefined }) {
  const d = texts[lang].partyDetails;
  if (!message) return <span>{d.lastMessageArrived}</span>;
  return (
    <span class="flag">
      <span aria-hidden="true">⚠ </span>
      <a href={`/messages/${message.id}`}>{d.messageFailedShort(failureOf(lang, message))}</a>
    </span>
  );
}

/**
 * One party's invoicing details: the form (at the version read) and every change before; flagged when it has
 * no e-mail, or when its latest message did not arrive.
 */
export function PartyDetailsPage({
  lang,
  party,
  failed,
  history,
  values,
  errors,
  notice,
}: {
  lang: Lang;
  party: Party;
  /** The party's latest message, when it did not arrive. */
  failed: StoredMessage | undefined;
  history: PartyChange[];
  values: PartyDetailsValues;
  errors: Errors;
  notice?: string | undefined;
}) {
  const d = texts[lang].partyDetails;
  const show = (value: string | null) => value ?? d.empty;
  return (
    <>
      <p>
        <a href="/finance/parties">{d.listTitle}</a>
      </p>
      <h1>{d.title(party.name)}</h1>
      <Notice text={notice} />
      {!party.invoiceEmail && (
        <p class="flag" id="unreachable">
          <span aria-hidden="true">⚠ </span>
          {d.cannotReceive}
        </p>
      )}
      {failed && (
        <p class="flag" id="unsent">
          <span aria-hidden="true">⚠ </span>
          {d.messageFailed(failureOf(lang, failed))} <a href={`/messages/${failed.id}`}>{d.readMessage}</a>
          {' · '}
          <a href="/finance/messages">{d.resendMessages}</a>
        </p>
      )}
      <ErrorSummary errors={errors} labelOf={labelOf(lang)} />
      <form method="post" action={`/finance/parties/${party.id}`} class="card" novalidate>
        <input type="hidden" name="_version" value={String(party.version)} />
        <TextField
          pointer="/invoiceEmail"
          name="invoiceEmail"
          label={d.invoiceEmail}
          hint={d.invoiceEmailHint}
          type="email"
          autocomplete="email"
          maxLength={254}
          value={values.invoiceEmail}
          errors={errors}
        />
        <TextField
          pointer="/ean"
          name="ean"
          label={d.ean}
          hint={d.eanHint}
          inputMode="numeric"
          maxLength={17}
          narrow
          value={values.ean}
          errors={errors}
        />
        <TextField
          pointer="/cvr"
          name="cvr"
          label={d.cvr}
          hint={d.cvrHint}
          inputMode="numeric"
          maxLength={11}
          narrow
          value={values.cvr}
          errors={errors}
        />
        <button type="submit">{d.save}</button>
      </form>
      <h2 id="history-title">{d.history}</h2>
      {history.length === 0 ? (
        <p>{d.noHistory}</p>
      ) : (
        <DataTable
          compact
          labelledBy="history-title"
          columns={[
            { label: d.when },
            { label: d.by },
            { label: d.field },
            { label: d.before },
            { label: d.after },
          ]}
        >
          {history.flatMap((change) =>
            change.changes.map((c) => (
              <tr>
                <td>{formatDateTime(change.at, lang)}</td>
                <td>{change.by}</td>
                <td>{labelOf(lang)(`/${c.field}`)}</td>
                <td>{show(c.before)}</td>
                <td>{show(c.after)}</td>
              </tr>
            )),
          )}
        </DataTable>
      )}
    </>
  );
}
