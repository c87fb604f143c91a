import type { Child } from 'hono/jsx';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { AWARD_TERMS, type AwardView } from '../../functions/core/finance/award.schema.js';
import type { AwardOffer } from '../../functions/core/finance/award.service.js';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ErrorSummary, type Errors, fieldId } from '../components/fields.js';
import { LedgerTable } from '../components/ledger-table.js';

/** The acceptance form's fields by pointer, for the error summary. */
function acceptLabel(pointer: string, lang: Lang): string {
  const a = texts[lang].award;
  return pointer === '/declaration' ? a.declaration : pointer === '/termsVersion' ? a.terms : pointer;
}

/**
 * The "Bevilling" section of an approved application, for its owner: the terms with their version, the
 * declaration and the button, and what is wrong at the top of it; once accepted, the award and a link to it.
 */
export function AwardAcceptSection({
  lang,
  application,
  offer,
  errors,
}: {
  lang: Lang;
  application: Application;
  offer: AwardOffer;
  errors: Errors;
}) {
  const a = texts[lang].award;
  const { award } = offer;
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
          <ErrorSummary errors={errors} labelOf={(p) => acceptLabel(p, lang)} />
          <p>{a.intro}</p>
          <dl class="facts">
            <dt>{a.amount}</dt>
            <dd>
              <strong>{formatKr(offer.amountOre, lang)}</strong>
            </dd>
          </dl>
          <h3 id={fieldId('/termsVersion')}>{a.terms}</h3>
          <blockquote>
            <p>{a.termsText[AWARD_TERMS.version]}</p>
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
                  id={fieldId('/declaration')}
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

/**
 * An award's facts: whose it is and its status; unless `brief`, also what was awarded, paid out, paid back
 * and is left, and when it was accepted and closed.
 */
export function AwardFacts({
  lang,
  award,
  brief = false,
  statusLabel,
}: {
  lang: Lang;
  award: AwardView;
  brief?: boolean;
  statusLabel?: string;
}) {
  const a = texts[lang].award;
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
      <dt>{statusLabel ?? a.status}</dt>
      <dd>
        <strong>{a.statuses[award.status]}</strong>
      </dd>
      {!brief && <AwardFigures lang={lang} award={award} />}
    </dl>
  );
}

function AwardFigures({ lang, award }: { lang: Lang; award: AwardView }) {
  const a = texts[lang].award;
  const kr = (ore: number) => formatKr(ore, lang);
  return (
    <>
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
    </>
  );
}

/** An award's ledger entries: its commitment, tranches, refunds and release. */
export function AwardEntries({ lang, entries }: { lang: Lang; entries: LedgerEntry[] }) {
  const a = texts[lang].award;
  return (
    <>
      <h2>{a.entries}</h2>
      <LedgerTable
        lang={lang}
        entries={entries}
        id="award-entries-caption"
        caption={a.entries}
        emptyText={a.noEntries}
      />
    </>
  );
}

/** An award as its owner (and finance) reads it: the figures, its ledger entries and its reports. */
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
      <AwardEntries lang={lang} entries={entries} />
      {reports}
      {financeLink && (
        <p>
          <a href={`/finance/awards/${award.applicationId}`}>{a.financeLink}</a>
        </p>
      )}
    </>
  );
}
