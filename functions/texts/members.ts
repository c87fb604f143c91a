import type { MemberMail, MemberMessages } from '../core/applications/members.messages.js';
import { formatDateTime } from './format.js';
import type { MailTexts, MessageTexts } from './messages.js';

/** Co-applicants: the members page, invitations, hand-over. Danish first; `en` has the same shape. */
export const da = {
  members: {
    title: 'Medansøgere',
    link: 'Medansøgere',
    intro:
      'Medansøgere kan læse og redigere kladden og følge ansøgningens status og afgørelse. Kun ejeren kan indsende, trække tilbage og tage imod en bevilling.',
    owner: 'Ejer',
    member: 'Medansøger',
    name: 'Navn',
    email: 'E-mail',
    role: 'Rolle',
    joined: 'Med siden',
    none: 'Der er ingen medansøgere endnu.',
    pending: 'Invitationer, der venter på svar',
    invitedAt: (at: string) => `inviteret ${formatDateTime(at, 'da')}`,
    remove: 'Fjern',
    revoke: 'Træk invitationen tilbage',
    leave: 'Forlad ansøgningen',
    invite: 'Invitér en medansøger',
    inviteHint: 'Personen får en e-mail med et link og skal logge ind med netop denne e-mailadresse.',
    inviteButton: 'Send invitation',
    invited: 'Invitationen er sendt.',
    removed: 'Medansøgeren er fjernet.',
    left: 'Du er ikke længere medansøger på ansøgningen.',
    handOver: 'Overdrag ansøgningen',
    handOverHint: 'Den nye ejer kan indsende og trække ansøgningen tilbage. Du bliver selv medansøger.',
    handOverTo: 'Ny ejer',
    handOverButton: 'Overdrag',
    handedOver: 'Ansøgningen er overdraget.',
    back: 'Tilbage til ansøgningen',
    ownerOnlySubmits: 'Kun ansøgningens ejer kan indsende den.',
  },
  invitation: {
    title: 'Invitation som medansøger',
    mine: 'Invitationer til dig',
    text: (inviter: string, title: string) =>
      `${inviter} har inviteret dig som medansøger på ansøgningen "${title || '(uden titel)'}".`,
    accept: 'Tag imod invitationen',
    accepted: 'Du er nu medansøger på ansøgningen.',
    open: 'Se invitationen',
    notPending: 'Invitationen er allerede brugt eller trukket tilbage.',
  },
};

export const en: typeof da = {
  members: {
    title: 'Co-applicants',
    link: 'Co-applicants',
    intro:
      'Co-applicants can read and edit the draft and follow the application’s status and decision. Only the owner can submit, withdraw and accept an award.',
    owner: 'Owner',
    member: 'Co-applicant',
    name: 'Name',
    email: 'E-mail',
    role: 'Role',
    joined: 'Since',
    none: 'There are no co-applicants yet.',
    pending: 'Invitations awaiting an answer',
    invitedAt: (at: string) => `invited ${formatDateTime(at, 'en')}`,
    remove: 'Remove',
    revoke: 'Revoke the invitation',
    leave: 'Leave the application',
    invite: 'Invite a co-applicant',
    inviteHint: 'They get an e-mail with a link and must sign in with exactly this e-mail address.',
    inviteButton: 'Send invitation',
    invited: 'The invitation is sent.',
    removed: 'The co-applicant is removed.',
    left: 'You are no longer a co-applicant on the application.',
    handOver: 'Hand the application over',
    handOverHint: 'The new owner can submit and withdraw the application. You become a co-applicant.',
    handOverTo: 'New owner',
    handOverButton: 'Hand over',
    handedOver: 'The application is handed over.',
    back: 'Back to the application',
    ownerOnlySubmits: 'Only the application’s owner can submit it.',
  },
  invitation: {
    title: 'Invitation to co-apply',
    mine: 'Invitations to you',
    text: (inviter: string, title: string) =>
      `${inviter} has invited you as a co-applicant on the application "${title || '(untitled)'}".`,
    accept: 'Accept the invitation',
    accepted: 'You are now a co-applicant on the application.',
    open: 'See the invitation',
    notPending: 'The invitation has already been used or was revoked.',
  },
};

export const daMessages: MessageTexts<MemberMessages> = {
  ALREADY_MEMBER: () => 'Personen er allerede ejer eller medansøger på ansøgningen',
  ALREADY_INVITED: () => 'Der venter allerede en invitation til denne e-mailadresse',
  NOT_A_MEMBER: () => 'Vælg en af ansøgningens medansøgere',
  OWNER_CANNOT_LEAVE: () => 'Ejeren kan ikke forlade ansøgningen: overdrag den først',
  INVITATION_NOT_PENDING: () => 'Invitationen er allerede brugt eller trukket tilbage',
  TOO_MANY_MEMBERS: ({ max }) => `En ansøgning kan højst have ${max} medansøgere og invitationer`,
};

export const enMessages: MessageTexts<MemberMessages> = {
  ALREADY_MEMBER: () => 'The person is already the owner or a co-applicant of the application',
  ALREADY_INVITED: () => 'An invitation to this e-mail address is already waiting',
  NOT_A_MEMBER: () => 'Choose one of the application’s co-applicants',
  OWNER_CANNOT_LEAVE: () => 'The owner cannot leave the application: hand it over first',
  INVITATION_NOT_PENDING: () => 'The invitation has already been used or was revoked',
  TOO_MANY_MEMBERS: ({ max }) => `An application can have at most ${max} co-applicants and invitations`,
};

const SIGNATURE = 'Folkesundhed i Midten';

export const daMail: MailTexts<MemberMail> = {
  'application.invitation': ({ inviterName, title, callTitle }) => ({
    subject: `${inviterName} inviterer dig som medansøger`,
    body: [
      'Hej',
      '',
      `${inviterName} har inviteret dig som medansøger på ansøgningen "${title || '(uden titel)'}" til opslaget "${callTitle}".`,
      'Log ind med denne e-mailadresse og tag imod invitationen via linket nedenfor.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'application.handed_over': ({ formerOwnerName, title }) => ({
    subject: `Du er nu ejer af ansøgningen "${title || '(uden titel)'}"`,
    body: [
      'Hej',
      '',
      `${formerOwnerName} har overdraget ansøgningen "${title || '(uden titel)'}" til dig. Du er nu dens ejer: du kan indsende den, trække den tilbage og tage imod en bevilling.`,
      `${formerOwnerName} er fortsat medansøger. Ansøgningen findes via linket nedenfor.`,
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};

export const enMail: MailTexts<MemberMail> = {
  'application.invitation': ({ inviterName, title, callTitle, callTitleEn }) => ({
    subject: `${inviterName} invites you to co-apply`,
    body: [
      'Hello',
      '',
      `${inviterName} has invited you as a co-applicant on the application "${title || '(untitled)'}" to the call "${callTitleEn ?? callTitle}".`,
      'Sign in with this e-mail address and accept the invitation through the link below.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'application.handed_over': ({ formerOwnerName, title }) => ({
    subject: `You now own the application "${title || '(untitled)'}"`,
    body: [
      'Hello',
      '',
      `${formerOwnerName} has handed the application "${title || '(untitled)'}" over to you. You are now its owner: you can submit it, withdraw it and accept an award.`,
      `${formerOwnerName} stays on as a co-applicant. The application is at the link below.`,
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};
