import type { PaymentDetails } from './finance.schema.js';
import { PARTIES, type PartyRef } from './parties.js';
import { eanCheckDigit, type InvoicingDetails, validCvr } from './parties.schema.js';

/*
 * Invoicing details for the demo (npm start's seed): made-up numbers that pass their checks, and addresses
 * under the reserved demo domain example.dk. Two parties have no e-mail, so the demo shows what finance sees
 * when a demand cannot reach its party.
 */

/** Parties left without an invoicing e-mail in the demo. */
export const DEMO_WITHOUT_EMAIL: readonly string[] = ['lemvig-kommune', 'samsoe-kommune'];

/** The first valid CVR number from `start` up. */
function cvrFrom(start: number): string {
  for (let n = start; ; n++) {
    const candidate = String(n).padStart(8, '0');
    if (validCvr(candidate)) return candidate;
  }
}

/** A party's demo details: e-mail (unless it is one of the two without), EAN and CVR. */
export function demoInvoicingDetails(party: PartyRef): InvoicingDetails {
  const i = PARTIES.findIndex((p) => p.id === party.id);
  const first12 = `5798000${String(41_000 + i * 37).padStart(5, '0')}`;
  return {
    ...(DEMO_WITHOUT_EMAIL.includes(party.id) ? {} : { invoiceEmail: `faktura@${party.id}.example.dk` }),
    ean: `${first12}${eanCheckDigit(first12)}`,
    cvr: cvrFrom(29_180_000 + i * 10_130),
  };
}

/** The pool's account for the demo's demands (made up): where the parties are asked to pay. */
export const DEMO_PAYMENT_DETAILS: PaymentDetails = {
  payee: 'Region Midtjylland, Folkesundhed i Midten',
  registrationNumber: '7244',
  accountNumber: '0001234567',
};
