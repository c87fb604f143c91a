import type { Call } from '../../functions/core/calls/call.schema.js';
import {
  type Assignment,
  type FoundConflict,
  ruleConflictSchema,
} from '../../functions/core/reviews/review.schema.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ErrorSummary, Errors, fieldId, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { maxLengthOf } from '../forms.js';
import { BackToCall, rowName } from './board.page.js';
import { FoundConflicts, type FoundRulingValues, foundKey } from './found-conflicts.js';

const NOTE_MAX = maxLengthOf(ruleConflictSchema.shape.note);

export const rulingKey = (a: Pick<Assignment, 'applicationId' | 'reviewerId'>) =>
  `${a.applicationId}-${a.reviewerId}`.replace(/[^A-Za-z0-9-]/g, '_');

/** A ruling as posted: which declaration, and what was chosen and typed. */
export interface RulingValues {
  applicationId: string;
  reviewerId: string;
  recused: string;
  note: string;
}

export function ConflictsPage({
  lang,
  call,
  declarations,
  conflictedApplicationIds,
  errors,
  values,
  notice,
  found,
  foundValues,
}: {
  lang: Lang;
  call: Call;
  declarations: Assignment[];
  /** Conflicts the registry's tree finds, with their rulings. */
  found: FoundConflict[];
  /** What was posted to rule a found conflict away, to show again beside its errors. */
  foundValues?: FoundRulingValues | undefined;
  /** Applications the reader is conflicted on: they cannot rule on those. */
  conflictedApplicationIds: Set<string>;
  errors: Errors;
  /** What was posted for one declaration, to show it again beside its errors (named by the form's own fields). */
  values?: RulingValues | undefined;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const b = t.board;
  const base = `/board/calls/${call.id}/conflicts`;
  const posted = values ? rulingKey(values) : undefined;
  const label = () => {
    if (foundValues) {
      const f = found.find((x) => foundKey(x) === foundKey(foundValues));
      return f ? `${texts[lang].foundConflicts.reason}: ${f.name}` : '';
    }
    const a = declarations.find((d) => rulingKey(d) === posted);
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
        const mine = posted === key ? values : undefined;
        // The posted form's fields carry the pointers its errors name; the other forms' are kept apart by key.
        const at = (leaf: string) => (mine ? `/${leaf}` : `/rulings/${key}/${leaf}`);
        const recusedPointer = at('recused');
        const recusedId = fieldId(recusedPointer);
        const recusedError = errors.get(recusedPointer);
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
                    pointer={at('note')}
                    name="note"
                    label={`${b.rulingNote}: ${a.reviewerName}`}
                    optionalText={b.optional}
                    errors={errors}
                    value={mine?.note ?? ''}
                    multiline
                    maxLength={NOTE_MAX}
                  />
                  <div class="actions">
                    <button type="submit">{b.saveRuling}</button>
                  </div>
                </form>
              ))}
          </section>
        );
      })}
      <FoundConflicts
        lang={lang}
        action={`${base}/found`}
        found={found}
        errors={foundValues ? errors : new Errors(lang)}
        values={foundValues}
      />
    </>
  );
}
