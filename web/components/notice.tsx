/** A short status line after an action (saved, sent, …), read out by screen readers. */
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="notice" role="status">
      {text}
    </div>
  );
}

/**
 * The notice a redirect's query flag names (`?saved=1` after a save), from the page's notices by flag; none
 * when no flag is set.
 */
export const noticeOf = (
  query: (flag: string) => string | undefined,
  notices: Record<string, string>,
): string | undefined => Object.entries(notices).find(([flag]) => query(flag))?.[1];
