import type { Call } from '../../functions/core/calls/call.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
import { CallTable } from '../components/call-table.js';
import { StatusTag } from '../components/status-tag.js';

const boardCallHref = (call: Call) => `/board/calls/${call.id}`;

export const rowName = (row: { reference?: string | undefined; title: string }) =>
  row.reference ? `${row.reference} ${row.title}` : row.title;

export function BackToCall({ lang, call }: { lang: Lang; call: Call }) {
  return (
    <p class="meta">
      <a href={`/board/calls/${call.id}`}>
        {texts[lang].board.back}: {callTitle(call, lang)}
      </a>
    </p>
  );
}

export function BoardHomePage({ lang, open, closed }: { lang: Lang; open: Call[]; closed: Call[] }) {
  const b = texts[lang].board;
  return (
    <>
      <h1>{b.title}</h1>
      <p class="lead">{b.intro}</p>
      <h2>{b.closed}</h2>
      <CallTable lang={lang} calls={closed} caption={b.closed} href={boardCallHref} empty={b.noCalls} />
      <h2>{b.open}</h2>
      <CallTable lang={lang} calls={open} caption={b.open} href={boardCallHref} empty={b.noCalls} />
      <h2>{texts[lang].report.boardListTitle}</h2>
      <p>
        <a href="/board/awards">{texts[lang].report.boardLink}</a>
      </p>
    </>
  );
}

export function BoardCallPage({ lang, call, chair }: { lang: Lang; call: Call; chair: boolean }) {
  const t = texts[lang];
  const b = t.board;
  const base = `/board/calls/${call.id}`;
  return (
    <>
      <p class="meta">
        <a href="/board">{b.title}</a>
      </p>
      <h1>{callTitle(call, lang)}</h1>
      <dl class="facts card">
        <dt>{b.status}</dt>
        <dd>
          <StatusTag status={call.status} lang={lang} />
        </dd>
        <dt>{b.deadline}</dt>
        <dd>{formatDateTime(call.closesAt, lang)}</dd>
        <dt>{b.budget}</dt>
        <dd>{formatKr(call.budgetOre, lang)}</dd>
      </dl>
      {call.status === 'open' && <p>{b.openNote}</p>}
      <p>{b.perApplication(call.reviewersPerApplication)}</p>
      <nav aria-label={callTitle(call, lang)}>
        <ul class="links">
          {chair && (
            <>
              <li>
                <a href={`${base}/assignment`}>{b.assignment}</a>
              </li>
              <li>
                <a href={`${base}/conflicts`}>{b.conflicts}</a>
              </li>
            </>
          )}
          <li>
            <a href={`${base}/ranking`}>{b.ranking}</a>
          </li>
          <li>
            <a href={`${base}/meetings`}>{b.meetings}</a>
          </li>
          <li>
            <a href={`${base}/meetings/new`}>{b.newMeeting}</a>
          </li>
        </ul>
      </nav>
      {!chair && <p class="meta">{`${b.assignment}, ${b.conflicts.toLowerCase()}: ${b.chairOnly}.`}</p>}
    </>
  );
}
