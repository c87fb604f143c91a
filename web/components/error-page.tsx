import type { Message } from '../../functions/core/shared/messages.js';
import { say, texts } from '../../functions/texts/index.js';
import { LANGS, type Lang } from '../../functions/texts/lang.js';

/** What a refused or failed request shows: a heading by status, the refusal in words where there is one. */
export function ErrorPage({
  lang,
  status,
  message,
  unavailable,
}: {
  lang: Lang;
  status: number;
  message?: string | undefined;
  /** A 503's reason (the database, the sign-in): said in both languages. */
  unavailable?: Message | undefined;
}) {
  const t = texts[lang];
  if (status === 503) {
    // Whoever reads it and in whatever language they chose: Danish first, English beside.
    return (
      <>
        <h1>{t.error.unavailableTitle}</h1>
        {LANGS.map((l) => (
          <p lang={l}>{unavailable ? say(l, unavailable) : texts[l].error.unavailable}</p>
        ))}
        <p>
          <a href="/">{t.error.back}</a>
        </p>
      </>
    );
  }
  const heading = status === 404 ? t.error.notFound : status === 403 ? t.error.forbidden : t.error.title;
  return (
    <>
      <h1>{heading}</h1>
      {message && <p>{message}</p>}
      <p>
        <a href="/">{t.error.back}</a>
      </p>
    </>
  );
}
