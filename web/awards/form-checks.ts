import type { FieldError } from '../../functions/core/shared/errors.js';
import type { FieldReader } from '../field-reader.js';
import type { MovementFormValues } from '../forms.js';

/** The codes of the award forms' own checks, each worded by the catalogue in the page's words. */
type FormCheckCode =
  | 'DECLARATION_MISSING'
  | 'REPORT_TEXT_MISSING'
  | 'RETURN_REASON_MISSING'
  | 'AMOUNT_NOT_POSITIVE';

/**
 * Notes a field the form needs as the form's own error beside it when `ok` is false: the declaration's box,
 * a text left blank. The schema would refuse them too, but in its general words ("Skal udfyldes", "Vælg en
 * af de mulige værdier"); the page says what to do. (A method of FieldReader, once there is one.)
 */
export function check(read: FieldReader, ok: boolean, pointer: string, code: FormCheckCode): void {
  if (!ok) read.errors.push({ pointer, code } as FieldError);
}

/** A tranche's or refund's form as the API's movement input: the amount read as kroner, above 0. */
export function movementInput(values: MovementFormValues, read: FieldReader) {
  const amountOre = read.kroner(values.amount, '/amountOre');
  check(read, amountOre !== 0, '/amountOre', 'AMOUNT_NOT_POSITIVE');
  return { amountOre, paidOn: values.paidOn, reference: values.reference };
}
