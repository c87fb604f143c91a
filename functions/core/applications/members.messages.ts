import type { Plain } from '../shared/messages.js';

/** The co-applicants' message codes and the values each carries (functions/texts/members.ts words them). */
export interface MemberMessages
  extends Record<
    /** The person invited is already the owner or a co-applicant. */
    | 'ALREADY_MEMBER'
    /** An invitation to this address is already waiting. */
    | 'ALREADY_INVITED'
    /** Only a co-applicant can take over an application. */
    | 'NOT_A_MEMBER'
    /** The owner cannot leave: hand the application over first (or withdraw it). */
    | 'OWNER_CANNOT_LEAVE'
    /** The invitation was accepted or revoked already. */
    | 'INVITATION_NOT_PENDING',
    Plain
  > {
  /** An application has at most `max` co-applicants and invitations waiting. */
  TOO_MANY_MEMBERS: { max: number };
}

/** The co-applicants' e-mails. */
export interface MemberMail {
  /** An invitation to join an application as a co-applicant, to the address invited; links to the invitation. */
  'application.invitation': {
    inviterName: string;
    title: string;
    callTitle: string;
    callTitleEn?: string;
  };
  /** The owner handed the application over: to the new owner, who may now submit it; links to the application. */
  'application.handed_over': {
    formerOwnerName: string;
    title: string;
  };
}
