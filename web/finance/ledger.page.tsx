import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { LedgerTable } from '../components/ledger-table.js';

/** A ledger page's address: the first page has no cursor. */
export const ledgerHref = (year: number, cursor?: string): string =>
  `/finance/years/${year}/ledger${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;

/**
 * One page of the year's ledger, oldest first, with a link to the next page (the service's cursor) and back
 * to the first. `badCursor` is a page asked for with a cursor the service refused: a message, no entries.
 */
export function LedgerPage({
  lang,
  year,
  pageSize,
  entries,
  cursor,
  nextCursor,
  badCursor = false,
  awardReferences,
}: {
  lang: Lang;
  year: number;
  pageSize: number;
  entries: readonly LedgerEntry[];
  /** The cursor this page was asked for with; absent on the first page. */
  cursor?: string | undefined;
  nextCursor?: string | undefined;
  badCursor?: boolean;
  awardReferences?: ReadonlyMap<string, string>;
}) {
  const t = texts[lang].ledgerPage;
  const f = texts[lang].finance;
  return (
    <>
      <p>
        <a href={`/finance/years/${year}`}>{f.backToYear(year)}</a>
      </p>
      <h1>{t.title(year)}</h1>
      <p class="lead">{t.intro(pageSize)}</p>
      {badCursor ? (
        <div class="error-summary" role="alert" tabindex={-1} id="problems" autofocus>
          <p>{t.badCursor}</p>
        </div>
      ) : (
        <LedgerTable
          lang={lang}
          entries={entries}
          id="ledger-caption"
          caption={t.caption(year)}
          emptyText={t.empty}
          showRecordedBy
          showPartyOrAward
          {...(awardReferences ? { awardReferences } : {})}
        />
      )}
      <nav aria-label={t.pages}>
        <ul class="links">
          {(cursor || badCursor) && (
            <li>
              <a href={ledgerHref(year)}>{t.first}</a>
            </li>
          )}
          {nextCursor && (
            <li>
              <a href={ledgerHref(year, nextCursor)} rel="next">
                {t.next}
              </a>
            </li>
          )}
        </ul>
        {!nextCursor && !badCursor && entries.length > 0 && <p class="meta">{t.lastPage}</p>}
      </nav>
    </>
  );
}
