import type { MessageStatus } from './message.schema.js';

/**
 * The message area's codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export interface MessagesMessages {
  /** Only a message that did not reach its reader (failed, bounced, complained) is sent again. */
  MESSAGE_NOT_RESENDABLE: { messageStatus: MessageStatus };
  /** A message is sent again once: this one was, as `resendId` (that one may be sent again if it fails). */
  MESSAGE_ALREADY_RESENT: { resendId: string };
  /** The resend form's own: the message changed since the page was read (sent again meanwhile). */
  MESSAGE_CHANGED: Record<never, never>;
}
