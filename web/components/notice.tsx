/** A short status line after an action (saved, sent, …), read out by screen readers. */
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="notice" role="status">
      {text}
    </div>
  );
}
