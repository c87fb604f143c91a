import type { ApplicationStatus, Sector } from '../core/applications/application.schema.js';
import type { CallStatus, FocusArea } from '../core/calls/call.schema.js';
import type { CommonMessages, EntityName, ValidationMessages } from '../core/shared/messages.js';
import { formatInteger } from './format.js';
import type { Lang } from './lang.js';
import type { MessageTexts } from './messages.js';

/**
 * The site's frame and the words every area shares: navigation, statuses, sectors, focus areas, errors.
 * Danish first; `en` has the same shape, so the compiler finds a missing text.
 */
export const da = {
  siteName: 'Folkesundhed i Midten',
  siteTagline: 'Forsknings- og udviklingspuljen for Region Midtjylland og de 19 kommuner',
  skipToContent: 'Gå til indhold',
  nav: {
    calls: 'Opslag',
    mine: 'Mine ansøgninger',
    admin: 'Administration',
    login: 'Log ind',
    logout: 'Log ud',
    signedInAs: 'Logget ind som',
    reviews: 'Bedømmelser',
    board: 'Bestyrelse',
    language: 'English',
    /** The language the switch leads to. */
    otherLang: 'en' as Lang,
    mainMenu: 'Hovedmenu',
    languageLabel: 'Switch to English',
  },
  footer: {
    accessibility: 'Tilgængelighedserklæring',
    privacy: 'Privatlivspolitik',
    api: 'API (OpenAPI)',
    about: 'FIM finansieres af Region Midtjylland og de 19 kommuner med 1 kr. pr. borger om året.',
  },
  status: {
    draft: 'Kladde',
    open: 'Åben',
    closed: 'Lukket',
    submitted: 'Indsendt',
    withdrawn: 'Trukket tilbage',
    in_review: 'Under bedømmelse',
    approved: 'Bevilget',
    rejected: 'Afslået',
    waiting_list: 'På venteliste',
  } satisfies Record<CallStatus | ApplicationStatus, string>,
  focusArea: {
    prevention: 'Forebyggelse (først: rygning)',
    older_citizens: 'Ældre borgere (først: akutområdet)',
    near_psychiatry: 'Den nære psykiatri',
    other: 'Andet',
  } satisfies Record<FocusArea, string>,
  sector: {
    municipality: 'Kommune',
    region: 'Region',
    general_practice: 'Almen praksis',
    research: 'Forskning',
    other: 'Andet',
  } satisfies Record<Sector, string>,
  login: {
    title: 'Log ind',
    demoIntro: 'Lokal demo: vælg en bruger. (I drift logger man ind med sin organisations konto.)',
    as: 'Log ind som',
  },
  error: {
    title: 'Der opstod en fejl',
    notFound: 'Siden findes ikke',
    forbidden: 'Du har ikke adgang til denne side',
    tooLarge: 'Formularen er for stor til at blive modtaget.',
    unavailableTitle: 'Prøv igen om lidt',
    unavailable: 'Tjenesten svarer ikke lige nu; prøv igen om lidt.',
    back: 'Til forsiden',
  },
  a11y: { title: 'Tilgængelighedserklæring' },
  errorSummary: 'Der er noget, der skal rettes',
  /** What `npm start` says in the terminal (both languages, Danish first: see `bothLanguages`). */
  terminal: {
    running: 'FIM kører på',
    seeded: 'demodata lagt ind',
    kept: 'bevaret fra sidste kørsel',
    demoLogins: 'Demo-logins (vælg på /login; API: POST /api/auth/dev-login {"email"})',
    stop: 'Stop med Ctrl-C',
    stopping: 'stopper',
    closed: 'Lukket ved fristen',
    remindersQueued: 'Påmindelser lagt i udbakken',
    inbox: 'Lokal indbakke (maildev)',
    documents: 'Lokal bilagsopbevaring (S3)',
    portTaken: (port: number, envVar: string) => `Port ${port} er optaget: vælg en anden med ${envVar}`,
  },
  /** The words every e-mail shares around its kind's own text. */
  mail: {
    link: 'Se det på FIM',
  },
  /** Problem titles by HTTP status (RFC 9457 `title`). */
  problemTitle: {
    400: 'Ugyldig forespørgsel',
    401: 'Log ind først',
    403: 'Ingen adgang',
    404: 'Findes ikke',
    405: 'Metoden er ikke tilladt',
    409: 'Konflikt',
    413: 'For stor forespørgsel',
    415: 'Forkert indholdstype',
    422: 'Reglerne er ikke opfyldt',
    428: 'Versionen mangler (If-Match)',
    500: 'Intern fejl',
    503: 'Prøv igen om lidt',
  } as Record<number, string>,
  problemFallbackTitle: 'Fejl',
};

export const en: typeof da = {
  siteName: 'Folkesundhed i Midten',
  siteTagline: 'The research and development pool of Region Midtjylland and its 19 municipalities',
  skipToContent: 'Skip to content',
  nav: {
    calls: 'Calls',
    mine: 'My applications',
    admin: 'Administration',
    login: 'Sign in',
    logout: 'Sign out',
    signedInAs: 'Signed in as',
    reviews: 'Reviews',
    board: 'Board',
    language: 'Dansk',
    otherLang: 'da',
    mainMenu: 'Main menu',
    languageLabel: 'Skift til dansk',
  },
  footer: {
    accessibility: 'Accessibility statement',
    privacy: 'Privacy notice',
    api: 'API (OpenAPI)',
    about: 'FIM is funded by Region Midtjylland and the 19 municipalities with 1 kr per citizen a year.',
  },
  status: {
    draft: 'Draft',
    open: 'Open',
    closed: 'Closed',
    submitted: 'Submitted',
    withdrawn: 'Withdrawn',
    in_review: 'In review',
    approved: 'Approved',
    rejected: 'Rejected',
    waiting_list: 'Waiting list',
  },
  focusArea: {
    prevention: 'Prevention (first: smoking)',
    older_citizens: 'Older citizens (first: acute care)',
    near_psychiatry: 'The near psychiatry',
    other: 'Other',
  },
  sector: {
    municipality: 'Municipality',
    region: 'Region',
    general_practice: 'General practice',
    research: 'Research',
    other: 'Other',
  },
  login: {
    title: 'Sign in',
    demoIntro: 'Local demo: choose a user. (In production people sign in with their organisation’s account.)',
    as: 'Sign in as',
  },
  error: {
    title: 'Something went wrong',
    notFound: 'Page not found',
    forbidden: 'You do not have access to this page',
    tooLarge: 'The form is too large to be received.',
    unavailableTitle: 'Try again shortly',
    unavailable: 'The service is not answering just now; try again shortly.',
    back: 'To the front page',
  },
  a11y: { title: 'Accessibility statement' },
  errorSummary: 'Some things need fixing',
  terminal: {
    running: 'FIM is running at',
    seeded: 'demo data seeded',
    kept: 'kept from last run',
    demoLogins: 'Demo logins (choose on /login; API: POST /api/auth/dev-login {"email"})',
    stop: 'Stop with Ctrl-C',
    stopping: 'stopping',
    closed: 'Closed at the deadline',
    remindersQueued: 'Reminders queued',
    inbox: 'Local inbox (maildev)',
    documents: 'Local document store (S3)',
    portTaken: (port: number, envVar: string) => `Port ${port} is taken: choose another with ${envVar}`,
  },
  mail: {
    link: 'See it on FIM',
  },
  problemTitle: {
    400: 'Bad request',
    401: 'Sign in first',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    409: 'Conflict',
    413: 'Request too large',
    415: 'Unsupported media type',
    422: 'Rules not met',
    428: 'Version required (If-Match)',
    500: 'Internal error',
    503: 'Try again shortly',
  },
  problemFallbackTitle: 'Error',
};

/** An entity as the subject of a sentence: "Opslaget findes ikke". */
const ENTITY_DA: Record<EntityName, string> = {
  call: 'Opslaget',
  application: 'Ansøgningen',
  assignment: 'Tildelingen',
  declaration: 'Erklæringen',
  meeting: 'Mødet',
  award: 'Bevillingen',
  report: 'Rapporten',
  party: 'Parten',
  case: 'Sagen',
  contribution: 'Bidraget',
  year: 'Året',
  user: 'Brugeren',
  message: 'Beskeden',
  invitation: 'Invitationen',
  member: 'Medansøgeren',
  document: 'Bilaget',
  organisation: 'Organisationen',
  conflict: 'Inhabiliteten',
  export: 'Eksporten',
};
const ENTITY_EN: Record<EntityName, string> = {
  call: 'The call',
  application: 'The application',
  assignment: 'The assignment',
  declaration: 'The declaration',
  meeting: 'The meeting',
  award: 'The award',
  report: 'The report',
  party: 'The party',
  case: 'The case',
  contribution: 'The contribution',
  year: 'The year',
  user: 'The user',
  message: 'The message',
  invitation: 'The invitation',
  member: 'The co-applicant',
  document: 'The attachment',
  organisation: 'The organisation',
  conflict: 'The conflict of interest',
  export: 'The export',
};

type SharedMessages = CommonMessages & ValidationMessages;

export const daMessages: MessageTexts<SharedMessages> = {
  NOT_FOUND: ({ entity }) => `${ENTITY_DA[entity]} findes ikke`,
  FORBIDDEN: () => 'Du har ikke adgang til dette',
  REQUIRED: () => 'Skal udfyldes',
  DUPLICATE: ({ line, party, year, firstLine }) =>
    line === undefined
      ? 'Står der to gange'
      : `Linje ${line}: ${party} ${year} står også i linje ${firstLine}`,
  VERSION_CONFLICT: () => 'Nogen har ændret dette imens; hent det igen',
  DATABASE_BUSY: () => 'Databasen svarer ikke lige nu; prøv igen om lidt',
  SIGN_IN: () => 'Log ind først',
  SIGN_IN_AGAIN: () => 'Log ind igen',
  UNKNOWN_DEMO_USER: () => 'Ukendt demobruger',
  SIGN_IN_UNAVAILABLE: () => 'Log-in svarede ikke; prøv igen om lidt',
  SIGN_IN_NOT_VERIFIED: () => 'Log-in kunne ikke bekræftes',
  FORM_KEPT: () =>
    'Du var logget ud, da du sendte formularen. Det du skrev er gemt her: se det igennem og send igen',
  INVALID_INPUT: () => 'Ugyldige oplysninger',
  RULES_NOT_MET: () => 'Reglerne er ikke opfyldt',
  INVALID_CURSOR: () => 'Ugyldig cursor',
  IF_MATCH_INVALID: () => 'If-Match skal være en version, fx "3"',
  IF_MATCH_REQUIRED: () => 'Send den version du læste i If-Match',
  IDEMPOTENCY_KEY_CLAIMED: () => 'Idempotency-Key er brugt',
  MALFORMED_BODY: () => 'Forespørgslen er ikke gyldig JSON',
  BODY_TOO_LARGE: ({ maxBytes }) => `Højst ${formatInteger(maxBytes, 'da')} bytes`,
  NOT_READY: ({ unavailable }) => `Svarer ikke: ${unavailable.join(', ')}; prøv igen om lidt`,
  UNKNOWN_PATH: () => 'Ukendt adresse',
  AUTHORIZATION_MALFORMED: () => 'Send Authorization: Bearer <token>',
  invalid_type: ({ expected }) =>
    expected === 'int' || expected === 'number'
      ? 'Skal være et helt tal'
      : expected === 'array'
        ? 'Skal være en liste'
        : expected === 'object'
          ? 'Skal være et objekt'
          : 'Skal udfyldes med tekst',
  too_small: ({ origin, minimum }) =>
    origin === 'string'
      ? minimum <= 1
        ? 'Skal udfyldes'
        : `Skal være mindst ${minimum} tegn`
      : origin === 'array'
        ? `Skal have mindst ${minimum}`
        : `Skal være mindst ${minimum}`,
  too_big: ({ origin, maximum }) =>
    origin === 'string'
      ? `Højst ${maximum} tegn`
      : origin === 'array'
        ? `Højst ${maximum}`
        : `Må højst være ${maximum}`,
  invalid_format: ({ format }) =>
    format === 'email'
      ? 'Ugyldig e-mailadresse'
      : format === 'date'
        ? 'Ugyldig dato (ÅÅÅÅ-MM-DD)'
        : format === 'text'
          ? 'Indeholder ugyldige tegn'
          : 'Ugyldigt format',
  invalid_value: () => 'Vælg en af de mulige værdier',
  invalid_union: () => 'Ugyldig værdi',
  unknown_field: ({ key }) => `Ukendt felt: "${key}"`,
  not_a_number: () => 'Skal være et tal',
  not_an_amount: () => 'Skriv et beløb i kroner, fx 300.000 eller 1.250,50',
  not_a_datetime: () => 'Angiv dato og klokkeslæt (fx 2027-09-01T12:00)',
  duplicate_id: () => 'Id er brugt to gange',
  duplicate_value: () => 'Værdien er valgt to gange',
  // Storage
  TOO_MANY_SUBMISSIONS: () => 'For mange samtidige indsendelser; prøv igen',
  invalid_cursor: () => 'Brug cursor fra forrige side',
};

export const enMessages: MessageTexts<SharedMessages> = {
  NOT_FOUND: ({ entity }) => `${ENTITY_EN[entity]} was not found`,
  FORBIDDEN: () => 'You do not have access to this',
  REQUIRED: () => 'Required',
  DUPLICATE: ({ line, party, year, firstLine }) =>
    line === undefined ? 'Given twice' : `Line ${line}: ${party} ${year} is also on line ${firstLine}`,
  VERSION_CONFLICT: () => 'Someone changed this meanwhile; reload it',
  DATABASE_BUSY: () => 'The database is not answering just now; try again shortly',
  SIGN_IN: () => 'Sign in first',
  SIGN_IN_AGAIN: () => 'Please sign in again',
  UNKNOWN_DEMO_USER: () => 'Unknown demo user',
  SIGN_IN_UNAVAILABLE: () => 'Sign-in did not answer; try again shortly',
  SIGN_IN_NOT_VERIFIED: () => 'Sign-in could not be verified',
  FORM_KEPT: () =>
    'You were signed out when you sent the form. What you typed is kept here: check it and send it again',
  INVALID_INPUT: () => 'Invalid input',
  RULES_NOT_MET: () => 'The rules are not met',
  INVALID_CURSOR: () => 'Invalid cursor',
  IF_MATCH_INVALID: () => 'If-Match must be a version, e.g. "3"',
  IF_MATCH_REQUIRED: () => 'Send the version you read in If-Match',
  IDEMPOTENCY_KEY_CLAIMED: () => 'Idempotency-Key already used',
  MALFORMED_BODY: () => 'The request body is not valid JSON',
  BODY_TOO_LARGE: ({ maxBytes }) => `At most ${formatInteger(maxBytes, 'en')} bytes`,
  NOT_READY: ({ unavailable }) => `Not answering: ${unavailable.join(', ')}; try again shortly`,
  UNKNOWN_PATH: () => 'Unknown path',
  AUTHORIZATION_MALFORMED: () => 'Send Authorization: Bearer <token>',
  invalid_type: ({ expected }) =>
    expected === 'int' || expected === 'number'
      ? 'Must be a whole number'
      : expected === 'array'
        ? 'Must be a list'
        : expected === 'object'
          ? 'Must be an object'
          : 'Must be text',
  too_small: ({ origin, minimum }) =>
    origin === 'string'
      ? minimum <= 1
        ? 'Required'
        : `Must be at least ${minimum} characters`
      : origin === 'array'
        ? `Needs at least ${minimum}`
        : `Must be at least ${minimum}`,
  too_big: ({ origin, maximum }) =>
    origin === 'string'
      ? `At most ${maximum} characters`
      : origin === 'array'
        ? `At most ${maximum}`
        : `Must be at most ${maximum}`,
  invalid_format: ({ format }) =>
    format === 'email'
      ? 'Invalid e-mail address'
      : format === 'date'
        ? 'Invalid date (YYYY-MM-DD)'
        : format === 'text'
          ? 'Contains characters that are not allowed'
          : 'Invalid format',
  invalid_value: () => 'Choose one of the allowed values',
  invalid_union: () => 'Invalid value',
  unknown_field: ({ key }) => `Unknown field: "${key}"`,
  not_a_number: () => 'Must be a number',
  not_an_amount: () => 'Write an amount in kroner, e.g. 300.000 or 1.250,50',
  not_a_datetime: () => 'Give a date and time (e.g. 2027-09-01T12:00)',
  duplicate_id: () => 'Id used twice',
  duplicate_value: () => 'Value chosen twice',
  // Storage
  TOO_MANY_SUBMISSIONS: () => 'Too many submissions at once; try again',
  invalid_cursor: () => 'Use the cursor from the previous page',
};
