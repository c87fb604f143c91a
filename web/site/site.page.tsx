import type { ControllerConfig } from '../../functions/http/config.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** The accessibility statement (webtilgængelighedsloven), in the reader's language. */
export function AccessibilityPage({ lang, controller }: { lang: Lang; controller: ControllerConfig }) {
  const t = texts[lang];
  const a = t.accessibility;
  return (
    <>
      <h1>{t.a11y.title}</h1>
      <p>{a.intro}</p>
      <h2>{a.howTitle}</h2>
      <p>{a.how}</p>
      <h2>{a.limitsTitle}</h2>
      <p>{a.limits}</p>
      <h2>{a.contactTitle}</h2>
      <p>
        {t.privacy.a11yContact(controller)}{' '}
        <a href={controller.accessibilityComplaintUrl}>{t.privacy.a11yComplaint}</a>
      </p>
    </>
  );
}
