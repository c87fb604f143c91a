import type { Call, GrantType } from '../../functions/core/calls/call.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { localized, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { StatusTag } from '../components/status-tag.js';

/** A call's title in the reader's language (the Danish when it has no English). */
export const callTitle = (call: Pick<Call, 'title' | 'titleEn'>, lang: Lang): string =>
  localized(lang, call.title, call.titleEn);

/** A grant type by its name in the reader's language, its code beside it: "Forskningsprojekt (A)". */
export const grantTypeLabel = (grantType: Pick<GrantType, 'id' | 'name' | 'nameEn'>, lang: Lang): string =>
  `${localized(lang, grantType.name, grantType.nameEn)} (${grantType.id})`;

/** An application's grant type as its call names it; the code alone when the call does not know it. */
export const grantTypeOf = (
  call: Pick<Call, 'grantTypes'> | undefined,
  id: string | undefined,
  lang: Lang,
) => {
  const grantType = call?.grantTypes.find((g) => g.id === id);
  return grantType ? grantTypeLabel(grantType, lang) : (id ?? '–');
};

/** The front page: the open calls, soonest deadline first. */
export function HomePage({ lang, calls }: { lang: Lang; calls: Call[] }) {
  const t = texts[lang];
  return (
    <>
      <h1>{t.home.title}</h1>
      <p class="lead">{t.home.intro}</p>
      {calls.length === 0 ? (
        <p>{t.home.none}</p>
      ) : (
        <ul class="cards">
          {calls.map((call) => (
            <li class="card">
              <h2>
                <a href={`/calls/${call.id}`}>{callTitle(call, lang)}</a>
              </h2>
              <dl class="facts">
                <dt>{t.home.deadline}</dt>
                <dd>{formatDateTime(call.closesAt, lang)}</dd>
                <dt>{t.home.budget}</dt>
                <dd>{formatKr(call.budgetOre, lang)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {/* What the 20 parties pay and what their money funded: public, for anyone. */}
      <p>
        <a href="/parties">{t.finance.publicTitle}</a>
      </p>
    </>
  );
}

/** A call as applicants read it, with the way to apply when it takes applications. */
export function CallPage({
  lang,
  call,
  signedIn,
  acceptsDrafts,
}: {
  lang: Lang;
  call: Call;
  signedIn: boolean;
  acceptsDrafts: boolean;
}) {
  const t = texts[lang];
  const description = localized(lang, call.description, call.descriptionEn);
  return (
    <>
      <p class="meta">
        <StatusTag status={call.status} lang={lang} />
      </p>
      <h1>{callTitle(call, lang)}</h1>
      {description.split(/\n{2,}/).map((para) => (
        <p class="lead">{para}</p>
      ))}
      <dl class="facts card">
        <dt>{t.call.deadline}</dt>
        <dd>{formatDateTime(call.closesAt, lang)}</dd>
        <dt>{t.call.opens}</dt>
        <dd>{formatDateTime(call.opensAt, lang)}</dd>
        <dt>{t.call.budget}</dt>
        <dd>{formatKr(call.budgetOre, lang)}</dd>
      </dl>
      <h2>{t.call.grantTypes}</h2>
      <ul>
        {call.grantTypes.map((g) => (
          <li>
            <strong>{g.id}</strong>: {localized(lang, g.name, g.nameEn)}, {t.call.maxAmount}{' '}
            {formatKr(g.maxAmountOre, lang)}
          </li>
        ))}
      </ul>
      <p>{t.call.minSectors(call.minSectors)}</p>
      <h2>{t.call.focusAreas}</h2>
      <ul>
        {call.focusAreas.map((f) => (
          <li>{t.focusArea[f]}</li>
        ))}
      </ul>
      <h2>{t.call.criteria}</h2>
      <ul>
        {call.criteria.map((c) => (
          <li>
            {localized(lang, c.name, c.nameEn)} ({t.call.weight} {c.weight})
          </li>
        ))}
      </ul>
      <div class="actions">
        {!acceptsDrafts ? (
          <p>{t.call.closed}</p>
        ) : signedIn ? (
          <form method="post" action={`/calls/${call.id}/apply`}>
            <button type="submit">{t.call.apply}</button>
          </form>
        ) : (
          <a class="button" href={`/login?next=${encodeURIComponent(`/calls/${call.id}`)}`}>
            {t.call.loginToApply}
          </a>
        )}
      </div>
    </>
  );
}
