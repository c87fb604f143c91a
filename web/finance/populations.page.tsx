import type { ImportPreview } from '../../functions/core/finance/population.service.js';
import type { FieldError } from '../../functions/core/shared/errors.js';
import { formatInteger } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, Errors, FileField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { Problems } from '../components/problems.js';

/** What an import would change, line by line: the figure stored now, the new one and the difference. */
function PreviewTable({ lang, preview }: { lang: Lang; preview: ImportPreview }) {
  const f = texts[lang].finance;
  const number = (n: number) => formatInteger(n, lang);
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{f.previewTitle}</h2>
      <p role="status">
        {f.previewSummary(preview.summary.new, preview.summary.changed, preview.summary.unchanged)}
      </p>
      <DataTable
        compact
        caption={f.previewTitle}
        columns={[
          { label: f.party },
          { label: f.year, num: true },
          { label: f.current, num: true },
          { label: f.newFigure, num: true },
          { label: f.change, num: true },
          { label: f.outcome },
        ]}
      >
        {preview.rows.map((r) => (
          <tr>
            <th scope="row">{r.partyName}</th>
            <td class="num">{r.year}</td>
            <td class="num">{r.currentPopulation === null ? f.none : number(r.currentPopulation)}</td>
            <td class="num">{number(r.population)}</td>
            <td class="num">
              {r.change === null ? f.none : `${r.change > 0 ? '+' : ''}${number(r.change)}`}
            </td>
            <td>{f.outcomes[r.outcome]}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/**
 * The population import: paste the file's text or choose the file, preview what would change, then apply all
 * or nothing. A file that cannot be read is refused beside its input; lines that cannot be used are listed
 * at the top, each with its number.
 */
export function ImportPage({
  lang,
  csv,
  preview,
  problems,
  notice,
  errors = new Errors(lang),
  maxFileKb,
}: {
  lang: Lang;
  csv: string;
  preview?: ImportPreview | undefined;
  problems: readonly FieldError[];
  notice?: string | undefined;
  /** Errors of the file input (`/file`) and the text (`/csv`) themselves, before any line is read. */
  errors?: Errors;
  maxFileKb: number;
}) {
  const f = texts[lang].finance;
  const csvError = errors.get('/csv');
  return (
    <>
      <p>
        <a href="/finance">{f.title}</a>
      </p>
      <h1>{f.importTitle}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={(pointer) => (pointer === '/file' ? f.file : f.csv)} />
      <Problems lang={lang} heading={f.problemsTitle} problems={problems} />
      <p class="lead">{f.importIntro}</p>
      {preview && <PreviewTable lang={lang} preview={preview} />}
      <form method="post" action="/finance/populations/import" enctype="multipart/form-data" class="stack">
        <div class={problems.length > 0 || csvError ? 'field field-error' : 'field'}>
          <label for="f-csv">{f.csv}</label>
          <span class="hint" id="f-csv-hint">
            {f.csvHint}
          </span>
          {csvError && (
            <span class="error-message" id="f-csv-error">
              {csvError}
            </span>
          )}
          <textarea
            id="f-csv"
            name="csv"
            rows={12}
            aria-describedby={csvError ? 'f-csv-hint f-csv-error' : 'f-csv-hint'}
            aria-invalid={csvError ? 'true' : undefined}
            spellcheck={false}
          >
            {csv}
          </textarea>
        </div>
        <FileField
          pointer="/file"
          name="file"
          label={f.file}
          hint={f.fileHint(maxFileKb)}
          errors={errors}
          accept=".csv,text/csv,text/plain"
        />
        <div class="actions">
          <button type="submit" name="_action" value="preview">
            {f.preview}
          </button>
          <button type="submit" name="_action" value="apply" class="secondary">
            {f.apply}
          </button>
        </div>
      </form>
    </>
  );
}
