import { Hono } from 'hono';
import {
  type Organisation,
  organisationInputSchema,
  organisationListSchema,
  organisationPatchSchema,
} from '../../functions/core/organisations/organisation.schema.js';
import {
  createOrganisation,
  getOrganisationHistory,
  listOrganisationsPage,
  requireRegistryAdmin,
  searchOrganisations,
  updateOrganisation,
} from '../../functions/core/organisations/organisation.service.js';
import { AppError, errorsOf } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { formAction } from '../form-action.js';
import { field } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import {
  OrganisationFormPage,
  OrganisationsPage,
  type OrganisationValues,
  valuesOf,
} from './organisations.page.js';

const EMPTY: OrganisationValues = { name: '', cvr: '', sector: '', parentId: '', version: '' };

const typed = (body: Parameters<typeof field>[0]): OrganisationValues => ({
  name: field(body, 'name'),
  cvr: field(body, 'cvr').trim(),
  sector: field(body, 'sector'),
  parentId: field(body, 'parentId'),
  version: field(body, 'version'),
});

/** The registry's admin pages (issue 11): the list, a new organisation, an organisation's edit form and history. */
export function organisationAdminRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Every page here is the registry's upkeep: the core says who keeps it.
  for (const path of ['/organisations', '/organisations/*'])
    app.use(path, async (c, next) => {
      requireRegistryAdmin(webCtx(c).actor);
      await next();
    });

  app.get('/organisations', async (c) => {
    const { actor, lang } = webCtx(c);
    const query = organisationListSchema.safeParse(c.req.query());
    const q = query.success ? (query.data.q ?? '') : '';
    const cursor = query.success ? query.data.cursor : undefined;
    const render = async (
      found: { items: Organisation[]; cursor?: string },
      status: 200 | 400,
      badCursor = false,
    ) => {
      const all = await searchOrganisations(deps.core, '');
      return page(
        c,
        texts[lang].organisations.title,
        <OrganisationsPage
          lang={lang}
          q={q}
          items={found.items}
          parents={new Map(all.map((o) => [o.id, o.name]))}
          nextCursor={found.cursor}
          paged={cursor !== undefined}
          badCursor={badCursor}
          notice={c.req.query('saved') ? texts[lang].organisations.saved : undefined}
        />,
        status,
      );
    };
    try {
      if (!query.success) return await render({ items: [] }, 400, true);
      return await render(
        await listOrganisationsPage(deps.core, actor, { q, ...(cursor ? { cursor } : {}) }),
        200,
      );
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'VALIDATION_FAILED')) throw error;
      if (!errorsOf(error).some((e) => e.pointer.endsWith('/cursor'))) throw error;
      return render({ items: [] }, 400, true);
    }
  });

  const renderForm = async (
    c: WebContext,
    options: {
      id?: string;
      values?: OrganisationValues;
      errors?: Errors;
      status?: 200 | 400 | 409 | 422;
      notice?: string | undefined;
    },
  ) => {
    const ctx = webCtx(c);
    const o = texts[ctx.lang].organisations;
    const all = await searchOrganisations(deps.core, '');
    const found = options.id ? await getOrganisationHistory(deps.core, ctx.actor, options.id) : undefined;
    return page(
      c,
      found ? o.editTitle(found.organisation.name) : o.newTitle,
      <OrganisationFormPage
        lang={ctx.lang}
        organisation={found?.organisation}
        values={options.values ?? (found ? valuesOf(found.organisation) : EMPTY)}
        errors={options.errors ?? new Errors(ctx.lang)}
        all={all}
        history={found?.history}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/organisations/new', (c) => renderForm(c, {}));

  app.post(
    '/organisations/new',
    formAction({
      values: typed,
      input: (v) => ({
        name: v.name,
        sector: v.sector,
        ...(v.cvr ? { cvr: v.cvr } : {}),
        ...(v.parentId ? { parentId: v.parentId } : {}),
      }),
      schema: organisationInputSchema,
      run: (input, { ctx }) => createOrganisation(deps.core, ctx, input),
      done: (created) => `/admin/organisations/${created.id}?created=1`,
      render: (c, state) =>
        renderForm(c, { values: state.values, errors: state.errors, status: state.status }),
    }),
  );

  app.get('/organisations/:id', (c) => {
    const o = texts[c.get('lang')].organisations;
    return renderForm(c, {
      id: c.req.param('id'),
      notice: c.req.query('created') ? o.created_ : c.req.query('saved') ? o.saved : undefined,
    });
  });

  app.post(
    '/organisations/:id',
    formAction({
      values: typed,
      input: (v) => ({ name: v.name, sector: v.sector, cvr: v.cvr || null, parentId: v.parentId || null }),
      schema: organisationPatchSchema,
      // The version read travels in the form; one that is not a number is a stale form (409, read it again).
      run: (patch, { ctx, values, c }) =>
        updateOrganisation(deps.core, ctx, c.req.param('id') ?? '', patch, Number(values.version)),
      done: (saved) => `/admin/organisations/${saved.id}?saved=1`,
      render: (c, state) =>
        renderForm(c, {
          id: c.req.param('id') ?? '',
          values: state.values,
          errors: state.errors,
          status: state.status,
        }),
    }),
  );

  return app;
}
