/**
 * The secretariat's pages: the list of applications (across calls), closing and reopening a call, and the
 * minutes of a board meeting. Danish first; `en` has the same shape.
 */
export const da = {
  adminApplications: {
    title: 'Ansøgninger',
    intro:
      'Alle ansøgninger, der er indsendt, på tværs af opslag. Kladder vises kun, når du vælger status "Kladde".',
    filters: 'Filtrér',
    call: 'Opslag',
    anyCall: 'Alle opslag',
    status: 'Status',
    submittedView: 'Alle indsendte',
    focusArea: 'Fokusområde',
    anyFocusArea: 'Alle fokusområder',
    grantType: 'Bevillingstype',
    anyGrantType: 'Alle bevillingstyper',
    sector: 'Sektor blandt partnerne',
    anySector: 'Alle sektorer',
    q: 'Tekst i titel eller reference',
    qHint: 'Kræver et opslag eller en status.',
    apply: 'Vis',
    reset: 'Nulstil filtre',
    csv: 'Hent listen som CSV (regneark)',
    caption: 'Ansøgninger, nyeste først',
    reference: 'Reference',
    applicationTitle: 'Titel',
    applicant: 'Ansøger',
    organisation: 'Organisation',
    requested: 'Ansøgt beløb (kr.)',
    submittedAt: 'Indsendt',
    createdAt: 'Oprettet',
    none: 'Ingen ansøgninger passer til filtrene.',
    next: 'Næste side',
    first: 'Til første side',
    untitled: '(uden titel)',
    badCursor: 'Siden findes ikke længere. Start forfra.',
    exportIncomplete: 'Eksporten blev afbrudt: filen er ufuldstændig',
  },
  closeCall: {
    title: 'Luk opslaget',
    openUntil: (title: string, closesAt: string) =>
      `Opslaget "${title}" er åbent til ${closesAt}. Hvis du lukker det nu, kan der ikke længere indsendes ansøgninger, og de indsendte går i bedømmelse.`,
    pastDeadline: (title: string) =>
      `Fristen for opslaget "${title}" er passeret. Når du lukker det, går de indsendte ansøgninger i bedømmelse.`,
    drafts: 'Ansøgere med kladder i opslaget får besked med din begrundelse.',
    reason: 'Begrundelse',
    reasonHint:
      'Påkrævet, når opslaget lukkes før fristen. Begrundelsen gemmes i sagen og sendes til ansøgere med kladder.',
    confirm: 'Luk opslaget',
    cancel: 'Fortryd og gå tilbage til opslaget',
  },
  reopenCall: {
    title: 'Genåbn opslaget',
    intro: (title: string) =>
      `Opslaget "${title}" er lukket. Du kan genåbne det med en ny frist, indtil bedømmelsen går i gang. De indsendte ansøgninger går tilbage til status "Indsendt".`,
    closesAt: 'Ny frist (dansk tid)',
    reason: 'Begrundelse',
    confirm: 'Genåbn opslaget',
    link: 'Genåbn opslaget med en ny frist',
    cancel: 'Tilbage til opslaget',
    closedEarly: (reason: string) => `Lukket før fristen. Begrundelse: ${reason}`,
    reopened: (reason: string) => `Genåbnet. Begrundelse: ${reason}`,
  },
};

export const en: typeof da = {
  adminApplications: {
    title: 'Applications',
    intro:
      'Every application that has been submitted, across calls. Drafts are shown only when you choose the status "Draft".',
    filters: 'Filter',
    call: 'Call',
    anyCall: 'All calls',
    status: 'Status',
    submittedView: 'All submitted',
    focusArea: 'Focus area',
    anyFocusArea: 'All focus areas',
    grantType: 'Grant type',
    anyGrantType: 'All grant types',
    sector: 'Sector among the partners',
    anySector: 'All sectors',
    q: 'Text in title or reference',
    qHint: 'Needs a call or a status.',
    apply: 'Show',
    reset: 'Clear filters',
    csv: 'Download the list as CSV (spreadsheet)',
    caption: 'Applications, newest first',
    reference: 'Reference',
    applicationTitle: 'Title',
    applicant: 'Applicant',
    organisation: 'Organisation',
    requested: 'Amount requested (DKK)',
    submittedAt: 'Submitted',
    createdAt: 'Created',
    none: 'No applications match the filters.',
    next: 'Next page',
    first: 'To the first page',
    untitled: '(untitled)',
    badCursor: 'That page no longer exists. Start again.',
    exportIncomplete: 'The export was interrupted: the file is incomplete',
  },
  closeCall: {
    title: 'Close the call',
    openUntil: (title: string, closesAt: string) =>
      `The call "${title}" is open until ${closesAt}. If you close it now, no more applications can be submitted, and those submitted go into review.`,
    pastDeadline: (title: string) =>
      `The deadline of the call "${title}" has passed. When you close it, the submitted applications go into review.`,
    drafts: 'Applicants with drafts in the call are told, with your reason.',
    reason: 'Reason',
    reasonHint:
      'Required when the call closes before its deadline. The reason is kept in the case and sent to applicants with drafts.',
    confirm: 'Close the call',
    cancel: 'Cancel and go back to the call',
  },
  reopenCall: {
    title: 'Reopen the call',
    intro: (title: string) =>
      `The call "${title}" is closed. You can reopen it with a new deadline until its review starts. The submitted applications go back to "Submitted".`,
    closesAt: 'New deadline (Danish time)',
    reason: 'Reason',
    confirm: 'Reopen the call',
    link: 'Reopen the call with a new deadline',
    cancel: 'Back to the call',
    closedEarly: (reason: string) => `Closed before its deadline. Reason: ${reason}`,
    reopened: (reason: string) => `Reopened. Reason: ${reason}`,
  },
};
