/**
 * The call area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export interface CallMessages {
  closes_before_opens: Record<never, never>;
  grant_over_budget: Record<never, never>;
  due_months_or_date: Record<never, never>;
}
