import type { FundedProject } from '../../functions/core/finance/party-funding.service.js';
import { formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from './data-table.js';

/**
 * What the pool has funded: the amount of each award and, once closed, what was paid out net. With
 * `partyShare`, a column with the party's share of each (see party-funding.service.ts).
 */
export function FundedList({
  lang,
  funded,
  partyShare = false,
}: {
  lang: Lang;
  funded: FundedProject[];
  partyShare?: boolean;
}) {
  const t = texts[lang];
  const a = t.award;
  if (funded.length === 0) return <p>{a.fundedNone}</p>;
  const total = funded.reduce((sum, p) => sum + p.amountOre, 0);
  return (
    <>
      <p>{a.fundedTotal(formatKr(total, lang), funded.length)}</p>
      <DataTable
        compact
        caption={t.finance.fundedTitle}
        captionId="funded-caption"
        columns={[
          { label: a.projectTitle },
          { label: a.focusArea },
          { label: a.committed, num: true },
          { label: a.status },
          { label: a.paidNetClosed, num: true },
          partyShare && { label: a.partyShare, num: true },
          { label: a.sectors },
        ]}
      >
        {funded.map((p) => (
          <tr>
            <th scope="row">{p.title}</th>
            <td>{p.focusArea ? t.focusArea[p.focusArea] : t.finance.none}</td>
            <td class="num">{formatKr(p.amountOre, lang)}</td>
            <td>{p.paidNetOre === undefined ? a.statuses.committed : a.statuses.closed}</td>
            {/* An amount column holds amounts only: an award still running has no net figure yet. */}
            <td class="num">{p.paidNetOre === undefined ? '–' : formatKr(p.paidNetOre, lang)}</td>
            {partyShare && <td class="num">{formatKr(p.partyShareOre, lang)}</td>}
            <td>{p.sectors.length ? p.sectors.map((s) => t.sector[s]).join(', ') : t.finance.none}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
