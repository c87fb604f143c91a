import type { CallMessages } from '../core/calls/call.messages.js';
import type { MessageTexts } from './messages.js';

/** Calls: the list of open calls and a call's page. Danish first; `en` has the same shape, so the compiler finds a missing text. */
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
};

export const daMessages: MessageTexts<CallMessages> = {
  closes_before_opens: () => 'Fristen skal ligge efter åbningstidspunktet',
  grant_over_budget: () => 'Maksimumsbeløbet må ikke overstige puljens samlede budget',
  due_months_or_date: () => 'Angiv enten antal måneder efter start eller en dato, ikke begge',
};

export const enMessages: MessageTexts<CallMessages> = {
  closes_before_opens: () => 'The deadline must come after the opening time',
  grant_over_budget: () => 'The maximum may not exceed the call’s total budget',
  due_months_or_date: () => 'Give either months after the start or a date, not both',
};
