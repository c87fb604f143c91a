import { type AwardView, awardMovementInputSchema } from '../../functions/core/finance/award.schema.js';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors } from '../components/fields.js';
import { MoneyMovementForm } from '../components/money-movement-form.js';
import { Notice } from '../components/notice.js';
import { type MovementFormValues, maxLengthOf } from '../forms.js';
import { AwardEntries, AwardFacts } from './awards.page.js';

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
        <DataTable
          compact
          caption={a.listTitle}
          captionId="awards-caption"
          columns={[
            { label: a.reference },
            { label: a.projectTitle },
            { label: a.committed, num: true },
            { label: a.disbursed, num: true },
            { label: a.remaining, num: true },
            { label: a.status },
          ]}
        >
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
        </DataTable>
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

/** The label of a field of the tranche or the refund form (/tranche/amountOre, /refund/paidOn, …). */
function awardFormLabel(pointer: string, lang: Lang): string {
  const a = texts[lang].award;
  const [, form, name] = pointer.split('/');
  if (name === 'amountOre') return form === 'refund' ? a.refundAmount : a.trancheAmount;
  if (name === 'paidOn') return a.paidOn;
  if (name === 'reference') return a.bankReference;
  return pointer;
}

const LIMITS = { reference: maxLengthOf(awardMovementInputSchema.shape.reference) };

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
  tranche: MovementFormValues;
  refund: MovementFormValues;
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
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={(p) => awardFormLabel(p, lang)} />
      <AwardFacts lang={lang} award={award} />
      <AwardEntries lang={lang} entries={entries} />
      <div class="split">
        {award.status === 'committed' ? (
          <MoneyMovementForm
            kind="tranche"
            action={`${base}/disbursements`}
            values={tranche}
            errors={errors}
            limits={LIMITS}
            words={{
              title: a.tranche,
              amount: a.trancheAmount,
              amountHint: a.trancheHint(kr(award.remainingOre)),
              paidOn: a.paidOn,
              reference: a.bankReference,
              submit: a.recordTranche,
            }}
          />
        ) : (
          <section class="card" aria-labelledby="tranche-title">
            <h2 id="tranche-title">{a.tranche}</h2>
            <p>{a.closedNoTranche}</p>
          </section>
        )}
        <MoneyMovementForm
          kind="refund"
          action={`${base}/refunds`}
          values={refund}
          errors={errors}
          limits={LIMITS}
          secondary
          words={{
            title: a.refund,
            amount: a.refundAmount,
            amountHint: a.refundHint(kr(award.refundableOre)),
            paidOn: a.paidOn,
            reference: a.bankReference,
            submit: a.recordRefund,
          }}
        />
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
