import type { MessageOf, MessageParams } from '../core/shared/messages.js';

/** The words of a set of message codes in one language: one function per code, taking the code's values. */
export type MessageTexts<P> = { [K in keyof P]: (params: P[K]) => string };

/** Every message code worded in one language. The catalogue is typed with this, so a missing code fails to compile. */
export type AllMessageTexts = MessageTexts<MessageParams>;

/** An e-mail's words in one language, by kind. */
export type MailTexts<P> = { [K in keyof P]: (params: P[K]) => { subject: string; body: string } };

/** A message in words of the catalogue given (every message code's, or a set of its own such as findings). */
export function wordMessage<P>(catalogue: MessageTexts<P>, message: MessageOf<P>): string {
  const { code, params } = message as { code: keyof P; params?: unknown };
  const word = catalogue[code] as (params: unknown) => string;
  return word(params ?? {});
}
