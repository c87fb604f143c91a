import type { FieldError } from '../../functions/core/shared/errors.js';
import { sayFieldError } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/**
 * A list of problems that belong to no field of the form (lines of an imported file, parties without a
 * population), each in the reader's words with its code for whoever follows it up. Like the error summary it
 * takes the focus when the page loads (`autofocus`, no script needed).
 */
export function Problems({
  lang,
  heading,
  problems,
}: {
  lang: Lang;
  heading: string;
  problems: readonly FieldError[];
}) {
  if (problems.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="problems-title"
      tabindex={-1}
      id="problems"
      autofocus
    >
      <h2 id="problems-title">{heading}</h2>
      <ul>
        {problems.map((p) => (
          <li>
            {sayFieldError(lang, p)} <span class="meta">({p.code})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
