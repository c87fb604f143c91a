import type { FinanceMail, FinanceMessages, InvariantMessages } from '../core/finance/finance.messages.js';
import type { BalanceCounter } from '../core/finance/finance.schema.js';
import type { MovementKind } from '../core/finance/idempotency.js';
import { formatDate, formatInteger, formatKr, formatMonth, plural } from './format.js';
import type { Lang } from './lang.js';
import type { MailTexts, MessageTexts } from './messages.js';

/** A word's form for a count, by the language's plural rules. */
const daForm = (n: number, one: string, other: string) => plural(n, 'da', { one, other });
const enForm = (n: number, one: string, other: string) => plural(n, 'en', { one, other });

/** Finance: population figures, years, contributions, payments, the ledger and the pool. Danish first; `en` has the same shape, so the compiler finds a missing text. */
export const da = {
  finance: {
    nav: 'Økonomi',
    title: 'Økonomi',
    intro: 'Folketal, årets bidrag fra de 20 parter, betalinger og puljens saldo.',
    chooseYear: 'Vælg år',
    year: 'År',
    show: 'Vis året',
    yearLinks: 'Årsoversigter',
    overviewOf: (year: number) => `Oversigt ${year}`,
    importLink: 'Indlæs folketal',
    partiesLink: 'Parterne og deres folketal (offentlig side)',
    importTitle: 'Indlæs folketal',
    importIntro:
      'Indsæt en CSV-fil med kolonnerne party,year,population eller et FOLK1A-udtræk fra Danmarks Statistik. Forhåndsvis først; intet gemmes, før du vælger Anvend, og en fil med fejl gemmes slet ikke.',
    csv: 'Filens indhold (CSV)',
    csvHint: 'Fx: party,year,population og derefter én linje pr. part: Aarhus Kommune,2026,367095',
    file: 'Eller vælg filen',
    fileHint: (kb: number) =>
      `En CSV- eller tekstfil på højst ${kb} kB, UTF-8 eller Windows-1252. Vælger du en fil, bruges den i stedet for feltet ovenfor.`,
    preview: 'Forhåndsvis',
    apply: 'Anvend',
    applied: (written: number, figures: number) =>
      `Indlæst: ${written} af ${figures} tal er ${daForm(written, 'nyt eller ændret', 'nye eller ændrede')} og er gemt.`,
    previewTitle: 'Forhåndsvisning',
    previewSummary: (n: number, c: number, u: number) =>
      `${n} ${daForm(n, 'nyt', 'nye')}, ${c} ${daForm(c, 'ændret', 'ændrede')}, ${u} ${daForm(u, 'uændret', 'uændrede')}. Intet er gemt endnu.`,
    problemsTitle: 'Filen har fejl; intet er gemt',
    party: 'Part',
    current: 'Nuværende',
    newFigure: 'Nyt tal',
    change: 'Ændring',
    outcome: 'Udfald',
    outcomes: { new: 'Nyt', changed: 'Ændret', unchanged: 'Uændret' },
    none: '–',
    yearTitle: (year: number) => `Økonomi ${year}`,
    settings: 'Årets opsætning',
    notSetUp: 'Året er ikke sat op endnu. Udfyld opsætningen og gem den; derefter kan bidragene beregnes.',
    referenceYear: 'Referenceår for folketal',
    referenceYearHint: 'Folketallet pr. 1. januar dette år bruges.',
    dueDate: 'Betalingsfrist',
    municipalityRate: 'Sats for kommuner (kr. pr. borger)',
    regionRate: 'Sats for regionen (kr. pr. borger)',
    rateHint: 'Fx 1 eller 1,25',
    grantShare: 'Andel til projektstøtte',
    numerator: 'Tæller',
    denominator: 'Nævner',
    grantShareHint: 'Fx 4 og 5 for 4/5 af indtægten.',
    paymentDetails: 'Betalingsoplysninger',
    paymentDetailsHint:
      'Kontoen, parterne betaler bidraget til. Den står i opkrævningen, så opkrævningerne kan først sendes, når alle tre er udfyldt.',
    payee: 'Betalingsmodtager',
    payeeHint: 'Fx Region Midtjylland, Folkesundhed i Midten',
    registrationNumber: 'Reg.nr.',
    registrationNumberHint: '4 cifre',
    accountNumber: 'Kontonummer',
    accountNumberHint: 'Op til 10 cifre',
    payTo: (payee: string, registrationNumber: string, accountNumber: string) =>
      `Opkrævningerne beder om betaling til ${payee}, reg.nr. ${registrationNumber}, kontonr. ${accountNumber}.`,
    noPaymentDetails:
      'Årets betalingsoplysninger mangler: udfyld betalingsmodtager, reg.nr. og kontonummer i opsætningen, før opkrævningerne sendes.',
    save: 'Gem opsætningen',
    saved: 'Opsætningen er gemt.',
    conflict: 'Opsætningen er ændret et andet sted. Siden viser den nu; ret igen.',
    errorHeading: 'Der er problemer',
    run: 'Beregn bidragene',
    runHint: 'Beregner hver parts bidrag ud fra folketallet og satsen. Sendte opkrævninger ændres ikke.',
    ran: (created: number, recomputed: number, unchanged: number, differing: number) =>
      `Bidragene er beregnet: ${created} ${daForm(created, 'nyt', 'nye')}, ${recomputed} ${daForm(recomputed, 'genberegnet', 'genberegnede')}, ${unchanged} ${daForm(unchanged, 'uændret', 'uændrede')}.${differing > 0 ? ` ${differing} ${daForm(differing, 'sendt opkrævning afviger', 'sendte opkrævninger afviger')} fra de nye tal: ret ${daForm(differing, 'den', 'dem')} med en regulering.` : ''}`,
    send: 'Send opkrævningerne',
    sendHint: 'Markerer de beregnede bidrag som sendt og lægger en opkrævning pr. part til afsendelse.',
    /** `queued` counts every demand made now, those without an address included: they cannot go out. */
    sentNotice: (queued: number, already: number, noAddress: number) =>
      `${queued - noAddress} ${daForm(queued - noAddress, 'opkrævning', 'opkrævninger')} sendes nu; ${already} var sendt i forvejen.${noAddress > 0 ? ` ${noAddress} ${daForm(noAddress, 'part', 'parter')} har ingen faktura-e-mail og kan ikke modtage ${daForm(noAddress, 'sin opkrævning', 'deres opkrævninger')}.` : ''}`,
    overview: 'Bidrag pr. part',
    notComputed: 'Bidragene er ikke beregnet endnu.',
    population: 'Folketal',
    rate: 'Sats',
    demand: 'Opkrævning',
    adjustments: 'Reguleringer',
    paid: 'Betalt',
    outstanding: 'Udestående',
    status: 'Status',
    total: 'I alt',
    populationTotalNote:
      'Folketallet i alt tæller hver borger én gang: regionens borgere er kommunernes borgere, så regionens række indgår ikke i summen. Bidraget betales af både regionen og kommunerne.',
    statuses: {
      due: 'Ikke betalt',
      partly_paid: 'Delvist betalt',
      paid: 'Betalt',
      overdue: 'Fristen er overskredet',
      not_computed: 'Ikke beregnet',
      computed: 'Beregnet, ikke sendt',
    },
    overpaid: (amount: string) => `Overbetalt med ${amount}`,
    overpaidCol: 'Overbetalt',
    derived: 'summen af kommunerne',
    balances: 'Årets bevægelser',
    balancesHint:
      'Det, der er bogført i årets regnskab. Årets eget beløb til rådighed kan være negativt, når året har bevilget penge, der kom ind i tidligere år.',
    received: 'Modtaget',
    committed: 'Bevilget (forpligtet)',
    disbursed: 'Udbetalt',
    refunded: 'Tilbagebetalt',
    released: 'Frigivet ved lukning',
    available: 'Til rådighed',
    grantShareAmount: (share: string) => `Heraf andel til projektstøtte (${share})`,
    otherShare: 'Heraf til puljens øvrige formål',
    grantAvailable: 'Til rådighed for projektstøtte',
    poolHeading: 'Puljen i alt (alle år)',
    poolHint:
      'Nye bevillinger kan højst udgøre puljens beløb til rådighed for projektstøtte: andelen til projekter af alle indbetalinger plus tilbagebetalinger og frigivne bevillinger minus det bevilgede.',
    poolLink: 'Puljens saldo over årene',
    poolTitle: 'Puljens saldo over årene',
    poolIntro:
      'Hvert år med det, det overtog fra årene før, årets bevægelser og det, det gav videre. Ubrugte midler føres videre til næste år.',
    yearCol: 'År',
    opening: 'Overført fra tidligere år',
    closing: 'Overført til næste år',
    ofWhichGrants: 'Heraf til projektstøtte',
    noBalances: 'Der er endnu ikke bogført noget.',
    poolTableCaption: 'Puljens saldo pr. år i kroner; sidste række er puljen i alt.',
    contributionChart: 'Bidrag pr. part: opkrævet og betalt',
    contributionChartDesc:
      'Vandrette søjler pr. part: skraveret søjle er opkrævningen, udfyldt søjle er det betalte.',
    chartLegendDemand: 'Opkrævet (skraveret)',
    chartLegendPaid: 'Betalt (udfyldt)',
    balanceChart: 'Puljens saldo gennem året',
    balanceChartDesc:
      'Trappekurve over det beløb, puljen har til rådighed, i kroner efter dato: overført fra tidligere år, plus indbetalinger, tilbagebetalinger og frigivne bevillinger, minus nye bevillinger.',
    balanceTable: 'Puljens bevægelser efter dato',
    noPayments: 'Der er ikke bogført bevægelser i året endnu.',
    date: 'Dato',
    amount: 'Beløb',
    cumulative: 'Til rådighed',
    openingRow: 'Overført fra tidligere år',
    axisKr: 'kr.',
    /** A month on a chart's time axis (1 = January). */
    monthOf: (month: number, year: number) => formatMonth(month, year, 'da'),
    inKr: (label: string) => `${label} (kr.)`,
    chartOf: (name: string, demand: string, paid: string) => `${name}: opkrævet ${demand}, betalt ${paid}`,
    balanceOf: (date: string, total: string) => `${date}: ${total}`,
    exports: 'Eksport til regneark',
    contributionsCsv: 'Bidrag (CSV)',
    ledgerCsv: 'Posteringer (CSV)',
    exportIncomplete: 'EKSPORTEN ER UFULDSTÆNDIG: en fejl afbrød den her. Hent filen igen.',
    ledgerLink: 'Posteringer (side for side)',
    backToYear: (year: number) => `Tilbage til oversigten ${year}`,
    contribution: 'Bidraget',
    state: 'Tilstand',
    totalDue: 'Skyldigt i alt',
    referencePopulation: (year: number) => `Folketal pr. 1. januar ${year}`,
    entries: 'Betalinger og reguleringer',
    noEntries: 'Ingen betalinger eller reguleringer endnu.',
    kind: 'Art',
    kinds: {
      contribution_received: 'Betaling',
      award_committed: 'Bevilling',
      disbursement: 'Udbetaling',
      refund: 'Tilbagebetaling',
      commitment_released: 'Frigivet bevilling',
      adjustment: 'Regulering',
    },
    recordedAt: 'Bogført',
    recordedBy: 'Bogført af',
    details: 'Reference eller begrundelse',
    payment: 'Registrér en betaling',
    paymentAmount: 'Beløb (kr.)',
    paymentAmountHint: 'Fx 367.095 eller 1.250,50',
    paidOn: 'Betalt den',
    reference: 'Reference (fx fra kontoudtoget)',
    recordPayment: 'Registrér betalingen',
    paymentRecorded: 'Betalingen er registreret.',
    adjustment: 'Regulér opkrævningen',
    adjustmentHint: 'En sendt opkrævning rettes aldrig; en regulering lægges til eller trækkes fra.',
    adjustmentAmount: 'Regulering (kr.)',
    adjustmentAmountHint: 'Brug minus for at nedsætte, fx -1.000',
    reason: 'Begrundelse',
    recordAdjustment: 'Registrér reguleringen',
    adjustmentRecorded: 'Reguleringen er registreret.',
    adjustNotSent:
      'Reguleringer kan først registreres, når opkrævningen er sendt. Ret folketallet og beregn igen.',
    notAnAmount: 'Skriv et beløb i kroner, fx 1.250,50',
    notPositive: 'Beløbet skal være over 0',
    publicTitle: 'Parterne i Folkesundhed i Midten',
    publicIntro:
      'Region Midtjylland og de 19 kommuner finansierer puljen med et fast beløb pr. borger om året.',
    latestPopulation: 'Seneste folketal',
    populationOn: (year: number) => `pr. 1. januar ${year}`,
    noPopulation: 'Intet folketal endnu',
    yearlyPays: 'Betaler om året',
    paysText: (amount: string, rate: string) =>
      `Ved FIM's standardsats på ${rate} pr. borger svarer det til ${amount} om året. Årets faktiske opkrævning kan afvige, hvis satsen eller folketallet ændres.`,
    kindLabel: { municipality: 'Kommune', region: 'Region' },
    fundedTitle: 'Hvad bidragene har finansieret',
    fundingText: (
      party: string,
      kind: 'municipality' | 'region',
      paid: string,
      percent: string,
      funded: string,
    ) =>
      `${party} har indbetalt ${paid} i alt, ${percent} af puljens indbetalinger. Regnet efter den andel har ${kind === 'region' ? 'regionens' : 'kommunens'} kroner finansieret ${funded} af bevillingerne.`,
    fundingNone: (kind: 'municipality' | 'region') =>
      `Puljen har ikke modtaget nogen indbetalinger endnu, så ${kind === 'region' ? 'regionens' : 'kommunens'} andel kan ikke regnes ud.`,
    allParties: 'Alle parter',
  },
  partyDetails: {
    listTitle: 'Parternes faktureringsoplysninger',
    listIntro:
      'Opkrævninger og kvitteringer for indbetalinger sendes til partens faktura-e-mail. En part uden faktura-e-mail kan ikke modtage sin opkrævning.',
    link: 'Faktureringsoplysninger',
    title: (party: string) => `${party}: faktureringsoplysninger`,
    invoiceEmail: 'Faktura-e-mail',
    invoiceEmailHint: 'Hertil sendes opkrævningen og kvitteringer for indbetalinger.',
    ean: 'EAN-nummer (GLN)',
    eanHint: '13 cifre. Elektroniske fakturaer adresseres til nummeret via NemHandel.',
    cvr: 'CVR-nummer',
    cvrHint: '8 cifre.',
    save: 'Gem oplysningerne',
    saved: 'Oplysningerne er gemt.',
    conflict: 'Oplysningerne er ændret et andet sted. Siden viser dem nu; ret igen.',
    missing: 'mangler',
    cannotReceive: 'Ingen faktura-e-mail: parten kan ikke modtage sin opkrævning.',
    cannotReceiveList: (parties: string) =>
      `Disse parter har ingen faktura-e-mail og kan ikke modtage deres opkrævning: ${parties}.`,
    lastMessage: 'Seneste besked',
    lastMessageArrived: 'ingen fejl',
    messageFailed: (reason: string) => `Partens seneste besked kunne ikke sendes: ${reason}.`,
    messageFailedShort: (reason: string) => `kunne ikke sendes: ${reason}`,
    messageFailedList: (parties: string) =>
      `Disse parters seneste besked nåede ikke frem (ret oplysningerne, og send den igen): ${parties}.`,
    readMessage: 'Læs beskeden',
    resendMessages: 'Send den igen under Parternes beskeder',
    history: 'Ændringer',
    noHistory: 'Oplysningerne er ikke ændret endnu.',
    when: 'Tidspunkt',
    by: 'Ændret af',
    field: 'Felt',
    before: 'Før',
    after: 'Efter',
    empty: '(tom)',
  },
  ledgerPage: {
    title: (year: number) => `Posteringer ${year}`,
    intro: (size: number) => `Årets posteringer, ældste først, ${size} pr. side.`,
    caption: (year: number) => `Posteringer ${year}`,
    partyOrAward: 'Part eller bevilling',
    award: (reference: string) => `Bevilling ${reference}`,
    awardColumn: 'Bevilling',
    empty: 'Ingen posteringer på denne side.',
    next: 'Næste side',
    first: 'Første side',
    lastPage: 'Dette er sidste side.',
    badCursor: 'Siden findes ikke: linket til den er ugyldigt eller forældet. Begynd fra første side.',
    pages: 'Sider',
  },
};

export const en: typeof da = {
  finance: {
    nav: 'Finance',
    title: 'Finance',
    intro: "Populations, the year's contributions from the 20 parties, payments and the pool's balance.",
    chooseYear: 'Choose a year',
    year: 'Year',
    show: 'Show the year',
    yearLinks: 'Year overviews',
    overviewOf: (year: number) => `Overview ${year}`,
    importLink: 'Import populations',
    partiesLink: 'The parties and their populations (public page)',
    importTitle: 'Import populations',
    importIntro:
      'Paste a CSV file with the columns party,year,population or a FOLK1A export from Statistics Denmark. Preview first; nothing is saved until you choose Apply, and a file with errors is not saved at all.',
    csv: "The file's content (CSV)",
    csvHint: 'E.g.: party,year,population and then one line per party: Aarhus Kommune,2026,367095',
    file: 'Or choose the file',
    fileHint: (kb: number) =>
      `A CSV or text file of at most ${kb} kB, UTF-8 or Windows-1252. A chosen file is used instead of the field above.`,
    preview: 'Preview',
    apply: 'Apply',
    applied: (written: number, figures: number) =>
      `Imported: ${written} of ${figures} ${enForm(figures, 'figure', 'figures')} ${enForm(written, 'is', 'are')} new or changed and ${enForm(written, 'is', 'are')} saved.`,
    previewTitle: 'Preview',
    previewSummary: (n: number, c: number, u: number) =>
      `${n} new, ${c} changed, ${u} unchanged. Nothing is saved yet.`,
    problemsTitle: 'The file has errors; nothing was saved',
    party: 'Party',
    current: 'Current',
    newFigure: 'New figure',
    change: 'Change',
    outcome: 'Outcome',
    outcomes: { new: 'New', changed: 'Changed', unchanged: 'Unchanged' },
    none: '–',
    yearTitle: (year: number) => `Finance ${year}`,
    settings: "The year's settings",
    notSetUp:
      'The year is not set up yet. Fill in the settings and save them; then the contributions can be run.',
    referenceYear: 'Reference year of the populations',
    referenceYearHint: 'The population on 1 January of this year is used.',
    dueDate: 'Due date',
    municipalityRate: 'Rate for municipalities (kr per citizen)',
    regionRate: 'Rate for the region (kr per citizen)',
    rateHint: 'E.g. 1 or 1,25',
    grantShare: 'Share for project grants',
    numerator: 'Numerator',
    denominator: 'Denominator',
    grantShareHint: 'E.g. 4 and 5 for 4/5 of the income.',
    paymentDetails: 'Payment details',
    paymentDetailsHint:
      'The account the parties pay their contribution into. The demand names it, so the demands can be sent only once all three are filled in.',
    payee: 'Payee',
    payeeHint: 'E.g. Region Midtjylland, Folkesundhed i Midten',
    registrationNumber: 'Reg. no.',
    registrationNumberHint: '4 digits',
    accountNumber: 'Account number',
    accountNumberHint: 'Up to 10 digits',
    payTo: (payee: string, registrationNumber: string, accountNumber: string) =>
      `The demands ask for payment to ${payee}, reg. no. ${registrationNumber}, account no. ${accountNumber}.`,
    noPaymentDetails:
      "The year's payment details are missing: fill in the payee, reg. no. and account number in the settings before the demands are sent.",
    save: 'Save the settings',
    saved: 'The settings are saved.',
    conflict: 'The settings were changed elsewhere. The page shows them now; edit again.',
    errorHeading: 'There is a problem',
    run: 'Run the contributions',
    runHint:
      "Computes each party's contribution from the population and the rate. Sent demands are not changed.",
    ran: (created: number, recomputed: number, unchanged: number, differing: number) =>
      `The contributions are computed: ${created} new, ${recomputed} recomputed, ${unchanged} unchanged.${differing > 0 ? ` ${differing} sent ${enForm(differing, 'demand differs', 'demands differ')} from the new figures: correct ${enForm(differing, 'it', 'them')} with an adjustment.` : ''}`,
    send: 'Send the demands',
    sendHint: 'Marks the computed contributions as sent and queues one demand per party.',
    sentNotice: (queued: number, already: number, noAddress: number) =>
      `${queued - noAddress} ${enForm(queued - noAddress, 'demand is', 'demands are')} being sent; ${already} had been sent before.${noAddress > 0 ? ` ${noAddress} ${enForm(noAddress, 'party has', 'parties have')} no invoicing e-mail and cannot receive ${enForm(noAddress, 'its demand', 'their demands')}.` : ''}`,
    overview: 'Contributions by party',
    notComputed: 'The contributions are not computed yet.',
    population: 'Population',
    rate: 'Rate',
    demand: 'Demand',
    adjustments: 'Adjustments',
    paid: 'Paid',
    outstanding: 'Outstanding',
    status: 'Status',
    total: 'Total',
    populationTotalNote:
      "The total population counts each citizen once: the region's citizens are the municipalities' citizens, so the region's row is not in the sum. Both the region and the municipalities pay their contribution.",
    statuses: {
      due: 'Not paid',
      partly_paid: 'Partly paid',
      paid: 'Paid',
      overdue: 'Overdue',
      not_computed: 'Not computed',
      computed: 'Computed, not sent',
    },
    overpaid: (amount: string) => `Overpaid by ${amount}`,
    overpaidCol: 'Overpaid',
    derived: 'sum of the municipalities',
    balances: "The year's movements",
    balancesHint:
      "What is booked in the year's accounts. The year's own available amount may be negative when the year committed money that came in during earlier years.",
    received: 'Received',
    committed: 'Committed to awards',
    disbursed: 'Disbursed',
    refunded: 'Refunded',
    released: 'Released on closing',
    available: 'Available',
    grantShareAmount: (share: string) => `Of which the share for project grants (${share})`,
    otherShare: "Of which for the pool's other purposes",
    grantAvailable: 'Available for project grants',
    poolHeading: 'The pool overall (every year)',
    poolHint:
      "New awards can be at most the pool's amount available for project grants: the grant share of every payment plus refunds and released commitments, less what is committed.",
    poolLink: "The pool's balance over the years",
    poolTitle: "The pool's balance over the years",
    poolIntro:
      'Each year with what it took over from the years before, its movements and what it passed on. Unspent money carries over to the next year.',
    yearCol: 'Year',
    opening: 'Carried over from earlier years',
    closing: 'Carried over to the next year',
    ofWhichGrants: 'Of which for project grants',
    noBalances: 'Nothing has been booked yet.',
    poolTableCaption: "The pool's balance per year in kroner; the last row is the pool overall.",
    contributionChart: 'Contribution by party: demanded and paid',
    contributionChartDesc:
      'Horizontal bars per party: the hatched bar is the demand, the solid bar what is paid.',
    chartLegendDemand: 'Demanded (hatched)',
    chartLegendPaid: 'Paid (solid)',
    balanceChart: "The pool's balance through the year",
    balanceChartDesc:
      'A step line of what the pool has available, in kroner, by date: carried over from earlier years, plus payments, refunds and released commitments, less new awards.',
    balanceTable: "The pool's movements by date",
    noPayments: 'Nothing has been booked in the year yet.',
    date: 'Date',
    amount: 'Amount',
    cumulative: 'Available',
    openingRow: 'Carried over from earlier years',
    axisKr: 'kr',
    monthOf: (month: number, year: number) => formatMonth(month, year, 'en'),
    inKr: (label: string) => `${label} (kr)`,
    chartOf: (name: string, demand: string, paid: string) => `${name}: demanded ${demand}, paid ${paid}`,
    balanceOf: (date: string, total: string) => `${date}: ${total}`,
    exports: 'Export to spreadsheets',
    contributionsCsv: 'Contributions (CSV)',
    ledgerCsv: 'Ledger entries (CSV)',
    exportIncomplete: 'THE EXPORT IS INCOMPLETE: an error stopped it here. Download the file again.',
    ledgerLink: 'Ledger entries (page by page)',
    backToYear: (year: number) => `Back to the overview ${year}`,
    contribution: 'The contribution',
    state: 'State',
    totalDue: 'Total due',
    referencePopulation: (year: number) => `Population on 1 January ${year}`,
    entries: 'Payments and adjustments',
    noEntries: 'No payments or adjustments yet.',
    kind: 'Kind',
    kinds: {
      contribution_received: 'Payment',
      award_committed: 'Award',
      disbursement: 'Disbursement',
      refund: 'Refund',
      commitment_released: 'Commitment released',
      adjustment: 'Adjustment',
    },
    recordedAt: 'Recorded',
    recordedBy: 'Recorded by',
    details: 'Reference or reason',
    payment: 'Record a payment',
    paymentAmount: 'Amount (kr)',
    paymentAmountHint: 'E.g. 367.095 or 1.250,50',
    paidOn: 'Paid on',
    reference: 'Reference (e.g. from the bank statement)',
    recordPayment: 'Record the payment',
    paymentRecorded: 'The payment is recorded.',
    adjustment: 'Adjust the demand',
    adjustmentHint: 'A sent demand is never edited; an adjustment is added or subtracted.',
    adjustmentAmount: 'Adjustment (kr)',
    adjustmentAmountHint: 'Use minus to lower it, e.g. -1.000',
    reason: 'Reason',
    recordAdjustment: 'Record the adjustment',
    adjustmentRecorded: 'The adjustment is recorded.',
    adjustNotSent:
      'Adjustments can be recorded once the demand is sent. Correct the population and run again.',
    notAnAmount: 'Write an amount in kroner, e.g. 1.250,50',
    notPositive: 'The amount must be above 0',
    publicTitle: 'The parties of Folkesundhed i Midten',
    publicIntro:
      'Region Midtjylland and its 19 municipalities fund the pool with a fixed amount per citizen a year.',
    latestPopulation: 'Latest population',
    populationOn: (year: number) => `on 1 January ${year}`,
    noPopulation: 'No population yet',
    yearlyPays: 'Pays a year',
    paysText: (amount: string, rate: string) =>
      `At FIM's standard rate of ${rate} per citizen this comes to ${amount} a year. The actual demand of a year may differ if the rate or the population changes.`,
    kindLabel: { municipality: 'Municipality', region: 'Region' },
    fundedTitle: 'What the contributions have funded',
    fundingText: (
      party: string,
      kind: 'municipality' | 'region',
      paid: string,
      percent: string,
      funded: string,
    ) =>
      `${party} has paid in ${paid} in all, ${percent} of what the pool has received. Reckoned by that share, the ${kind === 'region' ? "region's" : "municipality's"} kroner have funded ${funded} of the awards.`,
    fundingNone: (kind: 'municipality' | 'region') =>
      `The pool has not received any payments yet, so the ${kind === 'region' ? "region's" : "municipality's"} share cannot be worked out.`,
    allParties: 'All parties',
  },
  partyDetails: {
    listTitle: "The parties' invoicing details",
    listIntro:
      "Demands and receipts for payments go to the party's invoicing e-mail. A party without one cannot receive its demand.",
    link: 'Invoicing details',
    title: (party: string) => `${party}: invoicing details`,
    invoiceEmail: 'Invoicing e-mail',
    invoiceEmailHint: 'The demand and the receipts for payments go here.',
    ean: 'EAN number (GLN)',
    eanHint: '13 digits. Electronic invoices are addressed to it through NemHandel.',
    cvr: 'CVR number',
    cvrHint: '8 digits.',
    save: 'Save the details',
    saved: 'The details are saved.',
    conflict: 'The details were changed elsewhere. The page shows them now; make your change again.',
    missing: 'missing',
    cannotReceive: 'No invoicing e-mail: the party cannot receive its demand.',
    cannotReceiveList: (parties: string) =>
      `These parties have no invoicing e-mail and cannot receive their demand: ${parties}.`,
    lastMessage: 'Latest message',
    lastMessageArrived: 'no failure',
    messageFailed: (reason: string) => `The party’s latest message could not be sent: ${reason}.`,
    messageFailedShort: (reason: string) => `could not be sent: ${reason}`,
    messageFailedList: (parties: string) =>
      `These parties’ latest message did not arrive (fix the details, then send it again): ${parties}.`,
    readMessage: 'Read the message',
    resendMessages: 'Send it again under The parties’ messages',
    history: 'Changes',
    noHistory: 'The details have not been changed yet.',
    when: 'When',
    by: 'Changed by',
    field: 'Field',
    before: 'Before',
    after: 'After',
    empty: '(empty)',
  },
  ledgerPage: {
    title: (year: number) => `Ledger ${year}`,
    intro: (size: number) => `The year's ledger entries, oldest first, ${size} per page.`,
    caption: (year: number) => `Ledger entries ${year}`,
    partyOrAward: 'Party or award',
    award: (reference: string) => `Award ${reference}`,
    awardColumn: 'Award',
    empty: 'No entries on this page.',
    next: 'Next page',
    first: 'First page',
    lastPage: 'This is the last page.',
    badCursor: 'The page does not exist: its link is invalid or out of date. Start from the first page.',
    pages: 'Pages',
  },
};

const MOVEMENT_DA: Record<MovementKind, string> = { payment: 'betaling', tranche: 'udbetaling' };
const MOVEMENT_EN: Record<MovementKind, string> = { payment: 'payment', tranche: 'tranche' };

/** Bytes as whole kilobytes, as the form's hint says them. */
const kb = (bytes: number) => Math.floor(bytes / 1024);

export const daMessages: MessageTexts<FinanceMessages> = {
  YEAR_NOT_SET: ({ year }) =>
    `Året ${year} er ikke sat op: udfyld årets opsætning (referenceår og betalingsfrist) først`,
  VERSION_REQUIRED: () => 'Året findes allerede: send den version, du læste (If-Match)',
  share_above_whole: () => 'Andelen kan ikke være over det hele',
  GRANT_SHARE_LOCKED: ({ year }) =>
    `Andelen til projekter for ${year} kan ikke ændres: året har modtaget indbetalinger, og de er bogført med den nuværende andel`,
  POPULATIONS_MISSING: ({ referenceYear, parties }) =>
    `Folketal pr. 1. januar ${referenceYear} mangler for ${parties.length} ${plural(parties.length, 'da', { one: 'part', other: 'parter' })}: ${parties.join(', ')}`,
  POPULATION_MISSING: ({ party, referenceYear }) => `${party}: intet folketal for ${referenceYear}`,
  NOT_RUN: ({ year }) => `Beregn bidragene for ${year} først`,
  PAYMENT_DETAILS_MISSING: ({ year }) =>
    `Opkrævningerne for ${year} kan ikke sendes: årets betalingsoplysninger (betalingsmodtager, reg.nr. og kontonummer) mangler. Udfyld dem i årets opsætning; intet er sendt.`,
  IN_FUTURE: ({ paidOn, today }) =>
    `Betalingsdatoen ${formatDate(paidOn, 'da')} ligger i fremtiden (i dag er ${formatDate(today, 'da')})`,
  not_zero: () => 'Må ikke være 0',
  AMOUNT_NOT_POSITIVE: () => 'Beløbet skal være over 0',
  DEMAND_NOT_SENT: () => 'Opkrævningen er ikke sendt: ret folketallet og beregn igen',
  BELOW_ZERO: ({ demandOre, adjustmentsOre, amountOre }) =>
    `Bidraget kan ikke blive negativt: skyldigt nu ${formatKr(demandOre + adjustmentsOre, 'da')}, reguleringen ${formatKr(amountOre, 'da')}`,
  IDEMPOTENCY_KEY_REQUIRED: ({ movement }) =>
    `Send en Idempotency-Key, så ${MOVEMENT_DA[movement]}en kun bogføres én gang`,
  IDEMPOTENCY_KEY_INVALID: ({ maxLength }) => `Ugyldig Idempotency-Key: 1-${maxLength} synlige ASCII-tegn`,
  IDEMPOTENCY_KEY_REUSED: ({ movement, key }) =>
    `Idempotency-Key "${key}" er allerede brugt til en anden ${MOVEMENT_DA[movement]}; send igen med en ny nøgle`,
  IMPORT_HAS_ERRORS: ({ lines }) =>
    `Filen har fejl i ${lines} ${plural(lines, 'da', { one: 'linje', other: 'linjer' })}; intet er gemt`,
  COLUMNS: ({ line, found, expected }) => `Linje ${line}: forventede ${expected} kolonner, fandt ${found}`,
  UNKNOWN_PARTY: ({ line, value }) => `Linje ${line}: ukendt part "${value}"`,
  INVALID_YEAR: ({ line, value }) => `Linje ${line}: ugyldigt år "${value}"`,
  NOT_JANUARY: ({ line, value }) => `Linje ${line}: "${value}" er ikke 1. januar (brug K1)`,
  INVALID_POPULATION: ({ line, value }) => `Linje ${line}: ugyldigt folketal "${value}"`,
  EMPTY: () => 'Filen indeholder ingen tal',
  TOO_MANY_FIGURES: ({ figures, maxFigures }) =>
    `Højst ${maxFigures} tal pr. import; filen har ${formatInteger(figures, 'da')}`,
  IMPORT_FILE_TOO_LARGE: ({ maxBytes }) => `Filen er for stor: højst ${formatInteger(kb(maxBytes), 'da')} kB`,
  IMPORT_FILE_NOT_TEXT: () => 'Filen er ikke en tekstfil. Vælg en CSV-fil, fx et FOLK1A-udtræk gemt som CSV.',
  IMPORT_TEXT_TOO_LARGE: ({ maxBytes }) =>
    `Teksten er for lang: højst ${formatInteger(kb(maxBytes), 'da')} kB`,
  IMPORT_CONTENT_TYPE: ({ accepted }) => `Send filen som ${accepted.join(' eller ')}`,
  ean_check_digit: () => 'Kontrolcifferet passer ikke: tjek EAN-nummeret',
  cvr_check_digit: () => 'Ikke et gyldigt CVR-nummer: tjek cifrene',
  registration_number_digits: () => 'Reg.nr. skal være 4 cifre',
  account_number_digits: () => 'Kontonummeret skal være 1 til 10 cifre',
  PARTY_CHANGED: () => 'Oplysningerne er ændret et andet sted, siden du åbnede siden. Se dem nu og ret igen.',
};

export const enMessages: MessageTexts<FinanceMessages> = {
  YEAR_NOT_SET: ({ year }) =>
    `The year ${year} is not set up: fill in its settings (reference year and due date) first`,
  VERSION_REQUIRED: () => 'The year exists already: send the version you read (If-Match)',
  share_above_whole: () => 'The share cannot exceed the whole',
  GRANT_SHARE_LOCKED: ({ year }) =>
    `The grant share of ${year} cannot change: the year has received payments, booked with the current share`,
  POPULATIONS_MISSING: ({ referenceYear, parties }) =>
    `Population on 1 January ${referenceYear} missing for ${parties.length} ${plural(parties.length, 'en', { one: 'party', other: 'parties' })}: ${parties.join(', ')}`,
  POPULATION_MISSING: ({ party, referenceYear }) => `${party}: no population for ${referenceYear}`,
  NOT_RUN: ({ year }) => `Run the contributions of ${year} first`,
  PAYMENT_DETAILS_MISSING: ({ year }) =>
    `The demands of ${year} cannot be sent: the year's payment details (payee, reg. no. and account number) are missing. Fill them in in the year's settings; nothing was sent.`,
  IN_FUTURE: ({ paidOn, today }) =>
    `The payment date ${formatDate(paidOn, 'en')} is in the future (today is ${formatDate(today, 'en')})`,
  not_zero: () => 'Must not be 0',
  AMOUNT_NOT_POSITIVE: () => 'The amount must be above 0',
  DEMAND_NOT_SENT: () => 'The demand is not sent: correct the population and run again',
  BELOW_ZERO: ({ demandOre, adjustmentsOre, amountOre }) =>
    `The contribution cannot go below zero: owed now ${formatKr(demandOre + adjustmentsOre, 'en')}, the adjustment ${formatKr(amountOre, 'en')}`,
  IDEMPOTENCY_KEY_REQUIRED: ({ movement }) =>
    `Send an Idempotency-Key so the ${MOVEMENT_EN[movement]} is recorded once`,
  IDEMPOTENCY_KEY_INVALID: ({ maxLength }) =>
    `Invalid Idempotency-Key: 1-${maxLength} visible ASCII characters`,
  IDEMPOTENCY_KEY_REUSED: ({ movement, key }) =>
    `Idempotency-Key "${key}" was already used for a different ${MOVEMENT_EN[movement]}; send again with a new key`,
  IMPORT_HAS_ERRORS: ({ lines }) =>
    `The file has errors on ${lines} ${plural(lines, 'en', { one: 'line', other: 'lines' })}; nothing was saved`,
  COLUMNS: ({ line, found, expected }) => `Line ${line}: expected ${expected} columns, found ${found}`,
  UNKNOWN_PARTY: ({ line, value }) => `Line ${line}: unknown party "${value}"`,
  INVALID_YEAR: ({ line, value }) => `Line ${line}: invalid year "${value}"`,
  NOT_JANUARY: ({ line, value }) => `Line ${line}: "${value}" is not 1 January (use K1)`,
  INVALID_POPULATION: ({ line, value }) => `Line ${line}: invalid population "${value}"`,
  EMPTY: () => 'The file holds no figures',
  TOO_MANY_FIGURES: ({ figures, maxFigures }) =>
    `At most ${maxFigures} figures per import; the file has ${formatInteger(figures, 'en')}`,
  IMPORT_FILE_TOO_LARGE: ({ maxBytes }) =>
    `The file is too large: at most ${formatInteger(kb(maxBytes), 'en')} kB`,
  IMPORT_FILE_NOT_TEXT: () =>
    'The file is not a text file. Choose a CSV file, e.g. a FOLK1A export saved as CSV.',
  IMPORT_TEXT_TOO_LARGE: ({ maxBytes }) =>
    `The text is too long: at most ${formatInteger(kb(maxBytes), 'en')} kB`,
  IMPORT_CONTENT_TYPE: ({ accepted }) => `Send the file as ${accepted.join(' or ')}`,
  ean_check_digit: () => 'The check digit does not match: check the EAN number',
  cvr_check_digit: () => 'Not a valid CVR number: check the digits',
  registration_number_digits: () => 'The reg. no. must be 4 digits',
  account_number_digits: () => 'The account number must be 1 to 10 digits',
  PARTY_CHANGED: () =>
    'The details were changed elsewhere since you opened the page. See them now and try again.',
};

/** A balance counter by its words and its field, so finance staff can find it in the API's figures too. */
const COUNTER_DA: Record<BalanceCounter, string> = {
  receivedOre: 'modtaget',
  grantReceivedOre: 'modtaget til projektstøtte',
  committedOre: 'bevilget',
  disbursedOre: 'udbetalt',
  refundedOre: 'tilbagebetalt',
  releasedOre: 'frigivet',
  adjustmentsOre: 'reguleringer',
  entries: 'antal posteringer',
  availableOre: 'til rådighed',
  grantAvailableOre: 'til rådighed for projektstøtte',
};
const COUNTER_EN: Record<BalanceCounter, string> = {
  receivedOre: 'received',
  grantReceivedOre: 'received for project grants',
  committedOre: 'committed',
  disbursedOre: 'disbursed',
  refundedOre: 'refunded',
  releasedOre: 'released',
  adjustmentsOre: 'adjustments',
  entries: 'number of entries',
  availableOre: 'available',
  grantAvailableOre: 'available for project grants',
};

/** A counter's value: a count of entries, or kroner. */
const counterValue = (counter: BalanceCounter, value: number, lang: Lang) =>
  counter === 'entries' ? formatInteger(value, lang) : formatKr(value, lang);

/** The invariant check's findings, for finance staff: what disagrees, with the figures. */
export const daInvariants: MessageTexts<InvariantMessages> = {
  AVAILABLE_MISMATCH: ({ availableOre, expectedOre }) =>
    `Til rådighed (availableOre) er ${formatKr(availableOre, 'da')}, men modtaget + tilbagebetalt − bevilget er ${formatKr(expectedOre, 'da')}`,
  GRANT_AVAILABLE_MISMATCH: ({ grantAvailableOre, expectedOre }) =>
    `Til rådighed for projektstøtte (grantAvailableOre) er ${formatKr(grantAvailableOre, 'da')}, men modtaget til projektstøtte + tilbagebetalt − bevilget er ${formatKr(expectedOre, 'da')}`,
  GRANT_SHARE_MISMATCH: ({ grantReceivedOre, receivedOre }) =>
    `Andelen til projektstøtte (${formatKr(grantReceivedOre, 'da')}) skal ligge mellem 0 og det modtagne (${formatKr(receivedOre, 'da')})`,
  OVER_DISBURSED: ({ disbursedOre, committedOre }) =>
    `Udbetalt (${formatKr(disbursedOre, 'da')}) er mere end bevilget (${formatKr(committedOre, 'da')})`,
  OVER_REFUNDED: ({ refundedOre, disbursedOre }) =>
    `Tilbagebetalt (${formatKr(refundedOre, 'da')}) er mere end udbetalt (${formatKr(disbursedOre, 'da')})`,
  POOL_MISMATCH: ({ counter, pool, sumOfYears }) =>
    `Puljens "${COUNTER_DA[counter]}" (${counter}) er ${counterValue(counter, pool, 'da')}, men årene summer til ${counterValue(counter, sumOfYears, 'da')}`,
  OVER_COMMITTED: (p) =>
    'grantReceivedOre' in p
      ? `Puljen har bevilget ${formatKr(p.committedOre, 'da')}, mere end modtaget til projektstøtte (${formatKr(p.grantReceivedOre, 'da')}) plus tilbagebetalt (${formatKr(p.refundedOre, 'da')})`
      : `Puljen har bevilget ${formatKr(p.committedOre, 'da')}, mere end modtaget (${formatKr(p.receivedOre, 'da')}) plus tilbagebetalt (${formatKr(p.refundedOre, 'da')})`,
  NOT_WHOLE_ORE: ({ entryId, amountOre }) => `Posteringen ${entryId} er ikke et helt antal øre: ${amountOre}`,
  GRANT_SHARE_MISSING: ({ entryId }) => `Betalingen ${entryId} er bogført uden sin andel til projektstøtte`,
  BALANCE_MISMATCH: ({ counter, balance, sumOfEntries }) =>
    `Årets "${COUNTER_DA[counter]}" (${counter}) er ${counterValue(counter, balance, 'da')}, men posteringerne summer til ${counterValue(counter, sumOfEntries, 'da')}`,
  ENTRY_COUNT_MISMATCH: ({ counter, balance, sumOfEntries }) =>
    `Årets saldo tæller ${formatInteger(balance, 'da')} ${plural(balance, 'da', { one: 'postering', other: 'posteringer' })} (${counter}), men regnskabet har ${formatInteger(sumOfEntries, 'da')}`,
  DAY_BALANCE_MISMATCH: ({ date, dayOre, sumOfEntriesOre }) =>
    `Dagssaldoen for ${date} flytter ${formatKr(dayOre, 'da')}, men dagens posteringer summer til ${formatKr(sumOfEntriesOre, 'da')}`,
  ENTRY_WITHOUT_CONTRIBUTION: ({ entryId, partyId }) =>
    `Posteringen ${entryId} nævner ${partyId}, som ikke har et bidrag for året`,
  PAID_MISMATCH: ({ partyId, paidOre, sumOfPaymentsOre }) =>
    `${partyId}: betalt er ${formatKr(paidOre, 'da')}, men betalingerne summer til ${formatKr(sumOfPaymentsOre, 'da')}`,
  ADJUSTMENTS_MISMATCH: ({ partyId, adjustmentsOre, sumOfAdjustmentsOre }) =>
    `${partyId}: reguleringer er ${formatKr(adjustmentsOre, 'da')}, men reguleringsposteringerne summer til ${formatKr(sumOfAdjustmentsOre, 'da')}`,
  NEGATIVE_DEMAND: ({ partyId, demandOre, adjustmentsOre }) =>
    `${partyId}: opkrævningen (${formatKr(demandOre, 'da')}) plus reguleringerne (${formatKr(adjustmentsOre, 'da')}) er under 0`,
  ENTRY_WITHOUT_AWARD: ({ awardId }) => `Posteringer nævner bevillingen ${awardId}, som ikke findes`,
  AWARD_YEAR_MISMATCH: ({ awardId, awardYear }) =>
    `Bevillingen ${awardId} hører til ${awardYear}, men har posteringer i dette år`,
  COMMITTED_MISMATCH: ({ awardId, amountOre, commitments, sumOfCommitmentsOre }) =>
    `Bevillingen ${awardId} er på ${formatKr(amountOre, 'da')}, men har ${commitments} ${plural(commitments, 'da', { one: 'bevillingspostering', other: 'bevillingsposteringer' })} på i alt ${formatKr(sumOfCommitmentsOre, 'da')}`,
  DISBURSED_MISMATCH: ({ awardId, disbursedOre, sumOfDisbursementsOre }) =>
    `Bevillingen ${awardId}: udbetalt er ${formatKr(disbursedOre, 'da')}, men udbetalingerne summer til ${formatKr(sumOfDisbursementsOre, 'da')}`,
  REFUNDED_MISMATCH: ({ awardId, refundedOre, sumOfRefundsOre }) =>
    `Bevillingen ${awardId}: tilbagebetalt er ${formatKr(refundedOre, 'da')}, men tilbagebetalingerne summer til ${formatKr(sumOfRefundsOre, 'da')}`,
  AWARD_OVER_DISBURSED: ({ awardId, disbursedOre, amountOre }) =>
    `Bevillingen ${awardId}: udbetalt (${formatKr(disbursedOre, 'da')}) er mere end bevillingen (${formatKr(amountOre, 'da')})`,
  AWARD_OVER_REFUNDED: ({ awardId, refundedOre, disbursedOre }) =>
    `Bevillingen ${awardId}: tilbagebetalt (${formatKr(refundedOre, 'da')}) er mere end udbetalt (${formatKr(disbursedOre, 'da')})`,
  RELEASED_MISMATCH: ({ awardId, releasedOre, sumOfReleasesOre }) =>
    `Bevillingen ${awardId}: frigivet er ${formatKr(releasedOre, 'da')}, men frigivelserne summer til ${formatKr(sumOfReleasesOre, 'da')}`,
  RELEASE_WRONG: ({ awardId, status, releasedOre, expectedOre }) =>
    `Bevillingen ${awardId} (${status === 'closed' ? 'lukket' : 'bevilget'}) har frigivet ${formatKr(releasedOre, 'da')}, men skulle have frigivet ${formatKr(expectedOre, 'da')}`,
};

export const enInvariants: MessageTexts<InvariantMessages> = {
  AVAILABLE_MISMATCH: ({ availableOre, expectedOre }) =>
    `Available (availableOre) is ${formatKr(availableOre, 'en')}, but received + refunded − committed is ${formatKr(expectedOre, 'en')}`,
  GRANT_AVAILABLE_MISMATCH: ({ grantAvailableOre, expectedOre }) =>
    `Available for project grants (grantAvailableOre) is ${formatKr(grantAvailableOre, 'en')}, but received for project grants + refunded − committed is ${formatKr(expectedOre, 'en')}`,
  GRANT_SHARE_MISMATCH: ({ grantReceivedOre, receivedOre }) =>
    `The share for project grants (${formatKr(grantReceivedOre, 'en')}) must lie between 0 and what was received (${formatKr(receivedOre, 'en')})`,
  OVER_DISBURSED: ({ disbursedOre, committedOre }) =>
    `Disbursed (${formatKr(disbursedOre, 'en')}) is more than committed (${formatKr(committedOre, 'en')})`,
  OVER_REFUNDED: ({ refundedOre, disbursedOre }) =>
    `Refunded (${formatKr(refundedOre, 'en')}) is more than disbursed (${formatKr(disbursedOre, 'en')})`,
  POOL_MISMATCH: ({ counter, pool, sumOfYears }) =>
    `The pool's "${COUNTER_EN[counter]}" (${counter}) is ${counterValue(counter, pool, 'en')}, but the years sum to ${counterValue(counter, sumOfYears, 'en')}`,
  OVER_COMMITTED: (p) =>
    'grantReceivedOre' in p
      ? `The pool has committed ${formatKr(p.committedOre, 'en')}, more than received for project grants (${formatKr(p.grantReceivedOre, 'en')}) plus refunded (${formatKr(p.refundedOre, 'en')})`
      : `The pool has committed ${formatKr(p.committedOre, 'en')}, more than received (${formatKr(p.receivedOre, 'en')}) plus refunded (${formatKr(p.refundedOre, 'en')})`,
  NOT_WHOLE_ORE: ({ entryId, amountOre }) => `Entry ${entryId} is not a whole number of øre: ${amountOre}`,
  GRANT_SHARE_MISSING: ({ entryId }) => `Payment ${entryId} is booked without its share for project grants`,
  BALANCE_MISMATCH: ({ counter, balance, sumOfEntries }) =>
    `The year's "${COUNTER_EN[counter]}" (${counter}) is ${counterValue(counter, balance, 'en')}, but its entries sum to ${counterValue(counter, sumOfEntries, 'en')}`,
  ENTRY_COUNT_MISMATCH: ({ counter, balance, sumOfEntries }) =>
    `The year's balance (${counter}) counts ${formatInteger(balance, 'en')} ${plural(balance, 'en', { one: 'entry', other: 'entries' })}, but the ledger has ${formatInteger(sumOfEntries, 'en')}`,
  DAY_BALANCE_MISMATCH: ({ date, dayOre, sumOfEntriesOre }) =>
    `The day balance of ${date} moves ${formatKr(dayOre, 'en')}, but the day's entries sum to ${formatKr(sumOfEntriesOre, 'en')}`,
  ENTRY_WITHOUT_CONTRIBUTION: ({ entryId, partyId }) =>
    `Entry ${entryId} names ${partyId}, which has no contribution for the year`,
  PAID_MISMATCH: ({ partyId, paidOre, sumOfPaymentsOre }) =>
    `${partyId}: paid is ${formatKr(paidOre, 'en')}, but the payments sum to ${formatKr(sumOfPaymentsOre, 'en')}`,
  ADJUSTMENTS_MISMATCH: ({ partyId, adjustmentsOre, sumOfAdjustmentsOre }) =>
    `${partyId}: adjustments are ${formatKr(adjustmentsOre, 'en')}, but the adjustment entries sum to ${formatKr(sumOfAdjustmentsOre, 'en')}`,
  NEGATIVE_DEMAND: ({ partyId, demandOre, adjustmentsOre }) =>
    `${partyId}: the demand (${formatKr(demandOre, 'en')}) plus the adjustments (${formatKr(adjustmentsOre, 'en')}) is below 0`,
  ENTRY_WITHOUT_AWARD: ({ awardId }) => `Entries name award ${awardId}, which does not exist`,
  AWARD_YEAR_MISMATCH: ({ awardId, awardYear }) =>
    `Award ${awardId} belongs to ${awardYear}, but has entries in this year`,
  COMMITTED_MISMATCH: ({ awardId, amountOre, commitments, sumOfCommitmentsOre }) =>
    `Award ${awardId} is for ${formatKr(amountOre, 'en')}, but has ${commitments} commitment ${plural(commitments, 'en', { one: 'entry', other: 'entries' })} of ${formatKr(sumOfCommitmentsOre, 'en')} in all`,
  DISBURSED_MISMATCH: ({ awardId, disbursedOre, sumOfDisbursementsOre }) =>
    `Award ${awardId}: disbursed is ${formatKr(disbursedOre, 'en')}, but the disbursements sum to ${formatKr(sumOfDisbursementsOre, 'en')}`,
  REFUNDED_MISMATCH: ({ awardId, refundedOre, sumOfRefundsOre }) =>
    `Award ${awardId}: refunded is ${formatKr(refundedOre, 'en')}, but the refunds sum to ${formatKr(sumOfRefundsOre, 'en')}`,
  AWARD_OVER_DISBURSED: ({ awardId, disbursedOre, amountOre }) =>
    `Award ${awardId}: disbursed (${formatKr(disbursedOre, 'en')}) is more than the award (${formatKr(amountOre, 'en')})`,
  AWARD_OVER_REFUNDED: ({ awardId, refundedOre, disbursedOre }) =>
    `Award ${awardId}: refunded (${formatKr(refundedOre, 'en')}) is more than disbursed (${formatKr(disbursedOre, 'en')})`,
  RELEASED_MISMATCH: ({ awardId, releasedOre, sumOfReleasesOre }) =>
    `Award ${awardId}: released is ${formatKr(releasedOre, 'en')}, but the releases sum to ${formatKr(sumOfReleasesOre, 'en')}`,
  RELEASE_WRONG: ({ awardId, status, releasedOre, expectedOre }) =>
    `Award ${awardId} (${status}) released ${formatKr(releasedOre, 'en')}, but should have released ${formatKr(expectedOre, 'en')}`,
};

export const daMail: MailTexts<FinanceMail> = {
  'contribution.demand': (p) => ({
    subject: `Opkrævning: bidrag til Folkesundhed i Midten ${p.year}`,
    body: [
      `Til ${p.partyName}`,
      '',
      `Bidrag til Folkesundhed i Midten for ${p.year}: ${formatKr(p.demandOre, 'da')} (${formatInteger(p.population, 'da')} ${plural(p.population, 'da', { one: 'borger', other: 'borgere' })} pr. 1. januar ${p.referenceYear} à ${formatKr(p.rateOre, 'da')})`,
      '',
      `Betales senest ${formatDate(p.dueDate, 'da')} til ${p.payee}`,
      `Reg.nr. ${p.registrationNumber}, kontonr. ${p.accountNumber}`,
      `Angiv referencen "${p.paymentReference}" ved betaling.`,
      '',
      'Folkesundhed i Midten',
    ].join('\n'),
  }),
  'contribution.payment_received': (p) => ({
    subject: `Kvittering for indbetaling: bidrag til Folkesundhed i Midten ${p.year}`,
    body: [
      `Til ${p.partyName}`,
      '',
      `Vi har modtaget ${formatKr(p.amountOre, 'da')} den ${formatDate(p.paidOn, 'da')} som bidrag til Folkesundhed i Midten for ${p.year}.`,
      `Indbetalt for ${p.year} i alt: ${formatKr(p.paidOre, 'da')} af ${formatKr(p.totalDueOre, 'da')}.`,
      p.outstandingOre > 0
        ? `Udestående: ${formatKr(p.outstandingOre, 'da')}.`
        : `Bidraget for ${p.year} er betalt. Tak.`,
      '',
      'Folkesundhed i Midten',
    ].join('\n'),
  }),
};

export const enMail: MailTexts<FinanceMail> = {
  'contribution.demand': (p) => ({
    subject: `Contribution to Folkesundhed i Midten ${p.year}`,
    body: [
      `To ${p.partyName}`,
      '',
      `Contribution to Folkesundhed i Midten for ${p.year}: ${formatKr(p.demandOre, 'en')} (${formatInteger(p.population, 'en')} ${plural(p.population, 'en', { one: 'citizen', other: 'citizens' })} on 1 January ${p.referenceYear} at ${formatKr(p.rateOre, 'en')} each)`,
      '',
      `Due by ${formatDate(p.dueDate, 'en')}, payable to ${p.payee}`,
      `Reg. no. ${p.registrationNumber}, account no. ${p.accountNumber}`,
      `Please quote the reference "${p.paymentReference}" with the payment.`,
      '',
      'Folkesundhed i Midten',
    ].join('\n'),
  }),
  'contribution.payment_received': (p) => ({
    subject: `Receipt for payment: contribution to Folkesundhed i Midten ${p.year}`,
    body: [
      `To ${p.partyName}`,
      '',
      `We have received ${formatKr(p.amountOre, 'en')} on ${formatDate(p.paidOn, 'en')} as the contribution to Folkesundhed i Midten for ${p.year}.`,
      `Paid for ${p.year} in all: ${formatKr(p.paidOre, 'en')} of ${formatKr(p.totalDueOre, 'en')}.`,
      p.outstandingOre > 0
        ? `Outstanding: ${formatKr(p.outstandingOre, 'en')}.`
        : `The contribution for ${p.year} is paid. Thank you.`,
      '',
      'Folkesundhed i Midten',
    ].join('\n'),
  }),
};
