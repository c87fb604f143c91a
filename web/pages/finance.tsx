import { balanceDeltas } from '../../functions/core/finance/balances.js';
import type { Overview, OverviewRow } from '../../functions/core/finance/contribution.service.js';
import type { LedgerEntry, YearSettings } from '../../functions/core/finance/finance.schema.js';
import type { ImportPreview } from '../../functions/core/finance/population.service.js';
import type { FieldError } from '../../functions/core/shared/errors.js';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import { formatDate, formatInteger, formatKr, formatKrInput } from '../../functions/texts/format.js';
import { sayFieldError, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { BalanceChart, type BalancePoint, ContributionChart } from '../components/charts.js';
import { ErrorSummary, Errors, FileField, TextField } from '../components/fields.js';

const number = formatInteger;

/** A list of problems that belong to no field (lines of a file, parties without a population). */
export function Problems({
  lang,
  heading,
  problems,
}: {
  lang: Lang;
  heading: string;
  problems: FieldError[];
}) {
  const f = texts[lang].finance;
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="problems-title" tabindex={-1} id="problems">
      <h2 id="problems-title">{heading}</h2>
      <ul>
        {problems.map((p) => {
          const line = /^\/lines\/(\d+)$/.exec(p.pointer);
          return (
            <li>
              {line ? `${f.lineN(Number(line[1]))}: ` : ''}
              {sayFieldError(lang, p)} <span class="meta">({p.code})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function FinanceHomePage({ lang, thisYear }: { lang: Lang; thisYear: number }) {
  const f = texts[lang].finance;
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
  return (
    <>
      <h1>{f.title}</h1>
      <p class="lead">{f.intro}</p>
      <h2>{f.yearLinks}</h2>
      <ul class="links">
        {years.map((y) => (
          <li>
            <a href={`/finance/years/${y}`}>{f.overviewOf(y)}</a>
          </li>
        ))}
      </ul>
      <form method="get" action="/finance/years" class="inline-form card">
        <div class="field">
          <label for="f-year">{f.chooseYear}</label>
          <input
            id="f-year"
            name="year"
            type="text"
            inputmode="numeric"
            class="narrow"
            value={String(thisYear)}
          />
        </div>
        <div class="actions">
          <button type="submit">{f.show}</button>
        </div>
      </form>
      <h2>{texts[lang].award.listTitle}</h2>
      <ul class="links">
        <li>
          <a href="/finance/awards">{texts[lang].award.financeHomeLink}</a>
        </li>
        <li>
          <a href="/finance/balances">{f.poolLink}</a>
        </li>
      </ul>
      <h2>{f.importTitle}</h2>
      <ul class="links">
        <li>
          <a href="/finance/populations/import">{f.importLink}</a>
        </li>
        <li>
          <a href="/parties">{f.partiesLink}</a>
        </li>
      </ul>
    </>
  );
}

export function ImportPage({
  lang,
  csv,
  preview,
  problems,
  notice,
  errors = new Errors(lang),
  maxFileKb,
}: {
  lang: Lang;
  csv: string;
  preview?: ImportPreview | undefined;
  problems: FieldError[];
  notice?: string | undefined;
  /** Errors of the file input (`/file`) and the text (`/csv`) themselves, before any line is read. */
  errors?: Errors;
  maxFileKb: number;
}) {
  const f = texts[lang].finance;
  const csvError = errors.get('/csv');
  return (
    <>
      <p>
        <a href="/finance">{f.title}</a>
      </p>
      <h1>{f.importTitle}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} labelOf={(pointer) => (pointer === '/file' ? f.file : f.csv)} />
      <Problems lang={lang} heading={f.problemsTitle} problems={problems} />
      <p class="lead">{f.importIntro}</p>
      {preview && (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{f.previewTitle}</h2>
          <p role="status">
            {f.previewSummary(preview.summary.new, preview.summary.changed, preview.summary.unchanged)}
          </p>
          <div class="table-wrap">
            <table class="compact">
              <caption class="meta">{f.previewTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{f.party}</th>
                  <th scope="col" class="num">
                    {f.year}
                  </th>
                  <th scope="col" class="num">
                    {f.current}
                  </th>
                  <th scope="col" class="num">
                    {f.newFigure}
                  </th>
                  <th scope="col" class="num">
                    {f.change}
                  </th>
                  <th scope="col">{f.outcome}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr>
                    <th scope="row">{r.partyName}</th>
                    <td class="num">{r.year}</td>
                    <td class="num">
                      {r.currentPopulation === null ? f.none : number(r.currentPopulation, lang)}
                    </td>
                    <td class="num">{number(r.population, lang)}</td>
                    <td class="num">
                      {r.change === null ? f.none : `${r.change > 0 ? '+' : ''}${number(r.change, lang)}`}
                    </td>
                    <td>{f.outcomes[r.outcome]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <form method="post" action="/finance/populations/import" enctype="multipart/form-data" class="stack">
        <div class={problems.length > 0 || csvError ? 'field field-error' : 'field'}>
          <label for="f-csv">{f.csv}</label>
          <span class="hint" id="f-csv-hint">
            {f.csvHint}
          </span>
          {csvError && (
            <span class="error-message" id="f-csv-error">
              {csvError}
            </span>
          )}
          <textarea
            id="f-csv"
            name="csv"
            rows={12}
            aria-describedby={csvError ? 'f-csv-hint f-csv-error' : 'f-csv-hint'}
            aria-invalid={csvError ? 'true' : undefined}
            spellcheck={false}
          >
            {csv}
          </textarea>
        </div>
        <FileField
          pointer="/file"
          name="file"
          label={f.file}
          hint={f.fileHint(maxFileKb)}
          errors={errors}
          accept=".csv,text/csv,text/plain"
        />
        <div class="actions">
          <button type="submit" name="_action" value="preview">
            {f.preview}
          </button>
          <button type="submit" name="_action" value="apply" class="secondary">
            {f.apply}
          </button>
        </div>
      </form>
    </>
  );
}

export interface SettingsValues {
  referenceYear: string;
  dueDate: string;
  municipalityRate: string;
  regionRate: string;
  numerator: string;
  denominator: string;
}

export const settingsValues = (s: YearSettings | undefined, year: number): SettingsValues =>
  s
    ? {
        referenceYear: String(s.referenceYear),
        dueDate: s.dueDate,
        municipalityRate: formatKrInput(s.rates.municipalityOre),
        regionRate: formatKrInput(s.rates.regionOre),
        numerator: String(s.grantShare.numerator),
        denominator: String(s.grantShare.denominator),
      }
    : {
        referenceYear: String(year - 1),
        dueDate: `${year}-06-30`,
        municipalityRate: '1',
        regionRate: '1',
        numerator: '4',
        denominator: '5',
      };

export function settingsLabel(pointer: string, lang: Lang): string {
  const f = texts[lang].finance;
  const labels: Record<string, string> = {
    '/referenceYear': f.referenceYear,
    '/dueDate': f.dueDate,
    '/rates/municipalityOre': f.municipalityRate,
    '/rates/regionOre': f.regionRate,
    '/grantShare/numerator': `${f.grantShare}: ${f.numerator}`,
    '/grantShare/denominator': `${f.grantShare}: ${f.denominator}`,
  };
  return labels[pointer] ?? pointer;
}

function SettingsForm({
  lang,
  year,
  settings,
  values,
  errors,
}: {
  lang: Lang;
  year: number;
  settings: YearSettings | undefined;
  values: SettingsValues;
  errors: Errors;
}) {
  const f = texts[lang].finance;
  return (
    <form method="post" action={`/finance/years/${year}/settings`} class="card">
      <h2>{f.settings}</h2>
      {!settings && <p class="warning">{f.notSetUp}</p>}
      {settings && <input type="hidden" name="_version" value={String(settings.version)} />}
      <div class="grid">
        <TextField
          pointer="/referenceYear"
          name="referenceYear"
          label={f.referenceYear}
          hint={f.referenceYearHint}
          value={values.referenceYear}
          errors={errors}
          inputMode="numeric"
          narrow
        />
        <TextField
          pointer="/dueDate"
          name="dueDate"
          label={f.dueDate}
          type="date"
          value={values.dueDate}
          errors={errors}
        />
        <TextField
          pointer="/rates/municipalityOre"
          name="municipalityRate"
          label={f.municipalityRate}
          hint={f.rateHint}
          value={values.municipalityRate}
          errors={errors}
          inputMode="decimal"
          narrow
        />
        <TextField
          pointer="/rates/regionOre"
          name="regionRate"
          label={f.regionRate}
          hint={f.rateHint}
          value={values.regionRate}
          errors={errors}
          inputMode="decimal"
          narrow
        />
      </div>
      <fieldset>
        <legend>{f.grantShare}</legend>
        <span class="hint">{f.grantShareHint}</span>
        <div class="grid">
          <TextField
            pointer="/grantShare/numerator"
            name="numerator"
            label={f.numerator}
            value={values.numerator}
            errors={errors}
            inputMode="numeric"
            narrow
          />
          <TextField
            pointer="/grantShare/denominator"
            name="denominator"
            label={f.denominator}
            value={values.denominator}
            errors={errors}
            inputMode="numeric"
            narrow
          />
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit">{f.save}</button>
      </div>
    </form>
  );
}

export const statusText = (row: Pick<OverviewRow, 'state' | 'status'>, lang: Lang): string => {
  const s = texts[lang].finance.statuses;
  if (row.state === 'not_computed') return s.not_computed;
  if (row.state === 'computed') return s.computed;
  return row.status ? s[row.status] : s.not_computed;
};

function OverviewTable({ lang, overview, year }: { lang: Lang; overview: Overview; year: number }) {
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  return (
    <section class="table-wrap" aria-labelledby="overview-caption" tabindex={0}>
      <table class="compact">
        <caption id="overview-caption" class="meta">
          {f.overview}
        </caption>
        <thead>
          <tr>
            <th scope="col">{f.party}</th>
            <th scope="col" class="num">
              {f.population}
            </th>
            <th scope="col" class="num">
              {f.rate}
            </th>
            <th scope="col" class="num">
              {f.demand}
            </th>
            <th scope="col" class="num">
              {f.adjustments}
            </th>
            <th scope="col" class="num">
              {f.paid}
            </th>
            <th scope="col" class="num">
              {f.outstanding}
            </th>
            <th scope="col">{f.status}</th>
          </tr>
        </thead>
        <tbody>
          {overview.rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={`/finance/years/${year}/parties/${r.partyId}`}>{r.name}</a>
              </th>
              <td class="num">{r.population === null ? f.none : number(r.population, lang)}</td>
              <td class="num">{r.rateOre === null ? f.none : kr(r.rateOre)}</td>
              <td class="num">{kr(r.demandOre)}</td>
              <td class="num">{kr(r.adjustmentsOre)}</td>
              <td class="num">{kr(r.paidOre)}</td>
              <td class="num">{kr(r.outstandingOre)}</td>
              <td>
                <span class={`tag tag-fin-${r.status ?? r.state}`}>{statusText(r, lang)}</span>
                {r.overpaidOre > 0 && (
                  <span class="flag">
                    <br />
                    <span aria-hidden="true">⚠ </span>
                    {f.overpaid(kr(r.overpaidOre))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{f.total}</th>
            <td class="num">{number(overview.totals.population, lang)}</td>
            <td class="num" />
            <td class="num">{kr(overview.totals.demandOre)}</td>
            <td class="num">{kr(overview.totals.adjustmentsOre)}</td>
            <td class="num">{kr(overview.totals.paidOre)}</td>
            <td class="num">{kr(overview.totals.outstandingOre)}</td>
            <td>{overview.totals.overpaidOre > 0 ? f.overpaid(kr(overview.totals.overpaidOre)) : ''}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** The running total received by date, from the year's ledger (payments by the date on the statement). */
/**
 * The pool's available money through the year: what earlier years carried over, then each day's movements of
 * the year's ledger (payments, refunds and releases add, commitments take; `balanceDeltas`), dated by the
 * payment's date or, for commitments and releases, the Copenhagen date they were booked.
 */
export function balancePoints(
  entries: readonly LedgerEntry[],
  openingOre: number,
): (BalancePoint & { amountOre: number })[] {
  const byDate = new Map<string, number>();
  for (const e of entries) {
    const delta = balanceDeltas(e).availableOre ?? 0;
    if (delta === 0) continue;
    const date = e.paidOn ?? copenhagenDate(new Date(e.at));
    byDate.set(date, (byDate.get(date) ?? 0) + delta);
  }
  let total = openingOre;
  return [...byDate.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([date, amountOre]) => {
      total += amountOre;
      return { date, amountOre, totalOre: total };
    });
}

export function YearPage({
  lang,
  year,
  settings,
  overview,
  ledger,
  openingOre,
  values,
  errors,
  problems,
  notice,
}: {
  lang: Lang;
  year: number;
  settings: YearSettings | undefined;
  overview: Overview | undefined;
  ledger: LedgerEntry[];
  /** What earlier years carried over: where the balance chart starts. */
  openingOre: number;
  values: SettingsValues;
  errors: Errors;
  problems: FieldError[];
  notice?: string | undefined;
}) {
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  const computed = overview?.rows.some((r) => r.state !== 'not_computed') ?? false;
  const points = balancePoints(ledger, openingOre);
  return (
    <>
      <p>
        <a href="/finance">{f.title}</a>
      </p>
      <h1 class="wide">{f.yearTitle(year)}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} labelOf={(p) => settingsLabel(p, lang)} />
      <Problems lang={lang} heading={f.errorHeading} problems={problems} />
      <SettingsForm lang={lang} year={year} settings={settings} values={values} errors={errors} />
      {settings && (
        <div class="split">
          <form method="post" action={`/finance/years/${year}/run`} class="card">
            <p class="meta">{f.runHint}</p>
            <button type="submit">{f.run}</button>
          </form>
          <form method="post" action={`/finance/years/${year}/send`} class="card">
            <p class="meta">{f.sendHint}</p>
            <button type="submit" class="secondary">
              {f.send}
            </button>
          </form>
        </div>
      )}
      {overview && (
        <>
          <h2>{f.overview}</h2>
          {!computed && <p>{f.notComputed}</p>}
          <OverviewTable lang={lang} overview={overview} year={year} />
          <h2>{f.balances}</h2>
          <p class="meta">{f.balancesHint}</p>
          <dl class="facts card">
            <dt>{f.received}</dt>
            <dd>{kr(overview.balances.receivedOre)}</dd>
            <dt>
              {f.grantShareAmount(
                `${overview.settings.grantShare.numerator}/${overview.settings.grantShare.denominator}`,
              )}
            </dt>
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
          {computed && (
            <>
              <h2>{f.contributionChart}</h2>
              <ContributionChart
                lang={lang}
                rows={overview.rows.map((r) => ({
                  name: r.name,
                  demandOre: r.totalDueOre,
                  paidOre: r.paidOre,
                }))}
              />
              <p class="meta">{f.contributionChartDesc}</p>
            </>
          )}
          <h2>{f.balanceChart}</h2>
          <div class="split">
            <BalanceChart lang={lang} year={year} openingOre={openingOre} points={points} />
            {points.length === 0 ? (
              <p>{f.noPayments}</p>
            ) : (
              <section class="table-wrap" aria-labelledby="balance-caption" tabindex={0}>
                <table class="compact">
                  <caption id="balance-caption" class="meta">
                    {f.balanceTable}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{f.date}</th>
                      <th scope="col" class="num">
                        {f.amount}
                      </th>
                      <th scope="col" class="num">
                        {f.cumulative}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
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
                  </tbody>
                </table>
              </section>
            )}
          </div>
          <h2>{f.exports}</h2>
          <ul class="links">
            <li>
              <a href={`/finance/years/${year}/exports/contributions.csv`} download>
                {f.contributionsCsv}
              </a>
            </li>
            <li>
              <a href={`/finance/years/${year}/exports/ledger.csv`} download>
                {f.ledgerCsv}
              </a>
            </li>
            <li>
              <a href={`/finance/years/${year}/ledger`}>{f.ledgerLink}</a>
            </li>
          </ul>
        </>
      )}
    </>
  );
}
