import { Hono } from 'hono';
import * as z from 'zod';
import { getApplicationWithCall } from '../../functions/core/applications/application.service.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { MEDIA_TYPES } from '../../functions/core/documents/document.schema.js';
import {
  completeUpload,
  deleteDocument,
  documentKindsOf,
  downloadDocument,
  listDocuments,
  requestUpload,
} from '../../functions/core/documents/document.service.js';
import { AppError } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { say, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { formAction } from '../form-action.js';
import { field, readBody } from '../forms.js';
import { page, webCtx } from '../render.js';
import { DocumentsSection, UPLOAD_JS, UploadPage } from './documents.page.js';

const NOTICES = { uploaded: 'uploaded', deleted: 'deleted' } as const;

/**
 * The documents section of an application's page, for any reader the core lets read them (the owner's draft,
 * reviewers, the board, admins); `notice` from the query (`?document=uploaded`).
 */
export async function documentsSection(
  deps: AppDeps,
  actor: Principal,
  lang: Lang,
  applicationId: string,
  notice?: string,
) {
  const { documents, kinds, editable } = await listDocuments(deps.core, actor, applicationId);
  const application = await deps.core.applications.get(applicationId);
  if (!application || (documents.length === 0 && kinds.length === 0)) return undefined;
  const t = texts[lang].documents;
  const said = notice === NOTICES.uploaded ? t.uploaded : notice === NOTICES.deleted ? t.deleted : undefined;
  return (
    <DocumentsSection
      lang={lang}
      application={application}
      documents={documents}
      kinds={kinds}
      editable={editable}
      notice={said}
    />
  );
}

const startSchema = z.strictObject({
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  partnerIndex: z.coerce.number().int().min(0).max(29).optional(),
});

/** The documents' pages: start an upload (the form to the file store), complete it, delete, download. */
export function documentRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/static/upload.js', (c) =>
    c.body(UPLOAD_JS, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  /** The documents of an application on a page of their own: where reviewers and the board read them. */
  app.get('/applications/:id/documents', async (c) => {
    const { actor, lang } = webCtx(c);
    const id = c.req.param('id');
    const section = await documentsSection(deps, actor, lang, id, c.req.query('document'));
    return page(c, texts[lang].documents.title, section ?? <p>{texts[lang].documents.none}</p>);
  });

  // Starts an upload for one slot and shows the form that posts straight to the file store. The form names
  // no file to the server, so the type is declared as the kind's first and the size as its limit: both are
  // checked against what arrives, by its content, at completion.
  app.post('/applications/:id/documents/new', async (c) => {
    const { actor, lang } = webCtx(c);
    const id = c.req.param('id');
    const body = await readBody(c);
    const parsed = startSchema.safeParse({
      kind: field(body, 'kind'),
      ...(field(body, 'partnerIndex') ? { partnerIndex: field(body, 'partnerIndex') } : {}),
    });
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', { code: 'INVALID_INPUT' });
    const { call, application } = await getApplicationWithCall(deps.core, actor, id);
    const kind = documentKindsOf(call).find((k) => k.id === parsed.data.kind);
    if (!kind) throw new AppError('VALIDATION_FAILED', { code: 'DOCUMENT_KIND_UNKNOWN' });
    const origin = new URL(c.req.url).origin;
    const ticket = await requestUpload(
      deps.core,
      { actor },
      id,
      {
        kind: kind.id,
        fileName: kind.name,
        contentType: MEDIA_TYPES[kind.types[0] ?? 'pdf'],
        sizeBytes: kind.maxBytes,
        ...(parsed.data.partnerIndex !== undefined ? { partnerIndex: parsed.data.partnerIndex } : {}),
      },
      (documentId) => `${origin}/applications/${id}/documents/${documentId}/uploaded`,
    );
    const partner =
      parsed.data.partnerIndex === undefined
        ? undefined
        : application.partners[parsed.data.partnerIndex]?.organisation;
    return page(
      c,
      texts[lang].documents.upload,
      <UploadPage lang={lang} application={application} kind={kind} partner={partner} ticket={ticket} />,
    );
  });

  // Where the file store sends the browser back (success_action_redirect): checks what arrived.
  app.get('/applications/:id/documents/:documentId/uploaded', async (c) => {
    // The page's script posts with XMLHttpRequest, which follows the store's redirect to here by itself (a CORS
    // request, without the file's name), then comes here as a page with the name: only that visit completes it.
    if (c.req.header('sec-fetch-mode') === 'cors') return c.body(null, 204);
    const { actor, lang } = webCtx(c);
    const id = c.req.param('id');
    const name = c.req.query('name');
    try {
      await completeUpload(
        deps.core,
        { actor },
        id,
        c.req.param('documentId'),
        name ? { fileName: name } : {},
      );
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'RULES_FAILED' && error.code !== 'INVALID_STATE'))
        throw error;
      return page(
        c,
        texts[lang].documents.title,
        <>
          <h1>{texts[lang].documents.title}</h1>
          <div class="error-summary" role="alert" tabindex={-1} id="problems" autofocus>
            <p>{say(lang, error.reason)}</p>
          </div>
          <p>
            <a href={`/applications/${id}#documents`}>{texts[lang].application.newTitle}</a>
          </p>
        </>,
        error.code === 'RULES_FAILED' ? 422 : 409,
      );
    }
    return c.redirect(`/applications/${id}?document=uploaded#documents`, 303);
  });

  app.post(
    '/applications/:id/documents/:documentId/delete',
    formAction({
      values: () => ({}),
      input: () => ({}),
      schema: z.strictObject({}),
      run: (_input, { c, ctx }) =>
        deleteDocument(deps.core, ctx, c.req.param('id') ?? '', c.req.param('documentId') ?? ''),
      done: (_result, { c }) => `/applications/${c.req.param('id')}?document=deleted#documents`,
      // Nothing to type: a refusal (not a draft any more, not found) is the error page's.
      render: (_c, state) => {
        throw state.error ?? new AppError('VALIDATION_FAILED', { code: 'INVALID_INPUT' });
      },
    }),
  );

  app.get('/documents/:documentId/download', async (c) =>
    c.redirect(await downloadDocument(deps.core, webCtx(c).actor, c.req.param('documentId')), 302),
  );
  return app;
}
