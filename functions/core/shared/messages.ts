import type { ApplicationMail, ApplicationMessages } from '../applications/application.messages.js';
import type { MemberMail, MemberMessages } from '../applications/members.messages.js';
import type { CallMessages } from '../calls/call.messages.js';
import type { ErasureMail } from '../cases/erasure.messages.js';
import type { DecisionMail, DecisionMessages } from '../decisions/decision.messages.js';
import type { DocumentMail, DocumentMessages } from '../documents/document.messages.js';
import type { AwardMail, AwardMessages } from '../finance/award.messages.js';
import type { FinanceMail, FinanceMessages } from '../finance/finance.messages.js';
import type { ReportMail, ReportMessages } from '../finance/report.messages.js';
import type { MessagesMessages } from '../messages/messages.messages.js';
import type { OrganisationMessages } from '../organisations/organisation.messages.js';
import type { ReviewMail, ReviewMessages } from '../reviews/review.messages.js';

/*
 * Every message the core can raise, by code, with the values it speaks of (amounts in øre, dates as ISO
 * strings, names). The core writes no words of any language: functions/texts words each code in Danish and
 * English, for pages, API problems, e-mails and PDFs alike. Each area declares its own codes in its
 * `*.messages.ts`; this interface joins them, and the catalogue must word every one of them in both languages.
 */

/** What an entity is called in a message ("Opslaget findes ikke"). */
export type EntityName =
  | 'call'
  | 'application'
  | 'assignment'
  | 'declaration'
  | 'meeting'
  | 'award'
  | 'report'
  | 'party'
  | 'contribution'
  | 'year'
  | 'user'
  | 'message'
  | 'invitation'
  | 'member'
  | 'document'
  | 'case'
  | 'organisation'
  | 'conflict'
  | 'export';

/** A message that carries no values: its code says it all. */
export type Plain = Record<never, never>;

/** Messages of every area: who may ask, what exists, and the store's answers. */
export interface CommonMessages
  extends Record<
    | 'FORBIDDEN'
    /** A field or choice that must be filled in. */
    | 'REQUIRED'
    | 'VERSION_CONFLICT'
    | 'DATABASE_BUSY'
    | 'SIGN_IN'
    | 'SIGN_IN_AGAIN'
    | 'UNKNOWN_DEMO_USER'
    /** Cognito's sign-in gave no token. */
    | 'SIGN_IN_UNAVAILABLE'
    /** Cognito's token could not be verified. */
    | 'SIGN_IN_NOT_VERIFIED'
    /** A form posted after the session ended, shown again as typed once signed in. */
    | 'FORM_KEPT'
    | 'INVALID_INPUT'
    | 'RULES_NOT_MET'
    | 'INVALID_CURSOR'
    | 'IF_MATCH_INVALID'
    | 'IF_MATCH_REQUIRED'
    | 'IDEMPOTENCY_KEY_CLAIMED'
    | 'MALFORMED_BODY'
    | 'UNKNOWN_PATH'
    | 'AUTHORIZATION_MALFORMED'
    // Storage
    | 'TOO_MANY_SUBMISSIONS'
    | 'invalid_cursor',
    Plain
  > {
  NOT_FOUND: { entity: EntityName };
  /**
   * Something given twice: a decision on the same application, a party's figure for the same year. An import's
   * line says where (`line`, `party`, `year`, `firstLine`).
   */
  DUPLICATE: { line?: number; party?: string; year?: number; firstLine?: number };
  BODY_TOO_LARGE: { maxBytes: number };
  /** Readiness: a dependency does not answer (`unavailable` names them; `checks` has every one's state). */
  NOT_READY: { unavailable: string[]; checks: Record<string, 'ok' | 'unavailable'> };
}

/**
 * A field the schema refused, in zod's terms (the API's field error codes): the values say what was expected.
 * Custom refinements raise their own code as the issue's message (`not_an_amount`, `closes_before_opens`, …).
 */
export interface ValidationMessages
  extends Record<
    | 'invalid_value'
    | 'invalid_union'
    | 'not_a_number'
    | 'not_an_amount'
    | 'not_a_datetime'
    | 'duplicate_id'
    | 'duplicate_value',
    Plain
  > {
  invalid_type: { expected: string };
  too_small: { origin: string; minimum: number };
  too_big: { origin: string; maximum: number };
  invalid_format: { format: string };
  unknown_field: { key: string };
}

export interface MessageParams
  extends CommonMessages,
    ValidationMessages,
    CallMessages,
    ApplicationMessages,
    MemberMessages,
    ReviewMessages,
    DecisionMessages,
    FinanceMessages,
    AwardMessages,
    ReportMessages,
    MessagesMessages,
    DocumentMessages,
    OrganisationMessages {}

export type MessageCode = keyof MessageParams;

/**
 * One message of a set of codes `P`: its code, and its values (which may be left out where every one of them
 * is optional).
 */
export type MessageOf<P> = {
  [K in keyof P]: Plain extends P[K] ? { code: K; params?: P[K] } : { code: K; params: P[K] };
}[keyof P];

/** One message the core can raise. */
export type Message = MessageOf<MessageParams>;

/** Every e-mail the platform sends, by kind, with the values it speaks of. */
export interface MailParams
  extends ApplicationMail,
    MemberMail,
    DecisionMail,
    FinanceMail,
    AwardMail,
    ReportMail,
    ReviewMail,
    DocumentMail,
    ErasureMail {}

export type MailKind = keyof MailParams;

/** The zod custom-issue codes: a refinement's message is one of these, so it can be worded. */
export type CustomIssueCode = {
  [K in MessageCode]: K extends Lowercase<K> ? K : never;
}[MessageCode];
