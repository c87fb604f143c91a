import type { Plain } from '../shared/messages.js';
import type { ReportKind, ReportStatus } from './report.schema.js';

/**
 * The report area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export interface ReportMessages
  extends Record<
    /** The report form's own: the text is blank. */
    | 'REPORT_TEXT_MISSING'
    /** The board's return form's own: the reason is blank. */
    | 'RETURN_REASON_MISSING'
    /** The report pages' words for a stale form: the report changed since the page was read. */
    | 'REPORT_CHANGED',
    Plain
  > {
  /** Only a report that is due or was returned can be submitted. */
  REPORT_NOT_DUE: { status: ReportStatus };
  /** Only a submitted report can be approved or returned. */
  REPORT_NOT_SUBMITTED: { status: ReportStatus };
}

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export interface ReportMail {
  /** A report is due within two weeks (or overdue) and not submitted: one reminder to the project lead. */
  'report.reminder': {
    kind: ReportKind;
    /** The application's reference, when it has one. */
    reference: string | null;
    applicationId: string;
    dueDate: string;
  };
  /** The second reminder: the report is overdue and still not submitted. */
  'report.overdue': {
    kind: ReportKind;
    reference: string | null;
    applicationId: string;
    dueDate: string;
  };
}
