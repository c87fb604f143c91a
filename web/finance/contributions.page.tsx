import type { OverviewRow } from '../../functions/core/finance/contribution.service.js';
import {
  adjustmentInputSchema,
  type ContributionView,
  type LedgerEntry,
  paymentInputSchema,
} from '../../functions/core/finance/finance.schema.js';
import { formatInteger, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ErrorSummary, type Errors } from '../components/fields.js';
import { LedgerTable } from '../components/ledger-table.js';
import { MoneyMovementForm } from '../components/money-movement-form.js';
import { Notice } from '../components/notice.js';
import { type MovementFormValues, maxLengthOf } from '../forms.js';

/** Where a party's contribution stands, in words: not computed, computed but not sent, or its payment status. */
export const statusText = (row: Pick<OverviewRow, 'state' | 'status'>, lang: Lang): string => {
  const s = texts[lang].finance.statuses;
  if (row.state === 'not_computed') return s.not_computed;
  if (row.state === 'computed') return s.computed;
  return row.status ? s[row.status] : s.not_computed;
};

function movementLabel(pointer: string, lang: Lang): string {
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

const LIMITS = {
  reference: maxLengthOf(paymentInputSchema.shape.reference),
  reason: maxLengthOf(adjustmentInputSchema.shape.reason),
};

/**
 * One party's contribution for a year: where it stands, its payments and adjustments, and the forms that
 * record a payment (once per form, by its key) and, once the demand is sent, an adjustment.
 */
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
  payment: MovementFormValues;
  adjustment: MovementFormValues;
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
      <Notice text={notice} />
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
        <MoneyMovementForm
          kind="payment"
          action={`${base}/payments`}
          values={payment}
          errors={errors}
          limits={LIMITS}
          words={{
            title: f.payment,
            amount: f.paymentAmount,
            amountHint: f.paymentAmountHint,
            paidOn: f.paidOn,
            reference: f.reference,
            submit: f.recordPayment,
          }}
        />
        {c.state === 'sent' ? (
          <MoneyMovementForm
            kind="adjustment"
            action={`${base}/adjustments`}
            values={adjustment}
            errors={errors}
            limits={LIMITS}
            signed
            secondary
            words={{
              title: f.adjustment,
              intro: f.adjustmentHint,
              amount: f.adjustmentAmount,
              amountHint: f.adjustmentAmountHint,
              reason: f.reason,
              submit: f.recordAdjustment,
            }}
          />
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
