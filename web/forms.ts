import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { ApplicationDraftInput } from '../functions/core/applications/application.schema.js';
import type { FieldError } from '../functions/core/shared/errors.js';
import { parseKrInput } from '../functions/texts/format.js';

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The posted form; a body that cannot be read as a form is the sender's fault: 400, never a 500. */
export async function readBody(c: Context): Promise<FormBody> {
  try {
    return await c.req.parseBody({ all: true });
  } catch (cause) {
    throw new HTTPException(400, { cause });
  }
}

/**
 * The version the form was read at (`_version`); undefined when the form carries none (it creates). A
 * service that updates takes `formVersion(body) ?? -1`: a missing version is a stale write, never a blind one.
 */
export const formVersion = (body: FormBody): number | undefined => {
  const v = field(body, '_version');
  return /^\d{1,9}$/.test(v) ? Number(v) : undefined;
};

export const field = (body: FormBody, name: string): string => {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
};

export const fields = (body: FormBody, name: string): string[] => {
  const value = body[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );
};

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

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The edit a button asks for besides saving: adding or removing a row. */
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

/**
 * The application form as a draft input, plus what the browser sent that is no number or amount (those
 * are the form's own errors; everything else is left to the draft schema).
 */
export function readApplicationForm(body: FormBody): { input: ApplicationDraftInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const partners = [...rows(body, 'partners').values()].map((r) => ({
    organisation: r.organisation ?? '',
    ...(r.sector ? { sector: r.sector } : {}),
    contactName: r.contactName ?? '',
    contactEmail: r.contactEmail ?? '',
    role: r.role ?? '',
  }));
  const budgetLines = [...rows(body, 'budgetLines').values()].map((r, i) => {
    const line: { category: string; year?: number; amountOre?: number } = { category: r.category ?? '' };
    if (r.year) {
      if (/^\d{4}$/.test(r.year)) line.year = Number(r.year);
      else
        errors.push({
          pointer: `/budgetLines/${i}/year`,
          code: 'not_a_number',
        });
    }
    if (r.amount) {
      const ore = parseKrInput(r.amount);
      if (ore === undefined) {
        errors.push({
          pointer: `/budgetLines/${i}/amountOre`,
          code: 'not_an_amount',
        });
      } else line.amountOre = ore;
    }
    return line;
  });
  const input = {
    grantTypeId: orNull(field(body, 'grantTypeId')),
    title: field(body, 'title'),
    summary: field(body, 'summary'),
    focusArea: orNull(field(body, 'focusArea')),
    userInvolvement: field(body, 'userInvolvement'),
    startDate: orNull(field(body, 'startDate')),
    endDate: orNull(field(body, 'endDate')),
    partners,
    budgetLines,
  };
  // Shapes are checked by the draft schema afterwards; the cast only bridges form strings to its enums.
  return { input: input as ApplicationDraftInput, errors };
}

/** Applies an add or remove button to the rows of a draft input. */
export function applyRowAction(input: ApplicationDraftInput, action: FormAction): ApplicationDraftInput {
  if (action.kind === 'add') {
    return action.group === 'partners'
      ? { ...input, partners: [...(input.partners ?? []), {}] }
      : { ...input, budgetLines: [...(input.budgetLines ?? []), {}] };
  }
  if (action.kind === 'remove') {
    return action.group === 'partners'
      ? { ...input, partners: (input.partners ?? []).filter((_, i) => i !== action.index) }
      : { ...input, budgetLines: (input.budgetLines ?? []).filter((_, i) => i !== action.index) };
  }
  return input;
}

/** The longest text a schema's string field takes, for the input's `maxlength`: limits live in the schemas. */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  let inner: unknown = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
    inner = inner.unwrap();
  }
  return inner instanceof z.ZodString ? (inner.maxLength ?? undefined) : undefined;
}

/** What a money-movement form holds as typed: the amount in kroner and the fields its kind has. */
export interface MovementFormValues {
  amount: string;
  paidOn?: string;
  reference?: string;
  reason?: string;
  /** Payments and tranches: the key that makes a repeated post book nothing twice. */
  idempotencyKey?: string;
}

/**
 * A money-movement form's fields as typed. A payment or tranche without a key gets a fresh one, which the
 * form carries from then on (so showing it again after a refusal keeps the same key).
 */
export const movementValues = (
  body: FormBody,
  kind: { paidOn?: boolean; reference?: boolean; reason?: boolean; idempotent?: boolean },
): MovementFormValues => ({
  amount: field(body, 'amount'),
  ...(kind.paidOn ? { paidOn: field(body, 'paidOn') } : {}),
  ...(kind.reference ? { reference: field(body, 'reference') } : {}),
  ...(kind.reason ? { reason: field(body, 'reason') } : {}),
  ...(kind.idempotent ? { idempotencyKey: field(body, 'idempotencyKey') || crypto.randomUUID() } : {}),
});
