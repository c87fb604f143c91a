import { envelope } from '../audit/audit.js';
import type { Call } from '../calls/call.schema.js';
import type { Application } from './application.schema.js';

/*
 * What every e-mail to an application's owner about it has: the envelope, and the application and its call as
 * the letter names them (the call's title in both languages, as the call has them). The words come from the
 * catalogue when it is sent.
 */

/** The envelope of an e-mail to the application's owner, queued `now`. */
export const toOwnerOf = (application: Application, now: Date) =>
  envelope(
    now,
    application.ownerEmail,
    { kind: 'application', id: application.id },
    `/applications/${application.id}`,
  );

/** The application and its call as a letter names them. */
export const letterSubject = (application: Application, call: Call) => ({
  reference: application.reference ?? '',
  title: application.title ?? '',
  ...callNamed(call),
});

/** A call as a letter names it: its title in both languages, as the call has them. */
export const callNamed = (call: Call) => ({
  callTitle: call.title,
  ...(call.titleEn ? { callTitleEn: call.titleEn } : {}),
});
