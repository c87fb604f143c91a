import { type Report, reportSubmitInputSchema } from '../../functions/core/finance/report.schema.js';
import { formatDate, formatKrInput } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { maxLengthOf } from '../forms.js';

/** A report form's strings as typed: the text and what was spent, in kroner. */
export interface ReportValues {
  text: string;
  spent: string;
}

/** Reports in the order they are due. */
export const byDueDate = (x: Report, y: Report) =>
  x.dueDate.localeCompare(y.dueDate) || x.reportId.localeCompare(y.reportId);

/** Where one report's form sits in the page's pointers: each report has a form of its own. */
export const reportPrefix = (reportId: string) => `/reports/${reportId}`;

function reportFormLabel(pointer: string, lang: Lang): string {
  const r = texts[lang].report;
  if (pointer.endsWith('/text')) return r.text;
  if (pointer.endsWith('/spentOre')) return r.spent;
  return pointer;
}

const TEXT_MAX = maxLengthOf(reportSubmitInputSchema.shape.text);

/**
 * The "Rapporter" section of an award's page: each report's kind, due date and status, and for its owner a
 * form for each report that is due or was returned.
 */
export function ReportsSection({
  lang,
  applicationId,
  reports,
  owner,
  values,
  errors,
  notice,
}: {
  lang: Lang;
  applicationId: string;
  reports: Report[];
  owner: boolean;
  values: Record<string, ReportValues>;
  errors: Errors;
  notice?: string | undefined;
}) {
  const r = texts[lang].report;
  const sorted = [...reports].sort(byDueDate);
  const open = owner ? sorted.filter((x) => x.status === 'due' || x.status === 'returned') : [];
  return (
    <section aria-labelledby="reports-title" id="reports">
      <h2 id="reports-title">{r.title}</h2>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={(p) => reportFormLabel(p, lang)} />
      {sorted.length === 0 ? (
        <p>{r.none}</p>
      ) : (
        <>
          {owner && <p>{r.intro}</p>}
          <DataTable
            compact
            caption={r.title}
            captionId="reports-caption"
            columns={[{ label: r.kind }, { label: r.dueDate }, { label: r.status }]}
          >
            {sorted.map((x) => (
              <tr>
                <th scope="row">{r.kinds[x.kind]}</th>
                <td>{formatDate(x.dueDate, lang)}</td>
                <td>{r.statuses[x.status]}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      {open.map((x) => {
        const v = values[x.reportId] ?? { text: x.text ?? '', spent: formatKrInput(x.spentOre) };
        const titleId = `report-${x.reportId}-title`;
        const prefix = reportPrefix(x.reportId);
        return (
          <form
            method="post"
            action={`/awards/${applicationId}/reports/${x.reportId}`}
            class="card stack"
            aria-labelledby={titleId}
          >
            <h3 id={titleId}>
              {r.submitTitle(r.kinds[x.kind])} ({formatDate(x.dueDate, lang)})
            </h3>
            {x.status === 'returned' && x.returnReason && (
              <p>
                {r.returnedBecause} <q>{x.returnReason}</q>
              </p>
            )}
            <input type="hidden" name="_version" value={String(x.version)} />
            <TextField
              pointer={`${prefix}/text`}
              name="text"
              label={r.text}
              hint={r.textHint}
              value={v.text}
              errors={errors}
              multiline
              maxLength={TEXT_MAX}
            />
            <TextField
              pointer={`${prefix}/spentOre`}
              name="spent"
              label={r.spent}
              hint={r.spentHint}
              optionalText={r.optional}
              value={v.spent}
              errors={errors}
              inputMode="decimal"
            />
            <div class="actions">
              <button type="submit">{r.submit}</button>
            </div>
          </form>
        );
      })}
    </section>
  );
}
