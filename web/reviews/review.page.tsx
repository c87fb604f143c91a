import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Call, Criterion } from '../../functions/core/calls/call.schema.js';
import {
  type Assignment,
  declareConflictSchema,
  RECOMMENDATIONS,
  reviewInputSchema,
  SCORE_MAX,
  SCORE_MIN,
} from '../../functions/core/reviews/review.schema.js';
import type { ReviewerView } from '../../functions/core/reviews/review.service.js';
import { reviewerScore } from '../../functions/core/reviews/scoring.js';
import { formatDateTime, formatDecimal } from '../../functions/texts/format.js';
import { localized, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
import { BudgetTable } from '../components/budget-table.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, fieldId, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { Pager } from '../components/pager.js';
import { ProjectFacts } from '../components/project-facts.js';
import { type FormBody, field, maxLengthOf } from '../forms.js';

/** What the review form shows: strings as sent, so a refused post comes back as it was typed. */
export interface ReviewFormValues {
  /** '1'..'5', 'na' or '' per criterion id. */
  scores: Record<string, string>;
  comments: Record<string, string>;
  recommendation: string;
  overallComment: string;
}

const SCALE = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => String(SCORE_MIN + i));

export const criterionName = (c: Criterion, lang: Lang) => localized(lang, c.name, c.nameEn);

const COMMENT_MAX = maxLengthOf(reviewInputSchema.shape.comments.unwrap().valueType);
const OVERALL_COMMENT_MAX = maxLengthOf(reviewInputSchema.shape.overallComment);
const REASON_MAX = maxLengthOf(declareConflictSchema.shape.reason);

export const valuesFromAssignment = (a: Assignment): ReviewFormValues => ({
  scores: Object.fromEntries(Object.entries(a.review.scores).map(([id, s]) => [id, String(s)])),
  comments: { ...a.review.comments },
  recommendation: a.review.recommendation ?? '',
  overallComment: a.review.overallComment ?? '',
});

/** The fields of a group in the posted form (`score.quality`, …), by the criterion id they name. */
const byCriterion = (body: FormBody, group: string): Record<string, string> =>
  Object.fromEntries(
    Object.keys(body).flatMap((name) => {
      const id = new RegExp(`^${group}\\.([a-z][a-z0-9_]{0,39})$`).exec(name)?.[1];
      return id ? [[id, field(body, name)]] : [];
    }),
  );

/** The posted form as typed: a criterion the call does not have is refused by the service, by name. */
export const valuesFromReviewBody = (body: FormBody): ReviewFormValues => ({
  scores: byCriterion(body, 'score'),
  comments: byCriterion(body, 'comment'),
  recommendation: field(body, 'recommendation'),
  overallComment: field(body, 'overallComment'),
});

/**
 * The form as the review input the schema checks. A score that is no digit is passed on as typed, so the
 * schema names it; empty comments are left out; the overall comment is always sent, so clearing it clears it.
 */
export function reviewInputFromValues(values: ReviewFormValues): Record<string, unknown> {
  const scores: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries(values.scores)) {
    if (raw === '') continue;
    scores[id] = /^\d{1,2}$/.test(raw) ? Number(raw) : raw;
  }
  const comments = Object.fromEntries(Object.entries(values.comments).filter(([, c]) => c.trim() !== ''));
  return {
    scores,
    comments,
    ...(values.recommendation ? { recommendation: values.recommendation } : {}),
    overallComment: values.overallComment,
  };
}

export type ConflictState = 'none' | 'pending' | 'recused' | 'cleared';
export const conflictState = (a: Assignment): ConflictState => {
  if (!a.conflict) return 'none';
  if (!a.conflict.ruling) return 'pending';
  return a.conflict.ruling.recused ? 'recused' : 'cleared';
};

export function reviewFieldLabel(pointer: string, call: Call, lang: Lang): string {
  const r = texts[lang].review;
  const [head, id] = pointer.split('/').filter(Boolean);
  const criterion = call.criteria.find((c) => c.id === id);
  const name = criterion ? criterionName(criterion, lang) : (id ?? '');
  if (head === 'scores') return name;
  if (head === 'comments') return `${name}: ${r.comment}`;
  if (head === 'recommendation') return r.recommendation;
  if (head === 'overallComment') return r.overallComment;
  if (head === 'reason') return r.reason;
  return head ?? '';
}

/**
 * A page of the reviewer's queue: the open assignments and the newest finished ones (on the first page), with a
 * link to the older finished ones and, on those, back to the first.
 */
export function ReviewQueuePage({
  lang,
  assignments,
  callTitles,
  cursor,
  next,
}: {
  lang: Lang;
  assignments: Assignment[];
  callTitles: Map<string, string>;
  /** The cursor this page was asked for with; absent on the first page. */
  cursor?: string | undefined;
  /** The cursor of the next page of older finished assignments, when there is one. */
  next?: string | undefined;
}) {
  const r = texts[lang].review;
  return (
    <>
      <h1>{r.queueTitle}</h1>
      <p class="lead">{r.queueIntro}</p>
      {assignments.length === 0 ? (
        <p>{r.none}</p>
      ) : (
        <DataTable
          columns={[
            { label: r.application },
            { label: r.reference },
            { label: r.call },
            { label: r.reviewStatus },
            { label: r.conflictStatus },
          ]}
        >
          {assignments.map((a) => (
            <tr>
              <td>
                <a href={`/reviews/${a.applicationId}`}>{a.applicationTitle || texts[lang].mine.untitled}</a>
              </td>
              <td>{a.applicationReference ?? '–'}</td>
              <td>{callTitles.get(a.callId) ?? ''}</td>
              <td>{r.statuses[a.review.status]}</td>
              <td>{r.conflicts[conflictState(a)]}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager
        label={r.queueTitle}
        path="/reviews"
        cursor={cursor}
        next={next}
        first={r.newestReviews}
        nextText={r.olderReviews}
      />
    </>
  );
}

/** The application as the reviewer may see it: in a blind review without names and contacts. */
function ApplicationPanel({ lang, application, call }: { lang: Lang; application: Application; call: Call }) {
  const t = texts[lang];
  const a = t.application;
  const blind = call.blindReview;
  const grantType = call.grantTypes.find((g) => g.id === application.grantTypeId);
  return (
    <>
      <dl class="facts card">
        {application.reference && (
          <>
            <dt>{t.receipt.reference}</dt>
            <dd>{application.reference}</dd>
          </>
        )}
        <dt>{a.owner}</dt>
        <dd>
          {blind
            ? t.review.blind
            : `${application.ownerName}${application.ownerOrganisation ? `, ${application.ownerOrganisation}` : ''}`}
        </dd>
        <dt>{a.grantType}</dt>
        <dd>
          {grantType
            ? `${grantType.id}: ${localized(lang, grantType.name, grantType.nameEn)}`
            : (application.grantTypeId ?? '–')}
        </dd>
        <ProjectFacts lang={lang} application={application} />
      </dl>
      <h3>{a.summary}</h3>
      <p class="prose">{application.summary}</p>
      <h3>{a.userInvolvement}</h3>
      <p class="prose">{application.userInvolvement}</p>
      <h3>{a.partners}</h3>
      {blind && <p class="meta">{t.review.blind}</p>}
      <ul>
        {application.partners.map((p) => (
          <li>
            {blind ? (
              <>
                {p.sector ? t.sector[p.sector] : '–'}: {p.role}
              </>
            ) : (
              <>
                {p.organisation} ({p.sector ? t.sector[p.sector] : '–'}): {p.contactName}
                {p.contactEmail ? ` <${p.contactEmail}>` : ''}, {p.role}
              </>
            )}
          </li>
        ))}
      </ul>
      <h3>{a.budget}</h3>
      <BudgetTable lang={lang} lines={application.budgetLines} totalOre={application.requestedAmountOre} />
    </>
  );
}

function scoreText(score: string | number | undefined, lang: Lang): string {
  const r = texts[lang].review;
  if (score === undefined) return r.notScored;
  return score === 'na' ? r.notApplicable : String(score);
}

const twoDecimals = (value: number | undefined, lang: Lang) =>
  value === undefined ? '–' : formatDecimal(value, lang);

/** A submitted review, read-only: each criterion's score and comment, the recommendation. */
function ReviewReadOnly({
  lang,
  call,
  assignment,
  caption,
  captionId,
}: {
  lang: Lang;
  call: Call;
  assignment: Assignment;
  caption: string;
  captionId: string;
}) {
  const r = texts[lang].review;
  const review = assignment.review;
  return (
    <>
      <DataTable
        caption={caption}
        captionId={captionId}
        columns={[{ label: texts[lang].call.criteria }, { label: r.score }, { label: r.comment }]}
      >
        {call.criteria.map((c) => (
          <tr>
            <th scope="row">
              {criterionName(c, lang)} ({r.weight(c.weight)})
            </th>
            <td>{scoreText(review.scores[c.id], lang)}</td>
            <td class="prose">{review.comments[c.id] ?? ''}</td>
          </tr>
        ))}
      </DataTable>
      <dl class="facts">
        <dt>{r.weightedScore}</dt>
        <dd>{twoDecimals(reviewerScore(call.criteria, review.scores), lang)}</dd>
        <dt>{r.recommendation}</dt>
        <dd>{review.recommendation ? r.recommendations[review.recommendation] : '–'}</dd>
        {review.overallComment && (
          <>
            <dt>{r.overallComment}</dt>
            <dd class="prose">{review.overallComment}</dd>
          </>
        )}
        {review.submittedAt && (
          <>
            <dt>{r.submittedAt}</dt>
            <dd>{formatDateTime(review.submittedAt, lang)}</dd>
          </>
        )}
      </dl>
    </>
  );
}

function ReviewForm({
  lang,
  call,
  assignment,
  values,
  errors,
}: {
  lang: Lang;
  call: Call;
  assignment: Assignment;
  values: ReviewFormValues;
  errors: Errors;
}) {
  const t = texts[lang];
  const r = t.review;
  const recommendationError = errors.get('/recommendation');
  return (
    <form method="post" action={`/reviews/${assignment.applicationId}`} novalidate>
      <input type="hidden" name="_version" value={String(assignment.version)} />
      <p class="hint">{r.scaleHint}</p>
      {call.criteria.map((c) => {
        const pointer = `/scores/${c.id}`;
        const id = fieldId(pointer);
        const error = errors.get(pointer);
        return (
          <fieldset
            id={id}
            tabindex={-1}
            class={error ? 'field-error' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            <legend>
              {criterionName(c, lang)} ({r.weight(c.weight)})
            </legend>
            {error && (
              <span class="error-message" id={`${id}-error`}>
                {error}
              </span>
            )}
            <div class="scale">
              {[...SCALE, 'na'].map((v) => (
                <label>
                  <input
                    type="radio"
                    name={`score.${c.id}`}
                    value={v}
                    checked={values.scores[c.id] === v}
                    aria-invalid={error ? 'true' : undefined}
                  />
                  {v === 'na' ? r.notApplicable : v}
                </label>
              ))}
            </div>
            <TextField
              pointer={`/comments/${c.id}`}
              name={`comment.${c.id}`}
              label={`${r.comment}: ${criterionName(c, lang)}`}
              optionalText={t.form.optional}
              errors={errors}
              value={values.comments[c.id]}
              multiline
              maxLength={COMMENT_MAX}
            />
          </fieldset>
        );
      })}
      <fieldset
        id={fieldId('/recommendation')}
        tabindex={-1}
        class={recommendationError ? 'choices field-error' : 'choices'}
        aria-describedby={recommendationError ? 'f-recommendation-error' : undefined}
      >
        <legend>{r.recommendation}</legend>
        {recommendationError && (
          <span class="error-message" id="f-recommendation-error">
            {recommendationError}
          </span>
        )}
        {RECOMMENDATIONS.map((rec) => (
          <label>
            <input type="radio" name="recommendation" value={rec} checked={values.recommendation === rec} />{' '}
            {r.recommendations[rec]}
          </label>
        ))}
      </fieldset>
      <TextField
        pointer="/overallComment"
        name="overallComment"
        label={r.overallComment}
        optionalText={t.form.optional}
        errors={errors}
        value={values.overallComment}
        multiline
        maxLength={OVERALL_COMMENT_MAX}
      />
      <div class="actions">
        <button type="submit" name="_action" value="save" class="secondary">
          {r.save}
        </button>
        <button type="submit" name="_action" value="submit">
          {r.submit}
        </button>
      </div>
    </form>
  );
}

function ConflictStatus({ lang, assignment }: { lang: Lang; assignment: Assignment }) {
  const r = texts[lang].review;
  const conflict = assignment.conflict;
  if (!conflict) return null;
  const ruling = conflict.ruling;
  return (
    <dl class="facts">
      <dt>{r.declaredAt}</dt>
      <dd>{formatDateTime(conflict.declaredAt, lang)}</dd>
      <dt>{r.reason}</dt>
      <dd class="prose">{conflict.reason}</dd>
      <dt>{r.ruling}</dt>
      <dd>
        {!ruling
          ? r.pending
          : ruling.recused
            ? r.ruledRecused(ruling.byName, formatDateTime(ruling.at, lang))
            : r.ruledCleared(ruling.byName, formatDateTime(ruling.at, lang))}
      </dd>
      {ruling?.note && (
        <>
          <dt>{r.note}</dt>
          <dd class="prose">{ruling.note}</dd>
        </>
      )}
    </dl>
  );
}

export interface ReviewPageProps {
  lang: Lang;
  view: ReviewerView;
  values: ReviewFormValues;
  errors: Errors;
  conflictErrors: Errors;
  reason: string;
  notice?: string | undefined;
  versionConflict?: boolean | undefined;
  /** Other reviewers' submitted reviews, when the call shows them and this reviewer has submitted. */
  others: Assignment[];
}

export function ReviewPage({
  lang,
  view,
  values,
  errors,
  conflictErrors,
  reason,
  notice,
  versionConflict,
  others,
}: ReviewPageProps) {
  const t = texts[lang];
  const r = t.review;
  const { assignment, call, application } = view;
  const base = `/reviews/${assignment.applicationId}`;
  const reviewable = application?.status === 'in_review' || application?.status === 'waiting_list';
  const editable = reviewable && assignment.review.status !== 'submitted';
  const labelOf = (p: string) => reviewFieldLabel(p, call, lang);
  return (
    <>
      <p class="meta">
        <a href="/reviews">{r.back}</a>
      </p>
      <h1>{assignment.applicationTitle || t.mine.untitled}</h1>
      <p class="meta">
        {assignment.applicationReference ? `${assignment.applicationReference} · ` : ''}
        {callTitle(call, lang)} ·{' '}
        <a href={`/applications/${assignment.applicationId}/documents`}>{t.documents.title}</a>
      </p>
      <Notice text={notice} />
      {versionConflict && (
        <div class="warning" role="alert">
          {r.conflict} <a href={base}>{t.form.reload}</a>
        </div>
      )}
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <ErrorSummary errors={conflictErrors} labelOf={labelOf} />
      {!application ? (
        <>
          <div class="warning">{r.conflictedNotice}</div>
          <section class="card" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">{r.conflictHeading}</h2>
            <ConflictStatus lang={lang} assignment={assignment} />
          </section>
        </>
      ) : (
        <>
          <div class="split">
            <section aria-labelledby="application-heading">
              <h2 id="application-heading">{r.applicationHeading}</h2>
              <ApplicationPanel lang={lang} application={application} call={call} />
            </section>
            <section aria-labelledby="review-heading">
              <h2 id="review-heading">{r.formHeading}</h2>
              {editable ? (
                <ReviewForm lang={lang} call={call} assignment={assignment} values={values} errors={errors} />
              ) : (
                <>
                  <p class="notice">{assignment.review.status === 'submitted' ? r.readOnly : r.decided}</p>
                  <ReviewReadOnly
                    lang={lang}
                    call={call}
                    assignment={assignment}
                    caption={r.formHeading}
                    captionId="review-own"
                  />
                </>
              )}
              {assignment.review.status === 'submitted' && call.showReviewsToReviewers && (
                <>
                  <h3>{r.others}</h3>
                  {others.length === 0 ? (
                    <p>{r.noOthers}</p>
                  ) : (
                    others.map((other, i) => (
                      <div class="card">
                        <ReviewReadOnly
                          lang={lang}
                          call={call}
                          assignment={other}
                          caption={r.otherReviewer(i + 1)}
                          captionId={`review-other-${i + 1}`}
                        />
                      </div>
                    ))
                  )}
                </>
              )}
            </section>
          </div>
          <section class="card" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">{r.conflictHeading}</h2>
            {assignment.conflict ? (
              <ConflictStatus lang={lang} assignment={assignment} />
            ) : (
              <>
                <p>{r.conflictIntro}</p>
                <form method="post" action={`${base}/conflict`} novalidate>
                  <TextField
                    pointer="/reason"
                    name="reason"
                    label={r.reason}
                    hint={r.reasonHint}
                    errors={conflictErrors}
                    value={reason}
                    multiline
                    maxLength={REASON_MAX}
                  />
                  <div class="actions">
                    <button type="submit" class="danger">
                      {r.declare}
                    </button>
                  </div>
                </form>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
