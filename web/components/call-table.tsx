import type { Call } from '../../functions/core/calls/call.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
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
    <div class="table-wrap">
      <table>
        {caption && <caption class="meta">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{b.call}</th>
            <th scope="col">{b.status}</th>
            <th scope="col">{b.deadline}</th>
            <th scope="col" class="num">
              {b.budget}
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
