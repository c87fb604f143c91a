import type { DecisionMail, DecisionMessages } from '../core/decisions/decision.messages.js';
import type { ConflictGround } from '../core/reviews/review.schema.js';
import { formatDate, formatKr, plural } from './format.js';
import type { Lang } from './lang.js';
import type { MailTexts, MessageTexts } from './messages.js';

/** The board: assignment, conflicts, ranking, meetings and minutes. Danish first; `en` has the same shape, so the compiler finds a missing text. */
export const da = {
  board: {
    title: 'Bestyrelse',
    intro: 'Opslag, der er åbne eller lukkede, med bedømmelse, prioritering og afgørelser.',
    open: 'Åbne opslag',
    closed: 'Lukkede opslag',
    noCalls: 'Ingen.',
    call: 'Opslag',
    deadline: 'Frist',
    budget: 'Pulje',
    status: 'Status',
    back: 'Til opslagets side',
    assignment: 'Tildeling af bedømmere',
    conflicts: 'Inhabilitet',
    ranking: 'Prioritering',
    meetings: 'Møder og afgørelser',
    newMeeting: 'Registrér et møde',
    chairOnly: 'kun formand og administratorer',
    openNote: 'Opslaget er åbent. Ansøgningerne kommer i bedømmelse, når det lukker.',
    perApplication: (n: number) =>
      `Opslaget beder om ${n} ${plural(n, 'da', { one: 'bedømmer', other: 'bedømmere' })} pr. ansøgning.`,
    noApplications: 'Ingen ansøgninger under bedømmelse.',
    reviewers: 'Bedømmere',
    reviewer: 'Bedømmer',
    organisation: 'Organisation',
    reviewStatus: 'Bedømmelse',
    conflictStatus: 'Inhabilitet',
    actions: 'Handling',
    remove: 'Fjern',
    removeLabel: (name: string, title: string) => `Fjern ${name} fra ${title}`,
    noReviewers: 'Ingen bedømmere endnu.',
    addReviewer: 'Tilføj bedømmer',
    chooseReviewer: 'Vælg bedømmer…',
    add: 'Tilføj',
    suggest: 'Foreslå fordeling',
    suggestionTitle: 'Forslag til fordeling',
    suggestionIntro:
      'Forslaget fordeler bedømmerne jævnt og uden om inhabilitet. Ret afkrydsningerne, og bekræft derefter.',
    alreadyAssigned: 'Allerede tildelt',
    confirm: 'Bekræft fordelingen',
    cancel: 'Tilbage uden at gemme',
    assigned: (n: number) => `${n} ${plural(n, 'da', { one: 'bedømmer', other: 'bedømmere' })} er tildelt.`,
    removed: 'Bedømmeren er fjernet.',
    reopen: 'Genåbn',
    reopenLabel: (name: string, title: string) => `Genåbn ${name}s bedømmelse af ${title}`,
    reopened: 'Bedømmelsen er genåbnet; bedømmeren kan rette og indsende den igen.',
    conflictedRow: 'Du er inhabil i denne ansøgning og ser kun titlen. En administrator tager sig af den.',
    decided: 'Afgjort',
    declarations: 'Erklærede inhabiliteter',
    noDeclarations: 'Ingen erklæringer.',
    declaredAt: 'Erklæret',
    reason: 'Begrundelse',
    awaiting: 'Afventer afgørelse',
    rule: 'Afgørelse',
    recusedYes: 'Inhabil: bedømmeren udtræder',
    recusedNo: 'Ikke inhabil: bedømmeren fortsætter',
    rulingNote: 'Bemærkning',
    saveRuling: 'Træf afgørelse',
    ruled: 'Afgørelsen er registreret.',
    ruledRecused: (name: string, at: string) => `Inhabil (afgjort af ${name}, ${at})`,
    ruledCleared: (name: string, at: string) => `Ikke inhabil (afgjort af ${name}, ${at})`,
    chairConflicted: 'Du er selv inhabil i ansøgningen; en administrator træffer afgørelsen.',
    optional: 'valgfri',
  },
  ranking: {
    title: 'Prioritering',
    budget: 'Pulje',
    approved: 'Bevilget hidtil',
    left: 'Tilbage',
    rank: 'Nr.',
    reference: 'Journalnr.',
    application: 'Ansøgning',
    reviews: 'Bedømmelser',
    mean: 'Gennemsnit',
    min: 'Min.',
    max: 'Maks.',
    spread: 'Spredning',
    disagreement: 'Uenighed',
    disagree: 'Stor uenighed',
    requested: 'Ansøgt',
    running: 'Akkumuleret',
    decision: 'Afgørelse',
    within: 'inden for puljen',
    over: 'over puljen',
    conflicted: 'Inhabil',
    conflictedNote: 'Du er inhabil: kun titlen vises.',
    threshold: (x: string) =>
      `Stor uenighed betyder en spredning mellem bedømmernes scorer på over ${x} point.`,
    none: 'Ingen ansøgninger under bedømmelse endnu.',
    chartTitle: 'Gennemsnitlig score pr. ansøgning',
    chartDesc: 'Søjlediagram over gennemsnitlig score (1-5). Samme tal står i tabellen.',
    chartEmpty: 'Ingen bedømmelser er indsendt endnu.',
    scoreOf: (ref: string, score: string) => `${ref}: ${score}`,
    exports: 'Eksport til regneark (CSV)',
    scoresCsv: 'Alle scorer (CSV)',
    decisionsCsv: 'Prioritering og afgørelser (CSV)',
  },
  meeting: {
    newTitle: 'Registrér et bestyrelsesmøde',
    meeting: 'Mødet',
    intro:
      'Registrér mødets afgørelser samlet. Inhabile deltagere deltager ikke i afgørelsen, og referatet nævner det.',
    heldAt: 'Mødet blev holdt (dansk tid)',
    attendees: 'Til stede',
    notes: 'Noter til referatet',
    decisions: 'Afgørelser',
    outcome: 'Afgørelse',
    outcomes: {
      approved: 'Bevilg',
      rejected: 'Afslå',
      waiting_list: 'Venteliste',
      none: 'Ingen afgørelse nu',
    },
    amount: 'Bevilget beløb (kr.)',
    amountHint: 'Kun ved bevilling. Højst det ansøgte beløb, fx 300.000.',
    conditions: 'Vilkår',
    justification: 'Begrundelse (på dansk)',
    justificationHint: 'Skal udfyldes ved afslag (forvaltningsloven §§ 22-24).',
    requested: 'Ansøgt',
    mean: 'Gennemsnit',
    save: 'Registrér afgørelserne',
    conflictedRow: 'Du er inhabil i denne ansøgning og kan ikke deltage i afgørelsen.',
    noneToDecide: 'Ingen ansøgninger venter på afgørelse.',
    notClosed: 'Afgørelser træffes, når opslaget er lukket.',
    conflict: 'En anden har registreret afgørelser imens. Hent siden igen.',
    listTitle: 'Møder og afgørelser',
    none: 'Ingen møder registreret endnu.',
    held: 'Holdt',
    decisionCount: 'Afgørelser',
    minutes: 'Referat',
    minutesTitle: 'Referat af bestyrelsesmøde',
    recordedAt: 'Registreret',
    recused: 'Inhabile (deltog ikke)',
    noneRecused: 'Ingen',
    saved: 'Mødet og afgørelserne er registreret, og afgørelsesbrevene er lagt til afsendelse.',
    amountCol: 'Beløb',
    conflictedHidden: 'Inhabil: afgørelsen vises ikke',
    /** Why someone took no part: the ground in words, then the organisation or their own words. */
    recusal: (ground: ConflictGround, reason: string | undefined) =>
      reason === undefined
        ? 'Inhabil'
        : ground === 'organisation'
          ? `Organisation: ${reason}`
          : `Erklæret inhabil: ${reason}`,
  },
  /** The CSV exports' words: Danish Excel reads the numbers either way. */
  boardCsv: {
    reference: 'Journalnr.',
    title: 'Titel',
    reviewer: 'Bedømmer',
    criterion: (name: string, weight: number) => `${name} (vægt ${weight})`,
    weightedScore: 'Vægtet score',
    recommendation: 'Indstilling',
    notApplicable: 'i.r.',
    place: 'Placering',
    mean: 'Gennemsnit',
    reviewCount: 'Antal bedømmelser',
    spread: 'Spredning',
    requested: 'Ansøgt (kr.)',
    outcome: 'Afgørelse',
    amount: 'Bevilget (kr.)',
    justification: 'Begrundelse',
    recused: 'Inhabile',
  },
};

export const en: typeof da = {
  board: {
    title: 'Board',
    intro: 'Open and closed calls, with review, ranking and decisions.',
    open: 'Open calls',
    closed: 'Closed calls',
    noCalls: 'None.',
    call: 'Call',
    deadline: 'Deadline',
    budget: 'Pool',
    status: 'Status',
    back: 'To the call’s page',
    assignment: 'Assignment of reviewers',
    conflicts: 'Conflicts of interest',
    ranking: 'Ranking',
    meetings: 'Meetings and decisions',
    newMeeting: 'Record a meeting',
    chairOnly: 'chair and administrators only',
    openNote: 'The call is open. Its applications go into review when it closes.',
    perApplication: (n: number) =>
      `The call asks for ${n} ${plural(n, 'en', { one: 'reviewer', other: 'reviewers' })} per application.`,
    noApplications: 'No applications in review.',
    reviewers: 'Reviewers',
    reviewer: 'Reviewer',
    organisation: 'Organisation',
    reviewStatus: 'Review',
    conflictStatus: 'Conflict of interest',
    actions: 'Action',
    remove: 'Remove',
    removeLabel: (name: string, title: string) => `Remove ${name} from ${title}`,
    noReviewers: 'No reviewers yet.',
    addReviewer: 'Add reviewer',
    chooseReviewer: 'Choose a reviewer…',
    add: 'Add',
    suggest: 'Suggest an assignment',
    suggestionTitle: 'Suggested assignment',
    suggestionIntro:
      'The suggestion spreads the reviewers evenly and around conflicts of interest. Adjust the ticks, then confirm.',
    alreadyAssigned: 'Already assigned',
    confirm: 'Confirm the assignment',
    cancel: 'Back without saving',
    assigned: (n: number) => `${n} ${plural(n, 'en', { one: 'reviewer', other: 'reviewers' })} assigned.`,
    removed: 'The reviewer is removed.',
    reopen: 'Reopen',
    reopenLabel: (name: string, title: string) => `Reopen ${name}’s review of ${title}`,
    reopened: 'The review is reopened; the reviewer can change and submit it again.',
    conflictedRow:
      'You have a conflict of interest on this application and see its title only. An administrator handles it.',
    decided: 'Decided',
    declarations: 'Declared conflicts of interest',
    noDeclarations: 'No declarations.',
    declaredAt: 'Declared',
    reason: 'Reason',
    awaiting: 'Awaiting ruling',
    rule: 'Ruling',
    recusedYes: 'Conflicted: the reviewer steps down',
    recusedNo: 'Not conflicted: the reviewer continues',
    rulingNote: 'Note',
    saveRuling: 'Rule',
    ruled: 'The ruling is recorded.',
    ruledRecused: (name: string, at: string) => `Recused (ruled by ${name}, ${at})`,
    ruledCleared: (name: string, at: string) => `Not conflicted (ruled by ${name}, ${at})`,
    chairConflicted: 'You are conflicted on the application yourself; an administrator rules on it.',
    optional: 'optional',
  },
  ranking: {
    title: 'Ranking',
    budget: 'Pool',
    approved: 'Approved so far',
    left: 'Left',
    rank: 'No.',
    reference: 'Reference',
    application: 'Application',
    reviews: 'Reviews',
    mean: 'Mean',
    min: 'Min',
    max: 'Max',
    spread: 'Spread',
    disagreement: 'Disagreement',
    disagree: 'Strong disagreement',
    requested: 'Requested',
    running: 'Running total',
    decision: 'Decision',
    within: 'within the pool',
    over: 'over the pool',
    conflicted: 'Conflicted',
    conflictedNote: 'You are conflicted: the title only is shown.',
    threshold: (x: string) =>
      `Strong disagreement means the reviewers’ scores spread by more than ${x} points.`,
    none: 'No applications in review yet.',
    chartTitle: 'Mean score per application',
    chartDesc: 'Bar chart of the mean score (1-5). The table holds the same figures.',
    chartEmpty: 'No reviews are submitted yet.',
    scoreOf: (ref: string, score: string) => `${ref}: ${score}`,
    exports: 'Export for spreadsheets (CSV)',
    scoresCsv: 'Every score (CSV)',
    decisionsCsv: 'Ranking and decisions (CSV)',
  },
  meeting: {
    newTitle: 'Record a board meeting',
    meeting: 'The meeting',
    intro:
      'Record the meeting’s decisions together. Attendees with a conflict of interest take no part in that decision, and the minutes say so.',
    heldAt: 'The meeting was held (Danish time)',
    attendees: 'Present',
    notes: 'Notes for the minutes',
    decisions: 'Decisions',
    outcome: 'Decision',
    outcomes: {
      approved: 'Approve',
      rejected: 'Reject',
      waiting_list: 'Waiting list',
      none: 'No decision now',
    },
    amount: 'Amount granted (kr)',
    amountHint: 'For an approval only. At most the amount requested, e.g. 300.000.',
    conditions: 'Conditions',
    justification: 'Justification (in Danish)',
    justificationHint: 'Required for a rejection (forvaltningsloven §§ 22-24).',
    requested: 'Requested',
    mean: 'Mean',
    save: 'Record the decisions',
    conflictedRow:
      'You have a conflict of interest on this application and cannot take part in the decision.',
    noneToDecide: 'No applications wait for a decision.',
    notClosed: 'Decisions are made once the call is closed.',
    conflict: 'Someone else recorded decisions meanwhile. Load the page again.',
    listTitle: 'Meetings and decisions',
    none: 'No meetings recorded yet.',
    held: 'Held',
    decisionCount: 'Decisions',
    minutes: 'Minutes',
    minutesTitle: 'Minutes of a board meeting',
    recordedAt: 'Recorded',
    recused: 'Conflicted (took no part)',
    noneRecused: 'None',
    saved: 'The meeting and its decisions are recorded, and the decision letters are queued for sending.',
    amountCol: 'Amount',
    conflictedHidden: 'Conflicted: the decision is not shown',
    recusal: (ground: ConflictGround, reason: string | undefined) =>
      reason === undefined
        ? 'Conflict of interest'
        : ground === 'organisation'
          ? `Organisation: ${reason}`
          : `Declared conflict: ${reason}`,
  },
  boardCsv: {
    reference: 'Reference',
    title: 'Title',
    reviewer: 'Reviewer',
    criterion: (name: string, weight: number) => `${name} (weight ${weight})`,
    weightedScore: 'Weighted score',
    recommendation: 'Recommendation',
    notApplicable: 'n/a',
    place: 'Place',
    mean: 'Mean',
    reviewCount: 'Reviews',
    spread: 'Spread',
    requested: 'Requested (kr)',
    outcome: 'Decision',
    amount: 'Granted (kr)',
    justification: 'Justification',
    recused: 'Conflicted',
  },
};

/** The figures of a budget refusal in the reader's format: approved, asked for now, the budget, what is left. */
const budgetFigures = (lang: Lang, p: DecisionMessages['BUDGET_EXCEEDED']) =>
  [p.approvedOre, p.requestedOre, p.budgetOre, p.availableOre].map((ore) => formatKr(ore, lang));

export const daMessages: MessageTexts<DecisionMessages> = {
  CALL_NOT_CLOSED: () => 'Der træffes afgørelse, når opslaget er lukket',
  NOT_BOARD: ({ userId }) => `${userId} er ikke medlem af bestyrelsen`,
  NOT_IN_CALL: () => 'Ansøgningen hører ikke til opslaget',
  NO_QUORUM: () => 'Alle fremmødte er inhabile',
  OVER_REQUESTED: ({ requestedOre }) => `Højst det ansøgte ${formatKr(requestedOre, 'da')}`,
  NOT_ALLOWED: () => 'Kun en bevilling har et beløb',
  JUSTIFICATION_REQUIRED: () => 'Et afslag skal begrundes skriftligt (forvaltningsloven §§ 22-24)',
  DECISIONS_REFUSED: () => 'Afgørelserne kan ikke registreres',
  BUDGET_EXCEEDED: (params) => {
    const [approved, more, budget, left] = budgetFigures('da', params);
    return `Afgørelserne ville overstige puljen: ${approved} er bevilget, disse afgørelser bevilger ${more} mere, puljen er ${budget}, og der er ${left} tilbage.`;
  },
  ATTENDEE_REQUIRED: () => 'Vælg mindst én deltager',
  DECISION_REQUIRED: () => 'Træf mindst én afgørelse',
  MINUTES_APPROVED: () => 'Referatet er godkendt og låst: ret det med en rettelse og en begrundelse',
  MINUTES_NOT_APPROVED: () => 'Den seneste version af referatet skal godkendes, før den kan rettes',
  NOT_IN_MEETING: () => 'Afgørelsen hører ikke til mødet',
};

export const enMessages: MessageTexts<DecisionMessages> = {
  CALL_NOT_CLOSED: () => 'Decisions are made once the call is closed',
  NOT_BOARD: ({ userId }) => `${userId} is not a board member`,
  NOT_IN_CALL: () => 'Not an application of this call',
  NO_QUORUM: () => 'Every attendee is conflicted',
  OVER_REQUESTED: ({ requestedOre }) => `At most the ${formatKr(requestedOre, 'en')} requested`,
  NOT_ALLOWED: () => 'Only an approval has an amount',
  JUSTIFICATION_REQUIRED: () => 'A rejection needs a written justification (forvaltningsloven §§ 22-24)',
  DECISIONS_REFUSED: () => 'The decisions cannot be recorded',
  BUDGET_EXCEEDED: (params) => {
    const [approved, more, budget, left] = budgetFigures('en', params);
    return `The decisions would exceed the pool: ${approved} is approved, these decisions approve ${more} more, the pool is ${budget} and ${left} is left.`;
  },
  ATTENDEE_REQUIRED: () => 'Choose at least one attendee',
  DECISION_REQUIRED: () => 'Make at least one decision',
  MINUTES_APPROVED: () => 'The minutes are approved and locked: change them by a correction with its reason',
  MINUTES_NOT_APPROVED: () => 'The latest version of the minutes must be approved before it can be corrected',
  NOT_IN_MEETING: () => 'The decision is not one of the meeting’s',
};

type Letter = DecisionMail['application.decision'];

/** A board meeting's title, as the minutes, the meeting pack and the decision letter name it. */
export const meetingTitle = {
  da: (date: string, callTitle: string): string => `Bestyrelsesmøde ${date}: ${callTitle}`,
  en: (date: string, callTitle: string): string => `Board meeting ${date}: ${callTitle}`,
} satisfies Record<Lang, (date: string, callTitle: string) => string>;

/** The meeting that decided, by its title (letters queued before meetings were named have no date). */
const meetingDa = (p: Letter): string[] =>
  p.meetingHeldOn === undefined
    ? []
    : ['', `Mødet: ${meetingTitle.da(formatDate(p.meetingHeldOn, 'da'), p.callTitle)}`];

const meetingEn = (p: Letter): string[] =>
  p.meetingHeldOn === undefined
    ? []
    : [
        '',
        `The meeting: ${meetingTitle.en(formatDate(p.meetingHeldOn, 'en'), p.callTitleEn || p.callTitle)}`,
      ];
const SIGNATURE = 'Folkesundhed i Midten';

const outcomeDa = (p: Letter): string[] => {
  switch (p.outcome) {
    case 'approved':
      return [
        `Bestyrelsen for Folkesundhed i Midten har bevilget ${formatKr(p.amountOre ?? 0, 'da')} til projektet.`,
        ...(p.conditions ? ['', `Vilkår: ${p.conditions}`] : []),
      ];
    case 'rejected':
      return [
        'Bestyrelsen for Folkesundhed i Midten har desværre givet afslag på ansøgningen.',
        '',
        `Begrundelse: ${p.justification ?? ''}`,
        '',
        'Begrundelsen gives efter forvaltningslovens §§ 22-24. Du kan bede om aktindsigt i sagens dokumenter.',
      ];
    case 'waiting_list':
      return [
        'Bestyrelsen har sat ansøgningen på venteliste. Du hører fra os, hvis der bliver midler til projektet.',
      ];
  }
};

const outcomeEn = (p: Letter): string[] => {
  switch (p.outcome) {
    case 'approved':
      return [
        `The board of Folkesundhed i Midten has granted ${formatKr(p.amountOre ?? 0, 'en')} to the project.`,
        ...(p.conditions ? ['', `Conditions (in Danish): ${p.conditions}`] : []),
      ];
    case 'rejected':
      return [
        'The board of Folkesundhed i Midten has unfortunately rejected the application.',
        '',
        `Justification (in Danish): ${p.justification ?? ''}`,
        '',
        'The justification is given under sections 22-24 of the Danish Public Administration Act. You may ask for access to the documents of the case (aktindsigt).',
      ];
    case 'waiting_list':
      return [
        'The board has put the application on the waiting list. We will write if funds become available.',
      ];
  }
};

/** What the decision rests on (notatpligt): who decided, when, and on what. */
const basisDa = (p: Letter): string[] =>
  p.decidedOn === undefined
    ? []
    : [
        '',
        `Afgørelsen er truffet af bestyrelsen for Folkesundhed i Midten den ${formatDate(p.decidedOn, 'da')}. Den hviler på ansøgningen, ${p.reviewsSubmitted ?? 0} ${plural(p.reviewsSubmitted ?? 0, 'da', { one: 'faglig bedømmelse', other: 'faglige bedømmelser' })} efter opslagets kriterier og opslagets budget.`,
      ];

const basisEn = (p: Letter): string[] =>
  p.decidedOn === undefined
    ? []
    : [
        '',
        `The decision was made by the board of Folkesundhed i Midten on ${formatDate(p.decidedOn, 'en')}. It rests on the application, ${p.reviewsSubmitted ?? 0} expert ${plural(p.reviewsSubmitted ?? 0, 'en', { one: 'review', other: 'reviews' })} against the call's criteria, and the call's budget.`,
      ];

export const daMail: MailTexts<DecisionMail> = {
  'application.decision': (p) => ({
    subject: `Afgørelse på ansøgning ${p.reference}`,
    body: [
      `Kære ${p.ownerName}`,
      '',
      `Afgørelse på ansøgningen "${p.title}" (${p.reference}) til opslaget "${p.callTitle}".`,
      '',
      ...outcomeDa(p),
      ...basisDa(p),
      ...meetingDa(p),
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};

export const enMail: MailTexts<DecisionMail> = {
  'application.decision': (p) => ({
    subject: `Decision on application ${p.reference}`,
    body: [
      `Dear ${p.ownerName}`,
      '',
      `Decision on the application "${p.title}" (${p.reference}) to the call "${p.callTitleEn || p.callTitle}".`,
      '',
      ...outcomeEn(p),
      ...basisEn(p),
      ...meetingEn(p),
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};
