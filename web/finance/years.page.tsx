import type { BalancePoint } from '../../functions/core/finance/balances.js';
import type { Overview } from '../../functions/core/finance/contribution.service.js';
import { paymentDetailsSchema, type YearSettings } from '../../functions/core/finance/finance.schema.js';
import type { Party } from '../../functions/core/finance/parties.schema.js';
import type { FieldError } from '../../functions/core/shared/errors.js';
import { formatInteger, formatKr, formatKrInput } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ContributionChart } from '../components/charts.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { Problems } from '../components/problems.js';
import { maxLengthOf } from '../forms.js';
import { statusText } from './contributions.page.js';
import { BalanceThroughYear, YearBalances } from './pool.page.js';

/** The settings form as typed: numbers and amounts are text until the form is read. */
export interface SettingsValues {
  referenceYear: string;
  dueDate: string;
  municipalityRate: string;
  regionRate: string;
  numerator: string;
  denominator: string;
  payee: string;
  registrationNumber: string;
  accountNumber: string;
}

/** The stored settings as the form shows them, or FIM's defaults for a year not set up yet. */
export const settingsValues = (s: YearSettings | undefined, year: number): SettingsValues =>
  s
    ? {
        referenceYear: String(s.referenceYear),
        dueDate: s.dueDate,
        municipalityRate: formatKrInput(s.rates.municipalityOre),
        regionRate: formatKrInput(s.rates.regionOre),
        numerator: String(s.grantShare.numerator),
        denominator: String(s.grantShare.denominator),
        payee: s.paymentDetails?.payee ?? '',
        registrationNumber: s.paymentDetails?.registrationNumber ?? '',
        accountNumber: s.paymentDetails?.accountNumber ?? '',
      }
    : {
        referenceYear: String(year - 1),
        dueDate: `${year}-06-30`,
        municipalityRate: '1',
        regionRate: '1',
        numerator: '4',
        denominator: '5',
        payee: '',
        registrationNumber: '',
        accountNumber: '',
      };

function settingsLabel(pointer: string, lang: Lang): string {
  const f = texts[lang].finance;
  const labels: Record<string, string> = {
    '/referenceYear': f.referenceYear,
    '/dueDate': f.dueDate,
    '/rates/municipalityOre': f.municipalityRate,
    '/rates/regionOre': f.regionRate,
    '/grantShare': f.grantShare,
    '/grantShare/numerator': `${f.grantShare}: ${f.numerator}`,
    '/grantShare/denominator': `${f.grantShare}: ${f.denominator}`,
    '/paymentDetails': f.paymentDetails,
    '/paymentDetails/payee': f.payee,
    '/paymentDetails/registrationNumber': f.registrationNumber,
    '/paymentDetails/accountNumber': f.accountNumber,
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
  const shareError = errors.get('/grantShare');
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
      <fieldset id="f-grantShare" class={shareError ? 'field-error' : undefined}>
        <legend>{f.grantShare}</legend>
        <span class="hint">{f.grantShareHint}</span>
        {shareError && <span class="error-message">{shareError}</span>}
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
      <fieldset id="f-paymentDetails">
        <legend>{f.paymentDetails}</legend>
        <span class="hint">{f.paymentDetailsHint}</span>
        <div class="grid">
          <TextField
            pointer="/paymentDetails/payee"
            name="payee"
            label={f.payee}
            hint={f.payeeHint}
            value={values.payee}
            errors={errors}
            maxLength={maxLengthOf(paymentDetailsSchema.shape.payee)}
          />
          <TextField
            pointer="/paymentDetails/registrationNumber"
            name="registrationNumber"
            label={f.registrationNumber}
            hint={f.registrationNumberHint}
            value={values.registrationNumber}
            errors={errors}
            inputMode="numeric"
            narrow
          />
          <TextField
            pointer="/paymentDetails/accountNumber"
            name="accountNumber"
            label={f.accountNumber}
            hint={f.accountNumberHint}
            value={values.accountNumber}
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

function OverviewTable({ lang, overview, year }: { lang: Lang; overview: Overview; year: number }) {
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  const number = (n: number) => formatInteger(n, lang);
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
              <td class="num">{r.population === null ? f.none : number(r.population)}</td>
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
            <td class="num" aria-describedby="population-total-note">
              {number(overview.totals.population)}
              <span aria-hidden="true"> *</span>
            </td>
            <td class="num" />
            <td class="num">{kr(overview.totals.demandOre)}</td>
            <td class="num">{kr(overview.totals.adjustmentsOre)}</td>
            <td class="num">{kr(overview.totals.paidOre)}</td>
            <td class="num">{kr(overview.totals.outstandingOre)}</td>
            <td>{overview.totals.overpaidOre > 0 ? f.overpaid(kr(overview.totals.overpaidOre)) : ''}</td>
          </tr>
        </tfoot>
      </table>
      <p id="population-total-note" class="meta">
        <span aria-hidden="true">* </span>
        {f.populationTotalNote}
      </p>
    </section>
  );
}

/**
 * A year of finance: its settings, the run and the sending of the demands, the contributions by party, the
 * year's and the pool's money, and the exports. A year not set up yet shows its settings form only.
 */
export function YearPage({
  lang,
  year,
  overview,
  points,
  openingOre,
  unreachable = [],
  values,
  errors,
  problems,
  conflict = false,
  notice,
}: {
  lang: Lang;
  year: number;
  /** Undefined: the year is not set up. */
  overview: Overview | undefined;
  /** The pool's available money through the year. */
  points: readonly BalancePoint[];
  /** What earlier years carried over: where the balance chart starts. */
  openingOre: number;
  /** Parties with no invoicing e-mail: their demand cannot reach them. */
  unreachable?: readonly Pick<Party, 'id' | 'name'>[];
  values: SettingsValues;
  errors: Errors;
  problems: readonly FieldError[];
  /** The settings were changed elsewhere since the form was read: it shows them as they are now. */
  conflict?: boolean;
  notice?: string | undefined;
}) {
  const f = texts[lang].finance;
  const settings = overview?.settings;
  const computed = overview?.rows.some((r) => r.state !== 'not_computed') ?? false;
  return (
    <>
      <p>
        <a href="/finance">{f.title}</a>
      </p>
      <h1 class="wide">{f.yearTitle(year)}</h1>
      <Notice text={notice} />
      {conflict && (
        <div class="error-summary" role="alert" tabindex={-1} id="problems" autofocus>
          <p>{f.conflict}</p>
        </div>
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
            {settings.paymentDetails ? (
              <p id="pay-to">
                {f.payTo(
                  settings.paymentDetails.payee,
                  settings.paymentDetails.registrationNumber,
                  settings.paymentDetails.accountNumber,
                )}
              </p>
            ) : (
              <p class="flag" id="pay-to">
                <span aria-hidden="true">⚠ </span>
                {f.noPaymentDetails}
              </p>
            )}
            {unreachable.length > 0 && (
              <p class="flag" id="unreachable">
                <span aria-hidden="true">⚠ </span>
                {texts[lang].partyDetails.cannotReceiveList(unreachable.map((p) => p.name).join(', '))}{' '}
                <a href="/finance/parties">{texts[lang].partyDetails.link}</a>
              </p>
            )}
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
          <YearBalances lang={lang} overview={overview} />
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
          <BalanceThroughYear lang={lang} year={year} openingOre={openingOre} points={points} />
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
