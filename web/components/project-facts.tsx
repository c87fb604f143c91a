import type { Application } from '../../functions/core/applications/application.schema.js';
import { formatDate, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** The project's focus area, period and total as terms of a facts list (`<dl>`), the same on every view. */
export function ProjectFacts({ lang, application }: { lang: Lang; application: Application }) {
  const t = texts[lang];
  const a = t.application;
  return (
    <>
      <dt>{a.focusArea}</dt>
      <dd>{application.focusArea ? t.focusArea[application.focusArea] : '–'}</dd>
      <dt>{a.period}</dt>
      <dd>
        {application.startDate ? formatDate(application.startDate, lang) : '–'} –{' '}
        {application.endDate ? formatDate(application.endDate, lang) : '–'}
      </dd>
      <dt>{a.total}</dt>
      <dd>{formatKr(application.requestedAmountOre, lang)}</dd>
    </>
  );
}
