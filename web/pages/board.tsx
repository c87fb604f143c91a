import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { AwardView } from '../../functions/core/finance/award.schema.js';
import type { Report } from '../../functions/core/finance/report.schema.js';
import type { UserProfile } from '../../functions/core/ports.js';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { formatDate, formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ErrorSummary, type Errors, fieldId, SelectField, TextField } from '../components/fields.js';
import { byDueDate } from './awards.js';
import { StatusTag } from './public.js';
import { callTitleOf, conflictState } from './reviews.js';

/** An application of the call as the board page lists it; `assignments` is empty where the reader is conflicted. */
export interface BoardApplicationRow {
  applicationId: string;
  title: string;
  reference?: string | undefined;
  status: Application['status'];
  conflicted: boolean;
  assignments: Assignment[];
}

export const rowName = (row: { reference?: string | undefined; title: string }) =>
  row.reference ? `${row.reference} ${row.title}` : row.title;

export const isReviewable = (status: Application['status']) =>
  status === 'in_review' || status === 'waiting_list';

function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="notice" role="status">
      {text}
    </div>
  );
}

export function BackToCall({ lang, call }: { lang: Lang; call: Call }) {
  return (
    <p class="meta">
      <a href={`/board/calls/${call.id}`}>
        {texts[lang].board.back}: {callTitleOf(call, lang)}
      </a>
    </p>
  );
}

function CallTable({ lang, calls, caption }: { lang: Lang; calls: Call[]; caption: string }) {
  const b = texts[lang].board;
  if (calls.length === 0) return <p>{b.noCalls}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="meta">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{b.call}</th>
            <th scope="col">{b.status}</th>
            <th scope="col">{b.deadline}</th>
            <th scope="col" class="num">
              {b.budget}
            </th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr>
              <td>
                <a href={`/board/calls/${call.id}`}>{callTitleOf(call, lang)}</a>
              </td>
              <td>
                <StatusTag status={call.status} lang={lang} />
              </td>
              <td>{formatDateTime(call.closesAt, lang)}</td>
              <td class="num">{formatKr(call.budgetOre, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BoardHomePage({ lang, open, closed }: { lang: Lang; open: Call[]; closed: Call[] }) {
  const b = texts[lang].board;
  return (
    <>
      <h1>{b.title}</h1>
      <p class="lead">{b.intro}</p>
      <h2>{b.closed}</h2>
      <CallTable lang={lang} calls={closed} caption={b.closed} />
      <h2>{b.open}</h2>
      <CallTable lang={lang} calls={open} caption={b.open} />
      <h2>{texts[lang].report.boardListTitle}</h2>
      <p>
        <a href="/board/awards">{texts[lang].report.boardLink}</a>
      </p>
    </>
  );
}

export function BoardCallPage({ lang, call, chair }: { lang: Lang; call: Call; chair: boolean }) {
  const t = texts[lang];
  const b = t.board;
  const base = `/board/calls/${call.id}`;
  return (
    <>
      <p class="meta">
        <a href="/board">{b.title}</a>
      </p>
      <h1>{callTitleOf(call, lang)}</h1>
      <dl class="facts card">
        <dt>{b.status}</dt>
        <dd>
          <StatusTag status={call.status} lang={lang} />
        </dd>
        <dt>{b.deadline}</dt>
        <dd>{formatDateTime(call.closesAt, lang)}</dd>
        <dt>{b.budget}</dt>
        <dd>{formatKr(call.budgetOre, lang)}</dd>
      </dl>
      {call.status === 'open' && <p>{b.openNote}</p>}
      <p>{b.perApplication(call.reviewersPerApplication)}</p>
      <nav aria-label={callTitleOf(call, lang)}>
        <ul class="links">
          {chair && (
            <>
              <li>
                <a href={`${base}/assignment`}>{b.assignment}</a>
              </li>
              <li>
                <a href={`${base}/conflicts`}>{b.conflicts}</a>
              </li>
            </>
          )}
          <li>
            <a href={`${base}/ranking`}>{b.ranking}</a>
          </li>
          <li>
            <a href={`${base}/meetings`}>{b.meetings}</a>
          </li>
          <li>
            <a href={`${base}/meetings/new`}>{b.newMeeting}</a>
          </li>
        </ul>
      </nav>
      {!chair && <p class="meta">{`${b.assignment}, ${b.conflicts.toLowerCase()}: ${b.chairOnly}.`}</p>}
    </>
  );
}

const reviewerLabel = (u: { name: string; organisation?: string | undefined }) =>
  u.organisation ? `${u.name}, ${u.organisation}` : u.name;

export const assignPointer = (applicationId: string) => `/assign/${applicationId}`;
export const planPointer = (applicationId: string) => `/plan/${applicationId}`;

function boardFieldLabel(pointer: string, rows: BoardApplicationRow[], lang: Lang): string {
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
  rows: BoardApplicationRow[];
  reviewers: UserProfile[];
  errors: Errors;
  selected?: { applicationId: string; reviewerId: string } | undefined;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const b = t.board;
  const r = t.review;
  const base = `/board/calls/${call.id}/assignment`;
  const anyReviewable = rows.some((row) => !row.conflicted && isReviewable(row.status));
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
            <p>
              <StatusTag status={row.status} lang={lang} />
            </p>
            {row.conflicted ? (
              <p>{b.conflictedRow}</p>
            ) : (
              <>
                {row.assignments.length === 0 ? (
                  <p>{b.noReviewers}</p>
                ) : (
                  <div class="table-wrap">
                    <table>
                      <caption class="meta">
                        {b.reviewers}: {rowName(row)}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{b.reviewer}</th>
                          <th scope="col">{b.organisation}</th>
                          <th scope="col">{b.reviewStatus}</th>
                          <th scope="col">{b.conflictStatus}</th>
                          <th scope="col">{b.actions}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {row.assignments.map((a) => (
                          <tr>
                            <td>{a.reviewerName}</td>
                            <td>{a.reviewerOrganisation ?? '–'}</td>
                            <td>{r.statuses[a.review.status]}</td>
                            <td>{r.conflicts[conflictState(a)]}</td>
                            <td>
                              {isReviewable(row.status) && a.review.status === 'submitted' ? (
                                <form method="post" action={`${base}/reopen`} class="inline">
                                  <input type="hidden" name="applicationId" value={row.applicationId} />
                                  <input type="hidden" name="reviewerId" value={a.reviewerId} />
                                  <button
                                    type="submit"
                                    class="secondary"
                                    aria-label={b.reopenLabel(a.reviewerName, rowName(row))}
                                  >
                                    {b.reopen}
                                  </button>
                                </form>
                              ) : isReviewable(row.status) ? (
                                <form method="post" action={`${base}/remove`} class="inline">
                                  <input type="hidden" name="applicationId" value={row.applicationId} />
                                  <input type="hidden" name="reviewerId" value={a.reviewerId} />
                                  <button
                                    type="submit"
                                    class="danger"
                                    aria-label={b.removeLabel(a.reviewerName, rowName(row))}
                                  >
                                    {b.remove}
                                  </button>
                                </form>
                              ) : (
                                '–'
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {isReviewable(row.status) ? (
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
  /** The applications the reader may assign to (not conflicted, in review). */
  rows: BoardApplicationRow[];
  reviewers: UserProfile[];
  /** Checked reviewers per application: the suggestion, or what was posted. */
  plan: Map<string, string[]>;
  errors: Errors;
}) {
  const t = texts[lang];
  const b = t.board;
  const base = `/board/calls/${call.id}/assignment`;
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <h1>{b.suggestionTitle}</h1>
      <p class="lead">{b.suggestionIntro}</p>
      <ErrorSummary errors={errors} labelOf={(p) => boardFieldLabel(p, rows, lang)} />
      {rows.length === 0 ? (
        <p>{b.noApplications}</p>
      ) : (
        <form method="post" action={`${base}/confirm`} novalidate>
          {rows.map((row) => {
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

export const rulingKey = (a: Pick<Assignment, 'applicationId' | 'reviewerId'>) =>
  `${a.applicationId}-${a.reviewerId}`.replace(/[^A-Za-z0-9-]/g, '_');

export function ConflictsPage({
  lang,
  call,
  declarations,
  conflictedApplicationIds,
  errors,
  values,
  notice,
}: {
  lang: Lang;
  call: Call;
  declarations: Assignment[];
  /** Applications the reader is conflicted on: they cannot rule on those. */
  conflictedApplicationIds: Set<string>;
  errors: Errors;
  /** What was posted for one declaration, to show it again beside its errors. */
  values?: { key: string; recused: string; note: string } | undefined;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const b = t.board;
  const base = `/board/calls/${call.id}/conflicts`;
  const label = (pointer: string) => {
    const key = pointer.split('/')[2];
    const a = declarations.find((d) => rulingKey(d) === key);
    return a
      ? `${a.reviewerName}, ${rowName({ title: a.applicationTitle, reference: a.applicationReference })}`
      : '';
  };
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <h1>{b.declarations}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={label} />
      {declarations.length === 0 && <p>{b.noDeclarations}</p>}
      {declarations.map((a) => {
        const key = rulingKey(a);
        const headingId = `decl-${key}`;
        const conflict = a.conflict;
        if (!conflict) return null;
        const ruling = conflict.ruling;
        const recusedPointer = `/rulings/${key}/recused`;
        const recusedId = fieldId(recusedPointer);
        const recusedError = errors.get(recusedPointer);
        const mine = values?.key === key ? values : undefined;
        return (
          <section class="card" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {a.reviewerName}: {rowName({ title: a.applicationTitle, reference: a.applicationReference })}
            </h2>
            <dl class="facts">
              <dt>{b.organisation}</dt>
              <dd>{a.reviewerOrganisation ?? '–'}</dd>
              <dt>{b.declaredAt}</dt>
              <dd>{formatDateTime(conflict.declaredAt, lang)}</dd>
              <dt>{b.reason}</dt>
              <dd class="prose">{conflict.reason}</dd>
              <dt>{b.rule}</dt>
              <dd>
                {!ruling
                  ? b.awaiting
                  : ruling.recused
                    ? b.ruledRecused(ruling.byName, formatDateTime(ruling.at, lang))
                    : b.ruledCleared(ruling.byName, formatDateTime(ruling.at, lang))}
              </dd>
              {ruling?.note && (
                <>
                  <dt>{b.rulingNote}</dt>
                  <dd class="prose">{ruling.note}</dd>
                </>
              )}
            </dl>
            {!ruling &&
              (conflictedApplicationIds.has(a.applicationId) ? (
                <p class="warning">{b.chairConflicted}</p>
              ) : (
                <form method="post" action={base} novalidate>
                  <input type="hidden" name="applicationId" value={a.applicationId} />
                  <input type="hidden" name="reviewerId" value={a.reviewerId} />
                  <fieldset
                    id={recusedId}
                    tabindex={-1}
                    class={recusedError ? 'choices field-error' : 'choices'}
                    aria-describedby={recusedError ? `${recusedId}-error` : undefined}
                  >
                    <legend>
                      {b.rule}: {a.reviewerName}
                    </legend>
                    {recusedError && (
                      <span class="error-message" id={`${recusedId}-error`}>
                        {recusedError}
                      </span>
                    )}
                    <label>
                      <input type="radio" name="recused" value="yes" checked={mine?.recused === 'yes'} />{' '}
                      {b.recusedYes}
                    </label>
                    <label>
                      <input type="radio" name="recused" value="no" checked={mine?.recused === 'no'} />{' '}
                      {b.recusedNo}
                    </label>
                  </fieldset>
                  <TextField
                    pointer={`/rulings/${key}/note`}
                    name="note"
                    label={`${b.rulingNote}: ${a.reviewerName}`}
                    optionalText={b.optional}
                    errors={errors}
                    value={mine?.note ?? ''}
                    multiline
                    maxLength={2000}
                  />
                  <div class="actions">
                    <button type="submit">{b.saveRuling}</button>
                  </div>
                </form>
              ))}
          </section>
        );
      })}
    </>
  );
}

/** An award as the board's report list shows it: how many of its reports wait for the board. */
export interface BoardAwardRow {
  award: AwardView;
  awaiting: number;
}

/** Every award with the number of its reports awaiting the board, those waiting first. */
export function BoardAwardsPage({ lang, rows }: { lang: Lang; rows: BoardAwardRow[] }) {
  const r = texts[lang].report;
  const a = texts[lang].award;
  return (
    <>
      <p class="meta">
        <a href="/board">{texts[lang].board.title}</a>
      </p>
      <h1>{r.boardListTitle}</h1>
      <p class="lead">{r.boardListIntro}</p>
      {rows.length === 0 ? (
        <p>{r.noAwards}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="board-awards-caption" tabindex={0}>
          <table class="compact">
            <caption id="board-awards-caption" class="meta">
              {r.boardListTitle}
            </caption>
            <thead>
              <tr>
                <th scope="col">{r.project}</th>
                <th scope="col">{a.status}</th>
                <th scope="col">{r.title}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ award, awaiting }) => (
                <tr>
                  <th scope="row">
                    <a href={`/board/awards/${award.applicationId}/reports`}>
                      {rowName({ reference: award.reference, title: award.title ?? award.applicationId })}
                    </a>
                  </th>
                  <td>{a.statuses[award.status]}</td>
                  <td>{awaiting ? <strong>{r.awaiting(awaiting)}</strong> : r.noneAwaiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

export const reasonPointer = (reportId: string) => `/reports/${reportId}/reason`;

/** One award's reports for the board: each with its text, and for a submitted one approve and return. */
export function BoardReportsPage({
  lang,
  award,
  reports,
  errors,
  reasons,
  notice,
}: {
  lang: Lang;
  award: AwardView;
  reports: Report[];
  errors: Errors;
  reasons: Record<string, string>;
  notice?: string | undefined;
}) {
  const r = texts[lang].report;
  const a = texts[lang].award;
  const base = `/board/awards/${award.applicationId}/reports`;
  return (
    <>
      <p class="meta">
        <a href="/board/awards">{r.boardListTitle}</a>
      </p>
      <h1>
        {r.boardTitle}: {award.title ?? award.reference ?? award.applicationId}
      </h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={() => r.reason} />
      <p class="lead">{r.boardIntro}</p>
      <dl class="facts card">
        {award.reference && (
          <>
            <dt>{a.reference}</dt>
            <dd>{award.reference}</dd>
          </>
        )}
        <dt>{a.owner}</dt>
        <dd>{award.ownerName}</dd>
        <dt>{r.awardStatus}</dt>
        <dd>
          <strong>{a.statuses[award.status]}</strong>
        </dd>
      </dl>
      {reports.length === 0 && <p>{r.none}</p>}
      {[...reports].sort(byDueDate).map((x) => {
        const titleId = `report-${x.reportId}-title`;
        return (
          <section class="card" aria-labelledby={titleId}>
            <h2 id={titleId}>{r.kinds[x.kind]}</h2>
            <dl class="facts">
              <dt>{r.dueDate}</dt>
              <dd>{formatDate(x.dueDate, lang)}</dd>
              <dt>{r.status}</dt>
              <dd>{r.statuses[x.status]}</dd>
              {x.submittedAt && (
                <>
                  <dt>{r.submittedAt}</dt>
                  <dd>{formatDateTime(x.submittedAt, lang)}</dd>
                </>
              )}
              {x.spentOre !== undefined && (
                <>
                  <dt>{r.spentLabel}</dt>
                  <dd>{formatKr(x.spentOre, lang)}</dd>
                </>
              )}
            </dl>
            {x.text ? (
              <blockquote>
                {x.text.split(/\n{2,}/).map((para) => (
                  <p>{para}</p>
                ))}
              </blockquote>
            ) : (
              <p class="meta">{r.noText}</p>
            )}
            {x.status === 'returned' && x.returnReason && (
              <p>
                {r.returnedBecause} <q>{x.returnReason}</q>
              </p>
            )}
            {x.status === 'submitted' && (
              <div class="split">
                <form method="post" action={`${base}/${x.reportId}/approve`} class="stack">
                  <input type="hidden" name="_version" value={String(x.version)} />
                  {x.kind === 'final' && award.status === 'committed' && (
                    <p class="meta">{r.approveFinalHint}</p>
                  )}
                  <div class="actions">
                    <button type="submit">{r.approve}</button>
                  </div>
                </form>
                <form method="post" action={`${base}/${x.reportId}/return`} class="stack">
                  <input type="hidden" name="_version" value={String(x.version)} />
                  <TextField
                    pointer={reasonPointer(x.reportId)}
                    name="reason"
                    label={r.reason}
                    hint={r.reasonHint}
                    value={reasons[x.reportId] ?? ''}
                    errors={errors}
                    multiline
                    maxLength={4_000}
                  />
                  <div class="actions">
                    <button type="submit" class="secondary">
                      {r.reject}
                    </button>
                  </div>
                </form>
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
