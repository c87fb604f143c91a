import { Hono } from 'hono';
import { isAdmin } from '../functions/core/auth/principal.js';
import {
  CALL_STATUSES,
  type CallStatus,
  createCallSchema,
  updateCallSchema,
} from '../functions/core/calls/call.schema.js';
import {
  closeCall,
  createCall,
  getCall,
  listCalls,
  openCall,
  updateCall,
} from '../functions/core/calls/call.service.js';
import { AppError, type FieldError, forbidden } from '../functions/core/shared/errors.js';
import { parseInput } from '../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../functions/http/context.js';
import { parseKrInput } from '../functions/texts/format.js';
import type { Lang } from '../functions/texts/lang.js';
import { Errors } from './components/fields.js';
import { type FormBody, field, fields, rows } from './forms.js';
import {
  AdminCallListPage,
  adminTexts,
  CallFormPage,
  type CallFormValues,
  emptyCallValues,
  parseThreshold,
  valuesFromCall,
} from './pages/admin-calls.js';
import { formVersion, page, type WebContext, webCtx } from './render.js';

const valuesFromBody = (body: FormBody): CallFormValues => ({
  title: field(body, 'title'),
  titleEn: field(body, 'titleEn'),
  description: field(body, 'description'),
  descriptionEn: field(body, 'descriptionEn'),
  budget: field(body, 'budget'),
  opensAt: field(body, 'opensAt'),
  closesAt: field(body, 'closesAt'),
  focusAreas: fields(body, 'focusAreas'),
  minSectors: field(body, 'minSectors'),
  reviewersPerApplication: field(body, 'reviewersPerApplication'),
  blindReview: field(body, 'blindReview') === 'true',
  showReviewsToReviewers: field(body, 'showReviewsToReviewers') === 'true',
  disagreementThreshold: field(body, 'disagreementThreshold'),
  // Rows left empty are the spare ones: ignored.
  grantTypes: [...rows(body, 'grantTypes').values()]
    .map((r) => ({
      id: r.id ?? '',
      name: r.name ?? '',
      nameEn: r.nameEn ?? '',
      maxAmount: r.maxAmount ?? '',
    }))
    .filter((r) => Object.values(r).some((v) => v !== '')),
  criteria: [...rows(body, 'criteria').values()]
    .map((r) => ({ id: r.id ?? '', name: r.name ?? '', nameEn: r.nameEn ?? '', weight: r.weight ?? '' }))
    .filter((r) => Object.values(r).some((v) => v !== '')),
});

/** The form's strings as the API's call input; amounts and counts that are no numbers are the form's errors. */
function readCallForm(values: CallFormValues): { input: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const amount = (text: string, pointer: string) => {
    if (text.trim() === '') return undefined;
    const ore = parseKrInput(text);
    if (ore === undefined) errors.push({ pointer, code: 'not_an_amount' });
    return ore;
  };
  const whole = (text: string, pointer: string) => {
    if (text.trim() === '') return undefined;
    if (!/^\d{1,4}$/.test(text.trim())) {
      errors.push({ pointer, code: 'not_a_number' });
      return undefined;
    }
    return Number(text.trim());
  };
  const decimal = (text: string, pointer: string) => {
    if (text.trim() === '') return undefined;
    const value = parseThreshold(text);
    if (value === undefined) errors.push({ pointer, code: 'not_a_number' });
    return value;
  };
  const optional = (text: string) => (text.trim() === '' ? undefined : text);
  const input = {
    title: values.title,
    titleEn: optional(values.titleEn),
    description: values.description,
    descriptionEn: optional(values.descriptionEn),
    budgetOre: amount(values.budget, '/budgetOre'),
    opensAt: values.opensAt,
    closesAt: values.closesAt,
    focusAreas: values.focusAreas,
    minSectors: whole(values.minSectors, '/minSectors'),
    reviewersPerApplication: whole(values.reviewersPerApplication, '/reviewersPerApplication'),
    blindReview: values.blindReview,
    showReviewsToReviewers: values.showReviewsToReviewers,
    disagreementThreshold: decimal(values.disagreementThreshold, '/disagreementThreshold'),
    grantTypes: values.grantTypes.map((g, i) => ({
      id: g.id.trim().toUpperCase(),
      name: g.name,
      nameEn: optional(g.nameEn),
      maxAmountOre: amount(g.maxAmount, `/grantTypes/${i}/maxAmountOre`),
    })),
    criteria: values.criteria.map((c, i) => ({
      id: c.id.trim(),
      name: c.name,
      nameEn: optional(c.nameEn),
      weight: whole(c.weight, `/criteria/${i}/weight`),
    })),
  };
  return { input, errors };
}

/** Admin pages for calls: list by status, create, edit, open and close. */
export function adminRoutes(deps: AppDeps) {
  const admin = new Hono<AppEnv>();
  admin.use('*', async (c, next) => {
    if (!isAdmin(webCtx(c).actor)) throw forbidden();
    await next();
  });

  admin.get('/calls', async (c) => {
    const { actor, lang } = webCtx(c);
    const requested = c.req.query('status');
    const status: CallStatus = (CALL_STATUSES as readonly string[]).includes(requested ?? '')
      ? (requested as CallStatus)
      : 'open';
    return page(
      c,
      adminTexts(lang).list,
      <AdminCallListPage lang={lang} status={status} calls={await listCalls(deps.core, actor, status)} />,
    );
  });

  admin.get('/calls/new', (c) => {
    const { lang } = webCtx(c);
    return page(
      c,
      adminTexts(lang).new,
      <CallFormPage lang={lang} call={undefined} values={emptyCallValues()} errors={new Errors(lang)} />,
    );
  });

  const invalid = (
    c: WebContext,
    lang: Lang,
    callId: string | undefined,
    values: CallFormValues,
    errors: FieldError[],
    status: 400 | 409 = 400,
  ) =>
    (callId ? getCall(deps.core, c.get('principal'), callId) : Promise.resolve(undefined)).then((call) =>
      page(
        c,
        call ? adminTexts(lang).edit : adminTexts(lang).new,
        <CallFormPage
          lang={lang}
          call={call}
          values={values}
          errors={new Errors(lang, errors)}
          conflict={status === 409}
        />,
        status,
      ),
    );

  admin.post('/calls', async (c) => {
    const ctx = webCtx(c);
    const values = valuesFromBody(await c.req.parseBody({ all: true }));
    const form = readCallForm(values);
    if (form.errors.length > 0) return invalid(c, ctx.lang, undefined, values, form.errors);
    try {
      const call = await createCall(deps.core, ctx, parseInput(createCallSchema, form.input));
      return c.redirect(`/admin/calls/${call.id}?saved=1`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED')
        return invalid(c, ctx.lang, undefined, values, error.errors);
      throw error;
    }
  });

  admin.get('/calls/:id', async (c) => {
    const { actor, lang } = webCtx(c);
    const call = await getCall(deps.core, actor, c.req.param('id'));
    return page(
      c,
      adminTexts(lang).edit,
      <CallFormPage
        lang={lang}
        call={call}
        values={valuesFromCall(call)}
        errors={new Errors(lang)}
        notice={c.req.query('saved') ? adminTexts(lang).saved : undefined}
      />,
    );
  });

  admin.post('/calls/:id', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const values = valuesFromBody(body);
    const form = readCallForm(values);
    if (form.errors.length > 0) return invalid(c, ctx.lang, id, values, form.errors);
    try {
      await updateCall(deps.core, ctx, id, parseInput(updateCallSchema, form.input), formVersion(body) ?? -1);
      return c.redirect(`/admin/calls/${id}?saved=1`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED')
        return invalid(c, ctx.lang, id, values, error.errors);
      if (error instanceof AppError && error.code === 'VERSION_CONFLICT')
        return invalid(c, ctx.lang, id, values, [], 409);
      throw error;
    }
  });

  for (const [action, move] of [
    ['open', openCall],
    ['close', closeCall],
  ] as const) {
    admin.post(`/calls/:id/${action}`, async (c) => {
      const id = c.req.param('id');
      const body = await c.req.parseBody();
      await move(deps.core, webCtx(c), id, formVersion(body) ?? -1);
      return c.redirect(`/admin/calls/${id}?saved=1`, 303);
    });
  }
  return admin;
}
