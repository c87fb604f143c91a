import type { Child } from 'hono/jsx';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { AWARD_TERMS, type AwardView } from '../../functions/core/finance/award.schema.js';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import type { FundedProject } from '../../functions/core/finance/party-funding.service.js';
import type { Report } from '../../functions/core/finance/report.schema.js';
import type { FieldError } from '../../functions/core/shared/errors.js';
import { formatDate, formatDateTime, formatKr, formatKrInput } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';
import { LedgerTable } from '../components/ledger-table.js';
import { Problems } from '../components/problems.js';

/** A movement form's strings: amount in kroner as typed, the bank date, the reference (and a tranche's key). */
export interface MovementValues {
  amount: string;
  paidOn: string;
  reference: string;
}
export interface TrancheValues extends MovementValues {
  idempotencyKey: string;
}

/**
 * The "Bevilling" section of an approved application, for its owner: the terms with their version, the
 * declaration and the button; once accepted, a link to the award.
 */
export function AwardAcceptSection({
  lang,
  application,
  award,
  errors,
  problems,
}: {
  lang: Lang;
  application: Application;
  award: AwardView | undefined;
  errors: Errors;
  problems: FieldError[];
}) {
  const a = texts[lang].award;
  const declarationError = errors.get('/declaration');
  return (
    <section class="card" aria-labelledby="award-title" id="award">
      <h2 id="award-title">{a.title}</h2>
      {award ? (
        <>
          <p>{a.acceptedText(formatDateTime(award.committedAt, lang))}</p>
          <dl class="facts">
            <dt>{a.committed}</dt>
            <dd>{formatKr(award.amountOre, lang)}</dd>
            <dt>{a.disbursed}</dt>
            <dd>{formatKr(award.disbursedOre, lang)}</dd>
            <dt>{a.status}</dt>
            <dd>{a.statuses[award.status]}</dd>
          </dl>
          <p>
            <a href={`/awards/${application.id}`}>{a.seeAward}</a>
          </p>
        </>
      ) : (
        <>
          <p>{a.intro}</p>
          <Problems lang={lang} heading={a.errorHeading} problems={problems} />
          <dl class="facts">
            <dt>{a.amount}</dt>
            <dd>
              <strong>{formatKr(application.decision?.amountOre ?? 0, lang)}</strong>
            </dd>
          </dl>
          <h3>{a.terms}</h3>
          <blockquote>
            <p>{AWARD_TERMS[lang]}</p>
          </blockquote>
          <p class="meta">{a.termsVersion(AWARD_TERMS.version)}</p>
          <form method="post" action={`/applications/${application.id}/award`} class="stack">
            <input type="hidden" name="termsVersion" value={AWARD_TERMS.version} />
            <div class={declarationError ? 'field field-error checks' : 'field checks'}>
              {declarationError && (
                <span class="error-message" id="f-declaration-error">
                  {declarationError}
                </span>
              )}
              <label>
                <input
                  type="checkbox"
                  name="declaration"
                  value="true"
                  id="f-declaration"
                  aria-describedby={declarationError ? 'f-declaration-error' : undefined}
                  aria-invalid={declarationError ? 'true' : undefined}
                />{' '}
                {a.declaration}
              </label>
            </div>
            <div class="actions">
              <button type="submit">{a.accept}</button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

function AwardFacts({ lang, award }: { lang: Lang; award: AwardView }) {
  const a = texts[lang].award;
  const kr = (ore: number) => formatKr(ore, lang);
  return (
    <dl class="facts card">
      {award.reference && (
        <>
          <dt>{a.reference}</dt>
          <dd>{award.reference}</dd>
        </>
      )}
      <dt>{a.owner}</dt>
      <dd>{award.ownerName}</dd>
      <dt>{a.status}</dt>
      <dd>
        <strong>{a.statuses[award.status]}</strong>
      </dd>
      <dt>{a.year}</dt>
      <dd>{award.year}</dd>
      <dt>{a.committed}</dt>
      <dd>{kr(award.amountOre)}</dd>
      <dt>{a.disbursed}</dt>
      <dd>{kr(award.disbursedOre)}</dd>
      <dt>{a.refunded}</dt>
      <dd>{kr(award.refundedOre)}</dd>
      <dt>{a.remaining}</dt>
      <dd>{kr(award.remainingOre)}</dd>
      {(award.releasedOre ?? 0) > 0 && (
        <>
          <dt>{a.released}</dt>
          <dd>{kr(award.releasedOre ?? 0)}</dd>
        </>
      )}
      <dt>{a.committedAt}</dt>
      <dd>{formatDateTime(award.committedAt, lang)}</dd>
      {award.closedAt && (
        <>
          <dt>{a.closedAt}</dt>
          <dd>{formatDateTime(award.closedAt, lang)}</dd>
        </>
      )}
      <dt>{a.termsAccepted}</dt>
      <dd>{award.termsVersion}</dd>
    </dl>
  );
}

/** An award as its owner (and finance) reads it: the figures and its ledger entries. */
export function AwardPage({
  lang,
  award,
  entries,
  financeLink,
  reports,
}: {
  lang: Lang;
  award: AwardView;
  entries: LedgerEntry[];
  financeLink: boolean;
  reports?: Child;
}) {
  const a = texts[lang].award;
  return (
    <>
      <p>
        <a href={`/applications/${award.applicationId}`}>{a.application}</a>
      </p>
      <h1>
        {a.title}: {award.title ?? award.reference ?? award.applicationId}
      </h1>
      <AwardFacts lang={lang} award={award} />
      <h2>{a.entries}</h2>
      <LedgerTable
        lang={lang}
        entries={entries}
        id="award-entries-caption"
        caption={texts[lang].award.entries}
        emptyText={texts[lang].award.noEntries}
      />
      {reports}
      {financeLink && (
        <p>
          <a href={`/finance/awards/${award.applicationId}`}>{a.financeLink}</a>
        </p>
      )}
    </>
  );
}

/** Every award, for finance: what was awarded, paid out and is left. */
export function AwardsListPage({ lang, awards }: { lang: Lang; awards: AwardView[] }) {
  const a = texts[lang].award;
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  return (
    <>
      <p>
        <a href="/finance">{f.title}</a>
      </p>
      <h1>{a.listTitle}</h1>
      <p class="lead">{a.listIntro}</p>
      {awards.length === 0 ? (
        <p>{a.noAwards}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="awards-caption" tabindex={0}>
          <table class="compact">
            <caption id="awards-caption" class="meta">
              {a.listTitle}
            </caption>
            <thead>
              <tr>
                <th scope="col">{a.reference}</th>
                <th scope="col">{a.projectTitle}</th>
                <th scope="col" class="num">
                  {a.committed}
                </th>
                <th scope="col" class="num">
                  {a.disbursed}
                </th>
                <th scope="col" class="num">
                  {a.remaining}
                </th>
                <th scope="col">{a.status}</th>
              </tr>
            </thead>
            <tbody>
              {awards.map((w) => (
                <tr>
                  <th scope="row">
                    <a href={`/finance/awards/${w.applicationId}`}>{w.reference ?? w.applicationId}</a>
                  </th>
                  <td>{w.title ?? f.none}</td>
                  <td class="num">{kr(w.amountOre)}</td>
                  <td class="num">{kr(w.disbursedOre)}</td>
                  <td class="num">{kr(w.remainingOre)}</td>
                  <td>{a.statuses[w.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h2>{f.exports}</h2>
      <ul class="links">
        <li>
          <a href="/finance/awards.csv">{a.csv}</a>
        </li>
      </ul>
    </>
  );
}

export function awardFormLabel(pointer: string, lang: Lang): string {
  const a = texts[lang].award;
  const labels: Record<string, string> = {
    '/tranche/amountOre': a.trancheAmount,
    '/tranche/paidOn': a.paidOn,
    '/tranche/reference': a.bankReference,
    '/refund/amountOre': a.refundAmount,
    '/refund/paidOn': a.paidOn,
    '/refund/reference': a.bankReference,
  };
  return labels[pointer] ?? pointer;
}

/** One award for finance: its figures and entries, the tranche and refund forms and the close button. */
export function FinanceAwardPage({
  lang,
  award,
  entries,
  tranche,
  refund,
  errors,
  notice,
}: {
  lang: Lang;
  award: AwardView;
  entries: LedgerEntry[];
  tranche: TrancheValues;
  refund: MovementValues;
  errors: Errors;
  notice?: string | undefined;
}) {
  const a = texts[lang].award;
  const kr = (ore: number) => formatKr(ore, lang);
  const base = `/finance/awards/${award.applicationId}`;
  return (
    <>
      <p>
        <a href="/finance/awards">{a.backToList}</a>
      </p>
      <h1>
        {a.title}: {award.title ?? award.reference ?? award.applicationId}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} labelOf={(p) => awardFormLabel(p, lang)} />
      <AwardFacts lang={lang} award={award} />
      <h2>{a.entries}</h2>
      <LedgerTable
        lang={lang}
        entries={entries}
        id="award-entries-caption"
        caption={texts[lang].award.entries}
        emptyText={texts[lang].award.noEntries}
      />
      <div class="split">
        {award.status === 'committed' ? (
          <form method="post" action={`${base}/disbursements`} class="card" aria-labelledby="tranche-title">
            <h2 id="tranche-title">{a.tranche}</h2>
            <input type="hidden" name="idempotencyKey" value={tranche.idempotencyKey} />
            <TextField
              pointer="/tranche/amountOre"
              name="amount"
              label={a.trancheAmount}
              hint={a.trancheHint(kr(award.remainingOre))}
              value={tranche.amount}
              errors={errors}
              inputMode="decimal"
            />
            <TextField
              pointer="/tranche/paidOn"
              name="paidOn"
              label={a.paidOn}
              type="date"
              value={tranche.paidOn}
              errors={errors}
            />
            <TextField
              pointer="/tranche/reference"
              name="reference"
              label={a.bankReference}
              value={tranche.reference}
              errors={errors}
              maxLength={200}
            />
            <div class="actions">
              <button type="submit">{a.recordTranche}</button>
            </div>
          </form>
        ) : (
          <section class="card" aria-labelledby="tranche-title">
            <h2 id="tranche-title">{a.tranche}</h2>
            <p>{a.closedNoTranche}</p>
          </section>
        )}
        <form method="post" action={`${base}/refunds`} class="card" aria-labelledby="refund-title">
          <h2 id="refund-title">{a.refund}</h2>
          <TextField
            pointer="/refund/amountOre"
            name="amount"
            label={a.refundAmount}
            hint={a.refundHint(kr(award.refundableOre))}
            value={refund.amount}
            errors={errors}
            inputMode="decimal"
          />
          <TextField
            pointer="/refund/paidOn"
            name="paidOn"
            label={a.paidOn}
            type="date"
            value={refund.paidOn}
            errors={errors}
          />
          <TextField
            pointer="/refund/reference"
            name="reference"
            label={a.bankReference}
            value={refund.reference}
            errors={errors}
            maxLength={200}
          />
          <div class="actions">
            <button type="submit" class="secondary">
              {a.recordRefund}
            </button>
          </div>
        </form>
      </div>
      {award.status === 'committed' && (
        <form method="post" action={`${base}/close`} class="card" aria-labelledby="close-title">
          <h2 id="close-title">{a.close}</h2>
          <p class="meta">{a.closeHint}</p>
          <div class="actions">
            <button type="submit" class="secondary">
              {a.close}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

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

/** A report form's strings as typed: the text and what was spent, in kroner. */
export interface ReportValues {
  text: string;
  spent: string;
}

/** Reports in the order they are due. */
export const byDueDate = (x: Report, y: Report) =>
  x.dueDate.localeCompare(y.dueDate) || x.reportId.localeCompare(y.reportId);

export const reportPointer = (reportId: string, name: 'text' | 'spentOre') => `/reports/${reportId}/${name}`;

export function reportFormLabel(pointer: string, lang: Lang): string {
  const r = texts[lang].report;
  if (pointer.endsWith('/text')) return r.text;
  if (pointer.endsWith('/spentOre')) return r.spent;
  return pointer;
}

/**
 * The "Rapporter" section of an award's page: each report's kind, due date and status, and for its owner a
 * form for each report that is due or was returned.
 */
export function ReportsSection({
  lang,
  applicationId,
  reports,
  owner,
  values,
  errors,
  notice,
}: {
  lang: Lang;
  applicationId: string;
  reports: Report[];
  owner: boolean;
  values: Record<string, ReportValues>;
  errors: Errors;
  notice?: string | undefined;
}) {
  const r = texts[lang].report;
  const sorted = [...reports].sort(byDueDate);
  const open = owner ? sorted.filter((x) => x.status === 'due' || x.status === 'returned') : [];
  return (
    <section aria-labelledby="reports-title" id="reports">
      <h2 id="reports-title">{r.title}</h2>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} labelOf={(p) => reportFormLabel(p, lang)} />
      {sorted.length === 0 ? (
        <p>{r.none}</p>
      ) : (
        <>
          {owner && <p>{r.intro}</p>}
          <section class="table-wrap" aria-labelledby="reports-caption" tabindex={0}>
            <table class="compact">
              <caption id="reports-caption" class="meta">
                {r.title}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{r.kind}</th>
                  <th scope="col">{r.dueDate}</th>
                  <th scope="col">{r.status}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((x) => (
                  <tr>
                    <th scope="row">{r.kinds[x.kind]}</th>
                    <td>{formatDate(x.dueDate, lang)}</td>
                    <td>{r.statuses[x.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      {open.map((x) => {
        const v = values[x.reportId] ?? { text: x.text ?? '', spent: formatKrInput(x.spentOre) };
        const titleId = `report-${x.reportId}-title`;
        return (
          <form
            method="post"
            action={`/awards/${applicationId}/reports/${x.reportId}`}
            class="card stack"
            aria-labelledby={titleId}
          >
            <h3 id={titleId}>
              {r.submitTitle(r.kinds[x.kind])} ({formatDate(x.dueDate, lang)})
            </h3>
            {x.status === 'returned' && x.returnReason && (
              <p>
                {r.returnedBecause} <q>{x.returnReason}</q>
              </p>
            )}
            <input type="hidden" name="_version" value={String(x.version)} />
            <TextField
              pointer={reportPointer(x.reportId, 'text')}
              name="text"
              label={r.text}
              hint={r.textHint}
              value={v.text}
              errors={errors}
              multiline
              maxLength={20_000}
            />
            <TextField
              pointer={reportPointer(x.reportId, 'spentOre')}
              name="spent"
              label={r.spent}
              hint={r.spentHint}
              optionalText={r.optional}
              value={v.spent}
              errors={errors}
              inputMode="decimal"
            />
            <div class="actions">
              <button type="submit">{r.submit}</button>
            </div>
          </form>
        );
      })}
    </section>
  );
}
