import type { Child } from 'hono/jsx';
import type { FieldError } from '../../functions/core/shared/errors.js';
import { sayFieldError, texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** The id of the input a JSON pointer names: /partners/0/contactEmail -> f-partners-0-contactEmail. */
export const fieldId = (pointer: string): string => `f${pointer.replaceAll('/', '-')}` || 'f';

/** A field error in the reader's words. */
export interface WordedError {
  pointer: string;
  code: string;
  text: string;
}

/** Field errors by pointer, worded in the reader's language; the first message of each field is shown beside it. */
export class Errors {
  private readonly byPointer = new Map<string, string>();
  readonly list: readonly WordedError[];
  constructor(
    readonly lang: Lang,
    errors: readonly FieldError[] = [],
  ) {
    this.list = errors.map((e) => ({ pointer: e.pointer, code: e.code, text: sayFieldError(lang, e) }));
    for (const e of this.list) if (!this.byPointer.has(e.pointer)) this.byPointer.set(e.pointer, e.text);
  }
  get(pointer: string): string | undefined {
    return this.byPointer.get(pointer);
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

/**
 * The list of what is wrong, at the top of a form: one heading for every form, each entry linked to its field.
 * It takes the focus when the page loads, so a keyboard or screen reader user lands on it.
 */
export function ErrorSummary({ errors, labelOf }: { errors: Errors; labelOf: (pointer: string) => string }) {
  if (!errors.any) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex={-1}
      id="error-summary"
      autofocus
    >
      <h2 id="error-summary-title">{texts[errors.lang].errorSummary}</h2>
      <ul>
        {errors.list.map((e) => (
          <li>
            {e.pointer ? (
              <a href={`#${fieldId(e.pointer)}`}>
                {labelOf(e.pointer)}: {e.text}
              </a>
            ) : (
              e.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  pointer: string;
  name: string;
  label: string;
  errors: Errors;
  hint?: string;
  required?: boolean;
  optionalText?: string;
}

function described(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  optionalText,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optionalText?: string | undefined;
  children: Child;
}) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {optionalText ? ` (${optionalText})` : ''}
      </label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string | undefined;
    type?: 'text' | 'email' | 'date' | 'datetime-local' | 'number';
    multiline?: boolean;
    inputMode?: 'numeric' | 'decimal';
    autocomplete?: string;
    narrow?: boolean;
    maxLength?: number;
    /** The id of a `<datalist>` of suggestions (OrganisationChoices): anything else may still be typed. */
    list?: string;
  },
) {
  const id = fieldId(props.pointer);
  const error = props.errors.get(props.pointer);
  const common = {
    id,
    name: props.name,
    'aria-describedby': described(id, props.hint, error),
    'aria-invalid': error ? ('true' as const) : undefined,
    maxlength: props.maxLength,
  };
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error} optionalText={props.optionalText}>
      {props.multiline ? (
        <textarea {...common} rows={6}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          inputmode={props.inputMode}
          autocomplete={props.autocomplete}
          list={props.list}
          class={props.narrow ? 'narrow' : undefined}
        />
      )}
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & {
    value: string | undefined;
    options: { value: string; label: string }[];
    /** The empty first choice ("Vælg …"); without it, the select always holds one of `options`. */
    placeholder?: string;
  },
) {
  const id = fieldId(props.pointer);
  const error = props.errors.get(props.pointer);
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error} optionalText={props.optionalText}>
      <select
        id={id}
        name={props.name}
        aria-describedby={described(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A file input with its label, hint and error; the form around it needs enctype="multipart/form-data". */
export function FileField(props: Omit<FieldProps, 'required' | 'optionalText'> & { accept: string }) {
  const id = fieldId(props.pointer);
  const error = props.errors.get(props.pointer);
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error}>
      <input
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        aria-describedby={described(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

/**
 * A form's list (partners, budget lines, grant types, criteria): its legend, hint and the error of the list as
 * a whole, above its rows (`children`). The error summary links to it by the list's pointer.
 */
export function ListFieldset({
  pointer,
  legend,
  hint,
  hintId,
  errors,
  children,
}: {
  pointer: string;
  legend: string;
  hint: string;
  /** Given, the hint describes the fieldset to a screen reader. */
  hintId?: string;
  errors: Errors;
  children: Child;
}) {
  const error = errors.get(pointer);
  return (
    <fieldset id={fieldId(pointer)} tabindex={-1} aria-describedby={hintId}>
      <legend>{legend}</legend>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      {error && <p class="error-message">{error}</p>}
      {children}
    </fieldset>
  );
}
