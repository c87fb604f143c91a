import type { Profile } from '../../functions/core/auth/profile.schema.js';
import type { Organisation } from '../../functions/core/organisations/organisation.schema.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { ORGANISATION_CHOICES, OrganisationChoices } from '../organisations/organisation-choices.js';

/** What the profile form was sent with: the organisation as typed and the version read. */
export interface ProfileValues {
  organisation: string;
  version: string;
}

/**
 * "Min profil" (issue 11): who the person is and the organisation conflicts are judged by, with the form to pick
 * it from the registry (the same `<datalist>` the partner fields use: no script) or to type a new name.
 */
export function ProfilePage({
  lang,
  profile,
  organisations,
  errors,
  values,
  notice,
}: {
  lang: Lang;
  profile: Profile;
  organisations: readonly Organisation[];
  errors: Errors;
  values?: ProfileValues | undefined;
  notice?: string | undefined;
}) {
  const p = texts[lang].profile;
  return (
    <>
      <h1>{p.title}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={() => p.organisation} />
      <p>{p.intro}</p>
      <dl class="facts card">
        <dt>{p.name}</dt>
        <dd>{profile.name}</dd>
        <dt>{p.email}</dt>
        <dd>{profile.email}</dd>
        <dt>{p.current}</dt>
        <dd>
          {profile.organisation ? (
            <>
              {profile.organisation}{' '}
              <span class="meta">({profile.source === 'profile' ? p.fromProfile : p.fromIdentity})</span>
            </>
          ) : (
            p.none
          )}
        </dd>
        {profile.source === 'profile' && profile.identityOrganisation && (
          <>
            <dt>{p.identity}</dt>
            <dd>{profile.identityOrganisation}</dd>
          </>
        )}
      </dl>
      {profile.flagged && profile.organisation && (
        <p class="notice" role="status">
          {p.flagged(profile.organisation)}
        </p>
      )}
      <form method="post" action="/me/profile" novalidate>
        <input type="hidden" name="version" value={values?.version ?? String(profile.version)} />
        <OrganisationChoices organisations={organisations} />
        <TextField
          pointer="/organisation"
          name="organisation"
          label={p.organisation}
          hint={p.hint}
          errors={errors}
          value={values?.organisation ?? profile.organisation}
          autocomplete="organization"
          maxLength={200}
          list={ORGANISATION_CHOICES}
        />
        <div class="actions">
          <button type="submit">{p.save}</button>
        </div>
      </form>
      {profile.source === 'profile' && (
        <form method="post" action="/me/profile/clear">
          <input type="hidden" name="version" value={String(profile.version)} />
          <p>{p.clearIntro(profile.identityOrganisation)}</p>
          <div class="actions">
            <button type="submit" class="secondary">
              {p.clear}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
