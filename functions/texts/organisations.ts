import type { OrganisationMessages } from '../core/organisations/organisation.messages.js';
import type { MessageTexts } from './messages.js';

/*
 * The board's view of an application and the organisations registry (issue 11), in Danish and English.
 */

export const da = {
  boardApplication: {
    backToRanking: 'Tilbage til prioriteringen',
    open: 'Åbn ansøgningen',
    call: 'Opslag',
    status: 'Status',
    contact: 'Kontakt',
    documents: 'Dokumenter',
    noDocuments: 'Ansøgningen har ingen dokumenter.',
    reviews: 'Bedømmelser',
    noReviews: 'Ingen bedømmere er tildelt endnu.',
    reviewer: 'Bedømmer',
    reviewStatus: 'Bedømmelsens status',
    recommendation: 'Indstilling',
    criterion: 'Kriterium',
    score: 'Karakter',
    comment: 'Kommentar',
    notApplicable: 'Ikke relevant',
    notSubmitted: 'Bedømmelsen er ikke indsendt; dens indhold vises, når den er indsendt.',
    recusedReviewer: 'Inhabil: tæller ikke med',
    history: 'Afgørelseshistorik',
    noHistory: 'Ansøgningen er ikke afgjort endnu.',
    meeting: 'Møde',
    outcome: 'Afgørelse',
    amount: 'Beløb',
    recused: 'Inhabile',
    nobodyRecused: 'Ingen',
    partnerSector: 'Sektor',
    partnerContact: 'Kontaktperson',
    partnerRole: 'Rolle',
    partnerOrganisation: 'Organisation',
  },
  totalsNote: (count: number) =>
    count === 1
      ? 'Du er inhabil i én ansøgning: den er ikke talt med i beløbene ovenfor.'
      : `Du er inhabil i ${count} ansøgninger: de er ikke talt med i beløbene ovenfor.`,
  organisations: {
    title: 'Organisationer',
    intro:
      'Registret over organisationer: ansøgere, partnere og bedømmere vælger herfra, og inhabilitet findes gennem træet.',
    search: 'Søg efter navn',
    searchButton: 'Søg',
    name: 'Navn',
    cvr: 'CVR-nummer',
    sector: 'Sektor',
    parent: 'Hører under',
    noParent: '(ingen)',
    none: 'Ingen organisationer matcher.',
    add: 'Tilføj organisation',
    save: 'Gem',
    edit: 'Ret',
    history: 'Historik',
    noHistory: 'Ingen ændringer.',
    created: 'Oprettet',
    updated: 'Rettet',
    by: 'Af',
    version: 'Version',
    field: 'Felt',
    before: 'Før',
    after: 'Efter',
    saved: 'Organisationen er gemt.',
    back: 'Tilbage til organisationerne',
  },
};

export const en: typeof da = {
  boardApplication: {
    backToRanking: 'Back to the ranking',
    open: 'Open the application',
    call: 'Call',
    status: 'Status',
    contact: 'Contact',
    documents: 'Documents',
    noDocuments: 'The application has no documents.',
    reviews: 'Reviews',
    noReviews: 'No reviewers are assigned yet.',
    reviewer: 'Reviewer',
    reviewStatus: 'Review status',
    recommendation: 'Recommendation',
    criterion: 'Criterion',
    score: 'Score',
    comment: 'Comment',
    notApplicable: 'Not applicable',
    notSubmitted: 'The review is not submitted; its content shows once it is.',
    recusedReviewer: 'Conflicted: not counted',
    history: 'Decision history',
    noHistory: 'The application is not decided yet.',
    meeting: 'Meeting',
    outcome: 'Decision',
    amount: 'Amount',
    recused: 'Recused',
    nobodyRecused: 'None',
    partnerSector: 'Sector',
    partnerContact: 'Contact',
    partnerRole: 'Role',
    partnerOrganisation: 'Organisation',
  },
  totalsNote: (count: number) =>
    count === 1
      ? 'You are conflicted on one application: it is left out of the amounts above.'
      : `You are conflicted on ${count} applications: they are left out of the amounts above.`,
  organisations: {
    title: 'Organisations',
    intro:
      'The registry of organisations: applicants, partners and reviewers pick from it, and conflicts are found through its tree.',
    search: 'Search by name',
    searchButton: 'Search',
    name: 'Name',
    cvr: 'CVR number',
    sector: 'Sector',
    parent: 'Part of',
    noParent: '(none)',
    none: 'No organisations match.',
    add: 'Add an organisation',
    save: 'Save',
    edit: 'Edit',
    history: 'History',
    noHistory: 'No changes.',
    created: 'Created',
    updated: 'Changed',
    by: 'By',
    version: 'Version',
    field: 'Field',
    before: 'Before',
    after: 'After',
    saved: 'The organisation is saved.',
    back: 'Back to the organisations',
  },
};

export const daMessages: MessageTexts<OrganisationMessages> = {
  ORGANISATION_NAME_TAKEN: ({ name }) => `Registret har allerede en organisation ved navn "${name}"`,
  ORGANISATION_PARENT_UNKNOWN: () => 'Den overordnede organisation findes ikke i registret',
  ORGANISATION_PARENT_CYCLE: () => 'En organisation kan ikke høre under sig selv eller en af sine egne',
};

export const enMessages: MessageTexts<OrganisationMessages> = {
  ORGANISATION_NAME_TAKEN: ({ name }) => `The registry already has an organisation called "${name}"`,
  ORGANISATION_PARENT_UNKNOWN: () => 'The parent organisation is not in the registry',
  ORGANISATION_PARENT_CYCLE: () => 'An organisation cannot be part of itself or of one of its own',
};
