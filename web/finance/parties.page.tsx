import { DEFAULT_RATE_ORE_PER_CITIZEN, demandOre } from '../../functions/core/finance/contributions.js';
import type { PartyView } from '../../functions/core/finance/finance.schema.js';
import type { PartyFunding } from '../../functions/core/finance/party-funding.service.js';
import { formatBasisPoints, formatInteger, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { FundedList } from '../components/funded-list.js';

const number = formatInteger;

/** What a party pays a year at FIM's standard rate, from its latest population (public figures only). */
const yearly = (p: PartyView) =>
  p.latestPopulation ? demandOre(p.latestPopulation.population, DEFAULT_RATE_ORE_PER_CITIZEN) : undefined;

export function PartiesPage({ lang, parties }: { lang: Lang; parties: PartyView[] }) {
  const f = texts[lang].finance;
  return (
    <>
      <h1>{f.publicTitle}</h1>
      <p class="lead">{f.publicIntro}</p>
      <DataTable
        compact
        caption={f.publicTitle}
        columns={[
          { label: f.party },
          { label: f.latestPopulation, num: true },
          { label: f.yearlyPays, num: true },
        ]}
      >
        {parties.map((p) => {
          const pays = yearly(p);
          return (
            <tr>
              <th scope="row">
                <a href={`/parties/${p.id}`}>{p.name}</a>
              </th>
              <td class="num">
                {p.latestPopulation
                  ? `${number(p.latestPopulation.population, lang)} (${p.latestPopulation.year})`
                  : f.noPopulation}
              </td>
              <td class="num">{pays === undefined ? f.none : formatKr(pays, lang)}</td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

export function PartyPage({ lang, party, funding }: { lang: Lang; party: PartyView; funding: PartyFunding }) {
  const f = texts[lang].finance;
  const pays = yearly(party);
  return (
    <>
      <p>
        <a href="/parties">{f.allParties}</a>
      </p>
      <h1>{party.name}</h1>
      <dl class="facts card">
        <dt>{f.kind}</dt>
        <dd>{f.kindLabel[party.kind]}</dd>
        <dt>{f.latestPopulation}</dt>
        <dd>
          {party.latestPopulation
            ? `${number(party.latestPopulation.population, lang)} ${f.populationOn(party.latestPopulation.year)}${
                party.latestPopulation.derived ? ` (${f.derived})` : ''
              }`
            : f.noPopulation}
        </dd>
        <dt>{f.yearlyPays}</dt>
        <dd>{pays === undefined ? f.none : formatKr(pays, lang)}</dd>
      </dl>
      {pays !== undefined && (
        <p>{f.paysText(formatKr(pays, lang), formatKr(DEFAULT_RATE_ORE_PER_CITIZEN, lang))}</p>
      )}
      <h2>{f.fundedTitle}</h2>
      <p>{texts[lang].award.fundedIntro}</p>
      {funding.poolReceivedOre > 0 ? (
        <p id="party-funding">
          {f.fundingText(
            party.name,
            party.kind,
            formatKr(funding.paidOre, lang),
            formatBasisPoints(funding.shareBasisPoints, lang),
            formatKr(funding.fundedOre, lang),
          )}
        </p>
      ) : (
        <p id="party-funding">{f.fundingNone(party.kind)}</p>
      )}
      <FundedList lang={lang} funded={funding.projects} partyShare={funding.poolReceivedOre > 0} />
    </>
  );
}
