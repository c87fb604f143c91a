import type { YearPosition } from '../../functions/core/finance/balances.js';
import type { PoolBalance } from '../../functions/core/finance/finance.schema.js';
import { formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/**
 * The pool over the years (GET /finance/balances): each year with what it carried in, its movements and what
 * it carried out, and the pool overall. What new awards may still take is the pool's grant-available amount.
 */
export function PoolPage({ lang, pool, years }: { lang: Lang; pool: PoolBalance; years: YearPosition[] }) {
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  return (
    <>
      <h1>{f.poolTitle}</h1>
      <p class="lead">{f.poolIntro}</p>
      <h2>{f.poolHeading}</h2>
      <p class="meta">{f.poolHint}</p>
      <dl class="facts card">
        <dt>{f.grantAvailable}</dt>
        <dd>{kr(pool.grantAvailableOre)}</dd>
        <dt>{f.available}</dt>
        <dd>{kr(pool.availableOre)}</dd>
      </dl>
      {years.length === 0 ? (
        <p>{f.noBalances}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="pool-caption" tabindex={0}>
          <table class="compact">
            <caption id="pool-caption" class="meta">
              {f.poolTableCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{f.yearCol}</th>
                <th scope="col" class="num">
                  {f.opening}
                </th>
                <th scope="col" class="num">
                  {f.received}
                </th>
                <th scope="col" class="num">
                  {f.ofWhichGrants}
                </th>
                <th scope="col" class="num">
                  {f.committed}
                </th>
                <th scope="col" class="num">
                  {f.disbursed}
                </th>
                <th scope="col" class="num">
                  {f.refunded}
                </th>
                <th scope="col" class="num">
                  {f.released}
                </th>
                <th scope="col" class="num">
                  {f.closing}
                </th>
                <th scope="col" class="num">
                  {f.ofWhichGrants}
                </th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr>
                  <th scope="row">
                    <a href={`/finance/years/${y.year}`}>{y.year}</a>
                  </th>
                  <td class="num">{kr(y.openingAvailableOre)}</td>
                  <td class="num">{kr(y.balance.receivedOre)}</td>
                  <td class="num">{kr(y.balance.grantReceivedOre)}</td>
                  <td class="num">{kr(y.balance.committedOre)}</td>
                  <td class="num">{kr(y.balance.disbursedOre)}</td>
                  <td class="num">{kr(y.balance.refundedOre)}</td>
                  <td class="num">{kr(y.balance.releasedOre)}</td>
                  <td class="num">{kr(y.closingAvailableOre)}</td>
                  <td class="num">{kr(y.closingGrantAvailableOre)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{f.total}</th>
                <td class="num">{kr(0)}</td>
                <td class="num">{kr(pool.receivedOre)}</td>
                <td class="num">{kr(pool.grantReceivedOre)}</td>
                <td class="num">{kr(pool.committedOre)}</td>
                <td class="num">{kr(pool.disbursedOre)}</td>
                <td class="num">{kr(pool.refundedOre)}</td>
                <td class="num">{kr(pool.releasedOre)}</td>
                <td class="num">{kr(pool.availableOre)}</td>
                <td class="num">{kr(pool.grantAvailableOre)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}
    </>
  );
}
