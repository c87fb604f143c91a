import type { Child } from 'hono/jsx';
import type { Application, Receipt } from '../../functions/core/applications/application.schema.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { Decision } from '../../functions/core/decisions/decision.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { localized, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
import { ApplicationFacts, ApplicationTexts } from '../components/application-facts.js';
import { BudgetTable } from '../components/budget-table.js';
import { DataTable } from '../components/data-table.js';
import { Notice } from '../components/notice.js';
import { StatusTag } from '../components/status-tag.js';

/** The applicant's own applications, each with its call. */
export function MyApplicationsPage({
  lang,
  items,
  awarded = new Set(),
  invitations,
  notice,
}: {
  lang: Lang;
  items: { application: Application; call: Call | undefined }[];
  /** The invitations waiting for the reader (members.page.tsx). */
  invitations?: Child;
  notice?: string | undefined;
  /** The ids of the applications whose award the caller has accepted: each links to its award. */
  awarded?: ReadonlySet<string>;
}) {
  const t = texts[lang];
  return (
    <>
      <h1>{t.mine.title}</h1>
      <Notice text={notice} />
      {invitations}
      {items.length === 0 ? (
        <p>
          {t.mine.none} <a href="/">{t.nav.calls}</a>
        </p>
      ) : (
        <DataTable
          caption={t.mine.title}
          columns={[
            { label: t.mine.titleCol },
            { label: t.mine.call },
            { label: t.mine.status },
            { label: t.mine.reference },
            { label: t.mine.amount, num: true },
            { label: t.mine.updated },
          ]}
        >
          {items.map(({ application: a, call }) => (
            <tr>
              <td>
                <a href={`/applications/${a.id}`}>{a.title || t.mine.untitled}</a>
              </td>
              <td>{call ? callTitle(call, lang) : ''}</td>
              <td>
                <StatusTag status={a.status} lang={lang} />
                {awarded.has(a.id) && (
                  <>
                    {' '}
                    <a href={`/awards/${a.id}`}>{t.award.title}</a>
                  </>
                )}
              </td>
              <td>{a.reference ? <a href={`/applications/${a.id}/receipt`}>{a.reference}</a> : '–'}</td>
              <td class="num">{formatKr(a.requestedAmountOre, lang)}</td>
              <td>{formatDateTime(a.updatedAt, lang)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** A submitted or withdrawn application, read-only. */
export function ApplicationView({
  lang,
  application,
  call,
  award,
  receiptMail,
  documents,
  withdrawable = application.status === 'submitted',
}: {
  lang: Lang;
  application: Application;
  call: Call | undefined;
  /** Whether to offer withdrawal (the service says whether this reader may). */
  withdrawable?: boolean | undefined;
  /** The owner's "Bevilling" section of an approved application (web/awards.routes.tsx). */
  award?: Child | undefined;
  /** What became of the receipt e-mail of a submitted application (web/messages). */
  receiptMail?: Child | undefined;
  /** The documents section (web/documents). */
  documents?: Child | undefined;
}) {
  const t = texts[lang];
  const a = t.application;
  return (
    <>
      {call && (
        <p class="meta">
          <a href={`/calls/${call.id}`}>
            {a.to}: {callTitle(call, lang)}
          </a>
        </p>
      )}
      <h1>{application.title || t.mine.untitled}</h1>
      <div class="notice" role="status">
        <StatusTag status={application.status} lang={lang} /> {statusNotice(application.status, lang)}
      </div>
      {receiptMail}
      {application.decision && <DecisionSection lang={lang} decision={application.decision} />}
      {award}
      <ApplicationFacts lang={lang} application={application} call={call} />
      <ApplicationTexts lang={lang} application={application} />
      <h2>{a.partners}</h2>
      <ul>
        {application.partners.map((p) => (
          <li>
            {p.organisation} ({p.sector ? t.sector[p.sector] : '–'}): {p.contactName}, {p.role}
          </li>
        ))}
      </ul>
      <h2>{a.budget}</h2>
      <BudgetTable lang={lang} lines={application.budgetLines} totalOre={application.requestedAmountOre} />
      <ApplicationLinks lang={lang} applicationId={application.id} />
      {documents}
      <div class="actions">
        {application.reference && (
          <a class="button secondary" href={`/applications/${application.id}/receipt`}>
            {a.receipt}
          </a>
        )}
        {withdrawable && application.status === 'submitted' && (
          <a href={`/applications/${application.id}/withdraw`}>{a.withdraw}</a>
        )}
      </div>
    </>
  );
}

/** The application's co-applicants and its PDF (Danish, and English beside it), on every view of it. */
export function ApplicationLinks({ lang, applicationId }: { lang: Lang; applicationId: string }) {
  const t = texts[lang];
  const base = `/applications/${applicationId}`;
  return (
    <ul class="links">
      <li>
        <a href={`${base}/members`}>{t.members.link}</a>
      </li>
      <li>
        <a href={`${base}/pdf`}>{t.applicationPdf.link}</a> (
        <a href={`${base}/pdf?lang=en`}>{t.applicationPdf.linkEn}</a>)
      </li>
    </ul>
  );
}

function statusNotice(status: Application['status'], lang: Lang): string {
  const t = texts[lang];
  switch (status) {
    case 'withdrawn':
      return t.application.withdrawnNotice;
    case 'in_review':
      return t.decision.inReviewNotice;
    case 'approved':
    case 'rejected':
    case 'waiting_list':
      return t.decision.decidedNotice;
    default:
      return t.application.submittedNotice;
  }
}

/** The board's decision as the applicant reads it; a rejection shows its justification (forvaltningsloven § 22). */
export function DecisionSection({ lang, decision }: { lang: Lang; decision: Decision }) {
  const d = texts[lang].decision;
  const lead = {
    approved: d.approvedText,
    rejected: d.rejectedText,
    waiting_list: d.waitingText,
  }[decision.outcome];
  return (
    <section class="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">{d.title}</h2>
      <p>{lead}</p>
      <dl class="facts">
        <dt>{d.outcome}</dt>
        <dd>{d.outcomes[decision.outcome]}</dd>
        <dt>{d.decidedAt}</dt>
        <dd>{formatDateTime(decision.decidedAt, lang)}</dd>
        {decision.outcome === 'approved' && decision.amountOre !== undefined && (
          <>
            <dt>{d.amount}</dt>
            <dd>{formatKr(decision.amountOre, lang)}</dd>
          </>
        )}
        {decision.conditions && (
          <>
            <dt>{d.conditions}</dt>
            <dd class="prose" lang="da">
              {decision.conditions}
            </dd>
          </>
        )}
        {decision.justification && (
          <>
            <dt>{d.justification}</dt>
            <dd class="prose" lang="da">
              {decision.justification}
            </dd>
          </>
        )}
      </dl>
      {decision.outcome === 'rejected' && <p class="meta">{d.rulesNote}</p>}
    </section>
  );
}

export function WithdrawPage({ lang, application }: { lang: Lang; application: Application }) {
  const a = texts[lang].application;
  return (
    <>
      <h1>{a.withdraw}</h1>
      <p class="lead">{application.title || texts[lang].mine.untitled}</p>
      <form method="post" action={`/applications/${application.id}/withdraw`} class="actions">
        <input type="hidden" name="_version" value={String(application.version)} />
        <button type="submit" class="danger">
          {a.withdrawConfirm}
        </button>
        <a href={`/applications/${application.id}`}>{a.withdrawCancel}</a>
      </form>
    </>
  );
}

/** The receipt; `mail` says what became of its e-mail ("sendes", "er sendt", or why not). */
export function ReceiptPage({ lang, receipt, mail }: { lang: Lang; receipt: Receipt; mail: Child }) {
  const t = texts[lang];
  return (
    <>
      <h1>
        {t.receipt.title}: {receipt.reference}
      </h1>
      <Notice text={t.receipt.thanks} />
      <dl class="facts card">
        <dt>{t.receipt.reference}</dt>
        <dd>{receipt.reference}</dd>
        <dt>{t.receipt.submittedAt}</dt>
        <dd>{formatDateTime(receipt.submittedAt, lang)}</dd>
        <dt>{t.receipt.call}</dt>
        <dd>{localized(lang, receipt.callTitle, receipt.callTitleEn)}</dd>
        <dt>{t.receipt.project}</dt>
        <dd>{receipt.title}</dd>
        <dt>{t.receipt.amount}</dt>
        <dd>{formatKr(receipt.requestedAmountOre, lang)}</dd>
        <dt>{t.receipt.applicant}</dt>
        <dd>
          {receipt.applicant.name}
          {receipt.applicant.organisation ? `, ${receipt.applicant.organisation}` : ''} (
          {receipt.applicant.email})
        </dd>
        <dt>{t.receipt.partners}</dt>
        <dd>
          <ul>
            {receipt.partners.map((p) => (
              <li>
                {p.organisation} ({t.sector[p.sector]})
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {mail}
      <p>
        <a href={`/applications/${receipt.applicationId}/pdf`}>{t.applicationPdf.link}</a>
      </p>
      <p class="meta">{t.receipt.print}</p>
      <p>
        <a href="/applications">{t.nav.mine}</a>
      </p>
    </>
  );
}
