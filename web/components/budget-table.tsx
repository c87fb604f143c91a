import type { BudgetLine } from '../../functions/core/applications/application.schema.js';
import { formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** An application's budget lines with the total requested, as the applicant, reviewers and the board read it. */
export function BudgetTable({
  lang,
  lines,
  totalOre,
}: {
  lang: Lang;
  lines: readonly BudgetLine[];
  totalOre: number;
}) {
  const a = texts[lang].application;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{a.category}</th>
            <th scope="col">{a.year}</th>
            <th scope="col" class="num">
              {a.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr>
              <td>{l.category}</td>
              <td>{l.year}</td>
              <td class="num">{formatKr(l.amountOre ?? 0, lang)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={2}>
              {a.total}
            </th>
            <td class="num">{formatKr(totalOre, lang)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
