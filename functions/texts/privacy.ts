/*
 * The privacy notice (GDPR arts. 13 and 14): who the controller is, why and on what basis the platform holds
 * personal data, who receives it, how long it is kept, the person's rights and whom to write to. The
 * controller's name and addresses come from configuration (functions/http/config.ts) as `c`. Danish first.
 */

interface Controller {
  name: string;
  address: string;
  email: string;
  dpoEmail: string;
}

export const da = {
  privacy: {
    title: 'Privatlivspolitik',
    nav: 'Privatliv',
    firstIntro: 'Før du går videre: sådan behandler vi dine personoplysninger.',
    seen: 'Jeg har læst det – fortsæt',
    controllerTitle: 'Dataansvarlig',
    controller: (c: Controller) =>
      `${c.name}, ${c.address}, er dataansvarlig for oplysningerne på platformen Folkesundhed i Midten (FIM). Skriv til ${c.email}.`,
    dpo: (c: Controller) => `Databeskyttelsesrådgiveren kan kontaktes på ${c.dpoEmail}.`,
    purposesTitle: 'Formål',
    purposes:
      'Vi behandler oplysninger for at kunne modtage, bedømme og afgøre ansøgninger om tilskud, udbetale og følge op på bevillinger, opkræve parternes bidrag og dokumentere sagernes forløb.',
    basisTitle: 'Retsgrundlag',
    basis:
      'Behandlingen er nødvendig for at udføre en opgave i samfundets interesse og som led i offentlig myndighedsudøvelse (databeskyttelsesforordningen art. 6, stk. 1, litra e), med hjemmel i sundhedsloven § 194, forvaltningsloven og offentlighedsloven (notatpligt).',
    recipientsTitle: 'Modtagere',
    recipients:
      'Bedømmere og bestyrelsen ser de ansøgninger, de skal vurdere. Oplysningerne kan udleveres ved aktindsigt efter offentlighedsloven, hvor loven tillader det. Platformen drives i Amazon Web Services i EU som databehandler.',
    retentionTitle: 'Opbevaring',
    retention:
      'Kladder, der ikke er rørt i 12 måneder, slettes (du får besked først). Indsendte og afgjorte sager opbevares, så længe arkivlovgivningen kræver det, og anonymiseres derefter. Sagens hændelseslog nævner personer ved et id, ikke ved navn.',
    rightsTitle: 'Dine rettigheder',
    rights:
      'Du har ret til indsigt i, berigtigelse og – hvor arkivlovgivningen tillader det – sletning af dine oplysninger, og til at gøre indsigelse. Under "Mine data" kan du bede om sletning. Du kan klage til Datatilsynet, datatilsynet.dk.',
    contactTitle: 'Kontakt',
    contact: (c: Controller) => `Spørgsmål om dine oplysninger: ${c.email}.`,
    a11yContact: (c: Controller) =>
      `Skriv til ${c.name} på ${c.email}, hvis noget på siden ikke virker for dig. Får du ikke svar, kan du klage til Digitaliseringsstyrelsen:`,
    a11yComplaint: 'Klag over tilgængeligheden',
  },
};

export const en: typeof da = {
  privacy: {
    title: 'Privacy notice',
    nav: 'Privacy',
    firstIntro: 'Before you go on: this is how we handle your personal data.',
    seen: 'I have read it – continue',
    controllerTitle: 'Data controller',
    controller: (c: Controller) =>
      `${c.name}, ${c.address}, is the controller of the data on the Folkesundhed i Midten (FIM) platform. Write to ${c.email}.`,
    dpo: (c: Controller) => `The data protection officer can be reached at ${c.dpoEmail}.`,
    purposesTitle: 'Purposes',
    purposes:
      'We process data to receive, review and decide grant applications, to pay out and follow up awards, to invoice the parties’ contributions, and to record how each case went.',
    basisTitle: 'Legal basis',
    basis:
      'The processing is necessary for a task carried out in the public interest and in the exercise of official authority (GDPR art. 6(1)(e)), under the Danish Health Act § 194, the Public Administration Act and the Access to Public Administration Files Act (duty to record).',
    recipientsTitle: 'Recipients',
    recipients:
      'Reviewers and the board see the applications they assess. Data may be disclosed on a request for access to documents where the law allows. The platform runs on Amazon Web Services in the EU as processor.',
    retentionTitle: 'Retention',
    retention:
      'Drafts untouched for 12 months are deleted (you are told first). Submitted and decided cases are kept as long as archive law requires, then anonymised. The case record names people by an id, not by name.',
    rightsTitle: 'Your rights',
    rights:
      'You have the right of access, rectification and – where archive law allows – erasure, and to object. Under "My data" you can ask for erasure. You can complain to the Danish Data Protection Agency, datatilsynet.dk.',
    contactTitle: 'Contact',
    contact: (c: Controller) => `Questions about your data: ${c.email}.`,
    a11yContact: (c: Controller) =>
      `Write to ${c.name} at ${c.email} if something on the site does not work for you. If you get no answer, you can complain to the Agency for Digital Government:`,
    a11yComplaint: 'Complain about accessibility',
  },
};
