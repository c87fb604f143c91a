import { Hono } from 'hono';
import { getCall } from '../../functions/core/calls/call.service.js';
import { type MeetingInput, meetingInputSchema } from '../../functions/core/decisions/decision.schema.js';
import { getMeeting, listMeetings, recordMeeting } from '../../functions/core/decisions/decision.service.js';
import { getRanking } from '../../functions/core/reviews/ranking.js';
import { AppError, type FieldError, reasonAsError } from '../../functions/core/shared/errors.js';
import { parseDateTimeInput, toCopenhagenLocalInput } from '../../functions/core/shared/time.js';
import { parseInput } from '../../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { formatKr, parseKrInput } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { Errors } from '../components/fields.js';
import { field, fields } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { isReviewable } from './board.page.js';
import {
  decisionPointer,
  emptyDecision,
  MeetingFormPage,
  type MeetingFormValues,
  MeetingListPage,
  MinutesPage,
} from './meetings.page.js';

/** The figures of a refused over-budget decision, from the error's detail (`approvedOre=… availableOre=…`). */
function budgetMessage(detail: string, lang: Lang): string {
  const figure = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(detail)?.[1] ?? 0);
  return texts[lang].meeting.budgetExceeded(
    formatKr(figure('approvedOre'), lang),
    formatKr(figure('requestedOre'), lang),
    formatKr(figure('budgetOre'), lang),
    formatKr(figure('availableOre'), lang),
  );
}

/** Board meetings: the decisions, their record, and the minutes. */
export function meetingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Meetings and decisions (board, admins).
  app.get('/calls/:callId/meetings', async (c) => {
    const { actor, lang } = webCtx(c);
    const callId = c.req.param('callId');
    const call = await getCall(deps.core, actor, callId);
    const meetings = await listMeetings(deps.core, actor, callId);
    return page(
      c,
      texts[lang].meeting.listTitle,
      <MeetingListPage lang={lang} call={call} meetings={meetings} />,
    );
  });

  const renderMeetingForm = async (
    c: WebContext,
    callId: string,
    options: {
      values?: MeetingFormValues;
      errors?: Errors;
      versionConflict?: boolean;
      status?: 200 | 400 | 409 | 422;
    },
  ) => {
    const { actor, lang } = webCtx(c);
    const call = await getCall(deps.core, actor, callId);
    const [ranking, users] = await Promise.all([
      getRanking(deps.core, actor, callId),
      deps.core.users.listAll(),
    ]);
    const rows = ranking.rows.filter((r) => isReviewable(r.status));
    const people = users
      .filter((u) => u.roles.includes('board') || u.roles.includes('admin'))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const values = options.values ?? {
      heldAt: toCopenhagenLocalInput(deps.core.clock.now().toISOString()),
      attendeeIds: people.some((p) => p.userId === actor.userId) ? [actor.userId] : [],
      notes: '',
      decisions: {},
    };
    return page(
      c,
      texts[lang].meeting.newTitle,
      <MeetingFormPage
        lang={lang}
        call={call}
        rows={rows}
        people={people}
        values={values}
        errors={options.errors ?? new Errors(lang)}
        versionConflict={options.versionConflict}
      />,
      options.status ?? 200,
    );
  };

  app.get('/calls/:callId/meetings/new', (c) => renderMeetingForm(c, c.req.param('callId'), {}));

  app.post('/calls/:callId/meetings', async (c) => {
    const ctx = webCtx(c);
    const { lang } = ctx;
    const m = texts[lang].meeting;
    const callId = c.req.param('callId');
    const body = await c.req.parseBody({ all: true });
    const appIds = field(body, 'apps')
      .split(',')
      .filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const values: MeetingFormValues = {
      heldAt: field(body, 'heldAt'),
      attendeeIds: fields(body, 'attendeeIds'),
      notes: field(body, 'notes'),
      decisions: Object.fromEntries(
        appIds.map((id) => [
          id,
          {
            ...emptyDecision(),
            outcome: field(body, `d.${id}.outcome`) || 'none',
            amount: field(body, `d.${id}.amount`),
            conditions: field(body, `d.${id}.conditions`),
            justification: field(body, `d.${id}.justification`),
          },
        ]),
      ),
    };
    const formErrors: FieldError[] = [];
    const heldAt = values.heldAt.trim() === '' ? undefined : parseDateTimeInput(values.heldAt);
    if (values.heldAt.trim() === '')
      formErrors.push({ pointer: '/heldAt', code: 'REQUIRED', detail: m.required });
    else if (!heldAt)
      formErrors.push({
        pointer: '/heldAt',
        code: 'not_a_datetime',
      });
    if (values.attendeeIds.length === 0)
      formErrors.push({ pointer: '/attendeeIds', code: 'REQUIRED', detail: m.chooseAttendee });
    // Decision i of the input is application order[i]: errors come back by index.
    const order: string[] = [];
    const decisions: Record<string, unknown>[] = [];
    for (const id of appIds) {
      const d = values.decisions[id] ?? emptyDecision();
      if (d.outcome === 'none') continue;
      let amountOre: number | undefined;
      // An amount belongs to an approval only; typed for another outcome it is left out.
      if (d.outcome === 'approved' && d.amount.trim() !== '') {
        amountOre = parseKrInput(d.amount);
        if (amountOre === undefined)
          formErrors.push({
            pointer: decisionPointer(id, 'amountOre'),
            code: 'not_an_amount',
          });
      }
      order.push(id);
      decisions.push({
        applicationId: id,
        outcome: d.outcome,
        ...(amountOre !== undefined ? { amountOre } : {}),
        ...(d.conditions.trim() ? { conditions: d.conditions } : {}),
        ...(d.justification.trim() ? { justification: d.justification } : {}),
      });
    }
    if (decisions.length === 0)
      formErrors.push({ pointer: '/decisions', code: 'REQUIRED', detail: m.atLeastOne });
    const remap = (errors: FieldError[]): FieldError[] =>
      errors.map((e) => {
        if (e.code === 'BUDGET_EXCEEDED')
          return { ...e, pointer: '/decisions', detail: budgetMessage(e.detail, lang) };
        const d = /^\/decisions\/(\d+)(?:\/(\w+))?/.exec(e.pointer);
        const id = d ? order[Number(d[1])] : undefined;
        if (d && id) return { ...e, pointer: decisionPointer(id, d[2] ?? 'outcome') };
        if (e.pointer.startsWith('/attendeeIds')) return { ...e, pointer: '/attendeeIds' };
        return e;
      });
    const fail = (errors: FieldError[], status: 400 | 409 | 422, versionConflict = false) =>
      renderMeetingForm(c, callId, {
        values,
        errors: new Errors(lang, remap(errors)),
        status,
        versionConflict,
      });
    if (formErrors.length > 0) return fail(formErrors, 400);
    let input: MeetingInput;
    try {
      input = parseInput(meetingInputSchema, {
        heldAt,
        attendeeIds: values.attendeeIds,
        ...(values.notes.trim() ? { notes: values.notes } : {}),
        decisions,
      });
    } catch (error) {
      if (error instanceof AppError) return fail(error.errors, 400);
      throw error;
    }
    try {
      const meeting = await recordMeeting(deps.core, ctx, callId, input);
      return c.redirect(`/board/meetings/${meeting.id}?saved=1`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'RULES_FAILED') {
        const errors = error.errors.length > 0 ? error.errors : [reasonAsError(error, '/decisions')];
        return fail(errors, 422);
      }
      if (error instanceof AppError && error.code === 'VERSION_CONFLICT') return fail([], 409, true);
      throw error;
    }
  });

  app.get('/meetings/:meetingId', async (c) => {
    const { actor, lang } = webCtx(c);
    const meeting = await getMeeting(deps.core, actor, c.req.param('meetingId'));
    const call = await deps.core.calls.get(meeting.callId);
    return page(
      c,
      texts[lang].meeting.minutesTitle,
      <MinutesPage
        lang={lang}
        call={call}
        meeting={meeting}
        notice={c.req.query('saved') ? texts[lang].meeting.saved : undefined}
      />,
    );
  });

  return app;
}
