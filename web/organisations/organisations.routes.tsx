import { Hono } from 'hono';
import {
  type Organisation,
  organisationInputSchema,
  organisationListSchema,
  organisationPatchSchema,
  placeFlagSchema,
} from '../../functions/core/organisations/organisation.schema.js';
import {
  createOrganisation,
  getOrganisationHistory,
  listOrganisationFlags,
  listOrganisationsPage,
  placeFlaggedName,
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
import { OrganisationFlags, type PlaceValues } from './organisation-flags.js';
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

  const renderList = async (
    c: WebContext,
    options: { errors?: Errors; values?: PlaceValues; status?: 200 | 400 | 404 | 409 | 422 } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const query = organisationListSchema.safeParse(c.req.query());
    const q = query.success ? (query.data.q ?? '') : '';
    const cursor = query.success ? query.data.cursor : undefined;
    const [all, flags] = await Promise.all([
      searchOrganisations(deps.core, ''),
      listOrganisationFlags(deps.core, actor),
    ]);
    const o = texts[lang].organisations;
    const render = (found: { items: Organisation[]; cursor?: string }, status: number, badCursor = false) =>
      page(
        c,
        o.title,
        <OrganisationsPage
          lang={lang}
          q={q}
          items={found.items}
          parents={new Map(all.map((org) => [org.id, org.name]))}
          nextCursor={found.cursor}
          paged={cursor !== undefined}
          badCursor={badCursor}
          notice={c.req.query('placed') ? o.placed : undefined}
          flags={
            <OrganisationFlags
              lang={lang}
              flags={flags}
              organisations={all}
              errors={options.errors ?? new Errors(lang)}
              values={options.values}
            />
          }
        />,
        status as 200,
      );
    try {
      if (!query.success) return render({ items: [] }, 400, true);
      return render(
        await listOrganisationsPage(deps.core, actor, { q, ...(cursor ? { cursor } : {}) }),
        options.status ?? 200,
      );
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'VALIDATION_FAILED')) throw error;
      if (!errorsOf(error).some((e) => e.pointer.endsWith('/cursor'))) throw error;
      return render({ items: [] }, 400, true);
    }
  };

  app.get('/organisations', (c) => renderList(c));

  app.post(
    '/organisations/flags',
    formAction({
      values: (body): PlaceValues => ({
        key: field(body, 'key'),
        organisationId: field(body, 'organisationId'),
        sector: field(body, 'sector'),
      }),
      input: (v) =>
        v.organisationId
          ? { key: v.key, organisationId: v.organisationId }
          : { key: v.key, create: { name: v.key, sector: v.sector } },
      schema: placeFlagSchema,
      run: async (input, { ctx }) => {
        // A new organisation takes the name as it was typed (the first spelling flagged), not its compared form.
        if (!('create' in input)) return placeFlaggedName(deps.core, ctx, input);
        const flagged = (await listOrganisationFlags(deps.core, ctx.actor)).find((f) => f.key === input.key);
        return placeFlaggedName(deps.core, ctx, {
          ...input,
          create: { ...input.create, name: flagged?.name ?? input.create.name },
        });
      },
      done: () => '/admin/organisations?placed=1#flags',
      render: (c, state) =>
        renderList(c, { errors: state.errors, values: state.values, status: state.status }),
    }),
  );

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
