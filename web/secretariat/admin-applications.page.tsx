import type { AdminApplicationFilter } from '../../functions/core/applications/admin-list.schema.js';
import type { AdminApplicationRow } from '../../functions/core/applications/admin-list.service.js';
import { APPLICATION_STATUSES, SECTORS } from '../../functions/core/applications/application.schema.js';
import { type Call, FOCUS_AREAS, type GrantType } from '../../functions/core/calls/call.schema.js';
import { formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle, grantTypeLabel, grantTypeOf } from '../calls/calls.page.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields.js';
import { StatusTag } from '../components/status-tag.js';

/** The filters as typed (strings), shown back in the form. */
export type AdminListValues = Partial<Record<Exclude<keyof AdminApplicationFilter, 'cursor'>, string>>;

/** The query string of the filters (and a cursor): the form's GET, the next page, the CSV. */
export const filterQuery = (values: AdminListValues, cursor?: string): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
};

/** The grant types of the calls, each once by code (the first call's name for it). */
const grantTypesOf = (calls: readonly Call[]): GrantType[] => [
  ...new Map(calls.flatMap((c) => c.grantTypes.map((g) => [g.id, g] as const)).reverse()).values(),
];

export function AdminApplicationsPage({
  lang,
  calls,
  values,
  errors,
  rows,
  nextCursor,
  badCursor = false,
  paged,
}: {
  lang: Lang;
  calls: Call[];
  values: AdminListValues;
  errors: Errors;
  rows: AdminApplicationRow[];
  nextCursor?: string | undefined;
  badCursor?: boolean;
  /** Whether this is a later page (a link back to the first). */
  paged: boolean;
}) {
  const l = texts[lang].adminApplications;
  const t = texts[lang];
  const labelOf = (pointer: string) =>
    ({ '/q': l.q, '/callId': l.call, '/status': l.status, '/cursor': l.next })[pointer] ?? pointer;
  return (
    <>
      <h1>{l.title}</h1>
      <p>{l.intro}</p>
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <form method="get" action="/admin/applications" class="filters" aria-labelledby="filters-title">
        <h2 id="filters-title">{l.filters}</h2>
        <SelectField
          pointer="/callId"
          name="callId"
          label={l.call}
          errors={errors}
          value={values.callId}
          placeholder={l.anyCall}
          options={calls.map((c) => ({
            value: c.id,
            label: `${callTitle(c, lang)} (${t.status[c.status]})`,
          }))}
        />
        <SelectField
          pointer="/status"
          name="status"
          label={l.status}
          errors={errors}
          value={values.status}
          placeholder={l.submittedView}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t.status[s] }))}
        />
        <SelectField
          pointer="/focusArea"
          name="focusArea"
          label={l.focusArea}
          errors={errors}
          value={values.focusArea}
          placeholder={l.anyFocusArea}
          options={FOCUS_AREAS.map((f) => ({ value: f, label: t.focusArea[f] }))}
        />
        <SelectField
          pointer="/grantType"
          name="grantType"
          label={l.grantType}
          errors={errors}
          value={values.grantType}
          placeholder={l.anyGrantType}
          options={grantTypesOf(calls).map((g) => ({ value: g.id, label: grantTypeLabel(g, lang) }))}
        />
        <SelectField
          pointer="/sector"
          name="sector"
          label={l.sector}
          errors={errors}
          value={values.sector}
          placeholder={l.anySector}
          options={SECTORS.map((s) => ({ value: s, label: t.sector[s] }))}
        />
        <TextField
          pointer="/q"
          name="q"
          label={l.q}
          hint={l.qHint}
          errors={errors}
          value={values.q}
          maxLength={100}
        />
        <p class="actions">
          <button type="submit">{l.apply}</button> <a href="/admin/applications">{l.reset}</a>
        </p>
      </form>
      {badCursor && (
        <p>
          {l.badCursor} <a href={`/admin/applications${filterQuery(values)}`}>{l.first}</a>
        </p>
      )}
      {!errors.any && !badCursor && (
        <>
          <p>
            <a href={`/admin/applications.csv${filterQuery(values)}`} download>
              {l.csv}
            </a>
          </p>
          {rows.length === 0 ? (
            <p>{l.none}</p>
          ) : (
            <DataTable
              caption={l.caption}
              captionId="applications-caption"
              columns={[
                { label: l.reference },
                { label: l.applicationTitle },
                { label: l.call },
                { label: l.status },
                { label: l.grantType },
                { label: l.applicant },
                { label: l.requested, num: true },
                { label: l.submittedAt },
              ]}
            >
              {rows.map(({ application: a, call }) => {
                return (
                  <tr>
                    <td>{a.reference ?? '–'}</td>
                    <td>
                      {a.status === 'draft' ? (
                        (a.title ?? l.untitled)
                      ) : (
                        <a href={`/applications/${a.id}`}>{a.title ?? l.untitled}</a>
                      )}
                    </td>
                    <td>{call ? callTitle(call, lang) : a.callId}</td>
                    <td>
                      <StatusTag status={a.status} lang={lang} />
                    </td>
                    <td>{grantTypeOf(call, a.grantTypeId, lang)}</td>
                    <td>
                      {a.ownerName}
                      {a.ownerOrganisation ? `, ${a.ownerOrganisation}` : ''}
                    </td>
                    <td class="num">{formatKr(a.requestedAmountOre, lang)}</td>
                    <td>{a.submittedAt ? formatDateTime(a.submittedAt, lang) : '–'}</td>
                  </tr>
                );
              })}
            </DataTable>
          )}
          <nav aria-label={l.title} class="pager">
            {paged && <a href={`/admin/applications${filterQuery(values)}`}>{l.first}</a>}{' '}
            {nextCursor && (
              <a href={`/admin/applications${filterQuery(values, nextCursor)}`} rel="next">
                {l.next}
              </a>
            )}
          </nav>
        </>
      )}
    </>
  );
}
