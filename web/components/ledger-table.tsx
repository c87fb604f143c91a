import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import type { Lang } from '../../functions/core/shared/validation.js';
import { formatDate, formatDateTime, formatKr } from '../format.js';
import { texts } from '../i18n.js';

/** Ledger entries as a table: an award's or a contribution's movements; finance also sees who recorded each. */
export function LedgerTable({
  lang,
  entries,
  id,
  caption,
  emptyText,
  showRecordedBy = false,
}: {
  lang: Lang;
  entries: readonly LedgerEntry[];
  id: string;
  caption: string;
  emptyText: string;
  showRecordedBy?: boolean;
}) {
  const f = texts[lang].finance;
  if (entries.length === 0) return <p>{emptyText}</p>;
  return (
    <section class="table-wrap" aria-labelledby={id} tabindex={0}>
      <table class="compact">
        <caption id={id} class="meta">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{f.recordedAt}</th>
            <th scope="col">{f.kind}</th>
            <th scope="col" class="num">
              {f.amount}
            </th>
            <th scope="col">{f.paidOn}</th>
            <th scope="col">{f.details}</th>
            {showRecordedBy && <th scope="col">{f.recordedBy}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <th scope="row">{formatDateTime(e.at, lang)}</th>
              <td>{f.kinds[e.kind]}</td>
              <td class="num">{formatKr(e.amountOre, lang)}</td>
              <td>{e.paidOn ? formatDate(e.paidOn, lang) : f.none}</td>
              <td>{e.reference ?? e.reason ?? f.none}</td>
              {showRecordedBy && <td>{e.recordedBy.email}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
