import type { Call } from '../../functions/core/calls/call.schema.js';
import {
  decisionInputSchema,
  type Meeting,
  meetingInputSchema,
  OUTCOMES,
} from '../../functions/core/decisions/decision.schema.js';
import type { UserProfile } from '../../functions/core/ports.js';
import type { RankingRow } from '../../functions/core/reviews/ranking.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, fieldId, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { maxLengthOf } from '../forms.js';
import { boardApplicationPath } from './application.page.js';
import { BackToCall, rowName } from './board.page.js';
import { formatScore } from './ranking.page.js';

export const MEETING_CHOICES = [...OUTCOMES, 'none'] as const;

export interface DecisionValues {
  outcome: string;
  amount: string;
  conditions: string;
  justification: string;
}

/** The meeting form as typed, so a refused post comes back unchanged. */
export interface MeetingFormValues {
  heldAt: string;
  attendeeIds: string[];
  notes: string;
  /** The applications the form listed, in its order. */
  apps: string[];
  decisions: Record<string, DecisionValues>;
}

const NOTES_MAX = maxLengthOf(meetingInputSchema.shape.notes);
const CONDITIONS_MAX = maxLengthOf(decisionInputSchema.shape.conditions);
const JUSTIFICATION_MAX = maxLengthOf(decisionInputSchema.shape.justification);

export const emptyDecision = (): DecisionValues => ({
  outcome: 'none',
  amount: '',
  conditions: '',
  justification: '',
});

/** The applications given a decision, in the form's order: the i-th is decision i of the meeting's input. */
export const decidedIds = (values: MeetingFormValues): string[] =>
  values.apps.filter((id) => (values.decisions[id]?.outcome ?? 'none') !== 'none');

/**
 * The pointer of an application's field: a decided application's fields are named as the input names them
 * (`/decisions/2/amountOre`), so each error finds its field; the others' by application.
 */
const decisionPointers = (values: MeetingFormValues) => {
  const decided = decidedIds(values);
  return (applicationId: string, leaf: string) => {
    const i = decided.indexOf(applicationId);
    return i < 0 ? `/d/${applicationId}/${leaf}` : `/decisions/${i}/${leaf}`;
  };
};

function meetingFieldLabel(pointer: string, rows: RankingRow[], decided: string[], lang: Lang): string {
  const m = texts[lang].meeting;
  const [head, index, leaf] = pointer.split('/').filter(Boolean);
  if (head === 'heldAt') return m.heldAt;
  if (head === 'attendeeIds') return m.attendees;
  if (head === 'notes') return m.notes;
  const id = decided[Number(index)];
  if (head !== 'decisions' || id === undefined) return m.decisions;
  const row = rows.find((r) => r.applicationId === id);
  const leaves: Record<string, string> = {
    outcome: m.outcome,
    amountOre: m.amount,
    conditions: m.conditions,
    justification: m.justification,
    applicationId: m.outcome,
  };
  return `${row ? rowName(row) : ''}: ${leaves[leaf ?? ''] ?? leaf ?? ''}`;
}

export function MeetingFormPage({
  lang,
  call,
  rows,
  people,
  values,
  errors,
  versionConflict,
}: {
  lang: Lang;
  call: Call;
  /** Applications waiting for a decision, in ranking order; conflicted ones show their title only. */
  rows: RankingRow[];
  /** Board members and administrators who may attend. */
  people: UserProfile[];
  values: MeetingFormValues;
  errors: Errors;
  versionConflict?: boolean | undefined;
}) {
  const t = texts[lang];
  const m = t.meeting;
  const attendeesError = errors.get('/attendeeIds');
  const decisionsError = errors.get('/decisions');
  const pointerOf = decisionPointers(values);
  const decided = decidedIds(values);
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <h1>{m.newTitle}</h1>
      <p class="lead">{m.intro}</p>
      {versionConflict && (
        <div class="warning" role="alert">
          {m.conflict} <a href={`/board/calls/${call.id}/meetings/new`}>{t.form.reload}</a>
        </div>
      )}
      <ErrorSummary errors={errors} labelOf={(p) => meetingFieldLabel(p, rows, decided, lang)} />
      {call.status !== 'closed' ? (
        <p class="warning">{m.notClosed}</p>
      ) : rows.length === 0 ? (
        <p>{m.noneToDecide}</p>
      ) : (
        <form method="post" action={`/board/calls/${call.id}/meetings`} novalidate>
          <fieldset>
            <legend>{m.meeting}</legend>
            <TextField
              pointer="/heldAt"
              name="heldAt"
              label={m.heldAt}
              type="datetime-local"
              errors={errors}
              value={values.heldAt}
            />
            <fieldset
              id={fieldId('/attendeeIds')}
              tabindex={-1}
              class={attendeesError ? 'choices field-error' : 'choices'}
              aria-describedby={attendeesError ? 'f-attendeeIds-error' : undefined}
            >
              <legend>{m.attendees}</legend>
              {attendeesError && (
                <span class="error-message" id="f-attendeeIds-error">
                  {attendeesError}
                </span>
              )}
              {people.map((p) => (
                <label>
                  <input
                    type="checkbox"
                    name="attendeeIds"
                    value={p.userId}
                    checked={values.attendeeIds.includes(p.userId)}
                  />{' '}
                  {p.name}
                  {p.organisation ? `, ${p.organisation}` : ''}
                </label>
              ))}
            </fieldset>
            <TextField
              pointer="/notes"
              name="notes"
              label={m.notes}
              optionalText={t.form.optional}
              errors={errors}
              value={values.notes}
              multiline
              maxLength={NOTES_MAX}
            />
          </fieldset>
          <div
            id={fieldId('/decisions')}
            tabindex={-1}
            aria-describedby={decisionsError ? 'f-decisions-error' : undefined}
          >
            <h2>{m.decisions}</h2>
            {decisionsError && (
              <p class="error-message" id="f-decisions-error">
                {decisionsError}
              </p>
            )}
            {rows.map((row) => (
              <DecisionFieldset
                lang={lang}
                row={row}
                values={values.decisions[row.applicationId] ?? emptyDecision()}
                errors={errors}
                pointerOf={pointerOf}
              />
            ))}
          </div>
          <input type="hidden" name="apps" value={rows.map((r) => r.applicationId).join(',')} />
          <div class="actions">
            <button type="submit">{m.save}</button>
          </div>
        </form>
      )}
    </>
  );
}

function DecisionFieldset({
  lang,
  row,
  values,
  errors,
  pointerOf,
}: {
  lang: Lang;
  row: RankingRow;
  values: DecisionValues;
  errors: Errors;
  pointerOf: (applicationId: string, leaf: string) => string;
}) {
  const t = texts[lang];
  const m = t.meeting;
  const id = row.applicationId;
  if (row.conflicted) {
    return (
      <fieldset>
        <legend>{rowName(row)}</legend>
        <p>
          <strong>{t.ranking.conflicted}.</strong> {m.conflictedRow}
        </p>
      </fieldset>
    );
  }
  // A refusal of the application itself (not in the call, conflicted, …) stands beside its outcome.
  const outcomePointer = errors.get(pointerOf(id, 'applicationId'))
    ? pointerOf(id, 'applicationId')
    : pointerOf(id, 'outcome');
  const outcomeId = fieldId(outcomePointer);
  const outcomeError = errors.get(outcomePointer);
  const name = (leaf: string) => `d.${id}.${leaf}`;
  return (
    <fieldset>
      <legend>{rowName(row)}</legend>
      <p class="meta">
        <a href={boardApplicationPath(id)}>{texts[lang].boardApplication.open}</a> · {m.requested}:{' '}
        {row.requestedAmountOre === undefined ? '–' : formatKr(row.requestedAmountOre, lang)} · {m.mean}:{' '}
        {formatScore(row.score?.mean, lang)} · <StatusTagText lang={lang} status={row.status} />
      </p>
      <fieldset
        id={outcomeId}
        tabindex={-1}
        class={outcomeError ? 'choices field-error' : 'choices'}
        aria-describedby={outcomeError ? `${outcomeId}-error` : undefined}
      >
        <legend>
          {m.outcome}: {rowName(row)}
        </legend>
        {outcomeError && (
          <span class="error-message" id={`${outcomeId}-error`}>
            {outcomeError}
          </span>
        )}
        {MEETING_CHOICES.map((o) => (
          <label>
            <input type="radio" name={name('outcome')} value={o} checked={values.outcome === o} />{' '}
            {m.outcomes[o]}
          </label>
        ))}
      </fieldset>
      <TextField
        pointer={pointerOf(id, 'amountOre')}
        name={name('amount')}
        label={m.amount}
        hint={m.amountHint}
        errors={errors}
        value={values.amount}
        inputMode="decimal"
      />
      <TextField
        pointer={pointerOf(id, 'conditions')}
        name={name('conditions')}
        label={m.conditions}
        optionalText={t.form.optional}
        errors={errors}
        value={values.conditions}
        multiline
        maxLength={CONDITIONS_MAX}
      />
      <TextField
        pointer={pointerOf(id, 'justification')}
        name={name('justification')}
        label={m.justification}
        hint={m.justificationHint}
        errors={errors}
        value={values.justification}
        multiline
        maxLength={JUSTIFICATION_MAX}
      />
    </fieldset>
  );
}

function StatusTagText({ lang, status }: { lang: Lang; status: RankingRow['status'] }) {
  return <span>{status ? texts[lang].status[status] : '–'}</span>;
}

export function MeetingListPage({ lang, call, meetings }: { lang: Lang; call: Call; meetings: Meeting[] }) {
  const m = texts[lang].meeting;
  const sorted = [...meetings].sort((a, b) => b.heldAt.localeCompare(a.heldAt));
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <h1>{m.listTitle}</h1>
      <p>
        <a class="button" href={`/board/calls/${call.id}/meetings/new`}>
          {texts[lang].board.newMeeting}
        </a>
      </p>
      {sorted.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <DataTable
          caption={m.listTitle}
          columns={[{ label: m.held }, { label: m.decisionCount, num: true }, { label: m.minutes }]}
        >
          {sorted.map((meeting) => (
            <tr>
              <td>{formatDateTime(meeting.heldAt, lang)}</td>
              <td class="num">{meeting.decisions.length}</td>
              <td>
                <a href={`/board/meetings/${meeting.id}`}>
                  {m.minutes}, {formatDateTime(meeting.heldAt, lang)}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export function MinutesPage({
  lang,
  call,
  meeting,
  notice,
}: {
  lang: Lang;
  call: Call | undefined;
  meeting: Meeting;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const m = t.meeting;
  return (
    <>
      {call && <BackToCall lang={lang} call={call} />}
      <h1>
        {m.minutesTitle}, {formatDateTime(meeting.heldAt, lang)}
      </h1>
      <Notice text={notice} />
      <p>
        <a href={`/board/meetings/${meeting.id}/minutes`}>
          {t.minutes.title}: {t.minutes.approve.toLowerCase()}
        </a>{' '}
        · <a href={`/board/meetings/${meeting.id}/minutes.pdf`}>{t.minutesPdf.link}</a>
      </p>
      <p>
        <a href={`/board/meetings/${meeting.id}/pack`}>{t.meetingPack.link}</a>{' '}
        <span class="hint">{t.meetingPack.linkHint}</span>
      </p>
      <dl class="facts card">
        {call && (
          <>
            <dt>{t.board.call}</dt>
            <dd>{callTitle(call, lang)}</dd>
          </>
        )}
        <dt>{m.held}</dt>
        <dd>{formatDateTime(meeting.heldAt, lang)}</dd>
        <dt>{m.recordedAt}</dt>
        <dd>{formatDateTime(meeting.recordedAt, lang)}</dd>
      </dl>
      <h2>{m.attendees}</h2>
      <ul>
        {meeting.attendees.map((p) => (
          <li>
            {p.name}
            {p.organisation ? `, ${p.organisation}` : ''}
          </li>
        ))}
      </ul>
      {meeting.notes && (
        <>
          <h2>{m.notes}</h2>
          <p class="prose">{meeting.notes}</p>
        </>
      )}
      <h2 id="decisions-heading">{m.decisions}</h2>
      <DataTable
        region="decisions-heading"
        columns={[
          { label: t.ranking.reference },
          { label: t.ranking.application },
          { label: m.outcome },
          { label: m.amountCol, num: true },
          { label: m.recused },
        ]}
      >
        {meeting.decisions.map((d) => (
          <tr>
            <td>{d.reference ?? '–'}</td>
            <th scope="row">
              {d.conflicted ? d.title : <a href={boardApplicationPath(d.applicationId)}>{d.title}</a>}
            </th>
            <td>{d.outcome ? t.decision.outcomes[d.outcome] : m.conflictedHidden}</td>
            <td class="num">{d.amountOre === undefined ? '–' : formatKr(d.amountOre, lang)}</td>
            <td>
              {d.recused.length === 0 ? (
                m.noneRecused
              ) : (
                <ul>
                  {d.recused.map((p) => (
                    <li>
                      {p.name}
                      {p.organisation ? `, ${p.organisation}` : ''}: {m.recusal(p.ground, p.reason)}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
