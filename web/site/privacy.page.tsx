import type { ControllerConfig } from '../../functions/http/config.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** The privacy notice (GDPR art. 13), with the controller from configuration. */
export function PrivacyPage({ lang, controller }: { lang: Lang; controller: ControllerConfig }) {
  const p = texts[lang].privacy;
  return (
    <>
      <h1>{p.title}</h1>
      <h2>{p.controllerTitle}</h2>
      <p>{p.controller(controller)}</p>
      <p>{p.dpo(controller)}</p>
      <h2>{p.purposesTitle}</h2>
      <p>{p.purposes}</p>
      <h2>{p.basisTitle}</h2>
      <p>{p.basis}</p>
      <h2>{p.recipientsTitle}</h2>
      <p>{p.recipients}</p>
      <h2>{p.retentionTitle}</h2>
      <p>{p.retention}</p>
      <h2>{p.rightsTitle}</h2>
      <p>{p.rights}</p>
      <h2>{p.contactTitle}</h2>
      <p>{p.contact(controller)}</p>
    </>
  );
}

/**
 * Shown on the first page after a sign-in until the person says they have read it (their first sign-in, and
 * any later one until then): where the notice is, and a button that records it.
 */
export function PrivacyNoticeBanner({ lang, back }: { lang: Lang; back: string }) {
  const p = texts[lang].privacy;
  return (
    <section class="card" aria-labelledby="privacy-first">
      <h2 id="privacy-first">{p.title}</h2>
      <p>
        {p.firstIntro} <a href="/privatliv">{p.title}</a>
      </p>
      <form method="post" action="/privatliv/set">
        <input type="hidden" name="next" value={back} />
        <button type="submit">{p.seen}</button>
      </form>
    </section>
  );
}
