import type { YearPosition } from '../../functions/core/finance/balances.js';
import type { Overview } from '../../functions/core/finance/contribution.service.js';
import type { PoolBalance } from '../../functions/core/finance/finance.schema.js';
import { formatDate, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { BalanceChart, type BalanceChartProps } from '../components/charts.js';
import { DataTable } from '../components/data-table.js';

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
        <DataTable
          compact
          caption={f.poolTableCaption}
          captionId="pool-caption"
          columns={[
            { label: f.yearCol },
            { label: f.opening, num: true },
            { label: f.received, num: true },
            { label: f.ofWhichGrants, num: true },
            { label: f.committed, num: true },
            { label: f.disbursed, num: true },
            { label: f.refunded, num: true },
            { label: f.released, num: true },
            { label: f.closing, num: true },
            { label: f.ofWhichGrants, num: true },
          ]}
          foot={
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
          }
        >
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
        </DataTable>
      )}
    </>
  );
}

/** A year's money on its overview page: the year's own movements and the pool overall. */
export function YearBalances({ lang, overview }: { lang: Lang; overview: Overview }) {
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  const { grantShare } = overview.settings;
  return (
    <>
      <h2>{f.balances}</h2>
      <p class="meta">{f.balancesHint}</p>
      <dl class="facts card">
        <dt>{f.received}</dt>
        <dd>{kr(overview.balances.receivedOre)}</dd>
        <dt>{f.grantShareAmount(`${grantShare.numerator}/${grantShare.denominator}`)}</dt>
        <dd>{kr(overview.balances.grantShareOre)}</dd>
        <dt>{f.otherShare}</dt>
        <dd>{kr(overview.balances.otherShareOre)}</dd>
        <dt>{f.committed}</dt>
        <dd>{kr(overview.balances.committedOre)}</dd>
        <dt>{f.disbursed}</dt>
        <dd>{kr(overview.balances.disbursedOre)}</dd>
        <dt>{f.refunded}</dt>
        <dd>{kr(overview.balances.refundedOre)}</dd>
        <dt>{f.released}</dt>
        <dd>{kr(overview.balances.releasedOre)}</dd>
        <dt>{f.available}</dt>
        <dd>{kr(overview.balances.availableOre)}</dd>
      </dl>
      <h2>{f.poolHeading}</h2>
      <p class="meta">{f.poolHint}</p>
      <dl class="facts card">
        <dt>{f.available}</dt>
        <dd>{kr(overview.pool.availableOre)}</dd>
        <dt>{f.grantAvailable}</dt>
        <dd>{kr(overview.pool.grantAvailableOre)}</dd>
      </dl>
      <p>
        <a href="/finance/balances">{f.poolLink}</a>
      </p>
    </>
  );
}

/** The pool's available money through the year, as a chart and with the same figures in a table. */
export function BalanceThroughYear(props: BalanceChartProps) {
  const { lang, openingOre, points } = props;
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  return (
    <>
      <h2>{f.balanceChart}</h2>
      <div class="split">
        <BalanceChart {...props} />
        {points.length === 0 ? (
          <p>{f.noPayments}</p>
        ) : (
          <DataTable
            compact
            caption={f.balanceTable}
            captionId="balance-caption"
            columns={[{ label: f.date }, { label: f.amount, num: true }, { label: f.cumulative, num: true }]}
          >
            <tr>
              <th scope="row">{f.openingRow}</th>
              <td class="num">{f.none}</td>
              <td class="num">{kr(openingOre)}</td>
            </tr>
            {points.map((p) => (
              <tr>
                <th scope="row">{formatDate(p.date, lang)}</th>
                <td class="num">{kr(p.amountOre)}</td>
                <td class="num">{kr(p.totalOre)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </>
  );
}
