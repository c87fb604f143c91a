/** `path` with `cursor` added to its query (or `path` itself for the first page). */
export const withCursor = (path: string, cursor?: string): string =>
  cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path;

/**
 * The links of a list paged by cursor: back to the first page (when this is not it) and on to the next (the
 * service's cursor, when there is one). `path` is the list's address with its filters; nothing shows for a list
 * of one page.
 */
export function Pager({
  label,
  path,
  cursor,
  next,
  first,
  nextText,
}: {
  /** The navigation's name (the list's heading). */
  label: string;
  path: string;
  /** The cursor this page was read from: set on every page but the first. */
  cursor?: string | undefined;
  next?: string | undefined;
  first: string;
  nextText: string;
}) {
  if (!cursor && !next) return null;
  return (
    <nav aria-label={label}>
      <ul class="links">
        {cursor && (
          <li>
            <a href={path}>{first}</a>
          </li>
        )}
        {next && (
          <li>
            <a href={withCursor(path, next)} rel="next">
              {nextText}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
