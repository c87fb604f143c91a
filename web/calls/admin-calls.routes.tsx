import { Hono } from 'hono';
import {
  CALL_STATUSES,
  type CallStatus,
  createCallSchema,
  updateCallSchema,
} from '../../functions/core/calls/call.schema.js';
import {
  createCall,
  getCall,
  listCalls,
  openCall,
  requireCallAdmin,
  updateCall,
} from '../../functions/core/calls/call.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { rows } from '../applications/application-form.js';
import { Errors } from '../components/fields.js';
import type { FieldReader } from '../field-reader.js';
import { type FormState, formAction } from '../form-action.js';
import { type FormBody, field, fields, formVersion, readBody } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import {
  AdminCallListPage,
  CallFormPage,
  type CallFormValues,
  emptyCallValues,
  valuesFromCall,
} from './admin-calls.page.js';

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
  reviewDueAt: field(body, 'reviewDueAt'),
  reviewReminderDays: field(body, 'reviewReminderDays'),
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
  // A row with nothing typed or ticked is a spare one (its select always has a value): ignored.
  documentKinds: [...rows(body, 'documentKinds').entries()]
    .map(([i, r]) => ({
      id: r.id ?? '',
      name: r.name ?? '',
      nameEn: r.nameEn ?? '',
      required: r.required === 'true',
      per: r.per === 'partner' ? ('partner' as const) : ('application' as const),
      types: fields(body, `documentKinds.${i}.types`),
      maxMb: r.maxMb ?? '',
      hidden: r.hidden === 'true',
    }))
    .filter((r) => r.id || r.name || r.nameEn || r.maxMb || r.required || r.hidden || r.types.length > 0),
});

/** The form's strings as the API's call input; amounts and counts that are no numbers are noted by `read`. */
const callInput = (values: CallFormValues, read: FieldReader) => ({
  title: values.title,
  titleEn: read.optional(values.titleEn),
  description: values.description,
  descriptionEn: read.optional(values.descriptionEn),
  budgetOre: read.kroner(values.budget, '/budgetOre'),
  opensAt: values.opensAt,
  closesAt: values.closesAt,
  focusAreas: values.focusAreas,
  minSectors: read.whole(values.minSectors, '/minSectors', 4),
  reviewersPerApplication: read.whole(values.reviewersPerApplication, '/reviewersPerApplication', 4),
  blindReview: values.blindReview,
  showReviewsToReviewers: values.showReviewsToReviewers,
  disagreementThreshold: read.decimal(values.disagreementThreshold, '/disagreementThreshold'),
  reviewDueAt: read.optional(values.reviewDueAt),
  reviewReminderDays: read.whole(values.reviewReminderDays, '/reviewReminderDays', 4),
  grantTypes: values.grantTypes.map((g, i) => ({
    id: g.id.trim().toUpperCase(),
    name: g.name,
    nameEn: read.optional(g.nameEn),
    maxAmountOre: read.kroner(g.maxAmount, `/grantTypes/${i}/maxAmountOre`),
  })),
  criteria: values.criteria.map((c, i) => ({
    id: c.id.trim(),
    name: c.name,
    nameEn: read.optional(c.nameEn),
    weight: read.whole(c.weight, `/criteria/${i}/weight`, 4),
  })),
  documentKinds: values.documentKinds.map((k, i) => ({
    id: k.id.trim(),
    name: k.name,
    nameEn: read.optional(k.nameEn),
    required: k.required,
    per: k.per,
    types: k.types,
    maxBytes: read.megabytes(k.maxMb, `/documentKinds/${i}/maxBytes`),
    hiddenUnderBlindReview: k.hidden,
  })),
});

/** Admin pages for calls: list by status, create, edit, open and close. */
export function adminCallRoutes(deps: AppDeps) {
  const admin = new Hono<AppEnv>();
  // Every page here is the call administration's: the core says who may administer calls.
  admin.use('*', async (c, next) => {
    requireCallAdmin(webCtx(c).actor);
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
      texts[lang].adminCalls.list,
      <AdminCallListPage lang={lang} status={status} calls={await listCalls(deps.core, actor, status)} />,
    );
  });

  admin.get('/calls/new', (c) => {
    const { lang } = webCtx(c);
    return page(
      c,
      texts[lang].adminCalls.new,
      <CallFormPage lang={lang} call={undefined} values={emptyCallValues()} errors={new Errors(lang)} />,
    );
  });

  /** The call form again, with what was typed and what is wrong. */
  const renderCallForm = async (
    c: WebContext,
    callId: string | undefined,
    state: FormState<CallFormValues>,
  ) => {
    const { actor, lang } = webCtx(c);
    const call = callId ? await getCall(deps.core, actor, callId) : undefined;
    return page(
      c,
      call ? texts[lang].adminCalls.edit : texts[lang].adminCalls.new,
      <CallFormPage
        lang={lang}
        call={call}
        values={state.values}
        errors={state.errors}
        conflict={state.conflict}
      />,
      state.status,
    );
  };

  admin.post(
    '/calls',
    formAction({
      values: valuesFromBody,
      input: callInput,
      schema: createCallSchema,
      run: (input, { ctx }) => createCall(deps.core, ctx, input),
      done: (call) => `/admin/calls/${call.id}?saved=1`,
      render: (c, state) => renderCallForm(c, undefined, state),
    }),
  );

  admin.get('/calls/:id', async (c) => {
    const { actor, lang } = webCtx(c);
    const call = await getCall(deps.core, actor, c.req.param('id'));
    return page(
      c,
      texts[lang].adminCalls.edit,
      <CallFormPage
        lang={lang}
        call={call}
        values={valuesFromCall(call)}
        errors={new Errors(lang)}
        notice={c.req.query('saved') ? texts[lang].adminCalls.saved : undefined}
      />,
    );
  });

  admin.post(
    '/calls/:id',
    formAction({
      values: valuesFromBody,
      input: callInput,
      schema: updateCallSchema,
      run: (input, { c, ctx, body }) =>
        updateCall(deps.core, ctx, c.req.param('id') ?? '', input, formVersion(body) ?? -1),
      done: (_, { c }) => `/admin/calls/${c.req.param('id')}?saved=1`,
      render: (c, state) => renderCallForm(c, c.req.param('id'), state),
    }),
  );

  // Closing and reopening ask for a reason first: web/secretariat/call-closing.routes.tsx.
  admin.post('/calls/:id/open', async (c) => {
    const id = c.req.param('id');
    await openCall(deps.core, webCtx(c), id, formVersion(await readBody(c)) ?? -1);
    return c.redirect(`/admin/calls/${id}?saved=1`, 303);
  });
  return admin;
}
