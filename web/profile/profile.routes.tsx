import { Hono } from 'hono';
import * as z from 'zod';
import { profilePatchSchema } from '../../functions/core/auth/profile.schema.js';
import { clearProfile, getProfile, updateProfile } from '../../functions/core/auth/profile.service.js';
import { searchOrganisations } from '../../functions/core/organisations/organisation.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { formAction } from '../form-action.js';
import { field } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { ProfilePage, type ProfileValues } from './profile.page.js';

/** "Min profil" (issue 11): the signed-in person's own organisation, picked from the registry. */
export function profileRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  const render = async (
    c: WebContext,
    state: { errors?: Errors; values?: ProfileValues; status?: 200 | 400 | 409 | 422; notice?: string },
  ) => {
    const ctx = webCtx(c);
    const [profile, organisations] = await Promise.all([
      getProfile(deps.core, ctx.actor),
      searchOrganisations(deps.core, ''),
    ]);
    // After a stale write the form shows the profile as it now stands, at its new version, to send again.
    const values = state.status === 409 ? undefined : state.values;
    return page(
      c,
      texts[ctx.lang].profile.title,
      <ProfilePage
        lang={ctx.lang}
        profile={profile}
        organisations={organisations}
        errors={state.errors ?? new Errors(ctx.lang)}
        values={values}
        notice={state.notice}
      />,
      state.status ?? 200,
    );
  };

  app.get('/me/profile', (c) => {
    const p = texts[c.get('lang')].profile;
    return render(
      c,
      c.req.query('saved') ? { notice: p.saved } : c.req.query('cleared') ? { notice: p.cleared } : {},
    );
  });

  app.post(
    '/me/profile',
    formAction({
      values: (body): ProfileValues => ({
        organisation: field(body, 'organisation'),
        version: field(body, 'version'),
      }),
      input: (v) => ({ organisation: v.organisation }),
      schema: profilePatchSchema,
      // The version read travels in the form; one that is not a number is a stale form (409, read it again).
      run: (input, { ctx, values }) => updateProfile(deps.core, ctx, input, Number(values.version)),
      done: () => '/me/profile?saved=1',
      render: (c, state) => render(c, { errors: state.errors, values: state.values, status: state.status }),
    }),
  );

  app.post(
    '/me/profile/clear',
    formAction({
      values: (body): ProfileValues => ({ organisation: '', version: field(body, 'version') }),
      input: () => ({}),
      schema: z.strictObject({}),
      // A version that is not a number is a stale form, as above.
      run: (_input, { ctx, values }) => clearProfile(deps.core, ctx, Number(values.version)),
      done: () => '/me/profile?cleared=1',
      // After a stale read the page shows the profile as it now stands (409).
      render: (c, state) => render(c, { errors: state.errors, status: state.status }),
    }),
  );

  return app;
}
