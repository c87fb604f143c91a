import type { PropsWithChildren } from 'hono/jsx';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { grantTypeOf } from '../calls/calls.page.js';
import { ProjectFacts } from './project-facts.js';

/**
 * An application's facts (reference, submission, owner, grant type, focus area, period, total) as one `<dl>`,
 * the same on the applicant's view and the board's; `children` adds terms after the owner (the board's contact).
 */
export function ApplicationFacts({
  lang,
  application,
  call,
  children,
}: PropsWithChildren<{ lang: Lang; application: Application; call: Call | undefined }>) {
  const t = texts[lang];
  const a = t.application;
  return (
    <dl class="facts card">
      {application.reference && (
        <>
          <dt>{t.receipt.reference}</dt>
          <dd>{application.reference}</dd>
        </>
      )}
      {application.submittedAt && (
        <>
          <dt>{t.receipt.submittedAt}</dt>
          <dd>{formatDateTime(application.submittedAt, lang)}</dd>
        </>
      )}
      <dt>{a.owner}</dt>
      <dd>
        {application.ownerName}
        {application.ownerOrganisation ? `, ${application.ownerOrganisation}` : ''}
      </dd>
      {children}
      <dt>{a.grantType}</dt>
      <dd>{grantTypeOf(call, application.grantTypeId, lang)}</dd>
      <ProjectFacts lang={lang} application={application} />
    </dl>
  );
}

/** The application's own words: its summary and its user involvement, as written. */
export function ApplicationTexts({ lang, application }: { lang: Lang; application: Application }) {
  const a = texts[lang].application;
  return (
    <>
      <h2>{a.summary}</h2>
      <p class="prose">{application.summary || '–'}</p>
      <h2>{a.userInvolvement}</h2>
      <p class="prose">{application.userInvolvement || '–'}</p>
    </>
  );
}
