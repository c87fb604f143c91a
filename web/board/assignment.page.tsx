import type { Call } from '../../functions/core/calls/call.schema.js';
import type { UserProfile } from '../../functions/core/ports.js';
import type { AssignmentRow } from '../../functions/core/reviews/assignment.service.js';
import { reviewable } from '../../functions/core/reviews/in-review.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, fieldId, SelectField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { StatusTag } from '../components/status-tag.js';
import { conflictState } from '../reviews/review.page.js';
import { BackToCall, rowName } from './board.page.js';

/** Still in review (a conflicted reader's row has no status: it is never offered for work). */
const inReview = (row: AssignmentRow): boolean =>
  row.status !== undefined && reviewable({ status: row.status });

const reviewerLabel = (u: { name: string; organisation?: string | undefined }) =>
  u.organisation ? `${u.name}, ${u.organisation}` : u.name;

export const assignPointer = (applicationId: string) => `/assign/${applicationId}`;
export const planPointer = (applicationId: string) => `/plan/${applicationId}`;

function boardFieldLabel(pointer: string, rows: AssignmentRow[], lang: Lang): string {
  const [, id] = pointer.split('/').filter(Boolean);
  const row = rows.find((r) => r.applicationId === id);
  return row ? rowName(row) : texts[lang].board.reviewers;
}

export function AssignmentPage({
  lang,
  call,
  rows,
  reviewers,
  errors,
  selected,
  notice,
}: {
  lang: Lang;
  call: Call;
  rows: AssignmentRow[];
  reviewers: UserProfile[];
  errors: Errors;
  selected?: { applicationId: string; reviewerId: string } | undefined;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const b = t.board;
  const r = t.review;
  const base = `/board/calls/${call.id}/assignment`;
  const anyReviewable = rows.some((row) => !row.conflicted && inReview(row));
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <h1>{b.assignment}</h1>
      <p>{b.perApplication(call.reviewersPerApplication)}</p>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={(p) => boardFieldLabel(p, rows, lang)} />
      {rows.length === 0 ? (
        <p>{call.status === 'open' ? b.openNote : b.noApplications}</p>
      ) : (
        anyReviewable && (
          <p>
            <a class="button" href={`${base}?suggest=1`}>
              {b.suggest}
            </a>
          </p>
        )
      )}
      {rows.map((row) => {
        const headingId = `app-${row.applicationId}`;
        const assignedIds = new Set(row.assignments.map((a) => a.reviewerId));
        const free = reviewers.filter((u) => !assignedIds.has(u.userId));
        return (
          <section class="card" aria-labelledby={headingId}>
            <h2 id={headingId}>{rowName(row)}</h2>
            {row.status && (
              <p>
                <StatusTag status={row.status} lang={lang} />
              </p>
            )}
            {row.conflicted ? (
              <p>{b.conflictedRow}</p>
            ) : (
              <>
                {row.assignments.length === 0 ? (
                  <p>{b.noReviewers}</p>
                ) : (
                  <DataTable
                    caption={
                      <>
                        {b.reviewers}: {rowName(row)}
                      </>
                    }
                    columns={[
                      { label: b.reviewer },
                      { label: b.organisation },
                      { label: b.reviewStatus },
                      { label: b.conflictStatus },
                      { label: b.actions },
                    ]}
                  >
                    {row.assignments.map((a) => (
                      <tr>
                        <td>{a.reviewerName}</td>
                        <td>{a.reviewerOrganisation ?? '–'}</td>
                        <td>{r.statuses[a.review.status]}</td>
                        <td>{r.conflicts[conflictState(a)]}</td>
                        <td>
                          {inReview(row) && a.review.status === 'submitted' ? (
                            <AssignmentAction
                              action={`${base}/reopen`}
                              applicationId={row.applicationId}
                              reviewerId={a.reviewerId}
                              class="secondary"
                              label={b.reopenLabel(a.reviewerName, rowName(row))}
                              text={b.reopen}
                            />
                          ) : inReview(row) ? (
                            <AssignmentAction
                              action={`${base}/remove`}
                              applicationId={row.applicationId}
                              reviewerId={a.reviewerId}
                              class="danger"
                              label={b.removeLabel(a.reviewerName, rowName(row))}
                              text={b.remove}
                            />
                          ) : (
                            '–'
                          )}
                        </td>
                      </tr>
                    ))}
                  </DataTable>
                )}
                {inReview(row) ? (
                  free.length > 0 && (
                    <form method="post" action={`${base}/add`} class="inline-form" novalidate>
                      <input type="hidden" name="applicationId" value={row.applicationId} />
                      <SelectField
                        pointer={assignPointer(row.applicationId)}
                        name="reviewerId"
                        label={`${b.addReviewer}: ${rowName(row)}`}
                        errors={errors}
                        value={
                          selected?.applicationId === row.applicationId ? selected.reviewerId : undefined
                        }
                        placeholder={b.chooseReviewer}
                        options={free.map((u) => ({ value: u.userId, label: reviewerLabel(u) }))}
                      />
                      <div class="actions">
                        <button type="submit" class="secondary">
                          {b.add}
                        </button>
                      </div>
                    </form>
                  )
                ) : (
                  <p class="meta">{b.decided}</p>
                )}
              </>
            )}
          </section>
        );
      })}
    </>
  );
}

export function SuggestionPage({
  lang,
  call,
  rows,
  reviewers,
  plan,
  errors,
}: {
  lang: Lang;
  call: Call;
  /** The call's applications: those the reader may assign to (not conflicted, in review) are shown. */
  rows: AssignmentRow[];
  reviewers: UserProfile[];
  /** Checked reviewers per application: the suggestion, or what was posted. */
  plan: Map<string, string[]>;
  errors: Errors;
}) {
  const t = texts[lang];
  const b = t.board;
  const base = `/board/calls/${call.id}/assignment`;
  const assignable = rows.filter((row) => !row.conflicted && inReview(row));
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <h1>{b.suggestionTitle}</h1>
      <p class="lead">{b.suggestionIntro}</p>
      <ErrorSummary errors={errors} labelOf={(p) => boardFieldLabel(p, rows, lang)} />
      {assignable.length === 0 ? (
        <p>{b.noApplications}</p>
      ) : (
        <form method="post" action={`${base}/confirm`} novalidate>
          {assignable.map((row) => {
            const pointer = planPointer(row.applicationId);
            const id = fieldId(pointer);
            const error = errors.get(pointer);
            const assignedIds = new Set(row.assignments.map((a) => a.reviewerId));
            const checked = plan.get(row.applicationId) ?? [];
            return (
              <fieldset
                id={id}
                tabindex={-1}
                class={error ? 'choices field-error' : 'choices'}
                aria-describedby={error ? `${id}-error` : undefined}
              >
                <legend>{rowName(row)}</legend>
                <input type="hidden" name="apps" value={row.applicationId} />
                {error && (
                  <span class="error-message" id={`${id}-error`}>
                    {error}
                  </span>
                )}
                {row.assignments.length > 0 && (
                  <p class="meta">
                    {b.alreadyAssigned}: {row.assignments.map((a) => a.reviewerName).join(', ')}
                  </p>
                )}
                {reviewers
                  .filter((u) => !assignedIds.has(u.userId))
                  .map((u) => (
                    <label>
                      <input
                        type="checkbox"
                        name={`a.${row.applicationId}`}
                        value={u.userId}
                        checked={checked.includes(u.userId)}
                      />{' '}
                      {reviewerLabel(u)}
                    </label>
                  ))}
              </fieldset>
            );
          })}
          <div class="actions">
            <button type="submit">{b.confirm}</button>
            <a href={base}>{b.cancel}</a>
          </div>
        </form>
      )}
    </>
  );
}

/** One button acting on one reviewer's assignment to one application (reopen the review, or remove the reviewer). */
function AssignmentAction(props: {
  action: string;
  applicationId: string;
  reviewerId: string;
  class: 'secondary' | 'danger';
  label: string;
  text: string;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="applicationId" value={props.applicationId} />
      <input type="hidden" name="reviewerId" value={props.reviewerId} />
      <button type="submit" class={props.class} aria-label={props.label}>
        {props.text}
      </button>
    </form>
  );
}
