import type { Child } from 'hono/jsx';
import type { BalancePoint } from '../../functions/core/finance/balances.js';
import { formatDate, formatInteger, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/*
 * Charts drawn on the server as SVG: no script, no external request. Each is one image to assistive
 * technology, named by its <title> and described by <desc>; the page shows the same figures in a table.
 * Bars are told apart by pattern and legend text, never by colour alone.
 */

/** Whole kroner with the reader's grouping, for axis ticks: 1.272.240 kr. */
export const krTick = (ore: number, lang: Lang): string =>
  `${formatInteger(Math.round(ore / 100), lang)} ${texts[lang].finance.axisKr}`;

/** A round step for about `count` ticks up to `max` (øre), in whole kroner multiples of 1, 2 or 5. */
export function niceStep(max: number, count = 4): number {
  if (max <= 0) return 100;
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return Math.max(100, Math.ceil(step / 100) * 100);
}

/**
 * The frame of every chart: an SVG image named by its title and described by its text (the figures in words,
 * for a screen reader), `id-title` and `id-desc`; `wide` for the full width of the page.
 */
export function ChartFrame({
  id,
  wide = false,
  width,
  height,
  title,
  desc,
  children,
}: {
  id: string;
  wide?: boolean;
  width: number;
  height: number;
  title: string;
  desc: string;
  children: Child;
}) {
  return (
    <svg
      class={wide ? 'chart chart-wide' : 'chart'}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}

export interface ContributionBar {
  name: string;
  demandOre: number;
  paidOre: number;
}

const BARS = { width: 640, label: 150, right: 20, top: 56, row: 34, bottom: 34 };

/** Each party's demand (hatched) against what it has paid (solid), with a legend in words. */
export function ContributionChart({ lang, rows }: { lang: Lang; rows: ContributionBar[] }) {
  const f = texts[lang].finance;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.demandOre, r.paidOre)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const span = BARS.width - BARS.label - BARS.right;
  const x = (ore: number) => BARS.label + (ore / top) * span;
  const height = BARS.top + rows.length * BARS.row + BARS.bottom;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const described = rows
    .map((r) => f.chartOf(r.name, formatKr(r.demandOre, lang), formatKr(r.paidOre, lang)))
    .join('; ');
  return (
    <ChartFrame
      id="contrib-chart"
      wide
      width={BARS.width}
      height={height}
      title={f.contributionChart}
      desc={`${f.contributionChartDesc} ${described}.`}
    >
      <defs>
        <pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#0b5d4b" stroke-width="3" />
        </pattern>
      </defs>
      <rect x={BARS.label} y="8" width="18" height="14" fill="url(#hatch)" stroke="#0b5d4b" />
      <text x={BARS.label + 24} y="20">
        {f.chartLegendDemand}
      </text>
      <rect x={BARS.label + 230} y="8" width="18" height="14" class="bar" />
      <text x={BARS.label + 254} y="20">
        {f.chartLegendPaid}
      </text>
      {ticks.map((tick) => (
        <>
          <line class="gridline" x1={x(tick)} x2={x(tick)} y1={BARS.top - 6} y2={height - BARS.bottom} />
          <text class="tick" x={x(tick)} y={height - BARS.bottom + 18} text-anchor="middle">
            {krTick(tick, lang)}
          </text>
        </>
      ))}
      {rows.map((r, i) => {
        const y = BARS.top + i * BARS.row;
        return (
          <>
            <text x={BARS.label - 8} y={y + BARS.row / 2 + 4} text-anchor="end">
              {r.name.replace(/ Kommune$/, '')}
            </text>
            <rect
              x={BARS.label}
              y={y + 4}
              width={Math.max(r.demandOre > 0 ? 1 : 0, x(r.demandOre) - BARS.label)}
              height={12}
              fill="url(#hatch)"
              stroke="#0b5d4b"
            />
            <rect
              class="bar"
              x={BARS.label}
              y={y + 18}
              width={Math.max(r.paidOre > 0 ? 1 : 0, x(r.paidOre) - BARS.label)}
              height={12}
            />
          </>
        );
      })}
      <line class="axis" x1={BARS.label} x2={BARS.label} y1={BARS.top - 6} y2={height - BARS.bottom} />
    </ChartFrame>
  );
}

const LINE = { width: 640, height: 300, left: 110, right: 24, top: 20, bottom: 48 };

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * The pool's available money through the year as a step line from 1 January (at what earlier years carried
 * over) to 31 December; the scale takes in amounts below 0 when there are any.
 */
export interface BalanceChartProps {
  lang: Lang;
  year: number;
  /** What earlier years carried over: where the line starts. */
  openingOre: number;
  points: readonly BalancePoint[];
}

export function BalanceChart({ lang, year, openingOre, points }: BalanceChartProps) {
  const f = texts[lang].finance;
  const first = points[0]?.date;
  const last = points.at(-1)?.date;
  const start = Math.min(dayNumber(`${year}-01-01`), first ? dayNumber(first) : Number.POSITIVE_INFINITY);
  const end = Math.max(dayNumber(`${year}-12-31`), last ? dayNumber(last) : Number.NEGATIVE_INFINITY);
  const totals = [openingOre, ...points.map((p) => p.totalOre)];
  const max = Math.max(1, ...totals);
  const min = Math.min(0, ...totals);
  const step = niceStep(max - min);
  const top = Math.ceil(max / step) * step;
  const bottom = Math.floor(min / step) * step;
  const plotW = LINE.width - LINE.left - LINE.right;
  const plotH = LINE.height - LINE.top - LINE.bottom;
  const x = (date: string) => LINE.left + ((dayNumber(date) - start) / (end - start)) * plotW;
  const y = (ore: number) => LINE.top + plotH - ((ore - bottom) / (top - bottom)) * plotH;
  const ticks = Array.from({ length: Math.round((top - bottom) / step) + 1 }, (_, i) => bottom + i * step);
  const endDate = new Date(end * 86_400_000).toISOString().slice(0, 10);
  let path = `M ${LINE.left} ${y(openingOre).toFixed(1)}`;
  for (const p of points) path += ` H ${x(p.date).toFixed(1)} V ${y(p.totalOre).toFixed(1)}`;
  path += ` H ${x(endDate).toFixed(1)}`;
  const described =
    points.length === 0
      ? f.noPayments
      : [
          `${f.openingRow}: ${formatKr(openingOre, lang)}`,
          ...points.map((p) => f.balanceOf(formatDate(p.date, lang), formatKr(p.totalOre, lang))),
        ].join('; ');
  const quarters = [1, 4, 7, 10];
  return (
    <ChartFrame
      id="balance-chart"
      wide
      width={LINE.width}
      height={LINE.height}
      title={f.balanceChart}
      desc={`${f.balanceChartDesc} ${described}.`}
    >
      {ticks.map((tick) => (
        <>
          <line class="gridline" x1={LINE.left} x2={LINE.width - LINE.right} y1={y(tick)} y2={y(tick)} />
          <text class="tick" x={LINE.left - 8} y={y(tick) + 4} text-anchor="end">
            {krTick(tick, lang)}
          </text>
        </>
      ))}
      {quarters.map((m) => (
        <text
          class="tick"
          x={x(`${year}-${String(m).padStart(2, '0')}-01`)}
          y={LINE.height - LINE.bottom + 18}
          text-anchor="middle"
        >
          {f.monthOf(m, year)}
        </text>
      ))}
      <line class="axis" x1={LINE.left} x2={LINE.width - LINE.right} y1={y(0)} y2={y(0)} />
      <path class="step" d={path} fill="none" stroke="#0b5d4b" stroke-width="3" />
      {points.map((p) => (
        <circle cx={x(p.date)} cy={y(p.totalOre)} r="4" fill="#0b5d4b" />
      ))}
    </ChartFrame>
  );
}
