import type { FundedProject } from '../../functions/core/finance/party-funding.service.js';
import { formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

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
      <section class="table-wrap" aria-labelledby="funded-caption" tabindex={0}>
        <table class="compact">
          <caption id="funded-caption" class="meta">
            {t.finance.fundedTitle}
          </caption>
          <thead>
            <tr>
              <th scope="col">{a.projectTitle}</th>
              <th scope="col">{a.focusArea}</th>
              <th scope="col" class="num">
                {a.committed}
              </th>
              <th scope="col" class="num">
                {a.paidNetClosed}
              </th>
              {partyShare && (
                <th scope="col" class="num">
                  {a.partyShare}
                </th>
              )}
              <th scope="col">{a.sectors}</th>
            </tr>
          </thead>
          <tbody>
            {funded.map((p) => (
              <tr>
                <th scope="row">{p.title}</th>
                <td>{p.focusArea ? t.focusArea[p.focusArea] : t.finance.none}</td>
                <td class="num">{formatKr(p.amountOre, lang)}</td>
                <td class="num">
                  {p.paidNetOre === undefined ? a.statuses.committed : formatKr(p.paidNetOre, lang)}
                </td>
                {partyShare && <td class="num">{formatKr(p.partyShareOre, lang)}</td>}
                <td>{p.sectors.length ? p.sectors.map((s) => t.sector[s]).join(', ') : t.finance.none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
