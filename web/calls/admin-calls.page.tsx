import type { Child } from 'hono/jsx';
import {
  type Call,
  type CallStatus,
  criterionSchema,
  DEFAULT_REVIEW_REMINDER_DAYS,
  FOCUS_AREAS,
  grantTypeSchema,
  wholeCallSchema,
} from '../../functions/core/calls/call.schema.js';
import {
  DOCUMENT_TYPES,
  type DocumentKind,
  documentKindSchema,
  MB,
} from '../../functions/core/documents/document.schema.js';
import { toCopenhagenLocalInput } from '../../functions/core/shared/time.js';
import { FIM_DEFAULT_DOCUMENT_KINDS, newCallDefaults } from '../../functions/texts/calls.js';
import { TYPE_NAMES } from '../../functions/texts/documents.js';
import { formatKrInput } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { CallTable } from '../components/call-table.js';
import {
  ErrorSummary,
  type Errors,
  fieldId,
  ListFieldset,
  SelectField,
  TextField,
} from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { StatusTag } from '../components/status-tag.js';
import { maxLengthOf } from '../forms.js';

/** Empty rows offered for grant types and criteria, so more can be added without JavaScript. */
export const SPARE_ROWS = 2;

export interface CallFormValues {
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  budget: string;
  opensAt: string;
  closesAt: string;
  focusAreas: string[];
  minSectors: string;
  reviewersPerApplication: string;
  blindReview: boolean;
  showReviewsToReviewers: boolean;
  /** A score spread, as typed: 1,5 (decimal comma) or 1.5. */
  disagreementThreshold: string;
  /** A date (YYYY-MM-DD, as a date field sends it), or '' for none. */
  reviewDueAt: string;
  reviewReminderDays: string;
  grantTypes: { id: string; name: string; nameEn: string; maxAmount: string }[];
  criteria: { id: string; name: string; nameEn: string; weight: string }[];
  documentKinds: DocumentKindRow[];
}

/** A document kind as the form shows it: the size in megabytes as typed, the rest as the kind has it. */
export interface DocumentKindRow {
  id: string;
  name: string;
  nameEn: string;
  required: boolean;
  per: 'application' | 'partner';
  types: string[];
  maxMb: string;
  hidden: boolean;
}

/** A size in bytes as megabytes for the form: whole where it is whole (20), else with a decimal comma (2,5). */
const megabytesInput = (bytes: number): string =>
  String(Math.round((bytes / MB) * 100) / 100).replace('.', ',');

const documentKindRow = (k: DocumentKind): DocumentKindRow => ({
  id: k.id,
  name: k.name,
  nameEn: k.nameEn ?? '',
  required: k.required,
  per: k.per,
  types: [...k.types],
  maxMb: megabytesInput(k.maxBytes),
  hidden: k.hiddenUnderBlindReview,
});

const spareDocumentKind = (): DocumentKindRow => ({
  id: '',
  name: '',
  nameEn: '',
  required: false,
  per: 'application',
  types: [],
  maxMb: '',
  hidden: false,
});

export const emptyCallValues = (): CallFormValues => ({
  title: '',
  titleEn: '',
  description: '',
  descriptionEn: '',
  budget: '',
  opensAt: '',
  closesAt: '',
  focusAreas: [...FOCUS_AREAS],
  minSectors: '2',
  reviewersPerApplication: '2',
  blindReview: false,
  showReviewsToReviewers: false,
  disagreementThreshold: '1,5',
  reviewDueAt: '',
  reviewReminderDays: String(DEFAULT_REVIEW_REMINDER_DAYS),
  grantTypes: newCallDefaults.grantTypes.map((g) => ({ ...g })),
  criteria: newCallDefaults.criteria.map((c) => ({ ...c })),
  documentKinds: FIM_DEFAULT_DOCUMENT_KINDS.map(documentKindRow),
});

/** A spread as Danes write it: 1,5. */
export const formatThreshold = (value: number): string => String(value).replace('.', ',');

export const valuesFromCall = (call: Call): CallFormValues => ({
  title: call.title,
  titleEn: call.titleEn ?? '',
  description: call.description,
  descriptionEn: call.descriptionEn ?? '',
  budget: formatKrInput(call.budgetOre),
  opensAt: toCopenhagenLocalInput(call.opensAt),
  closesAt: toCopenhagenLocalInput(call.closesAt),
  focusAreas: call.focusAreas,
  minSectors: String(call.minSectors),
  reviewersPerApplication: String(call.reviewersPerApplication),
  blindReview: call.blindReview,
  showReviewsToReviewers: call.showReviewsToReviewers,
  disagreementThreshold: formatThreshold(call.disagreementThreshold),
  reviewDueAt: call.reviewDueAt ?? '',
  reviewReminderDays: String(call.reviewReminderDays),
  grantTypes: call.grantTypes.map((g) => ({
    id: g.id,
    name: g.name,
    nameEn: g.nameEn ?? '',
    maxAmount: formatKrInput(g.maxAmountOre),
  })),
  criteria: call.criteria.map((c) => ({
    id: c.id,
    name: c.name,
    nameEn: c.nameEn ?? '',
    weight: String(c.weight),
  })),
  documentKinds: (call.documentKinds ?? []).map(documentKindRow),
});

/** The longest text each field takes, from the schema the API validates with. */
const LIMITS = {
  title: maxLengthOf(wholeCallSchema.shape.title),
  titleEn: maxLengthOf(wholeCallSchema.shape.titleEn),
  description: maxLengthOf(wholeCallSchema.shape.description),
  descriptionEn: maxLengthOf(wholeCallSchema.shape.descriptionEn),
  grantTypeName: maxLengthOf(grantTypeSchema.shape.name),
  grantTypeNameEn: maxLengthOf(grantTypeSchema.shape.nameEn),
  criterionName: maxLengthOf(criterionSchema.shape.name),
  criterionNameEn: maxLengthOf(criterionSchema.shape.nameEn),
  documentKindName: maxLengthOf(documentKindSchema.shape.name),
  documentKindNameEn: maxLengthOf(documentKindSchema.shape.nameEn),
};

export function callFieldLabel(pointer: string, lang: Lang): string {
  const l = texts[lang].adminCalls;
  const [head, index, leaf] = pointer.split('/').filter(Boolean);
  const top: Record<string, string> = {
    title: l.title,
    titleEn: l.titleEn,
    description: l.description,
    descriptionEn: l.descriptionEn,
    budgetOre: l.budget,
    opensAt: l.opensAt,
    closesAt: l.closesAt,
    focusAreas: l.focusAreas,
    minSectors: l.minSectors,
    reviewersPerApplication: l.reviewers,
    blindReview: l.blindReview,
    showReviewsToReviewers: l.showReviews,
    disagreementThreshold: l.threshold,
    reviewDueAt: l.reviewDueAt,
    reviewReminderDays: l.reviewReminderDays,
    grantTypes: l.grantTypes,
    criteria: l.criteria,
    documentKinds: l.documentKinds,
  };
  if (!head) return '';
  if (index === undefined || head === 'focusAreas') return top[head] ?? head;
  const leaves: Record<string, string> = {
    id: l.id,
    name: l.name,
    nameEn: l.nameEn,
    maxAmountOre: l.maxAmount,
    weight: l.weight,
    required: l.docRequired,
    per: l.docPer,
    types: l.docTypes,
    maxBytes: l.docMaxMb,
    hiddenUnderBlindReview: l.docHidden,
  };
  const row = { grantTypes: l.grantType, criteria: l.criterion, documentKinds: l.documentKind }[head];
  return `${row ?? head} ${Number(index) + 1}${leaf ? `, ${leaves[leaf] ?? leaf}` : ''}`;
}

export function AdminCallListPage({
  lang,
  status,
  calls,
}: {
  lang: Lang;
  status: CallStatus;
  calls: Call[];
}) {
  const l = texts[lang].adminCalls;
  const t = texts[lang];
  return (
    <>
      <h1>{l.list}</h1>
      <p>
        <a href="/admin/messages">{t.messages.admin.link}</a>
      </p>
      <p>
        <a href="/admin/erasures">{t.erasures.nav}</a>
      </p>
      <p>
        <a href="/admin/organisations">{t.organisations.link}</a>
      </p>
      <nav aria-label={l.statusCol}>
        <ul class="actions">
          {(['draft', 'open', 'closed'] as const).map((s) => (
            <li>
              {s === status ? (
                <strong aria-current="page">{t.status[s]}</strong>
              ) : (
                <a href={`/admin/calls?status=${s}`}>{t.status[s]}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <p>
        <a class="button" href="/admin/calls/new">
          {l.new}
        </a>
      </p>
      <CallTable lang={lang} calls={calls} href={(call) => `/admin/calls/${call.id}`} empty={l.none} />
    </>
  );
}

/**
 * A row of a call's grant types or criteria, which share the first three fields: an id and a name in Danish and
 * in English; `children` are the row's own fields after them.
 */
function NamedRow({
  list,
  i,
  label,
  row,
  errors,
  lang,
  limits: [nameMax, nameEnMax],
  narrowId = false,
  children,
}: {
  list: 'grantTypes' | 'criteria' | 'documentKinds';
  i: number;
  /** The row's name ("Tilskudstype 2"), before each field's own label. */
  label: string;
  row: { id: string; name: string; nameEn: string };
  errors: Errors;
  lang: Lang;
  limits: [name: number | undefined, nameEn: number | undefined];
  narrowId?: boolean;
  children: Child;
}) {
  const l = texts[lang].adminCalls;
  return (
    <div class="grid card">
      <TextField
        pointer={`/${list}/${i}/id`}
        name={`${list}.${i}.id`}
        label={`${label}: ${l.id}`}
        errors={errors}
        value={row.id}
        narrow={narrowId}
      />
      <TextField
        pointer={`/${list}/${i}/name`}
        name={`${list}.${i}.name`}
        label={`${label}: ${l.name}`}
        errors={errors}
        value={row.name}
        maxLength={nameMax}
      />
      <TextField
        pointer={`/${list}/${i}/nameEn`}
        name={`${list}.${i}.nameEn`}
        label={`${label}: ${l.nameEn}`}
        optionalText={l.optional}
        errors={errors}
        value={row.nameEn}
        maxLength={nameEnMax}
      />
      {children}
    </div>
  );
}

/** A document kind's own fields after its code and names: required, one per what, types, size, blind review. */
function DocumentKindFields({
  i,
  row,
  errors,
  lang,
}: {
  i: number;
  row: DocumentKindRow;
  errors: Errors;
  lang: Lang;
}) {
  const l = texts[lang].adminCalls;
  const label = `${l.documentKind} ${i + 1}`;
  const typesPointer = `/documentKinds/${i}/types`;
  const typesError = errors.get(typesPointer);
  return (
    <>
      <SelectField
        pointer={`/documentKinds/${i}/per`}
        name={`documentKinds.${i}.per`}
        label={`${label}: ${l.docPer}`}
        errors={errors}
        value={row.per}
        options={[
          { value: 'application', label: l.docPerApplication },
          { value: 'partner', label: l.docPerPartner },
        ]}
      />
      <TextField
        pointer={`/documentKinds/${i}/maxBytes`}
        name={`documentKinds.${i}.maxMb`}
        label={`${label}: ${l.docMaxMb}`}
        errors={errors}
        value={row.maxMb}
        inputMode="decimal"
        narrow
      />
      <fieldset
        id={fieldId(typesPointer)}
        tabindex={-1}
        class={typesError ? 'checks field-error' : 'checks'}
        aria-describedby={typesError ? `${fieldId(typesPointer)}-error` : undefined}
      >
        <legend>{`${label}: ${l.docTypes}`}</legend>
        {typesError && (
          <span class="error-message" id={`${fieldId(typesPointer)}-error`}>
            {typesError}
          </span>
        )}
        {DOCUMENT_TYPES.map((type) => (
          <label>
            <input
              type="checkbox"
              name={`documentKinds.${i}.types`}
              value={type}
              checked={row.types.includes(type)}
            />{' '}
            {TYPE_NAMES[type]}
          </label>
        ))}
      </fieldset>
      <div class="checks">
        <label>
          <input
            type="checkbox"
            name={`documentKinds.${i}.required`}
            value="true"
            id={fieldId(`/documentKinds/${i}/required`)}
            checked={row.required}
          />{' '}
          {`${label}: ${l.docRequired}`}
        </label>
        <label>
          <input
            type="checkbox"
            name={`documentKinds.${i}.hidden`}
            value="true"
            id={fieldId(`/documentKinds/${i}/hiddenUnderBlindReview`)}
            checked={row.hidden}
          />{' '}
          {`${label}: ${l.docHidden}`}
        </label>
      </div>
    </>
  );
}

export function CallFormPage({
  lang,
  call,
  values,
  errors,
  notice,
  conflict,
}: {
  lang: Lang;
  call: Call | undefined;
  values: CallFormValues;
  errors: Errors;
  notice?: string | undefined;
  conflict?: boolean | undefined;
}) {
  const l = texts[lang].adminCalls;
  const t = texts[lang];
  const action = call ? `/admin/calls/${call.id}` : '/admin/calls';
  const editable = call?.status !== 'closed';
  const grantRows = [
    ...values.grantTypes,
    ...Array.from({ length: SPARE_ROWS }, () => ({ id: '', name: '', nameEn: '', maxAmount: '' })),
  ];
  const criteriaRows = [
    ...values.criteria,
    ...Array.from({ length: SPARE_ROWS }, () => ({ id: '', name: '', nameEn: '', weight: '' })),
  ];
  const documentRows = [...values.documentKinds, ...Array.from({ length: SPARE_ROWS }, spareDocumentKind)];
  const focusError = errors.get('/focusAreas');
  return (
    <>
      <p class="meta">
        <a href="/admin/calls">{l.list}</a>
      </p>
      <h1>{call ? `${l.edit}: ${call.title}` : l.new}</h1>
      {call && (
        <p>
          <StatusTag status={call.status} lang={lang} />
        </p>
      )}
      <Notice text={notice} />
      {conflict && (
        <div class="warning" role="alert">
          {l.conflict} {call && <a href={`/admin/calls/${call.id}`}>{t.form.reload}</a>}
        </div>
      )}
      <ErrorSummary errors={errors} labelOf={(p) => callFieldLabel(p, lang)} />
      {editable && (
        <form method="post" action={action} novalidate>
          {call && <input type="hidden" name="_version" value={String(call.version)} />}
          <fieldset>
            <legend>{l.list}</legend>
            <TextField
              pointer="/title"
              name="title"
              label={l.title}
              errors={errors}
              value={values.title}
              maxLength={LIMITS.title}
            />
            <TextField
              pointer="/titleEn"
              name="titleEn"
              label={l.titleEn}
              optionalText={l.optional}
              errors={errors}
              value={values.titleEn}
              maxLength={LIMITS.titleEn}
            />
            <TextField
              pointer="/description"
              name="description"
              label={l.description}
              errors={errors}
              value={values.description}
              multiline
              maxLength={LIMITS.description}
            />
            <TextField
              pointer="/descriptionEn"
              name="descriptionEn"
              label={l.descriptionEn}
              optionalText={l.optional}
              errors={errors}
              value={values.descriptionEn}
              multiline
              maxLength={LIMITS.descriptionEn}
            />
            <div class="grid">
              <TextField
                pointer="/budgetOre"
                name="budget"
                label={l.budget}
                errors={errors}
                value={values.budget}
                inputMode="decimal"
              />
              <TextField
                pointer="/opensAt"
                name="opensAt"
                label={l.opensAt}
                type="datetime-local"
                errors={errors}
                value={values.opensAt}
              />
              <TextField
                pointer="/closesAt"
                name="closesAt"
                label={l.closesAt}
                type="datetime-local"
                errors={errors}
                value={values.closesAt}
              />
            </div>
            <div class="grid">
              <TextField
                pointer="/minSectors"
                name="minSectors"
                label={l.minSectors}
                errors={errors}
                value={values.minSectors}
                inputMode="numeric"
                narrow
              />
              <TextField
                pointer="/reviewersPerApplication"
                name="reviewersPerApplication"
                label={l.reviewers}
                errors={errors}
                value={values.reviewersPerApplication}
                inputMode="numeric"
                narrow
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>{l.review}</legend>
            <div class="checks">
              <label>
                <input
                  type="checkbox"
                  name="blindReview"
                  value="true"
                  id={fieldId('/blindReview')}
                  checked={values.blindReview}
                />{' '}
                {l.blindReview}
              </label>
              <label>
                <input
                  type="checkbox"
                  name="showReviewsToReviewers"
                  value="true"
                  id={fieldId('/showReviewsToReviewers')}
                  checked={values.showReviewsToReviewers}
                />{' '}
                {l.showReviews}
              </label>
            </div>
            <TextField
              pointer="/disagreementThreshold"
              name="disagreementThreshold"
              label={l.threshold}
              hint={l.thresholdHint}
              errors={errors}
              value={values.disagreementThreshold}
              inputMode="decimal"
              narrow
            />
            <div class="grid">
              <TextField
                pointer="/reviewDueAt"
                name="reviewDueAt"
                label={l.reviewDueAt}
                hint={l.reviewDueAtHint}
                type="date"
                errors={errors}
                value={values.reviewDueAt}
              />
              <TextField
                pointer="/reviewReminderDays"
                name="reviewReminderDays"
                label={l.reviewReminderDays}
                errors={errors}
                value={values.reviewReminderDays}
                inputMode="numeric"
                narrow
              />
            </div>
          </fieldset>
          <fieldset
            id={fieldId('/focusAreas')}
            tabindex={-1}
            class={focusError ? 'checks field-error' : 'checks'}
            aria-describedby={focusError ? 'focus-error' : undefined}
          >
            <legend>{l.focusAreas}</legend>
            {focusError && (
              <span class="error-message" id="focus-error">
                {focusError}
              </span>
            )}
            {FOCUS_AREAS.map((f) => (
              <label>
                <input type="checkbox" name="focusAreas" value={f} checked={values.focusAreas.includes(f)} />{' '}
                {t.focusArea[f]}
              </label>
            ))}
          </fieldset>
          <ListFieldset pointer="/grantTypes" legend={l.grantTypes} hint={l.grantTypesHint} errors={errors}>
            {grantRows.map((g, i) => (
              <NamedRow
                list="grantTypes"
                i={i}
                label={`${l.grantType} ${i + 1}`}
                row={g}
                errors={errors}
                lang={lang}
                limits={[LIMITS.grantTypeName, LIMITS.grantTypeNameEn]}
                narrowId
              >
                <TextField
                  pointer={`/grantTypes/${i}/maxAmountOre`}
                  name={`grantTypes.${i}.maxAmount`}
                  label={`${l.grantType} ${i + 1}: ${l.maxAmount}`}
                  errors={errors}
                  value={g.maxAmount}
                  inputMode="decimal"
                />
              </NamedRow>
            ))}
          </ListFieldset>
          <ListFieldset pointer="/criteria" legend={l.criteria} hint={l.grantTypesHint} errors={errors}>
            {criteriaRows.map((cr, i) => (
              <NamedRow
                list="criteria"
                i={i}
                label={`${l.criterion} ${i + 1}`}
                row={cr}
                errors={errors}
                lang={lang}
                limits={[LIMITS.criterionName, LIMITS.criterionNameEn]}
              >
                <TextField
                  pointer={`/criteria/${i}/weight`}
                  name={`criteria.${i}.weight`}
                  label={`${l.criterion} ${i + 1}: ${l.weight}`}
                  errors={errors}
                  value={cr.weight}
                  inputMode="numeric"
                  narrow
                />
              </NamedRow>
            ))}
          </ListFieldset>
          <ListFieldset
            pointer="/documentKinds"
            legend={l.documentKinds}
            hint={l.documentKindsHint}
            errors={errors}
          >
            {documentRows.map((k, i) => (
              <NamedRow
                list="documentKinds"
                i={i}
                label={`${l.documentKind} ${i + 1}`}
                row={k}
                errors={errors}
                lang={lang}
                limits={[LIMITS.documentKindName, LIMITS.documentKindNameEn]}
              >
                <DocumentKindFields i={i} row={k} errors={errors} lang={lang} />
              </NamedRow>
            ))}
          </ListFieldset>
          <div class="actions">
            <button type="submit">{call ? l.save : l.create}</button>
          </div>
        </form>
      )}
      {call?.status === 'draft' && (
        <form method="post" action={`/admin/calls/${call.id}/open`} class="actions">
          <input type="hidden" name="_version" value={String(call.version)} />
          <button type="submit">{l.open}</button>
        </form>
      )}
      {/* Closing asks for a confirmation (and, before the deadline, a reason) on a page of its own. */}
      {call?.status === 'open' && (
        <form method="get" action={`/admin/calls/${call.id}/close`} class="actions">
          <button type="submit" class="danger">
            {l.close}
          </button>
        </form>
      )}
      {call?.status === 'closed' && (
        <>
          {call.closeReason && <p>{t.reopenCall.closedEarly(call.closeReason)}</p>}
          <p>
            <a href={`/admin/calls/${call.id}/reopen`}>{t.reopenCall.link}</a>
          </p>
        </>
      )}
      {call?.status === 'open' && call.reopenReason && <p>{t.reopenCall.reopened(call.reopenReason)}</p>}
    </>
  );
}
