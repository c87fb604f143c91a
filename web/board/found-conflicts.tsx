import { type FoundConflict, ruleFoundConflictSchema } from '../../functions/core/reviews/review.schema.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { type Errors, TextField } from '../components/fields.js';
import { maxLengthOf } from '../forms.js';
import { rowName } from './board.page.js';

const REASON_MAX = maxLengthOf(ruleFoundConflictSchema.shape.reason);

export const foundKey = (f: Pick<FoundConflict, 'applicationId' | 'userId'>) =>
  `${f.applicationId}-${f.userId}`.replace(/[^A-Za-z0-9-]/g, '_');

/** A ruling-away as posted: which found conflict, and the reason typed. */
export interface FoundRulingValues {
  applicationId: string;
  userId: string;
  reason: string;
}

/**
 * The conflicts the registry's tree finds in a call's applications, each with its ruling or a form for the
 * chair to rule it away with a reason (issue 11). Part of the conflicts page.
 */
export function FoundConflicts({
  lang,
  action,
  found,
  errors,
  values,
}: {
  lang: Lang;
  /** Where the ruling forms post. */
  action: string;
  found: FoundConflict[];
  errors: Errors;
  values?: FoundRulingValues | undefined;
}) {
  const f = texts[lang].foundConflicts;
  const posted = values ? foundKey(values) : undefined;
  return (
    <section aria-labelledby="found-conflicts">
      <h2 id="found-conflicts">{f.title}</h2>
      <p>{f.intro}</p>
      {found.length === 0 && <p>{f.none}</p>}
      {found.map((conflict) => {
        const key = foundKey(conflict);
        const headingId = `found-${key}`;
        const mine = posted === key ? values : undefined;
        const pointer = mine ? '/reason' : `/found/${key}/reason`;
        return (
          <article class="card" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {conflict.name}:{' '}
              {rowName({ title: conflict.applicationTitle, reference: conflict.applicationReference })}
            </h3>
            <dl class="facts">
              <dt>{f.personOrganisation}</dt>
              <dd>{conflict.organisation}</dd>
              <dt>{f.applicationOrganisation}</dt>
              <dd>{conflict.applicationOrganisation}</dd>
              <dt>{f.status}</dt>
              <dd>
                {conflict.ruling
                  ? f.ruledAway(conflict.ruling.byName, formatDateTime(conflict.ruling.at, lang))
                  : f.standing}
              </dd>
              {conflict.ruling && (
                <>
                  <dt>{f.reason}</dt>
                  <dd class="prose">{conflict.ruling.reason}</dd>
                </>
              )}
            </dl>
            {!conflict.ruling && (
              <form method="post" action={action} novalidate>
                <input type="hidden" name="applicationId" value={conflict.applicationId} />
                <input type="hidden" name="userId" value={conflict.userId} />
                <TextField
                  pointer={pointer}
                  name="reason"
                  label={`${f.reason}: ${conflict.name}`}
                  errors={errors}
                  value={mine?.reason ?? ''}
                  multiline
                  maxLength={REASON_MAX}
                />
                <div class="actions">
                  <button type="submit">{f.ruleAway}</button>
                </div>
              </form>
            )}
          </article>
        );
      })}
    </section>
  );
}
