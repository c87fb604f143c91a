import type { AwardMail, AwardMessages } from '../core/finance/award.messages.js';
import type { AwardTermsVersion } from '../core/finance/award.schema.js';
import type { ReportMail, ReportMessages } from '../core/finance/report.messages.js';
import { da as commonDa, en as commonEn } from './common.js';
import { formatDate, formatKr, plural } from './format.js';
import type { MailTexts, MessageTexts } from './messages.js';

/** Awards and project reports. Danish first; `en` has the same shape, so the compiler finds a missing text. */
export const da = {
  award: {
    title: 'Bevilling',
    mineTitle: 'Mine bevillinger',
    intro:
      'Bestyrelsen har bevilget projektet. Læs vilkårene og acceptér bevillingen for at få midlerne udbetalt.',
    amount: 'Bevilget beløb',
    terms: 'Vilkår',
    /** The wording of each version of the terms (award.schema.ts `AWARD_TERMS`): a new wording, a new version. */
    termsText: {
      'fim-award-terms-2027-1':
        'Jeg accepterer bevillingen på de vilkår, bestyrelsen har fastsat: midlerne bruges til projektet som ' +
        'beskrevet i ansøgningen, der aflægges de aftalte rapporter, og ubrugte midler betales tilbage.',
    } satisfies Record<AwardTermsVersion, string>,
    termsVersion: (version: string) => `Vilkårenes version: ${version}`,
    declaration: 'Jeg har læst vilkårene og accepterer dem på vegne af projektet',
    accept: 'Accepter bevillingen',
    accepted: 'Bevillingen er accepteret.',
    acceptedText: (date: string) => `Du accepterede bevillingen ${date}.`,
    seeAward: 'Se bevillingen og dens udbetalinger',
    reference: 'Reference',
    projectTitle: 'Titel',
    owner: 'Ansøger',
    year: 'Puljeår',
    committed: 'Bevilget',
    disbursed: 'Udbetalt',
    refunded: 'Tilbagebetalt',
    remaining: 'Resterende til udbetaling',
    released: 'Frigivet til puljen ved lukning',
    status: 'Status',
    statuses: { committed: 'Aktiv', closed: 'Lukket' },
    committedAt: 'Accepteret',
    closedAt: 'Lukket',
    termsAccepted: 'Accepterede vilkår',
    entries: 'Posteringer',
    noEntries: 'Ingen posteringer endnu.',
    application: 'Ansøgningen',
    financeLink: 'Bevillingen i økonomiområdet',
    listTitle: 'Bevillinger',
    listIntro: 'Alle accepterede bevillinger med udbetalt og resterende beløb.',
    noAwards: 'Der er ingen bevillinger endnu.',
    csv: 'Bevillinger (CSV)',
    financeHomeLink: 'Bevillinger: udbetalinger, tilbagebetalinger og lukning',
    backToList: 'Alle bevillinger',
    tranche: 'Udbetal en rate',
    trancheAmount: 'Beløb (kr.)',
    trancheHint: (remaining: string) => `Højst det resterende: ${remaining}`,
    paidOn: 'Betalt den',
    bankReference: 'Reference (fx fra kontoudtoget)',
    recordTranche: 'Registrér udbetalingen',
    trancheRecorded: 'Udbetalingen er registreret.',
    refund: 'Registrér en tilbagebetaling',
    refundHint: (refundable: string) => `Højst det udbetalte, der ikke er betalt tilbage: ${refundable}`,
    refundAmount: 'Tilbagebetalt beløb (kr.)',
    recordRefund: 'Registrér tilbagebetalingen',
    refundRecorded: 'Tilbagebetalingen er registreret.',
    close: 'Luk bevillingen',
    closeHint: 'Efter lukning kan der ikke udbetales mere; tilbagebetalinger kan stadig registreres.',
    closed: 'Bevillingen er lukket.',
    closedNoTranche: 'Bevillingen er lukket; der kan ikke udbetales mere.',
    focusArea: 'Fokusområde',
    sectors: 'Partnernes sektorer',
    paidNetClosed: 'Udbetalt netto (lukket)',
    partyShare: 'Partens andel',
    fundedIntro:
      'Alle parter finansierer puljen i forhold til deres folketal: hver kommune og regionen betaler et fast beløb pr. borger. Derfor er hver bevilling finansieret af alle 20 parter i fællesskab. Partens andel af en bevilling er regnet efter partens andel af puljens indbetalinger; for en lukket bevilling regnes der på det, der blev udbetalt netto.',
    fundedNone: 'Puljen har ikke finansieret nogen projekter endnu.',
    fundedTotal: (amount: string, count: number) =>
      `I alt ${amount} fordelt på ${count} ${plural(count, 'da', { one: 'projekt', other: 'projekter' })}.`,
    csvHeader: {
      reference: 'Reference',
      title: 'Titel',
      owner: 'Ansøger',
      year: 'Puljeår',
      committed: 'Bevilget (kr.)',
      disbursed: 'Udbetalt (kr.)',
      refunded: 'Tilbagebetalt (kr.)',
      remaining: 'Resterende (kr.)',
      status: 'Status',
      committedAt: 'Accepteret',
    },
  },
  report: {
    title: 'Rapporter',
    intro: 'Bevillingen skal afrapporteres. Indsend hver rapport senest på dens frist.',
    none: 'Bevillingen har ingen rapporter.',
    kind: 'Rapport',
    dueDate: 'Frist',
    status: 'Status',
    kinds: { progress: 'Statusrapport', final: 'Slutrapport' },
    statuses: { due: 'Skal afleveres', submitted: 'Indsendt', returned: 'Sendt retur', approved: 'Godkendt' },
    text: 'Rapportens tekst',
    textHint: 'Beskriv hvad projektet har gjort og nået i perioden.',
    spent: 'Forbrugt indtil nu (kr.)',
    spentHint: 'Fx 125.000 eller 1.250,50.',
    optional: 'valgfrit',
    submit: 'Indsend rapporten',
    submitTitle: (name: string) => `Indsend ${name.toLowerCase()}`,
    submitted: 'Rapporten er indsendt.',
    returnedBecause: 'Bestyrelsen sendte rapporten retur:',
    boardTitle: 'Rapporter for bevillingen',
    boardIntro: 'Læs de indsendte rapporter, og godkend dem eller send dem retur med en begrundelse.',
    boardLink: 'Rapporter: læs, godkend og send retur',
    boardListTitle: 'Bevillinger med rapporter',
    boardListIntro: 'Bevillinger og deres rapporter. Rapporter der venter på bestyrelsen, står først.',
    awaiting: (n: number) => `${n} ${plural(n, 'da', { one: 'rapport venter', other: 'rapporter venter' })}`,
    noneAwaiting: 'Ingen venter',
    olderAwards: 'Ældre bevillinger',
    noAwards: 'Der er ingen bevillinger endnu.',
    project: 'Projekt',
    spentLabel: 'Forbrugt',
    submittedAt: 'Indsendt',
    noText: 'Ikke indsendt endnu.',
    approve: 'Godkend rapporten',
    approveFinalHint: 'Når slutrapporten godkendes, lukkes bevillingen.',
    reject: 'Send rapporten retur',
    reason: 'Begrundelse',
    reasonHint: 'Hvad skal projektlederen rette eller tilføje?',
    approved: 'Rapporten er godkendt.',
    approvedClosed: 'Slutrapporten er godkendt, og bevillingen er lukket.',
    returned: 'Rapporten er sendt retur til projektlederen.',
    awardStatus: 'Bevillingens status',
  },
};

export const en: typeof da = {
  award: {
    title: 'Award',
    mineTitle: 'My awards',
    intro:
      'The board has approved the project. Read the terms and accept the award to have the funds paid out.',
    amount: 'Amount awarded',
    terms: 'Terms',
    termsText: {
      'fim-award-terms-2027-1':
        'I accept the grant on the terms set by the board: the funds are used for the project as described in ' +
        'the application, the agreed reports are submitted, and unspent funds are paid back.',
    },
    termsVersion: (version: string) => `Version of the terms: ${version}`,
    declaration: 'I have read the terms and accept them on behalf of the project',
    accept: 'Accept the award',
    accepted: 'The award has been accepted.',
    acceptedText: (date: string) => `You accepted the award on ${date}.`,
    seeAward: 'See the award and its payments',
    reference: 'Reference',
    projectTitle: 'Title',
    owner: 'Applicant',
    year: 'Pool year',
    committed: 'Awarded',
    disbursed: 'Paid out',
    refunded: 'Paid back',
    remaining: 'Left to pay out',
    released: 'Released to the pool on closing',
    status: 'Status',
    statuses: { committed: 'Active', closed: 'Closed' },
    committedAt: 'Accepted',
    closedAt: 'Closed',
    termsAccepted: 'Terms accepted',
    entries: 'Entries',
    noEntries: 'No entries yet.',
    application: 'The application',
    financeLink: 'The award in the finance area',
    listTitle: 'Awards',
    listIntro: 'Every accepted award with the amounts paid out and left.',
    noAwards: 'There are no awards yet.',
    csv: 'Awards (CSV)',
    financeHomeLink: 'Awards: tranches, refunds and closing',
    backToList: 'All awards',
    tranche: 'Pay out a tranche',
    trancheAmount: 'Amount (DKK)',
    trancheHint: (remaining: string) => `At most what is left: ${remaining}`,
    paidOn: 'Paid on',
    bankReference: 'Reference (e.g. from the bank statement)',
    recordTranche: 'Record the tranche',
    trancheRecorded: 'The tranche has been recorded.',
    refund: 'Record a refund',
    refundHint: (refundable: string) => `At most what was paid out and not paid back: ${refundable}`,
    refundAmount: 'Amount paid back (DKK)',
    recordRefund: 'Record the refund',
    refundRecorded: 'The refund has been recorded.',
    close: 'Close the award',
    closeHint: 'Once closed nothing more can be paid out; refunds can still be recorded.',
    closed: 'The award has been closed.',
    closedNoTranche: 'The award is closed; nothing more can be paid out.',
    focusArea: 'Focus area',
    sectors: "Partners' sectors",
    paidNetClosed: 'Paid out net (closed)',
    partyShare: "This party's share",
    fundedIntro:
      "Every party funds the pool in proportion to its population: each municipality and the region pay a fixed amount per citizen. Every award is therefore funded by all 20 parties together. A party's share of an award is reckoned by its share of what the pool has received; for a closed award, by what was paid out net.",
    fundedNone: 'The pool has not funded any projects yet.',
    fundedTotal: (amount: string, count: number) =>
      `In all ${amount} across ${count} ${plural(count, 'en', { one: 'project', other: 'projects' })}.`,
    csvHeader: {
      reference: 'Reference',
      title: 'Title',
      owner: 'Applicant',
      year: 'Pool year',
      committed: 'Awarded (DKK)',
      disbursed: 'Paid out (DKK)',
      refunded: 'Paid back (DKK)',
      remaining: 'Left (DKK)',
      status: 'Status',
      committedAt: 'Accepted',
    },
  },
  report: {
    title: 'Reports',
    intro: 'The award must be reported on. Submit each report by its due date.',
    none: 'The award has no reports.',
    kind: 'Report',
    dueDate: 'Due',
    status: 'Status',
    kinds: { progress: 'Progress report', final: 'Final report' },
    statuses: { due: 'Due', submitted: 'Submitted', returned: 'Returned', approved: 'Approved' },
    text: 'The report’s text',
    textHint: 'Describe what the project has done and achieved in the period.',
    spent: 'Spent so far (DKK)',
    spentHint: 'E.g. 125.000 or 1.250,50.',
    optional: 'optional',
    submit: 'Submit the report',
    submitTitle: (name: string) => `Submit the ${name.toLowerCase()}`,
    submitted: 'The report has been submitted.',
    returnedBecause: 'The board returned the report:',
    boardTitle: 'The award’s reports',
    boardIntro: 'Read the submitted reports, and approve them or return them with a reason.',
    boardLink: 'Reports: read, approve and return',
    boardListTitle: 'Awards with reports',
    boardListIntro: 'Awards and their reports. Those with reports awaiting the board come first.',
    awaiting: (n: number) => `${n} ${plural(n, 'en', { one: 'report awaiting', other: 'reports awaiting' })}`,
    noneAwaiting: 'None awaiting',
    olderAwards: 'Older awards',
    noAwards: 'There are no awards yet.',
    project: 'Project',
    spentLabel: 'Spent',
    submittedAt: 'Submitted',
    noText: 'Not submitted yet.',
    approve: 'Approve the report',
    approveFinalHint: 'Approving the final report closes the award.',
    reject: 'Return the report',
    reason: 'Reason',
    reasonHint: 'What should the project lead correct or add?',
    approved: 'The report has been approved.',
    approvedClosed: 'The final report has been approved and the award is closed.',
    returned: 'The report has been returned to the project lead.',
    awardStatus: 'The award’s status',
  },
};

const krDa = (ore: number) => formatKr(ore, 'da');
const krEn = (ore: number) => formatKr(ore, 'en');

export const daMessages: MessageTexts<AwardMessages & ReportMessages> = {
  APPLICATION_NOT_APPROVED: ({ status }) =>
    `Ansøgningen er ikke bevilget (status: ${commonDa.status[status]})`,
  AWARD_ALREADY_ACCEPTED: () => 'Bevillingen er allerede accepteret',
  AWARD_CLOSED: () => 'Bevillingen er lukket',
  TERMS_OUTDATED: ({ currentVersion }) =>
    `Vilkårene er ændret; læs dem igen, og acceptér de gældende (version ${currentVersion})`,
  INSUFFICIENT_FUNDS: ({ amountOre, grantAvailableOre }) =>
    `Puljen har ikke midler nok lige nu: bevillingen er på ${krDa(amountOre)}, og puljen har ${krDa(grantAvailableOre)} til rådighed til projektstøtte. Prøv igen senere, eller kontakt sekretariatet.`,
  OVER_REMAINING: ({ amountOre, remainingOre, awardOre, disbursedOre }) =>
    `${krDa(amountOre)} er mere end der resterer: ${krDa(remainingOre)} (bevilget ${krDa(awardOre)}, udbetalt ${krDa(disbursedOre)}).`,
  OVER_DISBURSED: ({ amountOre, refundableOre, disbursedOre, refundedOre }) =>
    `${krDa(amountOre)} er mere end der kan betales tilbage: ${krDa(refundableOre)} (udbetalt ${krDa(disbursedOre)}, tilbagebetalt ${krDa(refundedOre)}).`,
  DECLARATION_MISSING: () => 'Sæt flueben for at acceptere vilkårene',
  AWARD_CHANGED: () => 'Bevillingen er ændret et andet sted. Siden viser den nu; prøv igen.',
  TRANCHE_FORM_REUSED: () =>
    'Formularen var allerede brugt til en anden udbetaling. Kontrollér tallene og send igen.',
  REPORT_NOT_DUE: ({ status }) => `Rapporten kan ikke indsendes nu (status: ${da.report.statuses[status]})`,
  REPORT_NOT_SUBMITTED: ({ status }) =>
    `Rapporten kan ikke afgøres nu (status: ${da.report.statuses[status]})`,
  REPORT_TEXT_MISSING: () => 'Skriv rapportens tekst.',
  RETURN_REASON_MISSING: () => 'Skriv en begrundelse.',
  REPORT_CHANGED: () =>
    'Rapporten er ændret, siden du åbnede siden. Se den nye status herunder, og prøv igen hvis det stadig er relevant.',
};

export const enMessages: MessageTexts<AwardMessages & ReportMessages> = {
  APPLICATION_NOT_APPROVED: ({ status }) =>
    `The application is not approved (status: ${commonEn.status[status]})`,
  AWARD_ALREADY_ACCEPTED: () => 'The award has already been accepted',
  AWARD_CLOSED: () => 'The award is closed',
  TERMS_OUTDATED: ({ currentVersion }) =>
    `The terms have changed; read them again and accept the terms in force (version ${currentVersion})`,
  INSUFFICIENT_FUNDS: ({ amountOre, grantAvailableOre }) =>
    `The pool does not hold enough right now: the award is ${krEn(amountOre)} and the pool has ${krEn(grantAvailableOre)} available for project grants. Try again later or contact the secretariat.`,
  OVER_REMAINING: ({ amountOre, remainingOre, awardOre, disbursedOre }) =>
    `${krEn(amountOre)} is more than is left: ${krEn(remainingOre)} (awarded ${krEn(awardOre)}, paid out ${krEn(disbursedOre)}).`,
  OVER_DISBURSED: ({ amountOre, refundableOre, disbursedOre, refundedOre }) =>
    `${krEn(amountOre)} is more than can be paid back: ${krEn(refundableOre)} (paid out ${krEn(disbursedOre)}, paid back ${krEn(refundedOre)}).`,
  DECLARATION_MISSING: () => 'Tick the box to accept the terms',
  AWARD_CHANGED: () => 'The award was changed elsewhere. The page shows it now; try again.',
  TRANCHE_FORM_REUSED: () =>
    'The form had already been used for another tranche. Check the figures and send again.',
  REPORT_NOT_DUE: ({ status }) =>
    `The report cannot be submitted now (status: ${en.report.statuses[status]})`,
  REPORT_NOT_SUBMITTED: ({ status }) =>
    `The report cannot be decided now (status: ${en.report.statuses[status]})`,
  REPORT_TEXT_MISSING: () => 'Write the report’s text.',
  RETURN_REASON_MISSING: () => 'Write a reason.',
  REPORT_CHANGED: () =>
    'The report has changed since you opened the page. See its new status below and try again if it still applies.',
};

const SIGNATURE = 'Folkesundhed i Midten';
const ofAward = (reference: string, title: string) => (reference ? `${reference} "${title}"` : `"${title}"`);

export const daMail: MailTexts<ReportMail & AwardMail> = {
  'award.acceptance_reminder': (p) => ({
    subject: `Påmindelse: accepter bevillingen ${p.reference || p.title}`,
    body: [
      `Kære ${p.name}`,
      '',
      `Bestyrelsen bevilgede ${formatKr(p.amountOre, 'da')} til ${ofAward(p.reference, p.title)} den ${formatDate(p.decidedOn, 'da')}, men bevillingen er ikke accepteret endnu.`,
      'Accepter vilkårene på siden, så midlerne kan reserveres til projektet.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'report.overdue': ({ kind, reference, applicationId, dueDate }) => {
    const name = da.report.kinds[kind].toLowerCase();
    const due = formatDate(dueDate, 'da');
    return {
      subject: `Overskredet frist: ${name}${reference ? ` ${reference}` : ''} skulle være afleveret ${due}`,
      body: `Din ${name} for bevillingen ${reference ?? applicationId} skulle være afleveret senest ${due} og er ikke modtaget. Aflever den hurtigst muligt.`,
    };
  },
  'award.tranche_paid': (p) => ({
    subject: `Udbetaling til bevilling ${p.reference || p.title}`,
    body: [
      `Kære ${p.name}`,
      '',
      `Folkesundhed i Midten har udbetalt ${formatKr(p.amountOre, 'da')} den ${formatDate(p.paidOn, 'da')} til bevillingen ${ofAward(p.reference, p.title)}.`,
      `Udbetalt i alt: ${formatKr(p.disbursedOre, 'da')} af ${formatKr(p.awardOre, 'da')}.`,
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'award.refund_booked': (p) => ({
    subject: `Tilbagebetaling registreret: bevilling ${p.reference || p.title}`,
    body: [
      `Kære ${p.name}`,
      '',
      `Vi har registreret en tilbagebetaling på ${formatKr(p.amountOre, 'da')} den ${formatDate(p.paidOn, 'da')} fra bevillingen ${ofAward(p.reference, p.title)}.`,
      `Tilbagebetalt i alt: ${formatKr(p.refundedOre, 'da')}.`,
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'report.reminder': ({ kind, reference, applicationId, dueDate }) => {
    const name = da.report.kinds[kind].toLowerCase();
    const due = formatDate(dueDate, 'da');
    return {
      subject: `Påmindelse: ${name}${reference ? ` ${reference}` : ''} skal afleveres senest ${due}`,
      body: `Din ${name} for bevillingen ${reference ?? applicationId} skal afleveres senest ${due}.`,
    };
  },
};

export const enMail: MailTexts<ReportMail & AwardMail> = {
  'award.acceptance_reminder': (p) => ({
    subject: `Reminder: accept the award ${p.reference || p.title}`,
    body: [
      `Dear ${p.name}`,
      '',
      `The board granted ${formatKr(p.amountOre, 'en')} to ${ofAward(p.reference, p.title)} on ${formatDate(p.decidedOn, 'en')}, but the award has not been accepted yet.`,
      'Accept the terms on the page, so the funds can be committed to the project.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'report.overdue': ({ kind, reference, applicationId, dueDate }) => {
    const name = en.report.kinds[kind].toLowerCase();
    const due = formatDate(dueDate, 'en');
    return {
      subject: `Overdue: ${name}${reference ? ` ${reference}` : ''} was due by ${due}`,
      body: `Your ${name} for the award ${reference ?? applicationId} was due by ${due} and has not been received. Please submit it as soon as you can.`,
    };
  },
  'award.tranche_paid': (p) => ({
    subject: `Payment to award ${p.reference || p.title}`,
    body: [
      `Dear ${p.name}`,
      '',
      `Folkesundhed i Midten paid ${formatKr(p.amountOre, 'en')} on ${formatDate(p.paidOn, 'en')} to the award ${ofAward(p.reference, p.title)}.`,
      `Paid out in all: ${formatKr(p.disbursedOre, 'en')} of ${formatKr(p.awardOre, 'en')}.`,
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'award.refund_booked': (p) => ({
    subject: `Refund recorded: award ${p.reference || p.title}`,
    body: [
      `Dear ${p.name}`,
      '',
      `We have recorded a refund of ${formatKr(p.amountOre, 'en')} on ${formatDate(p.paidOn, 'en')} from the award ${ofAward(p.reference, p.title)}.`,
      `Refunded in all: ${formatKr(p.refundedOre, 'en')}.`,
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'report.reminder': ({ kind, reference, applicationId, dueDate }) => {
    const name = en.report.kinds[kind].toLowerCase();
    const due = formatDate(dueDate, 'en');
    return {
      subject: `Reminder: ${name}${reference ? ` ${reference}` : ''} is due by ${due}`,
      body: `Your ${name} for the award ${reference ?? applicationId} is due by ${due}.`,
    };
  },
};
