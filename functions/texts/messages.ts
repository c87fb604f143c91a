import type { Message, MessageCode, MessageParams } from '../core/shared/messages.js';

/** The words of a set of message codes in one language: one function per code, taking the code's values. */
export type MessageTexts<P> = { [K in keyof P]: (params: P[K]) => string };

/** Every message code worded in one language. The catalogue is typed with this, so a missing code fails to compile. */
export type AllMessageTexts = MessageTexts<MessageParams>;

/** An e-mail's words in one language, by kind. */
export type MailTexts<P> = { [K in keyof P]: (params: P[K]) => { subject: string; body: string } };

/** A message in words of the catalogue given. */
export function wordMessage(catalogue: AllMessageTexts, message: Message): string {
  const word = catalogue[message.code as MessageCode] as (params: unknown) => string;
  return word(message.params ?? {});
}
