import type { FieldReader } from '../field-reader.js';
import { type FormBody, field } from '../forms.js';

/** What the application form shows: strings as typed, so a rejected value comes back to be corrected. */
export interface ApplicationFormValues {
  grantTypeId: string;
  title: string;
  summary: string;
  focusArea: string;
  userInvolvement: string;
  startDate: string;
  endDate: string;
  partners: {
    organisation: string;
    sector: string;
    contactName: string;
    contactEmail: string;
    role: string;
  }[];
  budgetLines: { category: string; year: string; amount: string }[];
}

/** Rows of a repeated group (`partners.0.organisation`, …) in index order. */
export function rows(body: FormBody, group: string): Map<number, Record<string, string>> {
  const found = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${group}\\.(\\d{1,3})\\.(\\w+)$`);
  for (const name of Object.keys(body)) {
    const m = pattern.exec(name);
    if (!m) continue;
    const index = Number(m[1]);
    const row = found.get(index) ?? {};
    row[m[2] as string] = field(body, name).trim();
    found.set(index, row);
  }
  return new Map([...found.entries()].sort((a, b) => a[0] - b[0]));
}

/** What a button of the form asks for: save, submit, or adding or removing a row before saving. */
export type FormAction =
  | { kind: 'save' }
  | { kind: 'submit' }
  | { kind: 'add'; group: 'partners' | 'budgetLines' }
  | { kind: 'remove'; group: 'partners' | 'budgetLines'; index: number };

export function readAction(body: FormBody): FormAction {
  const action = field(body, '_action');
  if (action === 'submit') return { kind: 'submit' };
  if (action === 'add-partner') return { kind: 'add', group: 'partners' };
  if (action === 'add-line') return { kind: 'add', group: 'budgetLines' };
  const remove = /^remove-(partner|line)-(\d{1,3})$/.exec(action);
  if (remove) {
    return {
      kind: 'remove',
      group: remove[1] === 'partner' ? 'partners' : 'budgetLines',
      index: Number(remove[2]),
    };
  }
  return { kind: 'save' };
}

const emptyPartner = () => ({ organisation: '', sector: '', contactName: '', contactEmail: '', role: '' });
const emptyLine = () => ({ category: '', year: '', amount: '' });

/**
 * Applies an add or remove button to the rows as typed, before they are read: a removed row's mistakes go with
 * it, and the indices of the errors shown match the rows shown.
 */
export function applyRowAction(values: ApplicationFormValues, action: FormAction): ApplicationFormValues {
  if (action.kind === 'add') {
    return action.group === 'partners'
      ? { ...values, partners: [...values.partners, emptyPartner()] }
      : { ...values, budgetLines: [...values.budgetLines, emptyLine()] };
  }
  if (action.kind === 'remove') {
    return action.group === 'partners'
      ? { ...values, partners: values.partners.filter((_, i) => i !== action.index) }
      : { ...values, budgetLines: values.budgetLines.filter((_, i) => i !== action.index) };
  }
  return values;
}

/** The form as posted, with the row a button adds or removes already added or removed. */
export const valuesFromBody = (body: FormBody): ApplicationFormValues =>
  applyRowAction(
    {
      grantTypeId: field(body, 'grantTypeId'),
      title: field(body, 'title'),
      summary: field(body, 'summary'),
      focusArea: field(body, 'focusArea'),
      userInvolvement: field(body, 'userInvolvement'),
      startDate: field(body, 'startDate'),
      endDate: field(body, 'endDate'),
      partners: [...rows(body, 'partners').values()].map((r) => ({
        organisation: r.organisation ?? '',
        sector: r.sector ?? '',
        contactName: r.contactName ?? '',
        contactEmail: r.contactEmail ?? '',
        role: r.role ?? '',
      })),
      budgetLines: [...rows(body, 'budgetLines').values()].map((r) => ({
        category: r.category ?? '',
        year: r.year ?? '',
        amount: r.amount ?? '',
      })),
    },
    readAction(body),
  );

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/**
 * The form's strings as the draft schema's input (JSON merge patch: a field left empty clears it). Years and
 * amounts that are no number are noted by `read` beside their field; the schema checks everything else.
 */
export const applicationInput = (values: ApplicationFormValues, read: FieldReader) => ({
  grantTypeId: orNull(values.grantTypeId),
  title: values.title,
  summary: values.summary,
  focusArea: orNull(values.focusArea),
  userInvolvement: values.userInvolvement,
  startDate: orNull(values.startDate),
  endDate: orNull(values.endDate),
  partners: values.partners.map((p) => ({
    organisation: p.organisation,
    ...(p.sector ? { sector: p.sector } : {}),
    contactName: p.contactName,
    contactEmail: p.contactEmail,
    role: p.role,
  })),
  budgetLines: values.budgetLines.map((l, i) => ({
    category: l.category,
    year: read.whole(l.year, `/budgetLines/${i}/year`, 4),
    amountOre: read.kroner(l.amount, `/budgetLines/${i}/amountOre`),
  })),
});
