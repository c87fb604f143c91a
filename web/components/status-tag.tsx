import type { ApplicationStatus } from '../../functions/core/applications/application.schema.js';
import type { CallStatus } from '../../functions/core/calls/call.schema.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** A call's or an application's status as a tag. */
export function StatusTag({ status, lang }: { status: CallStatus | ApplicationStatus; lang: Lang }) {
  return <span class={`tag tag-${status}`}>{texts[lang].status[status]}</span>;
}
