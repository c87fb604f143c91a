import type { Child } from 'hono/jsx';

/** A column's header; `num` right-aligns it (as its cells are). `false` leaves the column out. */
export type Column = { label: Child; num?: boolean } | false;

/**
 * Every table of the site in one frame: the scrolling wrapper, an optional caption (for screen readers), one header row and the
 * rows the caller gives (`children`), with an optional footer. With `captionId` the caption carries that id
 * and the wrapper is a focusable region named by it (so a keyboard can scroll a wide table); `region` names
 * the region by another element (a heading) instead; `labelledBy` names the table itself by a heading.
 */
export function DataTable({
  columns,
  caption,
  captionId,
  region,
  labelledBy,
  compact = false,
  foot,
  children,
}: {
  columns: Column[];
  caption?: Child;
  captionId?: string;
  region?: string;
  labelledBy?: string;
  compact?: boolean;
  foot?: Child;
  children: Child;
}) {
  const table = (
    <table class={compact ? 'compact' : undefined} aria-labelledby={labelledBy}>
      {caption !== undefined && (
        // Visually hidden: the page's heading already says it; a screen reader still names the table by it.
        <caption id={captionId} class="visually-hidden">
          {caption}
        </caption>
      )}
      <thead>
        <tr>
          {columns.map(
            (col) =>
              col && (
                <th scope="col" class={col.num ? 'num' : undefined}>
                  {col.label}
                </th>
              ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot !== undefined && <tfoot>{foot}</tfoot>}
    </table>
  );
  const named = region ?? captionId;
  return named ? (
    <section class="table-wrap" aria-labelledby={named} tabindex={0}>
      {table}
    </section>
  ) : (
    <div class="table-wrap">{table}</div>
  );
}
