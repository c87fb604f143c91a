import type { Role } from '../core/auth/principal.js';
import type { CallMessages } from '../core/calls/call.messages.js';
import type { CallStatus } from '../core/calls/call.schema.js';
import type { DocumentKind } from '../core/documents/document.schema.js';
import { DEFAULT_MAX_BYTES } from '../core/documents/document.values.js';
import { da as commonDa, en as commonEn } from './common.js';
import { formatDateTime } from './format.js';
import type { MessageTexts } from './messages.js';

/**
 * The public site and the administration of calls: the list of open calls, a call's page, the accessibility
 * statement, the local demo sign-in, and the admin's call pages. Danish first; `en` has the same shape, so
 * the compiler finds a missing text.
 */
export const da = {
  home: {
    title: 'Åbne opslag',
    intro:
      'Søg midler til praksisnære forsknings- og udviklingsprojekter på tværs af kommuner, region og almen praksis.',
    none: 'Der er ingen åbne opslag lige nu.',
    deadline: 'Frist',
    budget: 'Pulje',
    readMore: 'Læs opslaget',
  },
  call: {
    grantTypes: 'Bevillingstyper',
    maxAmount: 'højst',
    deadline: 'Ansøgningsfrist',
    opens: 'Åbner',
    budget: 'Samlet pulje',
    focusAreas: 'Fokusområder',
    criteria: 'Bedømmelseskriterier',
    weight: 'vægt',
    minSectors: (n: number) =>
      `Medarbejdere fra mindst ${n} af sektorerne kommune, region og almen praksis skal deltage aktivt.`,
    apply: 'Start en ansøgning',
    loginToApply: 'Log ind for at søge',
    closed: 'Opslaget modtager ikke ansøgninger.',
  },
  demoSignIn: {
    chair: 'formand',
    roles: {
      applicant: 'ansøger',
      reviewer: 'bedømmer',
      board: 'bestyrelse',
      finance: 'økonomi',
      admin: 'administrator',
    } satisfies Record<Role, string>,
  },
  accessibility: {
    intro:
      'Folkesundhed i Midten tilstræber, at dette websted er tilgængeligt efter webtilgængelighedsloven og EU-direktiv 2016/2102, svarende til WCAG 2.1 niveau AA.',
    howTitle: 'Sådan tjekker vi',
    how: 'Alle sider testes automatisk med axe-core i vores testsuite, virker uden JavaScript og kan bruges med tastaturet alene. Formularer viser hver fejl ved feltet og i en oversigt øverst.',
    limitsTitle: 'Kendte begrænsninger',
    limits: 'Vi kender ingen. Skriv til os, hvis noget ikke virker for dig.',
    contactTitle: 'Kontakt',
    contact:
      'Skriv til FIM-sekretariatet i Region Midtjylland. Du kan også klage til Digitaliseringsstyrelsen.',
  },
  adminCalls: {
    list: 'Opslag',
    new: 'Nyt opslag',
    edit: 'Redigér opslag',
    title: 'Titel (dansk)',
    titleEn: 'Titel (engelsk)',
    description: 'Beskrivelse (dansk)',
    descriptionEn: 'Beskrivelse (engelsk)',
    budget: 'Samlet pulje (kr.)',
    opensAt: 'Åbner (dansk tid)',
    closesAt: 'Ansøgningsfrist (dansk tid)',
    focusAreas: 'Fokusområder',
    minSectors: 'Mindste antal sektorer (kommune, region, almen praksis)',
    reviewers: 'Bedømmere pr. ansøgning',
    review: 'Bedømmelse',
    blindReview: 'Blind bedømmelse: bedømmerne ser ikke ansøgerens og partnernes navne og kontaktoplysninger',
    showReviews:
      'Bedømmerne må læse de andre bedømmelser af en ansøgning, når de selv har indsendt deres egen',
    threshold: 'Grænse for stor uenighed (spredning i point)',
    thresholdHint:
      'Forskellen mellem højeste og laveste score på skalaen 1-5, fx 1,5. Over grænsen markeres ansøgningen.',
    reviewDueAt: 'Frist for bedømmelserne (dato)',
    reviewDueAtHint:
      'Valgfri; efter ansøgningsfristen. Nævnes for bedømmerne, når de udpeges; de, der ikke har afleveret, mindes om fristen før den og igen, når den er overskredet.',
    reviewReminderDays: 'Påmindelse, antal dage før fristen for bedømmelserne',
    grantTypes: 'Bevillingstyper',
    grantTypesHint: 'Tomme rækker ignoreres.',
    grantType: 'Bevillingstype',
    id: 'Kode',
    name: 'Navn (dansk)',
    nameEn: 'Navn (engelsk)',
    maxAmount: 'Maksimum (kr.)',
    criteria: 'Bedømmelseskriterier',
    criterion: 'Kriterium',
    weight: 'Vægt',
    documentKinds: 'Bilag',
    documentKindsHint:
      'De dokumenter, ansøgningen skal eller kan vedhæfte. Et nyt opslag foreslår FIM’s fire. Tomme rækker ignoreres.',
    documentKind: 'Bilag',
    docRequired: 'Skal vedhæftes',
    docPer: 'Et bilag pr.',
    docPerApplication: 'ansøgning',
    docPerPartner: 'partnerorganisation',
    docTypes: 'Tilladte filtyper',
    docMaxMb: 'Største fil (MB)',
    docHidden: 'Skjules for bedømmerne ved blind bedømmelse (fx fordi det navngiver personer)',
    save: 'Gem',
    create: 'Opret kladde',
    open: 'Åbn opslaget',
    close: 'Luk opslaget',
    saved: 'Gemt.',
    statusCol: 'Status',
    deadline: 'Frist',
    optional: 'valgfri',
    none: 'Ingen opslag med denne status.',
    conflict: 'Opslaget er ændret et andet sted. Hent det igen.',
  },
};

export const en: typeof da = {
  home: {
    title: 'Open calls',
    intro:
      'Apply for funding for practice-near research and development across municipalities, the region and general practice.',
    none: 'There are no open calls right now.',
    deadline: 'Deadline',
    budget: 'Pool',
    readMore: 'Read the call',
  },
  call: {
    grantTypes: 'Grant types',
    maxAmount: 'at most',
    deadline: 'Deadline',
    opens: 'Opens',
    budget: 'Total pool',
    focusAreas: 'Focus areas',
    criteria: 'Assessment criteria',
    weight: 'weight',
    minSectors: (n: number) =>
      `Staff from at least ${n} of the sectors municipality, region and general practice must take an active part.`,
    apply: 'Start an application',
    loginToApply: 'Sign in to apply',
    closed: 'This call takes no applications.',
  },
  demoSignIn: {
    chair: 'chair',
    roles: {
      applicant: 'applicant',
      reviewer: 'reviewer',
      board: 'board',
      finance: 'finance',
      admin: 'administrator',
    },
  },
  accessibility: {
    intro:
      'Folkesundhed i Midten aims to make this site accessible under the Danish web accessibility act (webtilgængelighedsloven) and EU directive 2016/2102, to WCAG 2.1 level AA.',
    howTitle: 'How we check',
    how: 'Every page is tested automatically with axe-core in our test suite, works without JavaScript and can be used with the keyboard alone. Forms name each error beside its field and in a summary at the top.',
    limitsTitle: 'Known limitations',
    limits: 'None known. Tell us if something does not work for you.',
    contactTitle: 'Contact',
    contact:
      'Write to the FIM secretariat at Region Midtjylland. You can also complain to the Danish Agency for Digital Government (Digitaliseringsstyrelsen).',
  },
  adminCalls: {
    list: 'Calls',
    new: 'New call',
    edit: 'Edit call',
    title: 'Title (Danish)',
    titleEn: 'Title (English)',
    description: 'Description (Danish)',
    descriptionEn: 'Description (English)',
    budget: 'Total pool (kr)',
    opensAt: 'Opens (Danish time)',
    closesAt: 'Deadline (Danish time)',
    focusAreas: 'Focus areas',
    minSectors: 'Minimum number of sectors (municipality, region, general practice)',
    reviewers: 'Reviewers per application',
    review: 'Review',
    blindReview:
      'Blind review: reviewers do not see the names and contact details of the applicant and partners',
    showReviews: 'Reviewers may read the other reviews of an application once they have submitted their own',
    threshold: 'Threshold of strong disagreement (spread in points)',
    thresholdHint:
      'The difference between the highest and lowest score on the 1-5 scale, e.g. 1,5. Above it the application is flagged.',
    reviewDueAt: 'Review due date',
    reviewDueAtHint:
      'Optional; after the deadline. Named to reviewers when they are assigned; those who have not submitted are reminded before it and again once it has passed.',
    reviewReminderDays: 'Reminder, days before the review due date',
    grantTypes: 'Grant types',
    grantTypesHint: 'Empty rows are ignored.',
    grantType: 'Grant type',
    id: 'Code',
    name: 'Name (Danish)',
    nameEn: 'Name (English)',
    maxAmount: 'Maximum (kr)',
    criteria: 'Assessment criteria',
    criterion: 'Criterion',
    weight: 'Weight',
    documentKinds: 'Documents',
    documentKindsHint:
      'The documents an application must or may attach. A new call offers FIM’s four. Empty rows are ignored.',
    documentKind: 'Document',
    docRequired: 'Required',
    docPer: 'One document per',
    docPerApplication: 'application',
    docPerPartner: 'partner organisation',
    docTypes: 'Allowed file types',
    docMaxMb: 'Largest file (MB)',
    docHidden: 'Hidden from reviewers under blind review (e.g. because it names people)',
    save: 'Save',
    create: 'Create draft',
    open: 'Open the call',
    close: 'Close the call',
    saved: 'Saved.',
    statusCol: 'Status',
    deadline: 'Deadline',
    optional: 'optional',
    none: 'No calls with this status.',
    conflict: 'The call was changed elsewhere. Load it again.',
  },
};

/** A call's status as a sentence names it: "åben", "open". */
const statusWord = (status: CallStatus, words: Record<CallStatus, string>): string =>
  words[status].toLowerCase();

export const daMessages: MessageTexts<CallMessages> = {
  closes_before_opens: () => 'Fristen skal ligge efter åbningstidspunktet',
  grant_over_budget: () => 'Maksimumsbeløbet må ikke overstige puljens samlede budget',
  due_months_or_date: () => 'Angiv enten antal måneder efter start eller en dato, ikke begge',
  review_due_before_closes: () => 'Fristen for bedømmelserne skal ligge efter ansøgningsfristens dato',
  CALL_CLOSED: () => 'Et lukket opslag kan ikke ændres',
  OPEN_CALL_DEADLINE_PAST: () => 'Fristen for et åbent opslag skal ligge i fremtiden',
  CALL_STATUS_NOT: ({ callStatus, requiredStatus }) =>
    `Opslaget har status "${statusWord(callStatus, commonDa.status)}", ikke "${statusWord(requiredStatus, commonDa.status)}"`,
  CALL_DEADLINE_PASSED: () => 'Fristen er allerede passeret',
  CALL_REVIEW_STARTED: () =>
    'Bedømmelsen af opslaget er gået i gang (bedømmere er tildelt eller der er truffet afgørelser): det kan ikke genåbnes',
  CLOSE_REASON_REQUIRED: ({ closesAt }) =>
    `Opslaget er åbent til ${formatDateTime(closesAt, 'da')}: angiv en begrundelse for at lukke det før fristen`,
};

export const enMessages: MessageTexts<CallMessages> = {
  closes_before_opens: () => 'The deadline must come after the opening time',
  grant_over_budget: () => 'The maximum may not exceed the call’s total budget',
  due_months_or_date: () => 'Give either months after the start or a date, not both',
  review_due_before_closes: () => 'The review due date must come after the date of the deadline',
  CALL_CLOSED: () => 'A closed call cannot be changed',
  OPEN_CALL_DEADLINE_PAST: () => 'An open call’s deadline must be in the future',
  CALL_STATUS_NOT: ({ callStatus, requiredStatus }) =>
    `The call is "${statusWord(callStatus, commonEn.status)}", not "${statusWord(requiredStatus, commonEn.status)}"`,
  CALL_DEADLINE_PASSED: () => 'The deadline has already passed',
  CALL_REVIEW_STARTED: () =>
    'The review of the call has started (reviewers assigned or decisions made): it cannot be reopened',
  CLOSE_REASON_REQUIRED: ({ closesAt }) =>
    `The call is open until ${formatDateTime(closesAt, 'en')}: give a reason to close it before the deadline`,
};

/**
 * What a new call's form starts with: the usual grant types and criteria, in Danish and English at once (a
 * call keeps both languages as data, whichever language the admin reads the page in).
 */
export const newCallDefaults = {
  grantTypes: [
    { id: 'A', name: 'Forskningsprojekt', nameEn: 'Research project', maxAmount: '500.000' },
    { id: 'B', name: 'Ph.d.-protokol', nameEn: 'PhD protocol', maxAmount: '100.000' },
  ],
  criteria: [
    {
      id: 'relevance',
      name: 'Relevans for kommuner og region',
      nameEn: 'Relevance for municipalities and region',
      weight: '2',
    },
    { id: 'quality', name: 'Videnskabelig kvalitet', nameEn: 'Scientific quality', weight: '2' },
    { id: 'feasibility', name: 'Gennemførlighed', nameEn: 'Feasibility', weight: '1' },
  ],
};

/** FIM's documents (issue 10): what a new call offers in the admin's form, and what the demo call asks for. */
export const FIM_DEFAULT_DOCUMENT_KINDS: DocumentKind[] = [
  {
    id: 'management_declaration',
    name: 'Ledelseserklæring',
    nameEn: 'Management declaration',
    required: true,
    per: 'partner',
    types: ['pdf'],
    maxBytes: DEFAULT_MAX_BYTES,
    hiddenUnderBlindReview: true,
  },
  {
    id: 'cv_project_lead',
    name: 'CV for projektleder',
    nameEn: 'CV of the project lead',
    required: true,
    per: 'application',
    types: ['pdf', 'docx', 'odt'],
    maxBytes: DEFAULT_MAX_BYTES,
    hiddenUnderBlindReview: true,
  },
  {
    id: 'budget_note',
    name: 'Budget og budgetnotat',
    nameEn: 'Budget and budget note',
    required: false,
    per: 'application',
    types: ['pdf', 'xlsx', 'docx', 'odt'],
    maxBytes: DEFAULT_MAX_BYTES,
    hiddenUnderBlindReview: false,
  },
  {
    id: 'project_description',
    name: 'Projektbeskrivelse',
    nameEn: 'Project description',
    required: true,
    per: 'application',
    types: ['pdf', 'docx', 'odt'],
    maxBytes: DEFAULT_MAX_BYTES,
    hiddenUnderBlindReview: false,
  },
];
