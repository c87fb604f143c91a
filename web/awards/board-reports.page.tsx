import type { AwardView } from '../../functions/core/finance/award.schema.js';
import { type Report, reportReturnInputSchema } from '../../functions/core/finance/report.schema.js';
import type { AwardAwaitingReports } from '../../functions/core/finance/report.service.js';
import { formatDate, formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { rowName } from '../board/board.page.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { maxLengthOf } from '../forms.js';
import { AwardFacts } from './awards.page.js';
import { byDueDate, reportPrefix } from './reports.page.js';

/** Every award with the number of its reports awaiting the board, those waiting first. */
export function BoardAwardsPage({
  lang,
  rows,
  recused = [],
  next,
}: {
  lang: Lang;
  rows: AwardAwaitingReports[];
  /** Awards the reader is conflicted on: their titles only. */
  recused?: { applicationId: string; title: string }[];
  /** The cursor of the next page of older awards, when there is one. */
  next?: string | undefined;
}) {
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
        <DataTable
          compact
          caption={r.boardListTitle}
          captionId="board-awards-caption"
          columns={[{ label: r.project }, { label: a.status }, { label: r.title }]}
        >
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
        </DataTable>
      )}
      {recused.length > 0 && (
        <>
          <h2>{texts[lang].ranking.conflicted}</h2>
          <p class="meta">{texts[lang].ranking.conflictedNote}</p>
          <ul>
            {recused.map((r) => (
              <li>{r.title}</li>
            ))}
          </ul>
        </>
      )}
      {next && (
        <p>
          <a href={`/board/awards?cursor=${encodeURIComponent(next)}`} rel="next">
            {r.olderAwards}
          </a>
        </p>
      )}
    </>
  );
}

const REASON_MAX = maxLengthOf(reportReturnInputSchema.shape.reason);

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
      <AwardFacts lang={lang} award={award} brief statusLabel={r.awardStatus} />
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
                    pointer={`${reportPrefix(x.reportId)}/reason`}
                    name="reason"
                    label={r.reason}
                    hint={r.reasonHint}
                    value={reasons[x.reportId] ?? ''}
                    errors={errors}
                    multiline
                    maxLength={REASON_MAX}
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
