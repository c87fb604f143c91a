import type { BoardApplicationView } from '../../functions/core/board/board-application.service.js';
import { isRecusedOrPending } from '../../functions/core/reviews/access.js';
import { formatBytes } from '../../functions/texts/documents.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { localized, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ApplicationFacts, ApplicationTexts } from '../components/application-facts.js';
import { BudgetTable } from '../components/budget-table.js';
import { DataTable } from '../components/data-table.js';
import { StatusTag } from '../components/status-tag.js';
import { documentDownloadPath } from '../documents/documents.page.js';
import { BackToCall } from './board.page.js';

/** The link every ranking row, agenda line and minute gives to the board's view of an application. */
export const boardApplicationPath = (applicationId: string) => `/board/applications/${applicationId}`;

/**
 * The board's view of an application (issue 11): every field, partners, budget, documents, the reviews and
 * the decision history. A conflicted member never gets here: the service refuses them with the recusal.
 */
export function BoardApplicationPage({ lang, view }: { lang: Lang; view: BoardApplicationView }) {
  const t = texts[lang];
  const a = t.application;
  const k = t.boardApplication;
  const r = t.review;
  const d = t.documents;
  const { application, call, reviews, history, documents } = view;
  return (
    <>
      <BackToCall lang={lang} call={call} />
      <p class="meta">
        <a href={`/board/calls/${call.id}/ranking`}>{k.backToRanking}</a>
      </p>
      <h1>{application.title || t.mine.untitled}</h1>
      <p>
        <StatusTag status={application.status} lang={lang} />
      </p>
      <ApplicationFacts lang={lang} application={application} call={call}>
        <dt>{k.contact}</dt>
        <dd>{application.ownerEmail}</dd>
      </ApplicationFacts>
      <ApplicationTexts lang={lang} application={application} />
      <h2 id="partners-heading">{a.partners}</h2>
      <DataTable
        region="partners-heading"
        columns={[
          { label: k.partnerOrganisation },
          { label: k.partnerSector },
          { label: k.partnerContact },
          { label: k.partnerRole },
        ]}
      >
        {application.partners.map((p) => (
          <tr>
            <th scope="row">{p.organisation ?? '–'}</th>
            <td>{p.sector ? t.sector[p.sector] : '–'}</td>
            <td>
              {p.contactName ?? '–'}
              {p.contactEmail ? ` (${p.contactEmail})` : ''}
            </td>
            <td>{p.role ?? '–'}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{a.budget}</h2>
      <BudgetTable lang={lang} lines={application.budgetLines} totalOre={application.requestedAmountOre} />
      <h2 id="documents">{k.documents}</h2>
      {documents.length === 0 ? (
        <p>{k.noDocuments}</p>
      ) : (
        <DataTable
          region="documents"
          columns={[
            { label: d.kind },
            { label: k.documentPartner },
            { label: d.name },
            { label: d.size, num: true },
            { label: k.checksum },
          ]}
        >
          {documents.map((doc) => (
            <tr>
              <th scope="row">{localized(lang, doc.kindName, doc.kindNameEn)}</th>
              <td>{doc.partner ?? '–'}</td>
              <td>
                {doc.downloadable ? (
                  <a href={documentDownloadPath(doc.id)}>{doc.name}</a>
                ) : (
                  <>
                    {doc.name} <span class="meta">({k.notDownloadable})</span>
                  </>
                )}
              </td>
              <td class="num">{formatBytes(doc.sizeBytes, lang)}</td>
              <td>
                <code class="checksum">{doc.sha256}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{k.reviews}</h2>
      {reviews.length === 0 ? (
        <p>{k.noReviews}</p>
      ) : (
        reviews.map((assignment) => {
          const id = `review-${assignment.reviewerId}`;
          const recused = isRecusedOrPending(assignment);
          const shown = assignment.review.status === 'submitted' && !recused;
          return (
            <section class="card" aria-labelledby={id}>
              <h3 id={id}>{assignment.reviewerName}</h3>
              <p class="meta">
                {k.reviewStatus}: {r.statuses[assignment.review.status]}
                {recused ? ` · ${k.recusedReviewer}` : ''}
              </p>
              {shown ? (
                <>
                  <DataTable
                    labelledBy={id}
                    columns={[{ label: k.criterion }, { label: k.score, num: true }, { label: k.comment }]}
                  >
                    {call.criteria.map((c) => {
                      const score = assignment.review.scores[c.id];
                      return (
                        <tr>
                          <th scope="row">{lang === 'en' && c.nameEn ? c.nameEn : c.name}</th>
                          <td class="num">
                            {score === undefined ? r.notScored : score === 'na' ? k.notApplicable : score}
                          </td>
                          <td>{assignment.review.comments[c.id] ?? ''}</td>
                        </tr>
                      );
                    })}
                  </DataTable>
                  <p>
                    {k.recommendation}:{' '}
                    {assignment.review.recommendation
                      ? r.recommendations[assignment.review.recommendation]
                      : '–'}
                  </p>
                  {assignment.review.overallComment && (
                    <p class="prose">{assignment.review.overallComment}</p>
                  )}
                </>
              ) : (
                !recused && <p>{k.notSubmitted}</p>
              )}
            </section>
          );
        })
      )}
      <h2 id="history-heading">{k.history}</h2>
      {history.length === 0 ? (
        <p>{k.noHistory}</p>
      ) : (
        <DataTable
          region="history-heading"
          columns={[
            { label: k.meeting },
            { label: k.outcome },
            { label: k.amount, num: true },
            { label: k.recused },
          ]}
        >
          {history.map((h) => (
            <tr>
              <th scope="row">
                <a href={`/board/meetings/${h.meetingId}`}>{formatDateTime(h.heldAt, lang)}</a>
              </th>
              <td>{h.outcome ? t.decision.outcomes[h.outcome] : '–'}</td>
              <td class="num">{h.amountOre === undefined ? '–' : formatKr(h.amountOre, lang)}</td>
              <td>{h.recused.length === 0 ? k.nobodyRecused : h.recused.map((p) => p.name).join(', ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
