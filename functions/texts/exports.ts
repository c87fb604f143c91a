import type { ExportStatus, PartKind } from '../core/exports/export.schema.js';

/*
 * The exports (aktindsigt, "Mine data"): the ZIP's index and PDFs, the composed messages in it, and the pages
 * that ask for one and show its state. Danish first; `en` has the same shape.
 */

const PARTS_DA: Record<PartKind, string> = {
  application: 'Ansøgning (data)',
  application_pdf: 'Ansøgning (PDF)',
  document: 'Bilag',
  review: 'Bedømmelse',
  decision: 'Afgørelse med begrundelse og vilkår',
  minutes: 'Uddrag af referat',
  message: 'Besked',
  audit_events: 'Sagens hændelser (CSV)',
  award: 'Bevilling',
  award_payments: 'Bevillingens posteringer: tilsagn, udbetalinger, tilbagebetalinger (CSV)',
  award_report: 'Afrapportering',
  award_events: 'Bevillingens hændelser (CSV)',
  profile: 'Profil',
  readable_pdf: 'Oversigt (PDF)',
};
const PARTS_EN: typeof PARTS_DA = {
  application: 'Application (data)',
  application_pdf: 'Application (PDF)',
  document: 'Attachment',
  review: 'Review',
  decision: 'Decision with justification and conditions',
  minutes: 'Excerpt of the minutes',
  message: 'Message',
  audit_events: 'Events of the case (CSV)',
  award: 'Award',
  award_payments: 'The award’s entries: commitment, disbursements, refunds (CSV)',
  award_report: 'Report',
  award_events: 'Events of the award (CSV)',
  profile: 'Profile',
  readable_pdf: 'Overview (PDF)',
};

const STATUS_DA: Record<ExportStatus, string> = {
  queued: 'I kø',
  building: 'Dannes',
  ready: 'Klar til download',
  failed: 'Mislykkedes',
};
const STATUS_EN: typeof STATUS_DA = {
  queued: 'Queued',
  building: 'Being built',
  ready: 'Ready to download',
  failed: 'Failed',
};

export const da = {
  exports: {
    parts: PARTS_DA,
    statuses: STATUS_DA,
    internal: 'Internt arbejdsdokument (offentlighedsloven § 23)',
    indexTitle: (title: string) => `Indholdsfortegnelse: ${title}`,
    caseTitle: (title: string) => `Aktindsigt i sag ${title}`,
    personTitle: (name: string) => `Mine data: ${name}`,
    generatedAt: 'Dannet',
    column: { path: 'Fil', kind: 'Art', date: 'Dato', note: 'Bemærkning' },
    eventColumn: {
      at: 'Tidspunkt',
      action: 'Hændelse',
      what: 'Hvad',
      actorId: 'Bruger-id',
      actor: 'Hvem',
      entity: 'Sag',
      details: 'Detaljer',
    },
    message: { to: 'Til', status: 'Status', createdAt: 'Oprettet', sentAt: 'Sendt', subject: 'Emne' },
    /** The award's entries: the finance catalogue's words, and who booked each by user id. */
    recordedById: 'Bogført af (bruger-id)',
    unreadable: 'Beskedens tekst kunne ikke dannes ud fra dens værdier.',
    // Pages
    caseExportTitle: 'Eksportér sagen (aktindsigt)',
    caseExportIntro:
      'Danner én ZIP-fil med ansøgningen, bilag, bedømmelser (markeret som interne arbejdsdokumenter), afgørelse, referatuddrag, beskeder og sagens hændelser, og er der en bevilling: bevillingen, dens posteringer, afrapporteringer og hændelser. Eksporten registreres i sagens forløb.',
    caseExportButton: 'Eksportér sagen (aktindsigt)',
    myDataTitle: 'Hent mine data',
    myDataIntro:
      'Du kan hente alt, hvad platformen har om dig: din profil, de ansøgninger, du ejer eller er medansøger på, bilag du har uploadet, bedømmelser du har skrevet, beskeder til dig og hændelser om dig: alt, hvad du har gjort på platformen, og det, andre har gjort i din egen brugersag. Du får én ZIP-fil med data (JSON) og en læsbar PDF.',
    myDataButton: 'Hent mine data',
    statusTitle: 'Eksport',
    status: 'Status',
    requestedAt: 'Bestilt',
    checksum: 'Kontrolsum (SHA-256)',
    size: 'Størrelse',
    refresh: 'Opdatér status',
    download: 'Hent ZIP-filen',
    linkExpires: (minutes: number) => `Linket virker i ${minutes} minutter; opdatér siden for at få et nyt.`,
    waiting: 'Eksporten dannes i baggrunden. Opdatér siden om lidt.',
    failedText: 'Eksporten kunne ikke dannes. Prøv igen, eller kontakt sekretariatet.',
    back: 'Tilbage til sagens forløb',
  },
};

export const en: typeof da = {
  exports: {
    parts: PARTS_EN,
    statuses: STATUS_EN,
    internal: 'Internal working document (Danish Access to Public Administration Files Act § 23)',
    indexTitle: (title: string) => `Contents: ${title}`,
    caseTitle: (title: string) => `Access to the case file ${title}`,
    personTitle: (name: string) => `My data: ${name}`,
    generatedAt: 'Generated',
    column: { path: 'File', kind: 'Kind', date: 'Date', note: 'Note' },
    eventColumn: {
      at: 'When',
      action: 'Event',
      what: 'What',
      actorId: 'User id',
      actor: 'Who',
      entity: 'Case',
      details: 'Details',
    },
    message: { to: 'To', status: 'Status', createdAt: 'Created', sentAt: 'Sent', subject: 'Subject' },
    recordedById: 'Booked by (user id)',
    unreadable: 'The message’s text could not be made from its values.',
    caseExportTitle: 'Export the case (access to files)',
    caseExportIntro:
      'Builds one ZIP file with the application, attachments, reviews (marked as internal working documents), decision, excerpts of the minutes, messages and the events of the case, and where there is an award: the award, its entries, reports and events. The export is recorded in the case record.',
    caseExportButton: 'Export the case (access to files)',
    myDataTitle: 'Download my data',
    myDataIntro:
      'You can download everything the platform holds about you: your profile, the applications you own or co-own, attachments you uploaded, reviews you wrote, messages to you and events about you: everything you did on the platform, and what others did in your own user record. You get one ZIP file with data (JSON) and a readable PDF.',
    myDataButton: 'Download my data',
    statusTitle: 'Export',
    status: 'Status',
    requestedAt: 'Requested',
    checksum: 'Checksum (SHA-256)',
    size: 'Size',
    refresh: 'Refresh the status',
    download: 'Download the ZIP file',
    linkExpires: (minutes: number) =>
      `The link works for ${minutes} minutes; refresh the page for a new one.`,
    waiting: 'The export is being built in the background. Refresh the page in a moment.',
    failedText: 'The export could not be built. Try again, or contact the secretariat.',
    back: 'Back to the case record',
  },
};
