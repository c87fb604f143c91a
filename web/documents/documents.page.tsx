import type { Application } from '../../functions/core/applications/application.schema.js';
import type { DocumentKind } from '../../functions/core/documents/document.schema.js';
import type { ListedDocument, UploadTicket } from '../../functions/core/documents/document.service.js';
import { formatBytes } from '../../functions/texts/documents.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { localized, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { Notice } from '../components/notice.js';

/** Where a document is downloaded (the documents routes answer with a short-lived link to the store). */
export const documentDownloadPath = (documentId: string) => `/documents/${documentId}/download`;

const kindName = (lang: Lang, d: { kindName: string; kindNameEn?: string | undefined }) =>
  localized(lang, d.kindName, d.kindNameEn);

/** The slots a call's kinds make on an application: one per kind, or one per partner for a per-partner kind. */
interface Slot {
  kind: DocumentKind;
  partnerIndex: number | undefined;
  partner: string | undefined;
}

function slotsOf(kinds: readonly DocumentKind[], application: Application): Slot[] {
  return kinds.flatMap((kind): Slot[] =>
    kind.per === 'partner'
      ? application.partners.flatMap((p, i) =>
          p.organisation ? [{ kind, partnerIndex: i, partner: p.organisation }] : [],
        )
      : [{ kind, partnerIndex: undefined, partner: undefined }],
  );
}

export interface DocumentsSectionProps {
  lang: Lang;
  application: Application;
  documents: readonly ListedDocument[];
  kinds: readonly DocumentKind[];
  editable: boolean;
  notice?: string | undefined;
}

/**
 * The documents of an application: the list (kind, name, size, type, time, status) with download links, and
 * while a draft, per kind (per partner) the button that starts an upload, and delete.
 */
export function DocumentsSection({
  lang,
  application,
  documents,
  kinds,
  editable,
  notice,
}: DocumentsSectionProps) {
  const t = texts[lang].documents;
  const base = `/applications/${application.id}/documents`;
  const slots = slotsOf(kinds, application);
  return (
    <section id="documents" aria-labelledby="documents-title">
      <h2 id="documents-title">{t.title}</h2>
      <Notice text={notice} />
      {editable && <p class="meta">{t.intro}</p>}
      {documents.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.size}</th>
              <th scope="col">{t.type}</th>
              <th scope="col">{t.time}</th>
              <th scope="col">{t.status}</th>
              {editable && <th scope="col">{t.delete}</th>}
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr>
                <td>
                  {kindName(lang, d)}
                  {d.partnerIndex !== undefined && application.partners[d.partnerIndex]?.organisation && (
                    <> {t.partner(application.partners[d.partnerIndex]?.organisation ?? '')}</>
                  )}
                </td>
                <td>{d.downloadable ? <a href={documentDownloadPath(d.id)}>{d.fileName}</a> : d.fileName}</td>
                <td>{formatBytes(d.sizeBytes, lang)}</td>
                <td>{d.type?.toUpperCase() ?? '–'}</td>
                <td>{formatDateTime(d.completedAt ?? d.createdAt, lang)}</td>
                <td>{t.statuses[d.status]}</td>
                {editable && (
                  <td>
                    <form method="post" action={`${base}/${d.id}/delete`}>
                      <button type="submit" class="danger">
                        {t.delete} <span class="visually-hidden">{d.fileName}</span>
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && kinds.some((k) => k.per === 'partner') && slots.every((s) => s.kind.per !== 'partner') && (
        <p class="meta">{t.addPartnerFirst}</p>
      )}
      {editable &&
        slots.map(({ kind, partnerIndex, partner }) => {
          const has = documents.some(
            (d) =>
              d.kind === kind.id &&
              d.partnerIndex === partnerIndex &&
              d.status !== 'rejected' &&
              d.status !== 'pending',
          );
          return (
            <form method="post" action={`${base}/new`} class="card">
              <input type="hidden" name="kind" value={kind.id} />
              {partnerIndex !== undefined && (
                <input type="hidden" name="partnerIndex" value={String(partnerIndex)} />
              )}
              <p>
                <strong>
                  {localized(lang, kind.name, kind.nameEn)}
                  {partner && <> {t.partner(partner)}</>}
                </strong>{' '}
                ({kind.required ? t.required : t.optional})
              </p>
              <p class="meta">{t.allowed(kind.types, kind.maxBytes)}</p>
              <button type="submit" class="secondary">
                {has ? t.replace : t.upload}{' '}
                <span class="visually-hidden">
                  {localized(lang, kind.name, kind.nameEn)}
                  {partner ? ` ${t.partner(partner)}` : ''}
                </span>
              </button>
            </form>
          );
        })}
    </section>
  );
}

/**
 * The upload itself: a plain HTML form posting the presigned fields and the file straight to the file store,
 * which sends the browser back to the page that completes it. Works without JavaScript; with it, the small
 * script shows the progress.
 */
export function UploadPage({
  lang,
  application,
  kind,
  partner,
  ticket,
}: {
  lang: Lang;
  application: Application;
  kind: DocumentKind;
  partner?: string | undefined;
  ticket: UploadTicket;
}) {
  const t = texts[lang].documents;
  const redirect = ticket.upload.fields.success_action_redirect ?? '';
  return (
    <>
      <p class="meta">
        <a href={`/applications/${application.id}#documents`}>
          {application.title || texts[lang].mine.untitled}
        </a>
      </p>
      <h1>
        {localized(lang, kind.name, kind.nameEn)}
        {partner && <> {t.partner(partner)}</>}
      </h1>
      <p>{t.allowed(kind.types, kind.maxBytes)}</p>
      <form
        method="post"
        action={ticket.upload.url}
        enctype="multipart/form-data"
        class="stack"
        data-upload
        data-redirect={redirect}
      >
        {Object.entries(ticket.upload.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <label for="file">{t.file}</label>
        <input
          id="file"
          type="file"
          name="file"
          required
          accept={kind.types.map((x) => `.${x === 'jpeg' ? 'jpg' : x}`).join(',')}
        />
        <progress id="upload-progress" max="100" value="0" hidden aria-label={t.progress} />
        <div class="actions">
          <button type="submit">{t.upload}</button>
        </div>
      </form>
      <script src="/static/upload.js" defer />
    </>
  );
}

/** The small script: the same form sent with XMLHttpRequest, to show the upload's progress. */
export const UPLOAD_JS = `(() => {
  const form = document.querySelector('form[data-upload]');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const bar = document.getElementById('upload-progress');
  form.addEventListener('submit', (event) => {
    const input = form.querySelector('input[type=file]');
    if (!input || !input.files || input.files.length === 0) return;
    event.preventDefault();
    const name = input.files[0].name;
    const back = form.dataset.redirect + (form.dataset.redirect.includes('?') ? '&' : '?') + 'name=' + encodeURIComponent(name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    if (bar) bar.hidden = false;
    xhr.upload.addEventListener('progress', (e) => {
      if (bar && e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    // Whatever the store answered (it redirects), the page that completes the upload checks what arrived.
    xhr.addEventListener('loadend', () => window.location.assign(back));
    xhr.send(new FormData(form));
  });
})();
`;
