import type { Call } from '../../functions/core/calls/call.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
import { DataTable } from './data-table.js';
import { StatusTag } from './status-tag.js';

/** Calls as a table of title (a link to `href`), status, deadline and pool; `empty` when there are none. */
export function CallTable({
  lang,
  calls,
  href,
  empty,
  caption,
}: {
  lang: Lang;
  calls: Call[];
  href: (call: Call) => string;
  empty: string;
  caption?: string;
}) {
  const b = texts[lang].board;
  if (calls.length === 0) return <p>{empty}</p>;
  return (
    <DataTable
      caption={caption}
      columns={[
        { label: b.call },
        { label: b.status },
        { label: b.deadline },
        { label: b.budget, num: true },
      ]}
    >
      {calls.map((call) => (
        <tr>
          <td>
            <a href={href(call)}>{callTitle(call, lang)}</a>
          </td>
          <td>
            <StatusTag status={call.status} lang={lang} />
          </td>
          <td>{formatDateTime(call.closesAt, lang)}</td>
          <td class="num">{formatKr(call.budgetOre, lang)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
