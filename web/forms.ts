import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod';

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

/** A number as people write it ("1234 5678", "5798-000-000-000"): its digits; anything else as typed. */
export const digits = (typed: string): string => {
  const trimmed = typed.trim();
  return /^[\d\s.-]+$/.test(trimmed) ? trimmed.replace(/[\s.-]/g, '') : trimmed;
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
