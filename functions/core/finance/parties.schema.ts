import * as z from 'zod';
import type { PartyRef } from './parties.js';

/*
 * A party's invoicing details: where its demand and receipts go (an invoicing e-mail), the EAN/GLN location
 * number its electronic invoices are addressed to (NemHandel, OIOUBL) and its CVR number. Kept on the party,
 * versioned, each change audited with what it was before and after.
 */

/** The GS1 check digit of a GLN's (EAN-13's) first 12 digits: weights 1, 3, 1, 3, … from the left. */
export function eanCheckDigit(first12: string): number {
  const sum = [...first12].reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/** A 13-digit GLN (EAN-13) whose last digit is its GS1 check digit. */
export const validEan = (value: string): boolean =>
  /^\d{13}$/.test(value) && eanCheckDigit(value.slice(0, 12)) === Number(value[12]);

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/** CVR's modulus 11: the 8 digits weighted 2, 7, 6, 5, 4, 3, 2, 1 sum to a multiple of 11. */
export const validCvr = (value: string): boolean =>
  /^\d{8}$/.test(value) &&
  [...value].reduce((total, d, i) => total + Number(d) * (CVR_WEIGHTS[i] ?? 0), 0) % 11 === 0;

export const INVOICING_FIELDS = ['invoiceEmail', 'ean', 'cvr'] as const;
export type InvoicingField = (typeof INVOICING_FIELDS)[number];

export interface InvoicingDetails {
  invoiceEmail?: string;
  ean?: string;
  cvr?: string;
}

/** A party as finance keeps it: the fixed facts and the invoicing details (version 0: never saved). */
export const partySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['municipality', 'region']),
  invoiceEmail: z.string().optional(),
  ean: z.string().optional(),
  cvr: z.string().optional(),
  version: z.int(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type Party = PartyRef & InvoicingDetails & { version: number; updatedAt?: string; updatedBy?: string };

/**
 * A change of invoicing details, as a JSON merge patch: a field sent replaces, `null` clears, absent leaves
 * it. Digits only (spaces are the form's to strip); the check digits are checked once the length is right
 * (one error per field).
 */
export const partyDetailsInputSchema = z.strictObject({
  invoiceEmail: z.email().max(254).nullable().optional(),
  ean: z
    .string()
    .regex(/^\d{13}$/)
    .refine((v) => !/^\d{13}$/.test(v) || validEan(v), 'ean_check_digit')
    .nullable()
    .optional(),
  cvr: z
    .string()
    .regex(/^\d{8}$/)
    .refine((v) => !/^\d{8}$/.test(v) || validCvr(v), 'cvr_check_digit')
    .nullable()
    .optional(),
});
export type PartyDetailsInput = z.infer<typeof partyDetailsInputSchema>;

/** One change of a party's details, as its audit event records it. */
export const partyChangeSchema = z.object({
  at: z.string(),
  by: z.string(),
  changes: z.array(
    z.object({
      field: z.enum(INVOICING_FIELDS),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
  version: z.int(),
});
export type PartyChange = z.infer<typeof partyChangeSchema>;
