import type { Call } from '../../functions/core/calls/call.schema.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { callTitle } from '../calls/calls.page.js';
import { ErrorSummary, type Errors, TextField } from '../components/fields.js';

/** The confirm step of closing a call: what closing does, and (before the deadline) the reason asked for. */
export function CloseCallPage({
  lang,
  call,
  early,
  reason,
  errors,
}: {
  lang: Lang;
  call: Call;
  early: boolean;
  reason: string;
  errors: Errors;
}) {
  const l = texts[lang].closeCall;
  const title = callTitle(call, lang);
  return (
    <>
      <h1>{l.title}</h1>
      <ErrorSummary errors={errors} labelOf={() => l.reason} />
      <p>{early ? l.openUntil(title, formatDateTime(call.closesAt, lang)) : l.pastDeadline(title)}</p>
      {early && <p>{l.drafts}</p>}
      <form method="post" action={`/admin/calls/${call.id}/close`}>
        <input type="hidden" name="_version" value={String(call.version)} />
        <TextField
          pointer="/reason"
          name="reason"
          label={l.reason}
          hint={l.reasonHint}
          errors={errors}
          value={reason}
          multiline
          maxLength={1_000}
        />
        <p class="actions">
          <button type="submit" class="danger">
            {l.confirm}
          </button>{' '}
          <a href={`/admin/calls/${call.id}`}>{l.cancel}</a>
        </p>
      </form>
    </>
  );
}

/** Reopening a closed call: a new deadline and a reason. */
export function ReopenCallPage({
  lang,
  call,
  values,
  errors,
}: {
  lang: Lang;
  call: Call;
  values: { closesAt: string; reason: string };
  errors: Errors;
}) {
  const l = texts[lang].reopenCall;
  const labels: Record<string, string> = { '/closesAt': l.closesAt, '/reason': l.reason };
  return (
    <>
      <h1>{l.title}</h1>
      <ErrorSummary errors={errors} labelOf={(pointer) => labels[pointer] ?? pointer} />
      <p>{l.intro(callTitle(call, lang))}</p>
      <form method="post" action={`/admin/calls/${call.id}/reopen`}>
        <input type="hidden" name="_version" value={String(call.version)} />
        <TextField
          pointer="/closesAt"
          name="closesAt"
          label={l.closesAt}
          errors={errors}
          value={values.closesAt}
          type="datetime-local"
        />
        <TextField
          pointer="/reason"
          name="reason"
          label={l.reason}
          errors={errors}
          value={values.reason}
          multiline
          maxLength={1_000}
        />
        <p class="actions">
          <button type="submit">{l.confirm}</button> <a href={`/admin/calls/${call.id}`}>{l.cancel}</a>
        </p>
      </form>
    </>
  );
}
