/**
 * The finance area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export type FinanceMessages = Record<never, never>;
