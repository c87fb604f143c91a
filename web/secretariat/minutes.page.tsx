import type { Meeting } from '../../functions/core/decisions/decision.schema.js';
import type { MinutesVersion } from '../../functions/core/decisions/minutes.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** One version of the minutes: the meeting, each decision with its words, the recusals. */
function MinutesBody({ lang, meeting, version }: { lang: Lang; meeting: Meeting; version: MinutesVersion }) {
  const l = texts[lang].minutes;
  const t = texts[lang];
  const words = new Map(version.decisions.map((d) => [d.applicationId, d]));
  return (
    <>
      <p>
        {l.version(version.number)}:{' '}
        {version.status === 'approved' && version.approvedAt
          ? l.approved(formatDateTime(version.approvedAt, lang))
          : l.draft}
      </p>
      {version.reason && (
        <p>
          {l.correctionReason}: {version.reason}
        </p>
      )}
      <dl>
        <dt>{l.heldAt}</dt>
        <dd>{formatDateTime(meeting.heldAt, lang)}</dd>
        <dt>{l.attendees}</dt>
        <dd>
          {meeting.attendees
            .map((a) => `${a.name}${a.organisation ? ` (${a.organisation})` : ''}`)
            .join(', ')}
        </dd>
        {version.notes && (
          <>
            <dt>{l.notes}</dt>
            <dd>{version.notes}</dd>
          </>
        )}
      </dl>
      <h2>{l.decisions}</h2>
      {meeting.decisions.map((d) => {
        const entry = words.get(d.applicationId);
        return (
          <section aria-label={d.title}>
            <h3>
              {d.reference ? `${d.reference}: ` : ''}
              {d.title}
            </h3>
            {d.conflicted ? (
              <p>{l.conflicted}</p>
            ) : (
              <dl>
                <dt>{l.outcome}</dt>
                <dd>{d.outcome ? t.status[d.outcome] : '–'}</dd>
                {d.amountOre !== undefined && (
                  <>
                    <dt>{l.amount}</dt>
                    <dd>{formatKr(d.amountOre, lang)}</dd>
                  </>
                )}
                {entry?.justification && (
                  <>
                    <dt>{l.justification}</dt>
                    <dd>{entry.justification}</dd>
                  </>
                )}
                {entry?.conditions && (
                  <>
                    <dt>{l.conditions}</dt>
                    <dd>{entry.conditions}</dd>
                  </>
                )}
                <dt>{l.recused}</dt>
                <dd>
                  {d.recused.length === 0
                    ? l.noneRecused
                    : d.recused
                        .map((r) => `${r.name}${r.organisation ? ` (${r.organisation})` : ''}`)
                        .join(', ')}
                </dd>
              </dl>
            )}
          </section>
        );
      })}
    </>
  );
}

/** The minutes page: the current version, the chair's approval, a print view, the earlier versions. */
export function MinutesPage({
  lang,
  meeting,
  versions,
  canApprove,
  print,
}: {
  lang: Lang;
  meeting: Meeting;
  versions: MinutesVersion[];
  canApprove: boolean;
  print: boolean;
}) {
  const l = texts[lang].minutes;
  const current = versions.at(-1) as MinutesVersion;
  const earlier = versions.slice(0, -1).reverse();
  return (
    <>
      <h1>{l.title}</h1>
      <MinutesBody lang={lang} meeting={meeting} version={current} />
      {!print && (
        <>
          {canApprove && current.status === 'draft' && (
            <form method="post" action={`/board/meetings/${meeting.id}/minutes/approve`} class="actions">
              <button type="submit">{l.approve}</button>
            </form>
          )}
          <p>
            <a href={`/board/meetings/${meeting.id}/minutes.pdf`}>{texts[lang].minutesPdf.link}</a> (
            <a href={`/board/meetings/${meeting.id}/minutes.pdf?lang=en`} hreflang="en">
              {texts[lang].minutesPdf.linkEn}
            </a>
            ) · <a href={`/board/meetings/${meeting.id}/minutes?print=1`}>{l.print}</a> ·{' '}
            <a href={`/board/meetings/${meeting.id}`}>{l.back}</a>
          </p>
        </>
      )}
      {earlier.length > 0 && (
        <>
          <h2>{l.history}</h2>
          {earlier.map((v) => (
            <details>
              <summary>{l.version(v.number)}</summary>
              <MinutesBody lang={lang} meeting={meeting} version={v} />
            </details>
          ))}
        </>
      )}
    </>
  );
}
