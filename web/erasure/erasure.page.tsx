import type { ErasureRecord, RetentionRun } from '../../functions/core/cases/erasure.values.js';
import type { RetentionSchedule } from '../../functions/core/cases/retention.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { Pager } from '../components/pager.js';

/** "Mine data": what the platform holds, the data export, and erasure behind a confirm step. */
export function MyDataPage({ lang, erasure }: { lang: Lang; erasure: ErasureRecord | undefined }) {
  const m = texts[lang].myData;
  return (
    <>
      <h1>{m.title}</h1>
      <p class="lead">{m.intro}</p>
      <h2>{m.holdsTitle}</h2>
      <ul>
        {m.holds.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h2>{m.exportTitle}</h2>
      <p>
        <a href="/me/data-export">{m.exportLink}</a>
      </p>
      <h2>{m.eraseTitle}</h2>
      {erasure ? (
        <ErasureSummary lang={lang} erasure={erasure} />
      ) : (
        <>
          <p>{m.eraseIntro}</p>
          <p>
            <a class="button" href="/me/data/erase">
              {m.eraseButton}
            </a>
          </p>
        </>
      )}
    </>
  );
}

function ErasureSummary({ lang, erasure }: { lang: Lang; erasure: ErasureRecord }) {
  const m = texts[lang].myData;
  return (
    <>
      <p>{m.deletedNow(erasure.deletedNow)}</p>
      <p>{erasure.keptUntil ? m.keptUntil(erasure.keptUntil.slice(0, 10)) : m.nothingKept}</p>
    </>
  );
}

/** The confirm step: nothing is erased until this form is sent. */
export function ConfirmErasurePage({ lang }: { lang: Lang }) {
  const m = texts[lang].myData;
  return (
    <>
      <h1>{m.confirmTitle}</h1>
      <p class="lead">{m.eraseIntro}</p>
      <p>{m.confirmIntro}</p>
      <form method="post" action="/me/data/erase">
        <button type="submit" class="danger">
          {m.confirmButton}
        </button>{' '}
        <a href="/me/data">{m.cancel}</a>
      </form>
    </>
  );
}

/** After the erasure: the person is signed out; the e-mail says what went and what is kept. */
export function ErasedPage({ lang }: { lang: Lang }) {
  const m = texts[lang].myData;
  return (
    <>
      <h1>{m.done}</h1>
      <p class="lead">{m.confirmIntro}</p>
    </>
  );
}

/** The secretariat's list of erasure requests and their state. */
export function ErasuresPage({
  lang,
  erasures,
  cursor,
  next,
}: {
  lang: Lang;
  erasures: readonly ErasureRecord[];
  /** The cursor this page was read from (every page but the first) and the next page's. */
  cursor?: string | undefined;
  next?: string | undefined;
}) {
  const e = texts[lang].erasures;
  const m = texts[lang].myData;
  return (
    <>
      <h1 id="erasures-title">{e.title}</h1>
      <p class="lead">{e.intro}</p>
      <p>
        <a href="/admin/retention">{e.retentionLink}</a>
      </p>
      {erasures.length === 0 ? (
        <p>{e.none}</p>
      ) : (
        <DataTable
          region="erasures-title"
          columns={[
            { label: e.person },
            { label: e.requestedAt },
            { label: e.state },
            { label: e.deleted },
            { label: e.kept, num: true },
            { label: e.keptUntil },
          ]}
        >
          {erasures.map((r) => (
            <tr>
              <td>{r.userId}</td>
              <td>{formatDateTime(r.requestedAt, lang)}</td>
              <td>{e.states[r.state]}</td>
              <td>{m.deletedNow(r.deletedNow)}</td>
              <td class="num">{r.keptCases.length}</td>
              <td>{r.keptUntil ? formatDateTime(r.keptUntil, lang) : '–'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager
        label={e.title}
        path="/admin/erasures"
        cursor={cursor}
        next={next}
        first={e.first}
        nextText={e.next}
      />
    </>
  );
}

function RunLists({ lang, run }: { lang: Lang; run: RetentionRun }) {
  const r = texts[lang].retention;
  const empty =
    run.reminded.length +
      run.deleted.length +
      run.anonymised.length +
      run.erasuresCompleted.length +
      (run.messagesAnonymised?.length ?? 0) ===
    0;
  if (empty) return <p>{r.nothing}</p>;
  const ids = (label: string, list: readonly string[], href?: (id: string) => string) =>
    list.length > 0 && (
      <>
        <h3>{`${label} (${list.length})`}</h3>
        <ul>
          {list.map((id) => (
            <li>{href ? <a href={href(id)}>{id}</a> : id}</li>
          ))}
        </ul>
      </>
    );
  return (
    <>
      {run.reminded.length > 0 && (
        <>
          <h3>{`${r.reminded} (${run.reminded.length})`}</h3>
          <ul>
            {run.reminded.map((x) => (
              <li>
                <a href={`/admin/cases/application/${x.applicationId}`}>{x.applicationId}</a>:{' '}
                {r.deleteOn(x.deleteOn)}
              </li>
            ))}
          </ul>
        </>
      )}
      {ids(r.deleted, run.deleted, (id) => `/admin/cases/application/${id}`)}
      {ids(r.anonymised, run.anonymised, (id) => `/admin/cases/application/${id}`)}
      {ids(r.erasuresCompleted, run.erasuresCompleted)}
      {ids(r.messagesAnonymised, run.messagesAnonymised ?? [])}
    </>
  );
}

/** The schedule, a dry run (a GET: it writes nothing) and the latest runs' reports. */
export function RetentionPage({
  lang,
  schedule,
  dryRun,
  runs,
}: {
  lang: Lang;
  schedule: RetentionSchedule;
  dryRun: RetentionRun | undefined;
  runs: readonly RetentionRun[];
}) {
  const r = texts[lang].retention;
  return (
    <>
      <h1>{r.title}</h1>
      <p class="lead">{r.intro(schedule)}</p>
      <p>
        <a href="/admin/erasures">{texts[lang].erasures.title}</a>
      </p>
      <form method="get" action="/admin/retention">
        <input type="hidden" name="dryRun" value="1" />
        <button type="submit">{r.dryRun}</button>
      </form>
      {dryRun && (
        <section aria-labelledby="dry-run-title">
          <h2 id="dry-run-title">{r.dryRunTitle}</h2>
          <RunLists lang={lang} run={dryRun} />
        </section>
      )}
      <h2 id="runs-title">{r.runsTitle}</h2>
      {runs.length === 0 ? (
        <p>{r.noRuns}</p>
      ) : (
        <DataTable
          region="runs-title"
          columns={[
            { label: r.at },
            { label: r.reminded, num: true },
            { label: r.deleted, num: true },
            { label: r.anonymised, num: true },
            { label: r.erasuresCompleted, num: true },
            { label: r.messagesAnonymised, num: true },
          ]}
        >
          {runs.map((run) => (
            <tr>
              <td>{r.when(run.at)}</td>
              <td class="num">{run.reminded.length}</td>
              <td class="num">{run.deleted.length}</td>
              <td class="num">{run.anonymised.length}</td>
              <td class="num">{run.erasuresCompleted.length}</td>
              <td class="num">{run.messagesAnonymised?.length ?? 0}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
