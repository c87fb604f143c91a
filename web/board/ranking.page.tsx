import type { Call } from '../../functions/core/calls/call.schema.js';
import type { Ranking, RankingRow } from '../../functions/core/reviews/ranking.js';
import { formatDecimal, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ChartFrame } from '../components/charts.js';
import { DataTable } from '../components/data-table.js';
import { StatusTag } from '../components/status-tag.js';
import { boardApplicationPath } from './application.page.js';
import { BackToCall } from './board.page.js';

/** A score as the reader writes numbers: 4,5 in Danish, 4.5 in English; at most two decimals. */
export const formatScore = (value: number | undefined, lang: Lang): string =>
  value === undefined ? '–' : formatDecimal(value, lang);

const CHART = { width: 480, label: 120, right: 56, top: 30, row: 30, bottom: 12, max: 5 };

/**
 * The mean scores as a bar chart drawn on the server: no script and no external request. It is one image to
 * assistive technology, named by its title and described by the same figures as the table; a flagged
 * disagreement is marked with a sign and words, not colour alone.
 */
export function ScoreChart({ lang, rows }: { lang: Lang; rows: RankingRow[] }) {
  const k = texts[lang].ranking;
  const scored = rows.filter((r) => !r.conflicted && r.score?.mean !== undefined);
  if (scored.length === 0) return <p>{k.chartEmpty}</p>;
  const height = CHART.top + scored.length * CHART.row + CHART.bottom;
  const span = CHART.width - CHART.label - CHART.right;
  const x = (score: number) => CHART.label + (score / CHART.max) * span;
  const described = scored
    .map((r) =>
      k.scoreOf(
        r.reference ?? r.title,
        `${formatScore(r.score?.mean, lang)}${r.disagreement ? ` (${k.disagree})` : ''}`,
      ),
    )
    .join('; ');
  return (
    <ChartFrame
      id="chart"
      width={CHART.width}
      height={height}
      title={k.chartTitle}
      desc={`${k.chartDesc} ${described}.`}
    >
      {[0, 1, 2, 3, 4, 5].map((tick) => (
        <>
          <line class="gridline" x1={x(tick)} x2={x(tick)} y1={CHART.top - 6} y2={height - CHART.bottom} />
          <text class="tick" x={x(tick)} y={CHART.top - 12} text-anchor="middle">
            {tick}
          </text>
        </>
      ))}
      {scored.map((r, i) => {
        const mean = r.score?.mean ?? 0;
        const y = CHART.top + i * CHART.row;
        return (
          <>
            <text x={CHART.label - 8} y={y + CHART.row / 2 + 4} text-anchor="end">
              {r.reference ?? r.title.slice(0, 18)}
            </text>
            <rect
              class={r.disagreement ? 'bar flagged' : 'bar'}
              x={CHART.label}
              y={y + 5}
              width={Math.max(1, x(mean) - CHART.label)}
              height={CHART.row - 10}
            />
            <text x={x(mean) + 6} y={y + CHART.row / 2 + 4}>
              {`${formatScore(mean, lang)}${r.disagreement ? ' ⚠' : ''}`}
            </text>
          </>
        );
      })}
      <line class="axis" x1={CHART.label} x2={CHART.label} y1={CHART.top - 6} y2={height - CHART.bottom} />
    </ChartFrame>
  );
}

function DecisionCell({ lang, row }: { lang: Lang; row: RankingRow }) {
  // Undecided rows say nothing here: the column is for decisions.
  if (!row.decision || !row.status) return <>–</>;
  return (
    <>
      <StatusTag status={row.status} lang={lang} />
      {row.decision.outcome === 'approved' && row.decision.amountOre !== undefined && (
        <>
          <br />
          {formatKr(row.decision.amountOre, lang)}
        </>
      )}
    </>
  );
}

export function RankingPage({ lang, call, ranking }: { lang: Lang; call: Call; ranking: Ranking }) {
  const k = texts[lang].ranking;
  const base = `/board/calls/${call.id}`;
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <h1 class="wide">{k.title}</h1>
      <dl class="facts card">
        <dt>{k.budget}</dt>
        <dd>{formatKr(ranking.budgetOre, lang)}</dd>
        <dt>{k.approved}</dt>
        <dd>{formatKr(ranking.approvedOre, lang)}</dd>
        <dt>{k.left}</dt>
        <dd>{formatKr(Math.max(0, ranking.budgetOre - ranking.approvedOre), lang)}</dd>
      </dl>
      {ranking.leftOut > 0 && <p class="meta">{texts[lang].totalsNote(ranking.leftOut)}</p>}
      <p class="meta">{k.threshold(formatScore(ranking.disagreementThreshold, lang))}</p>
      {ranking.rows.length === 0 ? (
        <p>{k.none}</p>
      ) : (
        <>
          <DataTable
            compact
            caption={k.title}
            captionId="ranking-caption"
            columns={[
              { label: k.rank, num: true },
              { label: k.reference },
              { label: k.application },
              { label: k.reviews, num: true },
              { label: k.mean, num: true },
              { label: k.min, num: true },
              { label: k.max, num: true },
              { label: k.spread, num: true },
              { label: k.disagreement },
              { label: k.requested, num: true },
              { label: k.running, num: true },
              { label: k.decision },
            ]}
          >
            {ranking.rows.map((row, i) => (
              <tr>
                <td class="num">{i + 1}</td>
                <td class="nowrap">{row.reference ?? '–'}</td>
                <th scope="row">
                  {row.conflicted ? (
                    row.title
                  ) : (
                    <a href={boardApplicationPath(row.applicationId)}>{row.title}</a>
                  )}
                </th>
                {row.conflicted ? (
                  <td colspan={9}>
                    <strong>{k.conflicted}</strong> <span class="meta">{k.conflictedNote}</span>
                  </td>
                ) : (
                  <>
                    <td class="num">{row.score?.count ?? 0}</td>
                    <td class="num">{formatScore(row.score?.mean, lang)}</td>
                    <td class="num">{formatScore(row.score?.min, lang)}</td>
                    <td class="num">{formatScore(row.score?.max, lang)}</td>
                    <td class="num">{formatScore(row.score?.spread, lang)}</td>
                    <td>
                      {row.disagreement ? (
                        <span class="flag">
                          <span aria-hidden="true">⚠ </span>
                          {k.disagree}
                        </span>
                      ) : (
                        '–'
                      )}
                    </td>
                    <td class="num">
                      {row.requestedAmountOre === undefined ? '–' : formatKr(row.requestedAmountOre, lang)}
                    </td>
                    <td class="num">
                      {row.runningTotalOre === undefined ? '–' : formatKr(row.runningTotalOre, lang)}
                      <br />
                      {row.withinBudget ? (
                        <span class="meta">{k.within}</span>
                      ) : (
                        <span class="over">{k.over}</span>
                      )}
                    </td>
                    <td>
                      <DecisionCell lang={lang} row={row} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </DataTable>
          <h2>{k.chartTitle}</h2>
          <ScoreChart lang={lang} rows={ranking.rows} />
        </>
      )}
      <h2>{k.exports}</h2>
      <ul class="links">
        <li>
          <a href={`${base}/exports/scores.csv`} download>
            {k.scoresCsv}
          </a>
        </li>
        <li>
          <a href={`${base}/exports/decisions.csv`} download>
            {k.decisionsCsv}
          </a>
        </li>
      </ul>
    </>
  );
}
