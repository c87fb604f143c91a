import { Hono } from 'hono';
import {
  type CaseRecordPage,
  caseEventsQuerySchema,
  caseRefSchema,
  mayReadCaseRecords,
  readCaseRecord,
} from '../../functions/core/cases/case-record.service.js';
import { notFound } from '../../functions/core/shared/errors.js';
import { issuesToFieldErrors } from '../../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { page, webCtx } from '../render.js';
import { type CaseFilterValues, CaseRecordView } from './case-record.page.js';

/** "Sagens forløb": a case's record for the secretariat, filtered by kind and person, a page at a time. */
export function caseRecordRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/cases/:kind/:id', async (c) => {
    const { actor, lang } = webCtx(c);
    // Who may read comes first: the others learn nothing of the filters or the case.
    mayReadCaseRecords({ actor });
    const ref = caseRefSchema.safeParse({ kind: c.req.param('kind'), id: c.req.param('id') });
    if (!ref.success) throw notFound('case');
    const filter: CaseFilterValues = {
      kind: c.req.query('kind') ?? '',
      actor: (c.req.query('actor') ?? '').trim(),
    };
    const cursor = c.req.query('cursor') || undefined;
    const parsed = caseEventsQuerySchema.safeParse({
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const empty: CaseRecordPage = { events: [], people: {} };
    const found = parsed.success ? await readCaseRecord(deps.core, { actor }, ref.data, parsed.data) : empty;
    return page(
      c,
      texts[lang].cases.title,
      <CaseRecordView
        lang={lang}
        caseRef={ref.data}
        filter={filter}
        errors={new Errors(lang, parsed.success ? [] : issuesToFieldErrors(parsed.error.issues))}
        page={found}
        cursor={cursor}
      />,
      parsed.success ? 200 : 400,
    );
  });
  return app;
}
