/** The e-mails of erasure and retention (worded by functions/texts/erasure.ts). */
export interface ErasureMail {
  /** To the person who asked for erasure: what went now, what is kept until when, and why. */
  'erasure.confirmed': {
    name: string;
    drafts: number;
    documents: number;
    handedOver: number;
    left: number;
    keptCases: { reference: string; keptUntil: string }[];
    retentionYears: number;
  };
  /** To a draft's owner: the draft, untouched for long, will be deleted unless it is written to. */
  'retention.draft_reminder': {
    name: string;
    title: string;
    untouchedMonths: number;
    deleteOn: string;
  };
}
