/**
 * The decision area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export type DecisionMessages = Record<never, never>;

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export type DecisionMail = Record<never, never>;
