import { Hono } from 'hono';
import { getCall } from '../../functions/core/calls/call.service.js';
import { getMeetingForm, getMinutes } from '../../functions/core/decisions/board.service.js';
import { meetingInputSchema } from '../../functions/core/decisions/decision.schema.js';
import { listMeetings, recordMeeting } from '../../functions/core/decisions/decision.service.js';
import { toCopenhagenLocalInput } from '../../functions/core/shared/time.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import type { FieldReader } from '../field-reader.js';
import { formAction } from '../form-action.js';
import { type FormBody, field, fields } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import {
  decidedIds,
  emptyDecision,
  MeetingFormPage,
  type MeetingFormValues,
  MeetingListPage,
  MinutesPage,
} from './meetings.page.js';

/** The meeting form as typed: the applications it listed (hidden `apps`), and each one's decision. */
function meetingValues(body: FormBody): MeetingFormValues {
  const apps = field(body, 'apps')
    .split(',')
    .filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return {
    heldAt: field(body, 'heldAt'),
    attendeeIds: fields(body, 'attendeeIds'),
    notes: field(body, 'notes'),
    apps,
    decisions: Object.fromEntries(
      apps.map((id) => [
        id,
        {
          outcome: field(body, `d.${id}.outcome`) || emptyDecision().outcome,
          amount: field(body, `d.${id}.amount`),
          conditions: field(body, `d.${id}.conditions`),
          justification: field(body, `d.${id}.justification`),
        },
      ]),
    ),
  };
}

/**
 * The form as the API's meeting input: the decisions made, in the order the form lists them (decision i is
 * the i-th application with a choice, so errors come back by that index).
 */
function meetingInput(values: MeetingFormValues, read: FieldReader) {
  if (values.heldAt.trim() === '') read.errors.push({ pointer: '/heldAt', code: 'REQUIRED' });
  const heldAt = read.dateTime(values.heldAt, '/heldAt');
  if (values.attendeeIds.length === 0)
    read.errors.push({ pointer: '/attendeeIds', code: 'ATTENDEE_REQUIRED' });
  const decided = decidedIds(values);
  if (decided.length === 0) read.errors.push({ pointer: '/decisions', code: 'DECISION_REQUIRED' });
  return {
    heldAt,
    attendeeIds: values.attendeeIds,
    notes: read.optional(values.notes),
    decisions: decided.map((id, i) => {
      const d = values.decisions[id] ?? emptyDecision();
      return {
        applicationId: id,
        outcome: d.outcome,
        // An amount belongs to an approval only; typed for another outcome it is left out.
        amountOre: d.outcome === 'approved' ? read.kroner(d.amount, `/decisions/${i}/amountOre`) : undefined,
        conditions: read.optional(d.conditions),
        justification: read.optional(d.justification),
      };
    }),
  };
}

/** Board meetings: the decisions, their record, and the minutes (board members and admins). */
export function meetingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const callIdOf = (c: WebContext) => c.req.param('callId') ?? '';

  app.get('/calls/:callId/meetings', async (c) => {
    const { actor, lang } = webCtx(c);
    const callId = c.req.param('callId');
    const meetings = await listMeetings(deps.core, actor, callId);
    const call = await getCall(deps.core, actor, callId);
    return page(
      c,
      texts[lang].meeting.listTitle,
      <MeetingListPage lang={lang} call={call} meetings={meetings} />,
    );
  });

  const renderMeetingForm = async (
    c: WebContext,
    options: {
      values?: MeetingFormValues;
      errors?: Errors;
      versionConflict?: boolean;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const { call, rows, attendees } = await getMeetingForm(deps.core, actor, callIdOf(c));
    const values = options.values ?? {
      heldAt: toCopenhagenLocalInput(deps.core.clock.now().toISOString()),
      attendeeIds: attendees.some((p) => p.userId === actor.userId) ? [actor.userId] : [],
      notes: '',
      apps: [],
      decisions: {},
    };
    return page(
      c,
      texts[lang].meeting.newTitle,
      <MeetingFormPage
        lang={lang}
        call={call}
        rows={rows}
        people={attendees}
        values={values}
        errors={options.errors ?? new Errors(lang)}
        versionConflict={options.versionConflict}
      />,
      options.status ?? 200,
    );
  };

  app.get('/calls/:callId/meetings/new', (c) => renderMeetingForm(c));

  app.post(
    '/calls/:callId/meetings',
    formAction({
      values: meetingValues,
      input: meetingInput,
      schema: meetingInputSchema,
      run: (input, { c, ctx }) => recordMeeting(deps.core, ctx, callIdOf(c), input),
      done: (meeting) => `/board/meetings/${meeting.id}?saved=1`,
      render: (c, state) =>
        renderMeetingForm(c, {
          values: state.values,
          // Someone else recorded decisions meanwhile: the warning says so and offers to load the page again.
          ...(state.conflict ? { versionConflict: true } : { errors: state.errors }),
          status: state.status,
        }),
    }),
  );

  app.get('/meetings/:meetingId', async (c) => {
    const { actor, lang } = webCtx(c);
    const { meeting, call } = await getMinutes(deps.core, actor, c.req.param('meetingId'));
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
