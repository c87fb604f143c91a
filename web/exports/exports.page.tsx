import { EXPORT_LINK_SECONDS } from '../../functions/core/exports/export.schema.js';
import type { ExportView } from '../../functions/core/exports/export.service.js';
import { formatDateTime, formatInteger } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { caseRecordPath } from '../cases/case-record.page.js';
import { ErrorSummary, type Errors } from '../components/fields.js';

/** The path of an export's status page. */
export const exportPath = (id: string): string => `/exports/${encodeURIComponent(id)}`;

/** The form that starts an application's aktindsigt export (on its case record, for admins). */
export function CaseExportForm({ lang, applicationId }: { lang: Lang; applicationId: string }) {
  const t = texts[lang].exports;
  return (
    <section class="card" aria-labelledby="case-export">
      <h2 id="case-export">{t.caseExportTitle}</h2>
      <p>{t.caseExportIntro}</p>
      <form method="post" action={`/admin/cases/application/${encodeURIComponent(applicationId)}/export`}>
        <button type="submit">{t.caseExportButton}</button>
      </form>
    </section>
  );
}

/** "Hent mine data": what the person gets, and the button that asks for it. */
export function MyDataExportPage({ lang, errors }: { lang: Lang; errors: Errors }) {
  const t = texts[lang].exports;
  return (
    <>
      <h1>{t.myDataTitle}</h1>
      <ErrorSummary errors={errors} labelOf={() => t.myDataTitle} />
      <p class="lead">{t.myDataIntro}</p>
      <form method="post" action="/me/data-export">
        <button type="submit">{t.myDataButton}</button>
      </form>
    </>
  );
}

/** An export's state: a refresh link while it is built, the download link once ready (no JavaScript needed). */
export function ExportStatusPage({ lang, view }: { lang: Lang; view: ExportView }) {
  const t = texts[lang].exports;
  const title = view.scope === 'case' ? t.caseExportTitle : t.myDataTitle;
  return (
    <>
      <h1>{title}</h1>
      <dl class="facts card">
        <dt>{t.status}</dt>
        <dd>
          <strong>{t.statuses[view.status]}</strong>
        </dd>
        <dt>{t.requestedAt}</dt>
        <dd>{formatDateTime(view.createdAt, lang)}</dd>
        {view.sha256 && (
          <>
            <dt>{t.checksum}</dt>
            <dd>
              <code>{view.sha256}</code>
            </dd>
          </>
        )}
        {view.sizeBytes !== undefined && (
          <>
            <dt>{t.size}</dt>
            <dd>{formatInteger(view.sizeBytes, lang)} B</dd>
          </>
        )}
      </dl>
      {view.status === 'ready' && view.downloadUrl && (
        <p>
          <a href={view.downloadUrl} class="button" download>
            {t.download}
          </a>{' '}
          {t.linkExpires(EXPORT_LINK_SECONDS / 60)}
        </p>
      )}
      {(view.status === 'queued' || view.status === 'building') && <p role="status">{t.waiting}</p>}
      {view.status === 'failed' && <p role="alert">{t.failedText}</p>}
      <ul class="links">
        <li>
          <a href={exportPath(view.id)}>{t.refresh}</a>
        </li>
        {view.subject.kind === 'application' && (
          <li>
            <a href={caseRecordPath({ kind: 'application', id: view.subject.id })}>{t.back}</a>
          </li>
        )}
      </ul>
    </>
  );
}
