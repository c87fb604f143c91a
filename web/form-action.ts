import type { z } from 'zod';
import { AppError, errorsOf, type FieldError } from '../functions/core/shared/errors.js';
import { issuesToFieldErrors } from '../functions/core/shared/validation.js';
import { Errors } from './components/fields.js';
import { FieldReader } from './field-reader.js';
import { type FormBody, readBody } from './forms.js';
import { type WebContext, type WebRequestContext, webCtx } from './render.js';
import { isResumed, markForm } from './sign-in/resume.js';

/** What a form shows again after a refusal: what was typed, each error beside its field, the status. */
export interface FormState<V> {
  values: V;
  errors: Errors;
  /** 200 for a form kept while its person signed in again, shown as it was typed (web/sign-in/resume.ts). */
  status: 200 | 400 | 409 | 422;
  /** The item changed since the form was read (stale version): the page offers to load it again. */
  conflict: boolean;
  /** The refusal itself, for a page that says more about it (undefined for the form's own errors). */
  error?: AppError;
}

/** What each callback of a form action gets. */
export interface FormCall<V> {
  c: WebContext;
  ctx: WebRequestContext;
  body: FormBody;
  values: V;
}

export interface FormActionSpec<V, S extends z.ZodType, R> {
  /** The form's fields as typed, to show again on a refusal. */
  values: (body: FormBody, c: WebContext) => V;
  /**
   * The values as the schema's input. Text that should be a number, an amount or a time is read with
   * `read`, which notes each one that is not as an error beside its field.
   */
  input: (values: V, read: FieldReader, c: WebContext) => unknown;
  /** The same schema the API validates with. */
  schema: S;
  /** Calls the service. */
  run: (input: z.output<S>, form: FormCall<V>) => Promise<R>;
  /** Where to go when it worked (a query flag names the notice shown there). */
  done: (result: R, form: FormCall<V>) => string;
  /** The page with the form again, in `state`. */
  render: (c: WebContext, state: FormState<V>) => Response | Promise<Response>;
  /** Where the form's fields sit in the page's pointers when one page has several forms (`/payment`). */
  pointerPrefix?: string;
}

const STATUS = {
  VALIDATION_FAILED: 400,
  RULES_FAILED: 422,
  VERSION_CONFLICT: 409,
  INVALID_STATE: 409,
} as const;
type FormRefusal = keyof typeof STATUS;
const isFormRefusal = (error: unknown): error is AppError & { code: FormRefusal } =>
  error instanceof AppError && error.code in STATUS;

/**
 * The one way a web form is handled: parse the body (a malformed one is a 400 page), read the typed values,
 * validate with the API's schema, call the service, then either redirect (303) or show the form again with
 * every error beside its field and in the summary at the top (which takes the focus). A refusal the form
 * cannot show (403, 404, …) goes to the error page, as on any other request.
 */
export function formAction<V, S extends z.ZodType, R>(spec: FormActionSpec<V, S, R>) {
  const prefix = spec.pointerPrefix ?? '';
  const under = (errors: readonly FieldError[]): FieldError[] =>
    prefix
      ? errors.map((e) => ({
          ...e,
          pointer: e.pointer === '' || e.pointer.startsWith('/headers') ? '' : `${prefix}${e.pointer}`,
        }))
      : [...errors];

  return async (c: WebContext): Promise<Response> => {
    // Posted after the session ended: what was typed is kept while the person signs in again.
    markForm(c);
    const ctx = webCtx(c);
    const body = await readBody(c);
    const values = spec.values(body, c);
    const form: FormCall<V> = { c, ctx, body, values };
    const refuse = (errors: readonly FieldError[], status: FormState<V>['status'], error?: AppError) =>
      spec.render(c, {
        values,
        errors: new Errors(ctx.lang, under(errors)),
        status,
        conflict: error?.code === 'VERSION_CONFLICT',
        ...(error ? { error } : {}),
      });
    // Back from signing in: the form as it was typed, to check and send; nothing is done for the person.
    if (isResumed(c)) return refuse([{ pointer: '', code: 'FORM_KEPT' }], 200);

    const read = new FieldReader();
    const raw = spec.input(values, read, c);
    const parsed = spec.schema.safeParse(raw);
    if (read.errors.length > 0 || !parsed.success) {
      // Every field at fault at once: what could not be read, then what the schema refuses elsewhere (a field
      // that could not be read is left to the reader's words, not also called missing by the schema).
      const unread = new Set(read.errors.map((e) => e.pointer));
      const refused = parsed.success ? [] : issuesToFieldErrors(parsed.error.issues);
      return refuse([...read.errors, ...refused.filter((e) => !unread.has(e.pointer))], 400);
    }
    let result: R;
    try {
      result = await spec.run(parsed.data, form);
    } catch (error) {
      if (isFormRefusal(error)) return refuse(errorsOf(error), STATUS[error.code], error);
      throw error;
    }
    return c.redirect(spec.done(result, form), 303);
  };
}
