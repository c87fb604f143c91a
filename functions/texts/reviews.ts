import type { ApplicationStatus } from '../core/applications/application.schema.js';
import type { ReviewMail, ReviewMessages } from '../core/reviews/review.messages.js';
import * as common from './common.js';
import { formatDate, plural } from './format.js';
import type { MailTexts, MessageTexts } from './messages.js';

/** Reviews: the reviewer's queue, the scoring form and conflict declarations. Danish first; `en` has the same shape, so the compiler finds a missing text. */
export const da = {
  review: {
    queueTitle: 'Mine bedømmelser',
    queueIntro:
      'Ansøgninger, du er sat til at bedømme. Er du inhabil i en ansøgning, så erklær det på ansøgningens side.',
    none: 'Du har ingen ansøgninger at bedømme.',
    olderReviews: 'Ældre bedømmelser',
    newestReviews: 'Til de nyeste',
    application: 'Ansøgning',
    reference: 'Journalnr.',
    call: 'Opslag',
    reviewStatus: 'Bedømmelse',
    conflictStatus: 'Inhabilitet',
    statuses: { not_started: 'Ikke startet', draft: 'Kladde', submitted: 'Indsendt' },
    conflicts: {
      none: 'Ingen erklæret',
      pending: 'Erklæret, afventer afgørelse',
      recused: 'Inhabil',
      cleared: 'Ikke inhabil',
    },
    applicationHeading: 'Ansøgningen',
    formHeading: 'Din bedømmelse',
    scaleHint: 'Giv hvert kriterium en score fra 1 (svag) til 5 (fremragende), eller vælg "Ikke relevant".',
    weight: (n: number) => `vægt ${n}`,
    score: 'Score',
    notApplicable: 'Ikke relevant',
    notScored: 'Ikke givet',
    comment: 'Kommentar',
    recommendation: 'Indstilling',
    recommendations: {
      fund: 'Bevilg',
      fund_with_changes: 'Bevilg med ændringer',
      do_not_fund: 'Bevilg ikke',
    },
    overallComment: 'Samlet kommentar',
    save: 'Gem kladde',
    submit: 'Indsend bedømmelse',
    saved: 'Bedømmelsen er gemt som kladde.',
    savedNotSubmitted: 'Kladden er gemt, men bedømmelsen kan ikke indsendes endnu.',
    submittedNotice: 'Bedømmelsen er indsendt.',
    submittedAt: 'Indsendt',
    readOnly: 'Bedømmelsen er indsendt og kan ikke ændres. Formanden kan genåbne den.',
    decided: 'Ansøgningen er afgjort; bedømmelsen kan ikke længere ændres.',
    weightedScore: 'Vægtet score',
    conflict: 'Bedømmelsen er ændret et andet sted, siden du hentede den. Hent den igen.',
    conflictHeading: 'Inhabilitet',
    conflictIntro:
      'Er du eller din organisation knyttet til ansøgningen, så erklær dig inhabil (forvaltningsloven §§ 3-6). Derefter ser du kun titlen, og formanden træffer afgørelse.',
    reason: 'Begrundelse for inhabilitet',
    reasonHint: 'Fx "Min ægtefælle er projektleder". Mindst 5 tegn.',
    declare: 'Erklær inhabilitet',
    declared: 'Din erklæring om inhabilitet er modtaget.',
    conflictedNotice: 'Du har erklæret dig inhabil i denne ansøgning og ser kun titlen.',
    declaredAt: 'Erklæret',
    ruling: 'Formandens afgørelse',
    pending: 'Afventer formandens afgørelse.',
    ruledRecused: (name: string, at: string) => `Inhabil. Afgjort af ${name}, ${at}.`,
    ruledCleared: (name: string, at: string) =>
      `Ikke inhabil: du fortsætter bedømmelsen. Afgjort af ${name}, ${at}.`,
    note: 'Bemærkning',
    others: 'De andre bedømmeres indsendte bedømmelser',
    otherReviewer: (n: number) => `Bedømmer ${n}`,
    noOthers: 'Ingen andre har indsendt endnu.',
    blind: 'Skjult (blind bedømmelse)',
    back: 'Mine bedømmelser',
  },
};

export const en: typeof da = {
  review: {
    queueTitle: 'My reviews',
    queueIntro:
      'Applications you are asked to review. If you have a conflict of interest, declare it on the application’s page.',
    none: 'You have no applications to review.',
    olderReviews: 'Older reviews',
    newestReviews: 'Back to the newest',
    application: 'Application',
    reference: 'Reference',
    call: 'Call',
    reviewStatus: 'Review',
    conflictStatus: 'Conflict of interest',
    statuses: { not_started: 'Not started', draft: 'Draft', submitted: 'Submitted' },
    conflicts: {
      none: 'None declared',
      pending: 'Declared, awaiting ruling',
      recused: 'Recused',
      cleared: 'Not conflicted',
    },
    applicationHeading: 'The application',
    formHeading: 'Your review',
    scaleHint: 'Score each criterion from 1 (weak) to 5 (excellent), or choose "Not applicable".',
    weight: (n: number) => `weight ${n}`,
    score: 'Score',
    notApplicable: 'Not applicable',
    notScored: 'Not given',
    comment: 'Comment',
    recommendation: 'Recommendation',
    recommendations: {
      fund: 'Fund',
      fund_with_changes: 'Fund with changes',
      do_not_fund: 'Do not fund',
    },
    overallComment: 'Overall comment',
    save: 'Save draft',
    submit: 'Submit review',
    saved: 'The review is saved as a draft.',
    savedNotSubmitted: 'The draft is saved, but the review cannot be submitted yet.',
    submittedNotice: 'The review is submitted.',
    submittedAt: 'Submitted',
    readOnly: 'The review is submitted and can no longer be changed. The chair can reopen it.',
    decided: 'The application is decided; the review can no longer be changed.',
    weightedScore: 'Weighted score',
    conflict: 'The review was changed elsewhere since you loaded it. Load it again.',
    conflictHeading: 'Conflict of interest',
    conflictIntro:
      'If you or your organisation are connected to the application, declare a conflict of interest (forvaltningsloven §§ 3-6). You will then see the title only, and the chair rules on it.',
    reason: 'Reason for the conflict of interest',
    reasonHint: 'E.g. "My spouse leads the project". At least 5 characters.',
    declare: 'Declare a conflict of interest',
    declared: 'Your declaration of a conflict of interest is received.',
    conflictedNotice: 'You declared a conflict of interest on this application and see its title only.',
    declaredAt: 'Declared',
    ruling: 'The chair’s ruling',
    pending: 'Awaiting the chair’s ruling.',
    ruledRecused: (name: string, at: string) => `Recused. Ruled by ${name}, ${at}.`,
    ruledCleared: (name: string, at: string) =>
      `Not conflicted: you continue the review. Ruled by ${name}, ${at}.`,
    note: 'Note',
    others: 'The other reviewers’ submitted reviews',
    otherReviewer: (n: number) => `Reviewer ${n}`,
    noOthers: 'No one else has submitted yet.',
    blind: 'Hidden (blind review)',
    back: 'My reviews',
  },
};

const statusDa = (status: ApplicationStatus) => common.da.status[status];
const statusEn = (status: ApplicationStatus) => common.en.status[status];

export const daMessages: MessageTexts<ReviewMessages> = {
  CONFLICTED: () => 'Du er inhabil i denne ansøgning',
  RECUSED: ({ applicationTitle, ground }) =>
    `Du er inhabil i ansøgningen "${applicationTitle}" (${ground === 'organisation' ? 'din organisation deltager' : 'erklæret inhabilitet'}) og ser derfor kun dens titel`,
  NOT_A_REVIEWER: ({ reviewerId }) => `${reviewerId} er ikke bedømmer`,
  CONFLICT_OF_INTEREST: ({ reviewerName, organisation }) =>
    reviewerName
      ? `${reviewerName} er inhabil: ${organisation ?? ''} deltager i ansøgningen`
      : 'Du er inhabil i denne ansøgning',
  INVALID_STATE: ({ applicationStatus }) =>
    applicationStatus
      ? `Ansøgningen kan ikke behandles i status "${statusDa(applicationStatus)}"`
      : 'Ansøgningen er ikke under bedømmelse i dette opslag',
  CANNOT_ASSIGN: () => 'Bedømmerne kan ikke tildeles',
  CANNOT_CONFIRM_PLAN: () => 'Tildelingen kan ikke gennemføres',
  NOT_IN_REVIEW: () => 'Ansøgningen er ikke under bedømmelse',
  CANNOT_REMOVE_SUBMITTED: () => 'En indsendt bedømmelse kan ikke fjernes',
  UNKNOWN_CRITERIA: () => 'Ukendte kriterier',
  UNKNOWN_CRITERION: ({ criterionId }) => `Opslaget har ikke kriteriet "${criterionId}"`,
  YOU_DECLARED_CONFLICT: () => 'Du har erklæret dig inhabil i denne ansøgning',
  REVIEW_SUBMITTED: () => 'Bedømmelsen er indsendt; formanden kan genåbne den',
  REVIEW_NOT_SUBMITTED: () => 'Bedømmelsen er ikke indsendt',
  APPLICATION_DECIDED: () => 'Ansøgningen er afgjort',
  REVIEW_INCOMPLETE: () => 'Bedømmelsen er ikke færdig',
  CONFLICT_ALREADY_DECLARED: () => 'Inhabilitet er allerede erklæret',
  ALREADY_RULED: () => 'Der er allerede truffet afgørelse',
  REVIEWER_REQUIRED: () => 'Vælg en bedømmer',
  RULING_REQUIRED: () => 'Vælg, om bedømmeren er inhabil',
};

export const enMessages: MessageTexts<ReviewMessages> = {
  CONFLICTED: () => 'You are conflicted on this application',
  RECUSED: ({ applicationTitle, ground }) =>
    `You are conflicted on the application "${applicationTitle}" (${ground === 'organisation' ? 'your organisation takes part' : 'declared conflict'}) and see its title only`,
  NOT_A_REVIEWER: ({ reviewerId }) => `${reviewerId} is not a reviewer`,
  CONFLICT_OF_INTEREST: ({ reviewerName, organisation }) =>
    reviewerName
      ? `${reviewerName} is conflicted: ${organisation ?? ''} takes part in the application`
      : 'You are conflicted on this application',
  INVALID_STATE: ({ applicationStatus }) =>
    applicationStatus
      ? `The application cannot be handled in status "${statusEn(applicationStatus)}"`
      : 'The application is not in review under this call',
  CANNOT_ASSIGN: () => 'The reviewers cannot be assigned',
  CANNOT_CONFIRM_PLAN: () => 'The assignment cannot be made',
  NOT_IN_REVIEW: () => 'The application is not in review',
  CANNOT_REMOVE_SUBMITTED: () => 'A submitted review cannot be removed',
  UNKNOWN_CRITERIA: () => 'Unknown criteria',
  UNKNOWN_CRITERION: ({ criterionId }) => `The call has no criterion "${criterionId}"`,
  YOU_DECLARED_CONFLICT: () => 'You declared a conflict on this application',
  REVIEW_SUBMITTED: () => 'The review is submitted; the chair can reopen it',
  REVIEW_NOT_SUBMITTED: () => 'The review is not submitted',
  APPLICATION_DECIDED: () => 'The application is decided',
  REVIEW_INCOMPLETE: () => 'The review is not complete',
  CONFLICT_ALREADY_DECLARED: () => 'A conflict is already declared',
  ALREADY_RULED: () => 'Already ruled on',
  REVIEWER_REQUIRED: () => 'Choose a reviewer',
  RULING_REQUIRED: () => 'Choose whether the reviewer is conflicted',
};

const SIGNATURE = 'Folkesundhed i Midten';
type Letter = ReviewMail['review.assigned'];
const applicationDa = (p: Letter) =>
  `ansøgningen "${p.title}"${p.reference ? ` (${p.reference})` : ''} til opslaget "${p.callTitle}"`;
const applicationEn = (p: Letter) =>
  `the application "${p.title}"${p.reference ? ` (${p.reference})` : ''} to the call "${p.callTitleEn ?? p.callTitle}"`;
const letterDa = (p: Letter, ...lines: string[]) =>
  [`Kære ${p.reviewerName}`, '', ...lines, '', SIGNATURE].join('\n');
const letterEn = (p: Letter, ...lines: string[]) =>
  [`Dear ${p.reviewerName}`, '', ...lines, '', SIGNATURE].join('\n');

const dueDa = (dueDate: string) => `Fristen for bedømmelsen er ${formatDate(dueDate, 'da')}.`;
const dueEn = (dueDate: string) => `The review is due on ${formatDate(dueDate, 'en')}.`;
const daysDa = (n: number) => `${n} ${plural(n, 'da', { one: 'dag', other: 'dage' })}`;
const daysEn = (n: number) => `${n} ${plural(n, 'en', { one: 'day', other: 'days' })}`;

export const daMail: MailTexts<ReviewMail> = {
  'review.assigned': (p) => ({
    subject: `Ny bedømmelse: ${p.reference || p.title}`,
    body: letterDa(
      p,
      `Du er udpeget som bedømmer af ${applicationDa(p)}.`,
      ...(p.dueDate ? [dueDa(p.dueDate)] : []),
      'Læs ansøgningen og giv din bedømmelse efter opslagets kriterier. Er du inhabil, så erklær det på siden, før du går i gang.',
    ),
  }),
  'review.due_reminder': (p) => ({
    subject: `Påmindelse: bedømmelse ${p.daysLeft === 0 ? 'senest i dag' : `om ${daysDa(p.daysLeft)}`}: ${p.reference || p.title}`,
    body: letterDa(
      p,
      `Din bedømmelse af ${applicationDa(p)} er ikke afleveret endnu.`,
      dueDa(p.dueDate),
      'Giv din bedømmelse på siden, eller erklær inhabilitet, hvis du ikke kan bedømme ansøgningen.',
    ),
  }),
  'review.overdue': (p) => ({
    subject: `Bedømmelsen er forsinket: ${p.reference || p.title}`,
    body: letterDa(
      p,
      `Fristen for din bedømmelse af ${applicationDa(p)} var ${formatDate(p.dueDate, 'da')}, og den er ikke afleveret.`,
      'Aflever den hurtigst muligt, eller kontakt sekretariatet, hvis du ikke kan.',
    ),
  }),
  'review.unassigned': (p) => ({
    subject: `Bedømmelse annulleret: ${p.reference || p.title}`,
    body: letterDa(p, `Du skal ikke længere bedømme ${applicationDa(p)}. Du behøver ikke gøre mere.`),
  }),
  'conflict.ruled': (p) => ({
    subject: `Afgørelse om inhabilitet: ${p.reference || p.title}`,
    body: letterDa(
      p,
      `Formanden har taget stilling til den inhabilitet, du erklærede for ${applicationDa(p)}.`,
      p.recused
        ? 'Du er inhabil og deltager ikke i bedømmelsen af ansøgningen.'
        : 'Du er ikke inhabil og kan bedømme ansøgningen.',
      ...(p.note ? ['', `Formandens bemærkning: ${p.note}`] : []),
    ),
  }),
};

export const enMail: MailTexts<ReviewMail> = {
  'review.assigned': (p) => ({
    subject: `New review: ${p.reference || p.title}`,
    body: letterEn(
      p,
      `You have been assigned to review ${applicationEn(p)}.`,
      ...(p.dueDate ? [dueEn(p.dueDate)] : []),
      "Read the application and give your review against the call's criteria. If you have a conflict of interest, declare it on the page before you start.",
    ),
  }),
  'review.due_reminder': (p) => ({
    subject: `Reminder: review due ${p.daysLeft === 0 ? 'today' : `in ${daysEn(p.daysLeft)}`}: ${p.reference || p.title}`,
    body: letterEn(
      p,
      `Your review of ${applicationEn(p)} has not been submitted yet.`,
      dueEn(p.dueDate),
      'Give your review on the page, or declare a conflict of interest if you cannot review the application.',
    ),
  }),
  'review.overdue': (p) => ({
    subject: `Review overdue: ${p.reference || p.title}`,
    body: letterEn(
      p,
      `Your review of ${applicationEn(p)} was due on ${formatDate(p.dueDate, 'en')} and has not been submitted.`,
      'Please submit it as soon as you can, or contact the secretariat if you cannot.',
    ),
  }),
  'review.unassigned': (p) => ({
    subject: `Review cancelled: ${p.reference || p.title}`,
    body: letterEn(
      p,
      `You are no longer to review ${applicationEn(p)}. There is nothing more for you to do.`,
    ),
  }),
  'conflict.ruled': (p) => ({
    subject: `Ruling on your conflict of interest: ${p.reference || p.title}`,
    body: letterEn(
      p,
      `The chair has ruled on the conflict of interest you declared for ${applicationEn(p)}.`,
      p.recused
        ? 'You are disqualified and take no part in the review of the application.'
        : 'You are not disqualified and may review the application.',
      ...(p.note ? ['', `The chair's note (in Danish): ${p.note}`] : []),
    ),
  }),
};
