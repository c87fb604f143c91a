import type { Application } from '../applications/application.schema.js';
import type { Call } from '../calls/call.schema.js';
import type { FieldError } from '../shared/errors.js';
import type { Document } from './document.schema.js';

type Missing = Extract<FieldError, { code: 'DOCUMENT_MISSING' }>;

/** Stored and not refused: what counts (a pending upload or a refused one is not the application's). */
export const isKept = (d: Document): boolean =>
  d.status === 'uploaded' || d.status === 'scanning' || d.status === 'clean';

/**
 * Every required document the application lacks, by kind, and for a per-partner kind each partner whose
 * document is missing (named by its organisation), at `/documents/<kind>` or `/documents/<kind>/<partner>`.
 */
export function missingDocuments(
  application: Application,
  call: Call,
  documents: readonly Document[],
): Missing[] {
  const failures: Missing[] = [];
  for (const kind of call.documentKinds ?? []) {
    if (!kind.required) continue;
    const names = { kind: kind.id, kindName: kind.name, ...(kind.nameEn ? { kindNameEn: kind.nameEn } : {}) };
    const has = (partnerIndex?: number) =>
      documents.some((d) => d.kind === kind.id && d.partnerIndex === partnerIndex && isKept(d));
    if (kind.per === 'application') {
      if (!has())
        failures.push({ code: 'DOCUMENT_MISSING', pointer: `/documents/${kind.id}`, params: names });
      continue;
    }
    application.partners.forEach((partner, i) => {
      if (!has(i)) {
        failures.push({
          code: 'DOCUMENT_MISSING',
          pointer: `/documents/${kind.id}/${i}`,
          params: { ...names, partner: partner.organisation ?? `#${i + 1}` },
        });
      }
    });
  }
  return failures;
}
