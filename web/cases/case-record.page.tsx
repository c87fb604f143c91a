import type { Child } from 'hono/jsx';
import { AUDIT_ACTIONS, isAuditAction } from '../../functions/core/audit/actions.js';
import type { AuditEvent } from '../../functions/core/audit/audit.js';
import type { CaseRecordPage } from '../../functions/core/cases/case-record.service.js';
import type { CaseRef } from '../../functions/core/ports.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields.js';
import { Pager } from '../components/pager.js';
import { CaseExportForm } from '../exports/exports.page.js';

export interface CaseFilterValues {
  kind: string;
  actor: string;
}

/** The path of a case's record page (linked from every case page). */
export const caseRecordPath = (ref: CaseRef): string =>
  `/admin/cases/${ref.kind}/${encodeURIComponent(ref.id)}`;

/** The case a page shows, by its path: every case page links to its record (for admins, `page()` in render.tsx). */
const CASE_PAGES: readonly [RegExp, CaseRef['kind']][] = [
  [/^\/applications\/([\w-]{1,64})$/, 'application'],
  [/^\/admin\/calls\/([\w-]{1,64})$/, 'call'],
  [/^\/awards\/([\w-]{1,64})$/, 'award'],
  [/^\/parties\/([\w-]{1,64})$/, 'party'],
  [/^\/board\/meetings\/([\w-]{1,64})$/, 'meeting'],
];

export function caseOfPage(path: string): CaseRef | undefined {
  for (const [pattern, kind] of CASE_PAGES) {
    const id = pattern.exec(path)?.[1];
    if (id && id !== 'new') return { kind, id };
  }
  return undefined;
}

/** "Sagens forløb" for a case, linked from its page (admins only; the link is shown to admins). */
export function CaseRecordLink({ lang, caseRef }: { lang: Lang; caseRef: CaseRef }) {
  return (
    <p>
      <a href={caseRecordPath(caseRef)}>{texts[lang].cases.link}</a>
    </p>
  );
}

/** What an event's kind is called, or its code for one the catalogue does not know (stored earlier). */
export const eventName = (lang: Lang, action: string): string =>
  isAuditAction(action) ? texts[lang].cases.events[action] : texts[lang].cases.unknownEvent(action);

type Value = AuditEvent['details'][string];

/** A value as people read it: money (`…Ore`) in kroner, yes/no, empty. */
function worded(lang: Lang, key: string, value: Value): string {
  const t = texts[lang].cases;
  if (value === null || value === '') return t.empty;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number' && /Ore(Before|After)?$/.test(key)) return formatKr(value, lang);
  return String(value);
}

/** The details of an event: edits as "field: before → after", the rest as "field: value". */
export function detailLines(lang: Lang, details: AuditEvent['details']): string[] {
  const t = texts[lang].cases;
  const label = (key: string) => t.fields[key] ?? key;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key.endsWith('After') && `${key.slice(0, -5)}Before` in details) continue;
    if (key.endsWith('Before')) {
      const field = key.slice(0, -6);
      const after = details[`${field}After`];
      lines.push(
        `${label(field)}: ${worded(lang, key, value)} (${t.before}) → ${worded(lang, `${field}After`, after ?? null)} (${t.after})`,
      );
      continue;
    }
    lines.push(`${label(key)}: ${worded(lang, key, value)}`);
  }
  return lines;
}

const withQuery = (path: string, query: Record<string, string | undefined>): string => {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

export function CaseRecordView({
  lang,
  caseRef,
  filter,
  errors,
  page,
  cursor,
}: {
  lang: Lang;
  caseRef: CaseRef;
  filter: CaseFilterValues;
  errors: Errors;
  page: CaseRecordPage;
  cursor?: string | undefined;
}) {
  const t = texts[lang].cases;
  const base = caseRecordPath(caseRef);
  const who = (e: AuditEvent): Child => {
    const person = page.people[e.actor.userId];
    if (person) return `${person.name} (${person.email})`;
    return e.actor.userId === 'system' ? t.system : t.unknownPerson(e.actor.userId);
  };
  return (
    <>
      <h1 id="case-title">
        {t.title}: {t.kinds[caseRef.kind]} {caseRef.id}
      </h1>
      <p class="lead">{t.intro}</p>
      {caseRef.kind === 'application' && <CaseExportForm lang={lang} applicationId={caseRef.id} />}
      <ErrorSummary errors={errors} labelOf={(p) => (p === '/kind' ? t.filterKind : t.filterActor)} />
      <form method="get" action={base} class="inline-form card" aria-label={t.filter}>
        <SelectField
          pointer="/kind"
          name="kind"
          label={t.filterKind}
          errors={errors}
          value={filter.kind}
          placeholder={t.allKinds}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t.events[a] }))}
        />
        <TextField
          pointer="/actor"
          name="actor"
          label={t.filterActor}
          errors={errors}
          value={filter.actor}
          maxLength={254}
        />
        <div class="actions">
          <button type="submit">{t.filter}</button>
        </div>
      </form>
      {page.events.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        // A focusable region named by the heading: an edit's details can make the table wider than the page,
        // and a keyboard must be able to scroll it (axe scrollable-region-focusable).
        <DataTable
          compact
          region="case-title"
          labelledBy="case-title"
          columns={[{ label: t.when }, { label: t.who }, { label: t.what }, { label: t.details }]}
        >
          {page.events.map((e) => (
            <tr>
              <td>{formatDateTime(e.at, lang)}</td>
              <td>{who(e)}</td>
              <td>{eventName(lang, e.action)}</td>
              <td>
                <ul class="plain">
                  {detailLines(lang, e.details).map((line) => (
                    <li>{line}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager
        label={t.title}
        path={withQuery(base, { kind: filter.kind, actor: filter.actor })}
        cursor={cursor}
        next={page.nextCursor}
        first={t.first}
        nextText={t.next}
      />
    </>
  );
}
