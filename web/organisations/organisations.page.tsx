import type { Child } from 'hono/jsx';
import { SECTORS } from '../../functions/core/applications/application.schema.js';
import {
  type Organisation,
  type OrganisationChange,
  organisationInputSchema,
} from '../../functions/core/organisations/organisation.schema.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { maxLengthOf } from '../forms.js';

const NAME_MAX = maxLengthOf(organisationInputSchema.shape.name);

/** The list's query string: the name searched for and the page's cursor. */
const listQuery = (q: string, cursor?: string): string => {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
};

/** The admins' list of the registry: a search by name, a page at a time. */
export function OrganisationsPage({
  lang,
  q,
  items,
  parents,
  nextCursor,
  paged,
  badCursor = false,
  notice,
  flags,
}: {
  lang: Lang;
  /** The section of names to place (OrganisationFlags). */
  flags: Child;
  q: string;
  items: Organisation[];
  /** The names of the parents the page's organisations name, by id. */
  parents: Map<string, string>;
  nextCursor?: string | undefined;
  paged: boolean;
  badCursor?: boolean;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const o = t.organisations;
  return (
    <>
      <h1>{o.title}</h1>
      <p>{o.intro}</p>
      <Notice text={notice} />
      <form method="get" action="/admin/organisations" class="filters">
        <p>
          <label for="q">{o.search}</label>
          <input id="q" name="q" type="search" value={q} maxlength={200} />{' '}
          <button type="submit">{o.searchButton}</button>
        </p>
      </form>
      <p>
        <a href="/admin/organisations/new">{o.add}</a>
      </p>
      {badCursor ? (
        <p>
          {o.badCursor} <a href={`/admin/organisations${listQuery(q)}`}>{o.first}</a>
        </p>
      ) : items.length === 0 ? (
        <p>{o.none}</p>
      ) : (
        <DataTable
          caption={o.caption}
          columns={[{ label: o.name }, { label: o.cvr }, { label: o.sector }, { label: o.parent }]}
        >
          {items.map((org) => (
            <tr>
              <td>
                <a href={`/admin/organisations/${org.id}`}>{org.name}</a>
              </td>
              <td>{org.cvr ?? '–'}</td>
              <td>{t.sector[org.sector]}</td>
              <td>{org.parentId ? (parents.get(org.parentId) ?? org.parentId) : '–'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p>
        {paged && <a href={`/admin/organisations${listQuery(q)}`}>{o.first}</a>}{' '}
        {nextCursor && <a href={`/admin/organisations${listQuery(q, nextCursor)}`}>{o.next}</a>}
      </p>
      {flags}
    </>
  );
}

/** An organisation's fields as typed. */
export interface OrganisationValues {
  name: string;
  cvr: string;
  sector: string;
  parentId: string;
  version: string;
}

export const valuesOf = (org: Organisation): OrganisationValues => ({
  name: org.name,
  cvr: org.cvr ?? '',
  sector: org.sector,
  parentId: org.parentId ?? '',
  version: String(org.version),
});

/** The form to add an organisation or edit one (then with its history below). */
export function OrganisationFormPage({
  lang,
  organisation,
  values,
  errors,
  all,
  history,
  notice,
}: {
  lang: Lang;
  /** The organisation edited; absent when adding one. */
  organisation?: Organisation | undefined;
  values: OrganisationValues;
  errors: Errors;
  /** Every organisation, for the choice of parent. */
  all: Organisation[];
  history?: OrganisationChange[] | undefined;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const o = t.organisations;
  const labelOf = (pointer: string) =>
    ({ '/name': o.name, '/cvr': o.cvr, '/sector': o.sector, '/parentId': o.parent })[pointer] ?? pointer;
  const nameOf = new Map(all.map((org) => [org.id, org.name]));
  const shown = (field: string, value: string | null) =>
    value === null
      ? '–'
      : field === 'sector' && (SECTORS as readonly string[]).includes(value)
        ? t.sector[value as (typeof SECTORS)[number]]
        : field === 'parentId'
          ? (nameOf.get(value) ?? value)
          : value;
  const fieldLabel = (field: string) =>
    ({ name: o.name, cvr: o.cvr, sector: o.sector, parentId: o.parent })[field] ?? field;
  return (
    <>
      <p>
        <a href="/admin/organisations">{o.back}</a>
      </p>
      <h1>{organisation ? o.editTitle(organisation.name) : o.newTitle}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <form
        method="post"
        action={organisation ? `/admin/organisations/${organisation.id}` : '/admin/organisations/new'}
        novalidate
      >
        {organisation && <input type="hidden" name="version" value={values.version} />}
        <TextField
          pointer="/name"
          name="name"
          label={o.name}
          errors={errors}
          value={values.name}
          maxLength={NAME_MAX}
        />
        <TextField
          pointer="/cvr"
          name="cvr"
          label={o.cvr}
          hint={o.cvrHint}
          optionalText={t.board.optional}
          errors={errors}
          value={values.cvr}
          inputMode="numeric"
          narrow
          maxLength={8}
        />
        <SelectField
          pointer="/sector"
          name="sector"
          label={o.sector}
          errors={errors}
          value={values.sector}
          placeholder={o.sectorPlaceholder}
          options={SECTORS.map((s) => ({ value: s, label: t.sector[s] }))}
        />
        <SelectField
          pointer="/parentId"
          name="parentId"
          label={o.parent}
          optionalText={t.board.optional}
          errors={errors}
          value={values.parentId}
          placeholder={o.noParent}
          options={all
            .filter((org) => org.id !== organisation?.id)
            .map((org) => ({ value: org.id, label: org.name }))}
        />
        <div class="actions">
          <button type="submit">{o.save}</button>
        </div>
      </form>
      {history && (
        <section aria-labelledby="history">
          <h2 id="history">{o.history}</h2>
          {history.length === 0 ? (
            <p>{o.noHistory}</p>
          ) : (
            <DataTable
              caption={o.history}
              columns={[{ label: o.version }, { label: o.updated }, { label: o.by }, { label: o.field }]}
            >
              {history.map((change) => (
                <tr>
                  <td>{change.version}</td>
                  <td>{formatDateTime(change.at, lang)}</td>
                  <td>{change.byName ?? o.nobody}</td>
                  <td>
                    <ul>
                      {change.changes.map((c) => (
                        <li>
                          {fieldLabel(c.field)}: {shown(c.field, c.before)} → {shown(c.field, c.after)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
    </>
  );
}
