import type { ErasureMail } from '../core/cases/erasure.messages.js';
import type { ErasureState, RetentionRun } from '../core/cases/erasure.values.js';
import { formatDate, formatDateTime, plural } from './format.js';
import type { MailTexts } from './messages.js';

/*
 * "Mine data", erasure and the retention schedule (issue 12): the pages' words and the two e-mails. Danish
 * first; `en` has the same shape.
 */

const SIGNATURE = 'Folkesundhed i Midten';

type RunCounts = Pick<
  RetentionRun,
  'reminded' | 'deleted' | 'anonymised' | 'erasuresCompleted' | 'messagesAnonymised'
>;

export const da = {
  myData: {
    title: 'Mine data',
    nav: 'Mine data',
    intro: 'Her kan du se, hvad platformen har om dig, hente det hele og bede om at få det slettet.',
    holdsTitle: 'Det har vi om dig',
    holds: [
      'Din profil: navn, e-mail, organisation og roller.',
      'Ansøgninger, du ejer eller er medansøger på, med deres bilag.',
      'Bedømmelser, du har skrevet, og beskeder, vi har sendt dig.',
      'Sagernes hændelseslog, som nævner dig ved et id, ikke ved navn.',
    ],
    exportTitle: 'Hent dine data',
    exportLink: 'Hent alle dine data (ZIP)',
    eraseTitle: 'Slet mine oplysninger',
    eraseIntro:
      'Kladder, du ejer alene, slettes med det samme sammen med deres bilag. Kladder med medansøgere overdrages til den medansøger, der har været med længst, og du forlader dem. Indsendte og afgjorte sager skal vi efter arkivloven gemme i opbevaringsperioden; derefter anonymiseres de. Din konto lukkes, og du bliver logget ud.',
    eraseButton: 'Slet mine oplysninger',
    confirmTitle: 'Er du sikker?',
    confirmIntro:
      'Sletningen kan ikke fortrydes. Du logges ud og kan ikke logge ind igen. Vi sender dig en e-mail om, hvad der er slettet, og hvad der gemmes til hvornår.',
    confirmButton: 'Ja, slet mine oplysninger',
    cancel: 'Fortryd',
    requestedTitle: 'Du har bedt om sletning',
    done: 'Dine oplysninger er slettet.',
    deletedNow: (n: { drafts: number; documents: number; handedOver: number; left: number }) =>
      `Slettet nu: ${n.drafts} ${plural(n.drafts, 'da', { one: 'kladde', other: 'kladder' })} og ${n.documents} ${plural(n.documents, 'da', { one: 'bilag', other: 'bilag' })}; ${n.handedOver} overdraget, ${n.left} forladt.`,
    keptUntil: (date: string) =>
      `Indsendte og afgjorte sager gemmes til ${formatDate(date, 'da')} og anonymiseres derefter.`,
    nothingKept: 'Vi gemmer ingen sager med dine oplysninger.',
  },
  erasures: {
    title: 'Anmodninger om sletning',
    nav: 'Sletning og opbevaring',
    intro: 'Personer, der har bedt om sletning, nyeste først.',
    none: 'Ingen har bedt om sletning.',
    person: 'Person (id)',
    requestedAt: 'Anmodet',
    state: 'Status',
    deleted: 'Slettet nu',
    kept: 'Gemte sager',
    keptUntil: 'Gemmes til',
    states: { 'waiting-retention': 'Venter på opbevaringsperioden', done: 'Afsluttet' } satisfies Record<
      ErasureState,
      string
    >,
    next: 'Næste side',
    first: 'Første side',
    retentionLink: 'Opbevaring: prøvekørsel og seneste kørsler',
  },
  retention: {
    title: 'Opbevaring',
    intro: (s: { draftUntouchedMonths: number; draftReminderDays: number; closedCaseYears: number }) =>
      `Kladder, der ikke er rørt i ${s.draftUntouchedMonths} måneder, slettes; ejeren får besked ${s.draftReminderDays} dage før. Afsluttede sager anonymiseres ${s.closedCaseYears} år efter, de blev afsluttet. Jobbet kører dagligt.`,
    dryRun: 'Prøvekør (intet ændres)',
    dryRunTitle: 'Det ville en kørsel gøre nu',
    runsTitle: 'Seneste kørsler',
    noRuns: 'Jobbet har ikke kørt endnu.',
    at: 'Tidspunkt',
    reminded: 'Påmindet',
    deleted: 'Kladder slettet',
    anonymised: 'Sager anonymiseret',
    erasuresCompleted: 'Sletninger afsluttet',
    messagesAnonymised: 'Beskeder anonymiseret',
    deleteOn: (date: string) => `slettes ${formatDate(date, 'da')}`,
    nothing: 'Intet at gøre.',
    when: (iso: string) => formatDateTime(iso, 'da'),
    terminal: (run: RunCounts) =>
      `Opbevaring: ${run.reminded.length} påmindet, ${run.deleted.length} kladder slettet, ${run.anonymised.length} sager anonymiseret, ${run.erasuresCompleted.length} sletninger afsluttet, ${run.messagesAnonymised?.length ?? 0} beskeder anonymiseret`,
  },
};

export const en: typeof da = {
  myData: {
    title: 'My data',
    nav: 'My data',
    intro: 'See what the platform holds about you, download all of it, and ask for it to be erased.',
    holdsTitle: 'What we hold about you',
    holds: [
      'Your profile: name, e-mail, organisation and roles.',
      'Applications you own or co-own, with their documents.',
      'Reviews you wrote and messages we sent you.',
      'The cases’ records, which name you by an id, not by name.',
    ],
    exportTitle: 'Download your data',
    exportLink: 'Download all your data (ZIP)',
    eraseTitle: 'Erase my data',
    eraseIntro:
      'Drafts you own alone are deleted at once with their documents. Drafts with co-applicants are handed to the longest-standing co-applicant, and you leave them. Submitted and decided cases must be kept under archive law for the retention period; they are anonymised after it. Your account is closed and you are signed out.',
    eraseButton: 'Erase my data',
    confirmTitle: 'Are you sure?',
    confirmIntro:
      'Erasure cannot be undone. You are signed out and cannot sign in again. We e-mail you what was deleted and what is kept until when.',
    confirmButton: 'Yes, erase my data',
    cancel: 'Cancel',
    requestedTitle: 'You asked for erasure',
    done: 'Your data has been erased.',
    deletedNow: (n) =>
      `Deleted now: ${n.drafts} ${plural(n.drafts, 'en', { one: 'draft', other: 'drafts' })} and ${n.documents} ${plural(n.documents, 'en', { one: 'document', other: 'documents' })}; ${n.handedOver} handed over, ${n.left} left.`,
    keptUntil: (date) =>
      `Submitted and decided cases are kept until ${formatDate(date, 'en')}, then anonymised.`,
    nothingKept: 'We keep no cases with your data.',
  },
  erasures: {
    title: 'Erasure requests',
    nav: 'Erasure and retention',
    intro: 'People who asked for erasure, newest first.',
    none: 'No one has asked for erasure.',
    person: 'Person (id)',
    requestedAt: 'Requested',
    state: 'State',
    deleted: 'Deleted now',
    kept: 'Kept cases',
    keptUntil: 'Kept until',
    states: { 'waiting-retention': 'Waiting for the retention period', done: 'Completed' },
    next: 'Next page',
    first: 'First page',
    retentionLink: 'Retention: dry run and latest runs',
  },
  retention: {
    title: 'Retention',
    intro: (s) =>
      `Drafts untouched for ${s.draftUntouchedMonths} months are deleted; the owner is told ${s.draftReminderDays} days before. Closed cases are anonymised ${s.closedCaseYears} years after they closed. The job runs daily.`,
    dryRun: 'Dry run (nothing changes)',
    dryRunTitle: 'What a run would do now',
    runsTitle: 'Latest runs',
    noRuns: 'The job has not run yet.',
    at: 'When',
    reminded: 'Reminded',
    deleted: 'Drafts deleted',
    anonymised: 'Cases anonymised',
    erasuresCompleted: 'Erasures completed',
    messagesAnonymised: 'Messages anonymised',
    deleteOn: (date) => `deleted ${formatDate(date, 'en')}`,
    nothing: 'Nothing to do.',
    when: (iso) => formatDateTime(iso, 'en'),
    terminal: (run) =>
      `Retention: ${run.reminded.length} reminded, ${run.deleted.length} drafts deleted, ${run.anonymised.length} cases anonymised, ${run.erasuresCompleted.length} erasures completed, ${run.messagesAnonymised?.length ?? 0} messages anonymised`,
  },
};

const keptLinesDa = (kept: { reference: string; keptUntil: string }[]) =>
  kept.map(
    (k) =>
      `- ${k.reference || 'Sag uden journalnummer'}: gemmes til ${formatDate(k.keptUntil.slice(0, 10), 'da')}`,
  );
const keptLinesEn = (kept: { reference: string; keptUntil: string }[]) =>
  kept.map(
    (k) =>
      `- ${k.reference || 'Case without a reference'}: kept until ${formatDate(k.keptUntil.slice(0, 10), 'en')}`,
  );

export const daMail: MailTexts<ErasureMail> = {
  'erasure.confirmed': ({ name, drafts, documents, handedOver, left, keptCases, retentionYears }) => ({
    subject: 'Dine oplysninger er slettet',
    body: [
      `Kære ${name}`,
      '',
      'Vi har modtaget din anmodning om sletning og har lukket din konto.',
      `Slettet nu: ${drafts} ${plural(drafts, 'da', { one: 'kladde', other: 'kladder' })} med ${documents} bilag. ${handedOver} ${plural(handedOver, 'da', { one: 'kladde', other: 'kladder' })} med medansøgere er overdraget til en medansøger, og du har forladt ${left} ${plural(left, 'da', { one: 'kladde', other: 'kladder' })}, du var medansøger på.`,
      ...(keptCases.length === 0
        ? ['Vi gemmer ingen sager med dine oplysninger.']
        : [
            `Disse sager gemmes, fordi arkivloven og offentlighedsloven kræver, at en myndighed opbevarer sine sager (${retentionYears} år efter, sagen er afsluttet). Derefter anonymiseres de:`,
            ...keptLinesDa(keptCases),
          ]),
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'retention.draft_reminder': ({ name, title, untouchedMonths, deleteOn }) => ({
    subject: `Din kladde slettes ${formatDate(deleteOn, 'da')}`,
    body: [
      `Kære ${name}`,
      '',
      `Din kladde "${title || 'uden titel'}" har ikke været ændret i næsten ${untouchedMonths} måneder og slettes ${formatDate(deleteOn, 'da')} sammen med dens bilag.`,
      'Vil du beholde den, så gem en ændring i kladden inden da.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};

export const enMail: MailTexts<ErasureMail> = {
  'erasure.confirmed': ({ name, drafts, documents, handedOver, left, keptCases, retentionYears }) => ({
    subject: 'Your data has been erased',
    body: [
      `Dear ${name}`,
      '',
      'We have received your request for erasure and closed your account.',
      `Deleted now: ${drafts} ${plural(drafts, 'en', { one: 'draft', other: 'drafts' })} with ${documents} ${plural(documents, 'en', { one: 'document', other: 'documents' })}. ${handedOver} ${plural(handedOver, 'en', { one: 'draft', other: 'drafts' })} with co-applicants were handed to a co-applicant, and you left ${left} ${plural(left, 'en', { one: 'draft', other: 'drafts' })} you had joined.`,
      ...(keptCases.length === 0
        ? ['We keep no cases with your data.']
        : [
            `These cases are kept because Danish archive law and the Access to Public Administration Files Act require a public body to keep its cases (${retentionYears} years after a case closed). They are anonymised after that:`,
            ...keptLinesEn(keptCases),
          ]),
      '',
      SIGNATURE,
    ].join('\n'),
  }),
  'retention.draft_reminder': ({ name, title, untouchedMonths, deleteOn }) => ({
    subject: `Your draft will be deleted on ${formatDate(deleteOn, 'en')}`,
    body: [
      `Dear ${name}`,
      '',
      `Your draft "${title || 'untitled'}" has not been changed for almost ${untouchedMonths} months and will be deleted with its documents on ${formatDate(deleteOn, 'en')}.`,
      'To keep it, save a change to the draft before then.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};
