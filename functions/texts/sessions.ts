/** The administrator's pages on people and their sign-in sessions. */
export const da = {
  sessions: {
    usersTitle: 'Brugere',
    usersIntro:
      'Alle der har logget ind eller er oprettet som demobrugere. Vælg en person for at se og afslutte deres sessioner.',
    name: 'Navn',
    email: 'E-mail',
    roles: 'Roller',
    title: (name: string) => `Sessioner for ${name}`,
    intro:
      'En session slutter efter 2 timer uden brug og senest 10 timer efter log-ind. Afslut alle, hvis en computer er mistet eller personen ikke længere skal have adgang.',
    started: 'Logget ind',
    lastSeen: 'Sidst brugt',
    ends: 'Slutter senest',
    none: 'Ingen aktive sessioner.',
    endAll: 'Afslut alle sessioner',
    ended: (n: number) => (n === 1 ? '1 session er afsluttet.' : `${n} sessioner er afsluttet.`),
    back: 'Alle brugere',
  },
};

export const en: typeof da = {
  sessions: {
    usersTitle: 'Users',
    usersIntro:
      'Everyone who has signed in or is set up as a demo user. Choose a person to see and end their sessions.',
    name: 'Name',
    email: 'E-mail',
    roles: 'Roles',
    title: (name: string) => `Sessions of ${name}`,
    intro:
      'A session ends after 2 hours unused and at the latest 10 hours after sign-in. End them all if a computer is lost or the person should no longer have access.',
    started: 'Signed in',
    lastSeen: 'Last used',
    ends: 'Ends at the latest',
    none: 'No live sessions.',
    endAll: 'End all sessions',
    ended: (n: number) => (n === 1 ? '1 session was ended.' : `${n} sessions were ended.`),
    back: 'All users',
  },
};
