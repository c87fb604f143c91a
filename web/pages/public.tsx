import type { Child } from 'hono/jsx';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { Decision } from '../../functions/core/decisions/decision.schema.js';
import type { UserProfile } from '../../functions/core/ports.js';
import { formatDate, formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { BudgetTable } from '../components/budget-table.js';

const callTitle = (call: Call, lang: Lang) => (lang === 'en' && call.titleEn ? call.titleEn : call.title);

export function StatusTag({ status, lang }: { status: Call['status'] | Application['status']; lang: Lang }) {
  return <span class={`tag tag-${status}`}>{texts[lang].status[status]}</span>;
}

export function HomePage({ lang, calls }: { lang: Lang; calls: Call[] }) {
  const t = texts[lang];
  return (
    <>
      <h1>{t.home.title}</h1>
      <p class="lead">{t.home.intro}</p>
      {calls.length === 0 ? (
        <p>{t.home.none}</p>
      ) : (
        <ul class="cards">
          {calls.map((call) => (
            <li class="card">
              <h2>
                <a href={`/calls/${call.id}`}>{callTitle(call, lang)}</a>
              </h2>
              <dl class="facts">
                <dt>{t.home.deadline}</dt>
                <dd>{formatDateTime(call.closesAt, lang)}</dd>
                <dt>{t.home.budget}</dt>
                <dd>{formatKr(call.budgetOre, lang)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function CallPage({
  lang,
  call,
  signedIn,
  acceptsDrafts,
}: {
  lang: Lang;
  call: Call;
  signedIn: boolean;
  acceptsDrafts: boolean;
}) {
  const t = texts[lang];
  const description = lang === 'en' && call.descriptionEn ? call.descriptionEn : call.description;
  return (
    <>
      <p class="meta">
        <StatusTag status={call.status} lang={lang} />
      </p>
      <h1>{callTitle(call, lang)}</h1>
      {description.split(/\n{2,}/).map((para) => (
        <p class="lead">{para}</p>
      ))}
      <dl class="facts card">
        <dt>{t.call.deadline}</dt>
        <dd>{formatDateTime(call.closesAt, lang)}</dd>
        <dt>{t.call.opens}</dt>
        <dd>{formatDateTime(call.opensAt, lang)}</dd>
        <dt>{t.call.budget}</dt>
        <dd>{formatKr(call.budgetOre, lang)}</dd>
      </dl>
      <h2>{t.call.grantTypes}</h2>
      <ul>
        {call.grantTypes.map((g) => (
          <li>
            <strong>{g.id}</strong>: {lang === 'en' && g.nameEn ? g.nameEn : g.name}, {t.call.maxAmount}{' '}
            {formatKr(g.maxAmountOre, lang)}
          </li>
        ))}
      </ul>
      <p>{t.call.minSectors(call.minSectors)}</p>
      <h2>{t.call.focusAreas}</h2>
      <ul>
        {call.focusAreas.map((f) => (
          <li>{t.focusArea[f]}</li>
        ))}
      </ul>
      <h2>{t.call.criteria}</h2>
      <ul>
        {call.criteria.map((c) => (
          <li>
            {lang === 'en' && c.nameEn ? c.nameEn : c.name} ({t.call.weight} {c.weight})
          </li>
        ))}
      </ul>
      <div class="actions">
        {!acceptsDrafts ? (
          <p>{t.call.closed}</p>
        ) : signedIn ? (
          <form method="post" action={`/calls/${call.id}/apply`}>
            <button type="submit">{t.call.apply}</button>
          </form>
        ) : (
          <a class="button" href={`/login?next=${encodeURIComponent(`/calls/${call.id}`)}`}>
            {t.call.loginToApply}
          </a>
        )}
      </div>
    </>
  );
}

export function LoginPage({
  lang,
  users,
  next,
}: {
  lang: Lang;
  users: readonly UserProfile[];
  next: string;
}) {
  const t = texts[lang];
  return (
    <>
      <h1>{t.login.title}</h1>
      <p class="lead">{t.login.demoIntro}</p>
      <form method="post" action="/login">
        <input type="hidden" name="next" value={next} />
        <ul class="cards">
          {users.map((u) => (
            <li class="card row-head">
              <span>
                <strong>{u.name}</strong>, {u.organisation}
                <br />
                <span class="meta">
                  {u.email} · {u.roles.join(', ')}
                  {u.chair ? ' (chair)' : ''}
                </span>
              </span>
              <button
                type="submit"
                name="email"
                value={u.email}
                aria-label={`${t.login.as} ${u.name} (${u.email})`}
              >
                {t.login.as} {u.name.split(' ')[0]}
              </button>
            </li>
          ))}
        </ul>
      </form>
    </>
  );
}

export function MyApplicationsPage({
  lang,
  applications,
  callTitles,
  awarded = new Set(),
}: {
  lang: Lang;
  applications: Application[];
  callTitles: Map<string, string>;
  /** The ids of the applications whose award the caller has accepted: each links to its award. */
  awarded?: ReadonlySet<string>;
}) {
  const t = texts[lang];
  return (
    <>
      <h1>{t.mine.title}</h1>
      {applications.length === 0 ? (
        <p>
          {t.mine.none} <a href="/">{t.nav.calls}</a>
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="meta">{t.mine.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.mine.titleCol}</th>
                <th scope="col">{t.mine.call}</th>
                <th scope="col">{t.mine.status}</th>
                <th scope="col">{t.mine.reference}</th>
                <th scope="col" class="num">
                  {t.mine.amount}
                </th>
                <th scope="col">{t.mine.updated}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr>
                  <td>
                    <a href={`/applications/${a.id}`}>{a.title || t.mine.untitled}</a>
                  </td>
                  <td>{callTitles.get(a.callId) ?? ''}</td>
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
            </tbody>
          </table>
        </div>
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
}: {
  lang: Lang;
  application: Application;
  call: Call | undefined;
  /** The owner's "Bevilling" section of an approved application (web/awards.routes.tsx). */
  award?: Child | undefined;
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
      {application.decision && <DecisionSection lang={lang} decision={application.decision} />}
      {award}
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
        <dt>{a.grantType}</dt>
        <dd>{application.grantTypeId ?? '–'}</dd>
        <dt>{a.focusArea}</dt>
        <dd>{application.focusArea ? t.focusArea[application.focusArea] : '–'}</dd>
        <dt>{a.period}</dt>
        <dd>
          {application.startDate ? formatDate(application.startDate, lang) : '–'} –{' '}
          {application.endDate ? formatDate(application.endDate, lang) : '–'}
        </dd>
        <dt>{a.total}</dt>
        <dd>{formatKr(application.requestedAmountOre, lang)}</dd>
      </dl>
      <h2>{a.summary}</h2>
      <p>{application.summary}</p>
      <h2>{a.userInvolvement}</h2>
      <p>{application.userInvolvement}</p>
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
      <div class="actions">
        {application.reference && (
          <a class="button secondary" href={`/applications/${application.id}/receipt`}>
            {a.receipt}
          </a>
        )}
        {application.status === 'submitted' && (
          <a href={`/applications/${application.id}/withdraw`}>{a.withdraw}</a>
        )}
      </div>
    </>
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
        <a href={`/applications/${application.id}`}>{lang === 'da' ? 'Fortryd' : 'Cancel'}</a>
      </form>
    </>
  );
}

export function ReceiptPage({
  lang,
  receipt,
}: {
  lang: Lang;
  receipt: import('../../functions/core/applications/application.schema.js').Receipt;
}) {
  const t = texts[lang];
  return (
    <>
      <h1>
        {t.receipt.title}: {receipt.reference}
      </h1>
      <div class="notice" role="status">
        {t.receipt.thanks}
      </div>
      <dl class="facts card">
        <dt>{t.receipt.reference}</dt>
        <dd>{receipt.reference}</dd>
        <dt>{t.receipt.submittedAt}</dt>
        <dd>{formatDateTime(receipt.submittedAt, lang)}</dd>
        <dt>{t.receipt.call}</dt>
        <dd>{receipt.callTitle}</dd>
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
      <p>{t.receipt.email}</p>
      <p class="meta">{t.receipt.print}</p>
      <p>
        <a href="/applications">{t.nav.mine}</a>
      </p>
    </>
  );
}

export function ErrorPage({
  lang,
  status,
  message,
}: {
  lang: Lang;
  status: number;
  message?: string | undefined;
}) {
  const t = texts[lang];
  const heading = status === 404 ? t.error.notFound : status === 403 ? t.error.forbidden : t.error.title;
  return (
    <>
      <h1>{heading}</h1>
      {message && <p>{message}</p>}
      <p>
        <a href="/">{t.error.back}</a>
      </p>
    </>
  );
}

export function AccessibilityPage({ lang }: { lang: Lang }) {
  if (lang === 'en') {
    return (
      <>
        <h1>Accessibility statement</h1>
        <p>
          Folkesundhed i Midten aims to make this site accessible under the Danish web accessibility act
          (webtilgængelighedsloven) and EU directive 2016/2102, to WCAG 2.1 level AA.
        </p>
        <h2>How we check</h2>
        <p>
          Every page is tested automatically with axe-core in our test suite, works without JavaScript and can
          be used with the keyboard alone. Forms name each error beside its field and in a summary at the top.
        </p>
        <h2>Known limitations</h2>
        <p>None known. Tell us if something does not work for you.</p>
        <h2>Contact</h2>
        <p>
          Write to the FIM secretariat at Region Midtjylland. You can also complain to the Danish Agency for
          Digital Government (Digitaliseringsstyrelsen).
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Tilgængelighedserklæring</h1>
      <p>
        Folkesundhed i Midten tilstræber, at dette websted er tilgængeligt efter webtilgængelighedsloven og
        EU-direktiv 2016/2102, svarende til WCAG 2.1 niveau AA.
      </p>
      <h2>Sådan tjekker vi</h2>
      <p>
        Alle sider testes automatisk med axe-core i vores testsuite, virker uden JavaScript og kan bruges med
        tastaturet alene. Formularer viser hver fejl ved feltet og i en oversigt øverst.
      </p>
      <h2>Kendte begrænsninger</h2>
      <p>Vi kender ingen. Skriv til os, hvis noget ikke virker for dig.</p>
      <h2>Kontakt</h2>
      <p>Skriv til FIM-sekretariatet i Region Midtjylland. Du kan også klage til Digitaliseringsstyrelsen.</p>
    </>
  );
}
