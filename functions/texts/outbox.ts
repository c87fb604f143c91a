import type { MessageCase } from '../core/audit/audit.js';
import type { MessageFailureReason, MessageStatus } from '../core/messages/message.schema.js';
import type { MessagesMessages } from '../core/messages/messages.messages.js';
import type { MailKind } from '../core/shared/messages.js';
import { plural } from './format.js';
import type { MessageTexts } from './messages.js';

/*
 * The messages the platform sends, as people read them: "Mine beskeder", one message in full, and the admin's
 * and finance's list with resend. (functions/texts/messages.ts holds the catalogue's types, so this area is
 * named after the outbox the messages are kept in.) Danish first; `en` has the same shape.
 */

const STATUS_DA: Record<MessageStatus, string> = {
  pending: 'Sendes',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Kunne ikke sendes',
  bounced: 'Afvist af modtagerens mailserver',
  complained: 'Markeret som spam',
};
const STATUS_EN: typeof STATUS_DA = {
  pending: 'Being sent',
  sending: 'Being sent',
  sent: 'Sent',
  failed: 'Could not be sent',
  bounced: 'Bounced by the recipient’s mail server',
  complained: 'Marked as spam',
};

export const da = {
  messages: {
    nav: 'Mine beskeder',
    title: 'Mine beskeder',
    intro:
      'Alle e-mails, platformen har sendt eller skal sende til dig, nyeste først. Du kan læse hver besked her, så intet afhænger af din indbakke.',
    none: 'Du har ingen beskeder endnu.',
    received: 'Oprettet',
    subject: 'Emne',
    status: 'Status',
    to: 'Til',
    noAddress: '(ingen e-mailadresse)',
    kind: 'Slags',
    link: 'Siden, beskeden handler om',
    attempts: 'Forsøg',
    resendOf: 'Sendt igen i stedet for',
    resentAs: 'Sendt igen som',
    next: 'Ældre beskeder',
    first: 'Nyeste beskeder',
    back: 'Alle mine beskeder',
    text: 'Beskeden',
    cannotCompose: 'Beskedens tekst kan ikke vises.',
    statusName: STATUS_DA,
    /** A message's status in words, with its time or its reason. */
    statusText: {
      pending: () => 'sendes',
      sending: () => 'sendes',
      sent: (at: string) => `sendt ${at}`,
      failed: (reason: string) => `kunne ikke sendes: ${reason}`,
      bounced: (reason: string) => `kunne ikke sendes: ${reason}`,
      complained: (reason: string) => `kunne ikke sendes: ${reason}`,
    } satisfies Record<MessageStatus, (detail: string) => string>,
    failure: {
      NO_ADDRESS: 'der er ingen e-mailadresse',
      TEMPLATE: 'beskeden kunne ikke dannes',
      REJECTED: 'mailtjenesten afviste den',
      RETRIES_EXHAUSTED: 'mailtjenesten svarede ikke, heller ikke efter flere forsøg',
      BOUNCED: 'modtagerens mailserver afviste den',
      COMPLAINED: 'modtageren markerede den som spam',
    } satisfies Record<MessageFailureReason, string>,
    /** Names of the kinds of message: the compiler asks for one for every kind. */
    kinds: {
      'application.receipt': 'Kvittering for ansøgning',
      'application.invitation': 'Invitation som medansøger',
      'application.handed_over': 'Ansøgning overdraget til dig',
      'application.decision': 'Afgørelse på ansøgning',
      'application.withdrawn': 'Bekræftelse af tilbagetrækning',
      'application.deadline_reminder': 'Påmindelse om ansøgningsfrist',
      'contribution.demand': 'Opkrævning af bidrag',
      'contribution.payment_received': 'Kvittering for indbetaling',
      'report.reminder': 'Påmindelse om rapport',
      'report.overdue': 'Rapport over fristen',
      'award.tranche_paid': 'Udbetaling af rate',
      'award.refund_booked': 'Tilbagebetaling bogført',
      'award.acceptance_reminder': 'Påmindelse om accept af bevilling',
      'review.assigned': 'Tildelt bedømmelse',
      'review.unassigned': 'Fritaget for bedømmelse',
      'review.due_reminder': 'Påmindelse om bedømmelsesfrist',
      'review.overdue': 'Bedømmelse over fristen',
      'conflict.ruled': 'Afgørelse om inhabilitet',
      'document.infected': 'Bilag med virus',
      'erasure.confirmed': 'Bekræftelse af sletning',
      'retention.draft_reminder': 'Kladde slettes snart',
      'application.call_closed_early': 'Opslag lukket før fristen',
    } satisfies Record<MailKind, string>,
    caseKind: {
      application: 'Ansøgning',
      award: 'Bevilling',
      party: 'Part',
      meeting: 'Møde',
      call: 'Opslag',
      user: 'Bruger',
    } satisfies Record<MessageCase['kind'], string>,
    receipt: {
      pending: 'En kvittering sendes til din e-mail.',
      sent: (at: string) => `En kvittering er sendt til din e-mail ${at}.`,
      failed: (reason: string) => `Kvitteringen kunne ikke sendes til din e-mail: ${reason}.`,
      none: 'Kvitteringen til din e-mail er ikke fundet.',
      read: 'Læs kvitteringen under Mine beskeder',
    },
    admin: {
      title: 'Beskeder',
      financeTitle: 'Parternes beskeder',
      intro: 'Alle beskeder, platformen har sendt eller skal sende, nyeste først.',
      financeIntro: 'Beskeder til parterne (opkrævninger og kvitteringer for betaling), nyeste først.',
      link: 'Beskeder: status og gensendelse',
      financeLink: 'Parternes beskeder: status og gensendelse',
      filter: 'Vis',
      allStatuses: 'Alle statusser',
      allKinds: 'Alle slags',
      show: 'Vis',
      none: 'Ingen beskeder passer til valget.',
      resend: 'Send igen',
      resent: 'Beskeden er lagt til afsendelse igen.',
      recipients: 'Modtagere, der ikke fik deres beskeder',
      recipientsIntro:
        'Adresser og parter, hvis beskeder ikke kunne sendes eller blev afvist. Ret adressen, og send beskeden igen.',
      recipientsNone: 'Alle beskeder er nået frem eller er på vej.',
      recipient: 'Modtager',
      recipientHint:
        'En e-mailadresse: kun beskeder til den. Status og slags vælger blandt dem, side for side.',
      failedCount: 'Ikke sendt',
      messagesCount: (n: number) => `${n} ${plural(n, 'da', { one: 'besked', other: 'beskeder' })}`,
      latest: 'Seneste',
      reason: 'Grund',
      case: 'Sag',
      actions: 'Handling',
    },
  },
};

export const en: typeof da = {
  messages: {
    nav: 'My messages',
    title: 'My messages',
    intro:
      'Every e-mail the platform has sent or is to send you, newest first. You can read each one here, so nothing depends on your inbox.',
    none: 'You have no messages yet.',
    received: 'Created',
    subject: 'Subject',
    status: 'Status',
    to: 'To',
    noAddress: '(no e-mail address)',
    kind: 'Kind',
    link: 'The page the message concerns',
    attempts: 'Attempts',
    resendOf: 'Sent again in place of',
    resentAs: 'Sent again as',
    next: 'Older messages',
    first: 'Newest messages',
    back: 'All my messages',
    text: 'The message',
    cannotCompose: 'The message’s text cannot be shown.',
    statusName: STATUS_EN,
    statusText: {
      pending: () => 'being sent',
      sending: () => 'being sent',
      sent: (at: string) => `sent ${at}`,
      failed: (reason: string) => `could not be sent: ${reason}`,
      bounced: (reason: string) => `could not be sent: ${reason}`,
      complained: (reason: string) => `could not be sent: ${reason}`,
    },
    failure: {
      NO_ADDRESS: 'there is no e-mail address',
      TEMPLATE: 'the message could not be composed',
      REJECTED: 'the mail service refused it',
      RETRIES_EXHAUSTED: 'the mail service did not answer, not even after several attempts',
      BOUNCED: 'the recipient’s mail server bounced it',
      COMPLAINED: 'the recipient marked it as spam',
    },
    kinds: {
      'application.receipt': 'Application receipt',
      'application.invitation': 'Invitation to co-apply',
      'application.handed_over': 'Application handed over to you',
      'application.decision': 'Decision on an application',
      'application.withdrawn': 'Withdrawal confirmed',
      'application.deadline_reminder': 'Application deadline reminder',
      'contribution.demand': 'Contribution demand',
      'contribution.payment_received': 'Payment receipt',
      'report.reminder': 'Report reminder',
      'report.overdue': 'Report overdue',
      'award.tranche_paid': 'Tranche paid',
      'award.refund_booked': 'Refund booked',
      'award.acceptance_reminder': 'Award acceptance reminder',
      'review.assigned': 'Review assigned',
      'review.unassigned': 'Review removed',
      'review.due_reminder': 'Review deadline reminder',
      'review.overdue': 'Review overdue',
      'conflict.ruled': 'Ruling on a conflict of interest',
      'document.infected': 'Attachment with malware',
      'erasure.confirmed': 'Erasure confirmed',
      'retention.draft_reminder': 'Draft to be deleted soon',
      'application.call_closed_early': 'Call closed before its deadline',
    },
    caseKind: {
      application: 'Application',
      award: 'Award',
      party: 'Party',
      meeting: 'Meeting',
      call: 'Call',
      user: 'User',
    },
    receipt: {
      pending: 'A receipt is being sent to your e-mail.',
      sent: (at: string) => `A receipt was sent to your e-mail ${at}.`,
      failed: (reason: string) => `The receipt could not be sent to your e-mail: ${reason}.`,
      none: 'The receipt to your e-mail was not found.',
      read: 'Read the receipt in My messages',
    },
    admin: {
      title: 'Messages',
      financeTitle: 'The parties’ messages',
      intro: 'Every message the platform has sent or is to send, newest first.',
      financeIntro: 'Messages to the parties (demands and payment receipts), newest first.',
      link: 'Messages: status and resending',
      financeLink: 'The parties’ messages: status and resending',
      filter: 'Show',
      allStatuses: 'All statuses',
      allKinds: 'All kinds',
      show: 'Show',
      none: 'No messages match the choice.',
      resend: 'Send again',
      resent: 'The message is queued to be sent again.',
      recipients: 'Recipients who did not get their messages',
      recipientsIntro:
        'Addresses and parties whose messages could not be sent or were bounced. Fix the address, then send the message again.',
      recipientsNone: 'Every message has arrived or is on its way.',
      recipient: 'Recipient',
      recipientHint:
        'An e-mail address: only the messages to it. Status and kind choose among them, page by page.',
      failedCount: 'Not sent',
      messagesCount: (n: number) => `${n} ${plural(n, 'en', { one: 'message', other: 'messages' })}`,
      latest: 'Latest',
      reason: 'Reason',
      case: 'Case',
      actions: 'Action',
    },
  },
};

export const daMessages: MessageTexts<MessagesMessages> = {
  MESSAGE_NOT_RESENDABLE: ({ messageStatus }) =>
    `Kun en besked, der ikke nåede frem, kan sendes igen (denne er: ${STATUS_DA[messageStatus].toLowerCase()})`,
  MESSAGE_ALREADY_RESENT: () =>
    'Beskeden er allerede sendt igen; send den nye besked igen, hvis den heller ikke når frem',
  MESSAGE_CHANGED: () => 'Beskeden er ændret, siden siden blev hentet; se den nu og prøv igen',
};

export const enMessages: MessageTexts<MessagesMessages> = {
  MESSAGE_NOT_RESENDABLE: ({ messageStatus }) =>
    `Only a message that did not arrive can be sent again (this one is: ${STATUS_EN[messageStatus].toLowerCase()})`,
  MESSAGE_ALREADY_RESENT: () =>
    'The message has been sent again already; send the new message again if it does not arrive either',
  MESSAGE_CHANGED: () => 'The message changed since the page was loaded; see it now and try again',
};
