import type { Child } from 'hono/jsx';
import {
  type Application,
  applicationDraftSchema,
  budgetLineSchema,
  partnerSchema,
  SECTORS,
} from '../../functions/core/applications/application.schema.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { Organisation } from '../../functions/core/organisations/organisation.schema.js';
import { formatKr, formatKrInput, parseKrInput } from '../../functions/texts/format.js';
import { localized, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
import { ErrorSummary, type Errors, ListFieldset, SelectField, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';
import { maxLengthOf } from '../forms.js';
import { ORGANISATION_CHOICES, OrganisationChoices } from '../organisations/organisation-choices.js';
import type { ApplicationFormValues } from './application-form.js';
import { ApplicationLinks } from './applications.page.js';

export const valuesFromApplication = (a: Application): ApplicationFormValues => ({
  grantTypeId: a.grantTypeId ?? '',
  title: a.title ?? '',
  summary: a.summary ?? '',
  focusArea: a.focusArea ?? '',
  userInvolvement: a.userInvolvement ?? '',
  startDate: a.startDate ?? '',
  endDate: a.endDate ?? '',
  partners: a.partners.map((p) => ({
    organisation: p.organisation ?? '',
    sector: p.sector ?? '',
    contactName: p.contactName ?? '',
    contactEmail: p.contactEmail ?? '',
    role: p.role ?? '',
  })),
  budgetLines: a.budgetLines.map((l) => ({
    category: l.category ?? '',
    year: l.year === undefined ? '' : String(l.year),
    amount: formatKrInput(l.amountOre),
  })),
});

/** The longest text each field takes, from the schemas the API validates with. */
const LIMITS = {
  title: maxLengthOf(applicationDraftSchema.shape.title),
  summary: maxLengthOf(applicationDraftSchema.shape.summary),
  userInvolvement: maxLengthOf(applicationDraftSchema.shape.userInvolvement),
  organisation: maxLengthOf(partnerSchema.shape.organisation),
  contactName: maxLengthOf(partnerSchema.shape.contactName),
  role: maxLengthOf(partnerSchema.shape.role),
  category: maxLengthOf(budgetLineSchema.shape.category),
};

/** A readable name for each field a pointer can name, for the error summary. */
export function applicationFieldLabel(pointer: string, lang: Lang): string {
  const a = texts[lang].application;
  const parts = pointer.split('/').filter(Boolean);
  const [head, index, leaf] = parts;
  const top: Record<string, string> = {
    grantTypeId: a.grantType,
    title: a.title,
    summary: a.summary,
    focusArea: a.focusArea,
    userInvolvement: a.userInvolvement,
    startDate: a.startDate,
    endDate: a.endDate,
    partners: a.partners,
    budgetLines: a.budget,
  };
  if (head === 'documents') return texts[lang].documents.title;
  if (head && index === undefined) return top[head] ?? head;
  const leafLabels: Record<string, string> = {
    organisation: a.organisation,
    sector: a.sectorLabel,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    role: a.role,
    category: a.category,
    year: a.year,
    amountOre: a.amount,
  };
  const group = head === 'partners' ? a.partner : a.line;
  return `${group} ${Number(index) + 1}${leaf ? `, ${leafLabels[leaf] ?? leaf}` : ''}`;
}

export interface ApplicationFormProps {
  lang: Lang;
  call: Call;
  application: Application;
  values: ApplicationFormValues;
  errors: Errors;
  notice?: string | undefined;
  conflict?: boolean | undefined;
  /** The reader owns the application: a co-applicant edits but does not submit or withdraw. */
  owner?: boolean | undefined;
  /** The documents section (web/documents): forms of its own, so it sits after this form. */
  documents?: Child | undefined;
  /** The organisations registry, suggested as partners' organisations. */
  organisations?: readonly Organisation[] | undefined;
}

/** One row of a list the applicant can grow and shrink: its heading with its number, and the button that removes it. */
function RemovableRow({
  heading,
  remove,
  action,
  i,
  children,
}: {
  heading: string;
  remove: string;
  /** The `_action` that removes row `i` (`remove-partner` → `remove-partner-2`). */
  action: string;
  i: number;
  children: Child;
}) {
  return (
    <div class="card">
      <div class="row-head">
        <h3>
          {heading} {i + 1}
        </h3>
        <button type="submit" name="_action" value={`${action}-${i}`} class="danger">
          {remove} {i + 1}
        </button>
      </div>
      {children}
    </div>
  );
}

export function ApplicationFormPage({
  lang,
  call,
  application,
  values,
  errors,
  notice,
  conflict,
  owner = true,
  documents,
  organisations = [],
}: ApplicationFormProps) {
  const t = texts[lang];
  const a = t.application;
  const grantType = call.grantTypes.find((g) => g.id === values.grantTypeId);
  const total = values.budgetLines.reduce((sum, l) => sum + (parseKrInput(l.amount) ?? 0), 0);
  const base = `/applications/${application.id}`;
  return (
    <>
      <p class="meta">
        <a href={`/calls/${call.id}`}>
          {a.to}: {callTitle(call, lang)}
        </a>
      </p>
      <h1>{values.title || a.newTitle}</h1>
      <Notice text={notice} />
      {conflict && (
        <div class="warning" role="alert">
          {t.form.conflict} <a href={base}>{t.form.reload}</a>
        </div>
      )}
      <ErrorSummary errors={errors} labelOf={(p) => applicationFieldLabel(p, lang)} />
      <form method="post" action={base} class="stack" novalidate>
        <OrganisationChoices organisations={organisations} />
        <input type="hidden" name="_version" value={String(application.version)} />
        <div class="actions">
          <button type="submit" name="_action" value="save" class="secondary">
            {t.form.save}
          </button>
        </div>
        <fieldset>
          <legend>{a.basics}</legend>
          <SelectField
            pointer="/grantTypeId"
            name="grantTypeId"
            label={a.grantType}
            errors={errors}
            value={values.grantTypeId}
            placeholder={a.choose}
            options={call.grantTypes.map((g) => ({
              value: g.id,
              label: `${g.id}: ${localized(lang, g.name, g.nameEn)} (${t.call.maxAmount} ${formatKr(g.maxAmountOre, lang)})`,
            }))}
          />
          <TextField
            pointer="/title"
            name="title"
            label={a.title}
            errors={errors}
            value={values.title}
            maxLength={LIMITS.title}
          />
          <TextField
            pointer="/summary"
            name="summary"
            label={a.summary}
            errors={errors}
            value={values.summary}
            multiline
            maxLength={LIMITS.summary}
          />
          <SelectField
            pointer="/focusArea"
            name="focusArea"
            label={a.focusArea}
            errors={errors}
            value={values.focusArea}
            placeholder={a.choose}
            options={call.focusAreas.map((f) => ({ value: f, label: t.focusArea[f] }))}
          />
          <TextField
            pointer="/userInvolvement"
            name="userInvolvement"
            label={a.userInvolvement}
            hint={a.userInvolvementHint}
            errors={errors}
            value={values.userInvolvement}
            multiline
            maxLength={LIMITS.userInvolvement}
          />
        </fieldset>

        <fieldset>
          <legend>{a.period}</legend>
          <div class="grid">
            <TextField
              pointer="/startDate"
              name="startDate"
              label={a.startDate}
              type="date"
              errors={errors}
              value={values.startDate}
            />
            <TextField
              pointer="/endDate"
              name="endDate"
              label={a.endDate}
              type="date"
              errors={errors}
              value={values.endDate}
            />
          </div>
        </fieldset>

        <ListFieldset
          pointer="/partners"
          legend={a.partners}
          hint={a.partnersHint(call.minSectors)}
          hintId="partners-hint"
          errors={errors}
        >
          {values.partners.map((p, i) => (
            <RemovableRow heading={a.partner} remove={a.removePartner} action="remove-partner" i={i}>
              <div class="grid">
                <TextField
                  pointer={`/partners/${i}/organisation`}
                  name={`partners.${i}.organisation`}
                  label={a.organisation}
                  errors={errors}
                  value={p.organisation}
                  autocomplete="organization"
                  list={ORGANISATION_CHOICES}
                  maxLength={LIMITS.organisation}
                />
                <SelectField
                  pointer={`/partners/${i}/sector`}
                  name={`partners.${i}.sector`}
                  label={a.sectorLabel}
                  errors={errors}
                  value={p.sector}
                  placeholder={a.choose}
                  options={SECTORS.map((s) => ({ value: s, label: t.sector[s] }))}
                />
                <TextField
                  pointer={`/partners/${i}/contactName`}
                  name={`partners.${i}.contactName`}
                  label={a.contactName}
                  errors={errors}
                  value={p.contactName}
                  maxLength={LIMITS.contactName}
                />
                <TextField
                  pointer={`/partners/${i}/contactEmail`}
                  name={`partners.${i}.contactEmail`}
                  label={a.contactEmail}
                  type="email"
                  errors={errors}
                  value={p.contactEmail}
                />
              </div>
              <TextField
                pointer={`/partners/${i}/role`}
                name={`partners.${i}.role`}
                label={a.role}
                errors={errors}
                value={p.role}
                maxLength={LIMITS.role}
              />
            </RemovableRow>
          ))}
          <button type="submit" name="_action" value="add-partner" class="secondary">
            {a.addPartner}
          </button>
        </ListFieldset>

        <ListFieldset
          pointer="/budgetLines"
          legend={a.budget}
          hint={a.budgetHint}
          hintId="budget-hint"
          errors={errors}
        >
          {values.budgetLines.map((l, i) => (
            <RemovableRow heading={a.line} remove={a.removeLine} action="remove-line" i={i}>
              <div class="grid">
                <TextField
                  pointer={`/budgetLines/${i}/category`}
                  name={`budgetLines.${i}.category`}
                  label={a.category}
                  errors={errors}
                  value={l.category}
                  maxLength={LIMITS.category}
                />
                <TextField
                  pointer={`/budgetLines/${i}/year`}
                  name={`budgetLines.${i}.year`}
                  label={a.year}
                  errors={errors}
                  value={l.year}
                  inputMode="numeric"
                  narrow
                />
                <TextField
                  pointer={`/budgetLines/${i}/amountOre`}
                  name={`budgetLines.${i}.amount`}
                  label={a.amount}
                  errors={errors}
                  value={l.amount}
                  inputMode="decimal"
                />
              </div>
            </RemovableRow>
          ))}
          <button type="submit" name="_action" value="add-line" class="secondary">
            {a.addLine}
          </button>
          <p class="total" id="total">
            {a.total}: <output>{formatKr(total, lang)}</output>
          </p>
          {grantType && (
            <p class="meta">
              {a.maxFor} {grantType.id}: {formatKr(grantType.maxAmountOre, lang)}
            </p>
          )}
        </ListFieldset>

        <div class="actions">
          <button type="submit" name="_action" value="save" class="secondary">
            {t.form.save}
          </button>
          {owner && (
            <button type="submit" name="_action" value="submit">
              {t.form.submit}
            </button>
          )}
        </div>
        {!owner && <p class="meta">{t.members.ownerOnlySubmits}</p>}
      </form>
      <ApplicationLinks lang={lang} applicationId={application.id} />
      {documents}
      {owner && (
        <p>
          <a href={`${base}/withdraw`}>{a.withdraw}</a>
        </p>
      )}
    </>
  );
}
