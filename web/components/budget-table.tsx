import type { BudgetLine } from '../../functions/core/applications/application.schema.js';
import { formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from './data-table.js';

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
    <DataTable
      columns={[{ label: a.category }, { label: a.year }, { label: a.amount, num: true }]}
      foot={
        <>
          {' '}
          <tr>
            <th scope="row" colspan={2}>
              {a.total}
            </th>
            <td class="num">{formatKr(totalOre, lang)}</td>
          </tr>
        </>
      }
    >
      {lines.map((l) => (
        <tr>
          <td>{l.category}</td>
          <td>{l.year}</td>
          <td class="num">{formatKr(l.amountOre ?? 0, lang)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
