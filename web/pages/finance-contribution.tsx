import type { ContributionView, LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { formatInteger, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';
import { LedgerTable } from '../components/ledger-table.js';
import { statusText } from './finance.js';

export interface PaymentValues {
  amount: string;
  paidOn: string;
  reference: string;
  idempotencyKey: string;
}

export interface AdjustmentValues {
  amount: string;
  reason: string;
}

export function movementLabel(pointer: string, lang: Lang): string {
  const f = texts[lang].finance;
  const labels: Record<string, string> = {
    '/payment/amountOre': f.paymentAmount,
    '/payment/paidOn': f.paidOn,
    '/payment/reference': f.reference,
    '/adjustment/amountOre': f.adjustmentAmount,
    '/adjustment/reason': f.reason,
  };
  return labels[pointer] ?? pointer;
}

export function ContributionPage({
  lang,
  year,
  contribution,
  entries,
  payment,
  adjustment,
  errors,
  notice,
}: {
  lang: Lang;
  year: number;
  contribution: ContributionView;
  entries: LedgerEntry[];
  payment: PaymentValues;
  adjustment: AdjustmentValues;
  errors: Errors;
  notice?: string | undefined;
}) {
  const f = texts[lang].finance;
  const kr = (ore: number) => formatKr(ore, lang);
  const c = contribution;
  const base = `/finance/years/${year}/parties/${c.partyId}`;
  return (
    <>
      <p>
        <a href={`/finance/years/${year}`}>{f.backToYear(year)}</a>
      </p>
      <h1>
        {c.partyName} · {year}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} labelOf={(p) => movementLabel(p, lang)} />
      <h2>{f.contribution}</h2>
      <dl class="facts card">
        <dt>{f.status}</dt>
        <dd>
          <strong>{statusText(c, lang)}</strong>
          {c.overpaidOre > 0 && (
            <span class="flag">
              {' '}
              <span aria-hidden="true">⚠ </span>
              {f.overpaid(kr(c.overpaidOre))}
            </span>
          )}
        </dd>
        <dt>{f.referencePopulation(c.referenceYear)}</dt>
        <dd>
          {formatInteger(c.population, lang)}
          {c.populationDerived ? ` (${f.derived})` : ''}
        </dd>
        <dt>{f.rate}</dt>
        <dd>{kr(c.rateOre)}</dd>
        <dt>{f.demand}</dt>
        <dd>{kr(c.demandOre)}</dd>
        <dt>{f.adjustments}</dt>
        <dd>{kr(c.adjustmentsOre)}</dd>
        <dt>{f.totalDue}</dt>
        <dd>{kr(c.totalDueOre)}</dd>
        <dt>{f.paid}</dt>
        <dd>{kr(c.paidOre)}</dd>
        <dt>{f.outstanding}</dt>
        <dd>{kr(c.outstandingOre)}</dd>
      </dl>
      <h2>{f.entries}</h2>
      <LedgerTable
        lang={lang}
        entries={entries}
        id="entries-caption"
        caption={f.entries}
        emptyText={f.noEntries}
        showRecordedBy
      />
      <div class="split">
        <form method="post" action={`${base}/payments`} class="card" aria-labelledby="payment-title">
          <h2 id="payment-title">{f.payment}</h2>
          <input type="hidden" name="idempotencyKey" value={payment.idempotencyKey} />
          <TextField
            pointer="/payment/amountOre"
            name="amount"
            label={f.paymentAmount}
            hint={f.paymentAmountHint}
            value={payment.amount}
            errors={errors}
            inputMode="decimal"
          />
          <TextField
            pointer="/payment/paidOn"
            name="paidOn"
            label={f.paidOn}
            type="date"
            value={payment.paidOn}
            errors={errors}
          />
          <TextField
            pointer="/payment/reference"
            name="reference"
            label={f.reference}
            value={payment.reference}
            errors={errors}
            maxLength={200}
          />
          <div class="actions">
            <button type="submit">{f.recordPayment}</button>
          </div>
        </form>
        {c.state === 'sent' ? (
          <form method="post" action={`${base}/adjustments`} class="card" aria-labelledby="adjustment-title">
            <h2 id="adjustment-title">{f.adjustment}</h2>
            <p class="meta">{f.adjustmentHint}</p>
            <TextField
              pointer="/adjustment/amountOre"
              name="amount"
              label={f.adjustmentAmount}
              hint={f.adjustmentAmountHint}
              value={adjustment.amount}
              errors={errors}
            />
            <TextField
              pointer="/adjustment/reason"
              name="reason"
              label={f.reason}
              value={adjustment.reason}
              errors={errors}
              multiline
              maxLength={2000}
            />
            <div class="actions">
              <button type="submit" class="secondary">
                {f.recordAdjustment}
              </button>
            </div>
          </form>
        ) : (
          <section class="card" aria-labelledby="adjustment-title">
            <h2 id="adjustment-title">{f.adjustment}</h2>
            <p>{f.adjustNotSent}</p>
          </section>
        )}
      </div>
    </>
  );
}
