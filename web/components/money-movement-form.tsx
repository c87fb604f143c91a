import type { MovementFormValues } from '../forms.js';
import { type Errors, TextField } from './fields.js';

/** The words of one money-movement form (payment, adjustment, tranche, refund), from the catalogue. */
export interface MovementFormTexts {
  title: string;
  amount: string;
  amountHint?: string | undefined;
  paidOn?: string;
  reference?: string;
  reason?: string;
  submit: string;
  /** A line under the title. */
  intro?: string | undefined;
}

/**
 * One form for every movement of money: an amount in kroner, and the date and bank reference (payments,
 * tranches, refunds) or a reason (adjustments). `kind` names the form: its id, and the pointers of its fields
 * (`/payment/amountOre`), so a page with several forms shows each error beside the right field. With an
 * idempotency key, a second post of the same form (a double click, a retry) books nothing twice.
 */
export function MoneyMovementForm({
  kind,
  action,
  values,
  errors,
  words,
  limits,
  signed = false,
  secondary = false,
}: {
  kind: string;
  action: string;
  values: MovementFormValues;
  errors: Errors;
  words: MovementFormTexts;
  /** The longest reference and reason the schema takes. */
  limits: { reference?: number | undefined; reason?: number | undefined };
  /** Whether the amount may be negative (an adjustment). */
  signed?: boolean;
  secondary?: boolean;
}) {
  const titleId = `${kind}-title`;
  return (
    <form method="post" action={action} class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{words.title}</h2>
      {words.intro && <p class="meta">{words.intro}</p>}
      {values.idempotencyKey !== undefined && (
        <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
      )}
      <TextField
        pointer={`/${kind}/amountOre`}
        name="amount"
        label={words.amount}
        hint={words.amountHint}
        value={values.amount}
        errors={errors}
        inputMode={signed ? undefined : 'decimal'}
      />
      {words.paidOn && (
        <TextField
          pointer={`/${kind}/paidOn`}
          name="paidOn"
          label={words.paidOn}
          type="date"
          value={values.paidOn}
          errors={errors}
        />
      )}
      {words.reference && (
        <TextField
          pointer={`/${kind}/reference`}
          name="reference"
          label={words.reference}
          value={values.reference}
          errors={errors}
          maxLength={limits.reference}
        />
      )}
      {words.reason && (
        <TextField
          pointer={`/${kind}/reason`}
          name="reason"
          label={words.reason}
          value={values.reason}
          errors={errors}
          multiline
          maxLength={limits.reason}
        />
      )}
      <div class="actions">
        <button type="submit" class={secondary ? 'secondary' : undefined}>
          {words.submit}
        </button>
      </div>
    </form>
  );
}
