import { SECTORS } from '../../functions/core/applications/application.schema.js';
import type { Organisation } from '../../functions/core/organisations/organisation.schema.js';
import type { FlaggedName } from '../../functions/core/organisations/organisation.service.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { type Errors, SelectField } from '../components/fields.js';

/** What was posted to place one name. */
export interface PlaceValues {
  key: string;
  organisationId: string;
  sector: string;
}

const keyId = (key: string) => key.replace(/[^A-Za-z0-9-]/g, '_');

/**
 * The names typed on applications that the registry does not know, each with a form to place it: map it to an
 * organisation of the registry, or create it (issue 11). Part of the registry's list page.
 */
export function OrganisationFlags({
  lang,
  flags,
  organisations,
  errors,
  values,
}: {
  lang: Lang;
  flags: FlaggedName[];
  organisations: Organisation[];
  errors: Errors;
  values?: PlaceValues | undefined;
}) {
  const t = texts[lang];
  const o = t.organisations;
  return (
    <section aria-labelledby="flags">
      <h2 id="flags">{o.flagsTitle}</h2>
      <p>{o.flagsIntro}</p>
      {flags.length === 0 && <p>{o.noFlags}</p>}
      {flags.map((flag) => {
        const mine = values?.key === flag.key ? values : undefined;
        const at = (leaf: string) => (mine ? `/${leaf}` : `/flags/${keyId(flag.key)}/${leaf}`);
        const headingId = `flag-${keyId(flag.key)}`;
        return (
          <article class="card" aria-labelledby={headingId}>
            <h3 id={headingId}>{flag.name}</h3>
            {flag.applications.length > 0 && (
              <p>
                {o.flaggedIn}:{' '}
                {flag.applications.map((a, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={`/applications/${a.id}`}>{a.title ?? a.id}</a>
                  </>
                ))}
              </p>
            )}
            {flag.people.length > 0 && (
              <p>
                {o.pickedBy}: {flag.people.map((p) => p.name ?? p.id).join(', ')}
              </p>
            )}
            <form method="post" action="/admin/organisations/flags" novalidate>
              <input type="hidden" name="key" value={flag.key} />
              <SelectField
                pointer={at('organisationId')}
                name="organisationId"
                label={`${o.mapTo}: ${flag.name}`}
                errors={errors}
                value={mine?.organisationId}
                placeholder={o.createNew}
                options={organisations.map((org) => ({ value: org.id, label: org.name }))}
              />
              <SelectField
                pointer={at('create/sector')}
                name="sector"
                label={`${o.newSector}: ${flag.name}`}
                errors={errors}
                value={mine?.sector}
                placeholder={o.sectorPlaceholder}
                options={SECTORS.map((s) => ({ value: s, label: t.sector[s] }))}
              />
              <div class="actions">
                <button type="submit">{o.place}</button>
              </div>
            </form>
          </article>
        );
      })}
    </section>
  );
}
