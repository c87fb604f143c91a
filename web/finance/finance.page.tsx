import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** Finance's start page: the years, the awards, the pool and the population figures. */
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
        <li>
          <a href="/finance/messages">{texts[lang].messages.admin.financeLink}</a>
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
        <li>
          <a href="/finance/parties">{texts[lang].partyDetails.listTitle}</a>
        </li>
      </ul>
    </>
  );
}
