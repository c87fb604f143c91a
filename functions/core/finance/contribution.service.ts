import type { AuditAction } from '../audit/actions.js';
import { type AuditEvent, auditEvent, type OutboxMessage } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import type { ContributionWrite, CoreDeps, KeyClaim, RequestContext } from '../ports.js';
import {
  AppError,
  type FieldError,
  invalidField,
  notFound,
  refusal,
  versionConflict,
} from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';
import {
  contributionStatus,
  demandOre,
  grantShareLocked,
  grantShareOre,
  populationsForYear,
} from './contributions.js';
import {
  type AdjustmentInput,
  type Balance,
  type Contribution,
  type ContributionView,
  type LedgerEntry,
  moneyMoved,
  newLedgerEntry,
  type PaymentDetails,
  type PaymentInput,
  type PoolBalance,
  type YearSettings,
  type YearSettingsInput,
} from './finance.schema.js';
import { idempotentRequest, recordOnce } from './idempotency.js';
import { paidOnNotInFuture } from './movement.rules.js';
import { PARTIES, type PartyRef } from './parties.js';
import { invoiceAddresses } from './parties.service.js';
import { requireFinance } from './population.service.js';

const PARTY_IDS = PARTIES.map((p) => p.id);

/** One of the 20 parties by its id, exactly. @throws AppError NOT_FOUND */
function partyById(partyId: string): PartyRef {
  const party = PARTIES.find((p) => p.id === partyId);
  if (!party) throw notFound('party');
  return party;
}

/** A contribution with where it stands on `today` (a Copenhagen date). */
export function contributionView(c: Contribution, dueDate: string, today: string): ContributionView {
  const totalDueOre = c.demandOre + c.adjustmentsOre;
  return { ...c, totalDueOre, ...contributionStatus(totalDueOre, c.paidOre, dueDate, today) };
}

const today = (deps: CoreDeps) => copenhagenDate(deps.clock.now());

const yearEntity = (year: number) => ({ type: 'finance' as const, id: `year-${year}` });
const contributionEntity = (year: number, partyId: string) => ({
  type: 'finance' as const,
  id: `contribution-${year}-${partyId}`,
});

async function requireSettings(deps: CoreDeps, year: number): Promise<YearSettings> {
  const settings = await deps.finance.getYear(year);
  if (!settings) {
    throw refusal('RULES_FAILED', '/year', { code: 'YEAR_NOT_SET', params: { year } });
  }
  return settings;
}

const samePaymentDetails = (a: PaymentDetails | undefined, b: PaymentDetails | undefined): boolean =>
  a?.payee === b?.payee &&
  a?.registrationNumber === b?.registrationNumber &&
  a?.accountNumber === b?.accountNumber;

/** A year's settings. @throws AppError FORBIDDEN, NOT_FOUND */
export async function getYearSettings(deps: CoreDeps, actor: Principal, year: number): Promise<YearSettings> {
  requireFinance(actor);
  const settings = await deps.finance.getYear(year);
  if (!settings) throw notFound('year');
  return settings;
}

/**
 * Creates or replaces a year's settings (reference year, due date, rates, grant share, payment details). Replacing needs the
 * version read; the same settings again write nothing.
 * @throws AppError FORBIDDEN, VALIDATION_FAILED, PRECONDITION_REQUIRED, VERSION_CONFLICT
 */
export async function saveYearSettings(
  deps: CoreDeps,
  ctx: RequestContext,
  year: number,
  input: YearSettingsInput,
  expectedVersion: number | undefined,
): Promise<{ settings: YearSettings; created: boolean }> {
  requireFinance(ctx.actor);
  if (input.grantShare.numerator > input.grantShare.denominator) {
    throw invalidField('/grantShare/numerator', { code: 'share_above_whole' });
  }
  const existing = await deps.finance.getYear(year);
  if (existing && expectedVersion === undefined) {
    throw new AppError('PRECONDITION_REQUIRED', { code: 'VERSION_REQUIRED' });
  }
  if (expectedVersion !== undefined && expectedVersion !== existing?.version) throw versionConflict();
  const same =
    existing &&
    existing.referenceYear === input.referenceYear &&
    existing.dueDate === input.dueDate &&
    existing.rates.municipalityOre === input.rates.municipalityOre &&
    existing.rates.regionOre === input.rates.regionOre &&
    existing.grantShare.numerator === input.grantShare.numerator &&
    existing.grantShare.denominator === input.grantShare.denominator &&
    samePaymentDetails(existing.paymentDetails, input.paymentDetails);
  if (existing && same) return { settings: existing, created: false };
  const grantShareChanged =
    existing !== undefined &&
    (existing.grantShare.numerator !== input.grantShare.numerator ||
      existing.grantShare.denominator !== input.grantShare.denominator);
  if (grantShareChanged && (await deps.finance.getYearAndBalance(year)).balance.receivedOre !== 0) {
    throw grantShareLocked(year);
  }
  const now = deps.clock.now();
  const version = (existing?.version ?? 0) + 1;
  const settings: YearSettings = {
    year,
    referenceYear: input.referenceYear,
    dueDate: input.dueDate,
    rates: { municipalityOre: input.rates.municipalityOre, regionOre: input.rates.regionOre },
    grantShare: { numerator: input.grantShare.numerator, denominator: input.grantShare.denominator },
    ...(input.paymentDetails && {
      paymentDetails: {
        payee: input.paymentDetails.payee,
        registrationNumber: input.paymentDetails.registrationNumber,
        accountNumber: input.paymentDetails.accountNumber,
      },
    }),
    version,
    updatedAt: now.toISOString(),
    updatedBy: ctx.actor.userId,
  };
  await deps.finance.saveYear(
    settings,
    auditEvent(ctx.actor, now, existing ? 'finance_year.updated' : 'finance_year.created', yearEntity(year), {
      version,
      referenceYear: settings.referenceYear,
      dueDate: settings.dueDate,
      municipalityOre: settings.rates.municipalityOre,
      regionOre: settings.rates.regionOre,
      grantShare: `${settings.grantShare.numerator}/${settings.grantShare.denominator}`,
      payee: settings.paymentDetails?.payee ?? '',
      registrationNumber: settings.paymentDetails?.registrationNumber ?? '',
      accountNumber: settings.paymentDetails?.accountNumber ?? '',
    }),
    existing?.version,
    grantShareChanged,
  );
  return { settings, created: !existing };
}

export interface RunResult {
  year: number;
  referenceYear: number;
  created: string[];
  recomputed: string[];
  unchanged: string[];
  /** Sent demands the current figures would change: correct them with an adjustment, never an edit. */
  sentDiffering: { partyId: string; demandOre: number; recomputedDemandOre: number; differenceOre: number }[];
  contributions: ContributionView[];
}

/**
 * Computes each party's demand for the year (population of the reference year x the rate of its kind) and
 * stores what changed in one transaction. A demand not yet sent follows corrected figures; a sent one is
 * never edited. Running it again on the same figures writes nothing.
 * @throws AppError FORBIDDEN, RULES_FAILED (year not set up; parties without a population), VERSION_CONFLICT
 */
export async function runContributions(
  deps: CoreDeps,
  ctx: RequestContext,
  year: number,
): Promise<RunResult> {
  requireFinance(ctx.actor);
  const settings = await requireSettings(deps, year);
  const { referenceYear } = settings;
  const [figures, stored] = await Promise.all([
    deps.finance.getPopulations(PARTY_IDS.map((partyId) => ({ partyId, year: referenceYear }))),
    deps.finance.getContributions(year, PARTY_IDS),
  ]);
  const { populations, missing } = populationsForYear(
    PARTIES,
    new Map(figures.map((f) => [f.partyId, f.population])),
  );
  if (missing.length > 0) {
    throw new AppError(
      'RULES_FAILED',
      { code: 'POPULATIONS_MISSING', params: { referenceYear, parties: missing.map((p) => p.name) } },
      {
        errors: missing.map(
          (p): FieldError => ({
            pointer: `/populations/${p.id}`,
            code: 'POPULATION_MISSING',
            params: { partyId: p.id, party: p.name, referenceYear },
          }),
        ),
      },
    );
  }
  const now = deps.clock.now().toISOString();
  const byParty = new Map(stored.map((c) => [c.partyId, c]));
  const writes: ContributionWrite[] = [];
  const result: RunResult = {
    year,
    referenceYear,
    created: [],
    recomputed: [],
    unchanged: [],
    sentDiffering: [],
    contributions: [],
  };
  const after: Contribution[] = [];
  for (const party of PARTIES) {
    const resolved = populations.get(party.id);
    if (!resolved) continue; // cannot happen: every party without a population is refused above
    const rateOre = party.kind === 'region' ? settings.rates.regionOre : settings.rates.municipalityOre;
    const computed = {
      referenceYear,
      population: resolved.population,
      populationDerived: resolved.derived,
      rateOre,
      demandOre: demandOre(resolved.population, rateOre),
    };
    const before = byParty.get(party.id);
    if (!before) {
      const created: Contribution = {
        year,
        partyId: party.id,
        partyName: party.name,
        kind: party.kind,
        state: 'computed',
        ...computed,
        adjustmentsOre: 0,
        paidOre: 0,
        computedAt: now,
        version: 1,
        updatedAt: now,
      };
      writes.push({ contribution: created });
      result.created.push(party.id);
      after.push(created);
      continue;
    }
    const same =
      before.referenceYear === computed.referenceYear &&
      before.population === computed.population &&
      before.populationDerived === computed.populationDerived &&
      before.rateOre === computed.rateOre &&
      before.demandOre === computed.demandOre;
    if (same) {
      result.unchanged.push(party.id);
      after.push(before);
    } else if (before.state === 'sent') {
      result.unchanged.push(party.id);
      if (before.demandOre !== computed.demandOre) {
        result.sentDiffering.push({
          partyId: party.id,
          demandOre: before.demandOre,
          recomputedDemandOre: computed.demandOre,
          differenceOre: computed.demandOre - before.demandOre,
        });
      }
      after.push(before);
    } else {
      const recomputed: Contribution = {
        ...before,
        ...computed,
        computedAt: now,
        version: before.version + 1,
        updatedAt: now,
      };
      writes.push({ contribution: recomputed, expectedVersion: before.version });
      result.recomputed.push(party.id);
      after.push(recomputed);
    }
  }
  if (writes.length > 0) {
    await deps.finance.saveContributions(
      year,
      writes,
      auditEvent(ctx.actor, new Date(now), 'contributions.computed', yearEntity(year), {
        referenceYear,
        created: result.created.length,
        recomputed: result.recomputed.length,
        parties: writes.map((w) => w.contribution.partyId).join(','),
        totalDemandOre: after.reduce((sum, c) => sum + c.demandOre, 0),
      }),
    );
  }
  const day = today(deps);
  result.contributions = after.map((c) => contributionView(c, settings.dueDate, day));
  return result;
}

/** The page of a party's contribution for a year: the one a demand or a receipt concerns. */
const contributionLink = (year: number, partyId: string) => `/finance/years/${year}/parties/${partyId}`;

/** A party's invoicing e-mail ('' when it has none). */
const invoiceAddress = async (deps: CoreDeps, partyId: string): Promise<string> =>
  (await deps.parties.get(partyId))?.invoiceEmail ?? '';

/** What a party quotes with its payment, so finance can match it on the bank statement. */
export const paymentReference = (year: number, partyId: string) => `FIM ${year} ${partyId}`;

function demandMessage(
  c: Contribution,
  settings: YearSettings,
  account: PaymentDetails,
  now: string,
  to: string,
): OutboxMessage {
  return {
    id: crypto.randomUUID(),
    createdAt: now,
    kind: 'contribution.demand',
    // '' when the party has no invoicing e-mail: the message is stored failed (NO_ADDRESS), the send stands.
    to,
    case: { kind: 'party', id: c.partyId },
    link: contributionLink(c.year, c.partyId),
    params: {
      year: c.year,
      partyId: c.partyId,
      partyName: c.partyName,
      demandOre: c.demandOre,
      population: c.population,
      referenceYear: c.referenceYear,
      rateOre: c.rateOre,
      dueDate: settings.dueDate,
      payee: account.payee,
      registrationNumber: account.registrationNumber,
      accountNumber: account.accountNumber,
      paymentReference: paymentReference(c.year, c.partyId),
    },
  };
}

export interface SentDemands {
  year: number;
  sent: string[];
  alreadySent: string[];
  /** Parties of `sent` with no invoicing e-mail: their demand is stored but cannot reach them. */
  noAddress: string[];
}

/**
 * Sends the year's computed demands: each becomes `sent` (never recomputed again) with a demand message in
 * the outbox, to the party's invoicing e-mail, all in one transaction. Demands already sent are left as they
 * are; parties with no invoicing e-mail are named (their message is stored failed, NO_ADDRESS). Nothing is
 * sent while the year has no payment details: the demand tells the party where to pay.
 * @throws AppError FORBIDDEN, RULES_FAILED (year not set up, not run, no payment details), VERSION_CONFLICT
 */
export async function sendContributions(
  deps: CoreDeps,
  ctx: RequestContext,
  year: number,
): Promise<SentDemands> {
  requireFinance(ctx.actor);
  const settings = await requireSettings(deps, year);
  const stored = await deps.finance.getContributions(year, PARTY_IDS);
  if (stored.length === 0) {
    throw refusal('RULES_FAILED', '/contributions', { code: 'NOT_RUN', params: { year } });
  }
  const now = deps.clock.now().toISOString();
  const toSend = stored.filter((c) => c.state === 'computed');
  const alreadySent = stored.filter((c) => c.state === 'sent').map((c) => c.partyId);
  if (toSend.length === 0) return { year, sent: [], alreadySent, noAddress: [] };
  const account = settings.paymentDetails;
  if (!account) {
    throw refusal('RULES_FAILED', '/paymentDetails', { code: 'PAYMENT_DETAILS_MISSING', params: { year } });
  }
  const addresses = await invoiceAddresses(deps);
  const to = (partyId: string) => addresses.get(partyId) ?? '';
  const writes = toSend.map(
    (c): ContributionWrite => ({
      contribution: { ...c, state: 'sent', sentAt: now, version: c.version + 1, updatedAt: now },
      expectedVersion: c.version,
    }),
  );
  const noAddress = toSend.filter((c) => to(c.partyId) === '').map((c) => c.partyId);
  await deps.finance.saveContributions(
    year,
    writes,
    auditEvent(ctx.actor, new Date(now), 'contributions.sent', yearEntity(year), {
      sent: toSend.length,
      parties: toSend.map((c) => c.partyId).join(','),
      demandOre: toSend.reduce((sum, c) => sum + c.demandOre, 0),
      noAddress: noAddress.join(','),
    }),
    toSend.map((c) => demandMessage(c, settings, account, now, to(c.partyId))),
  );
  return { year, sent: toSend.map((c) => c.partyId), alreadySent, noAddress };
}

async function loadContribution(deps: CoreDeps, year: number, partyId: string) {
  partyById(partyId);
  const [contribution, settings] = await Promise.all([
    deps.finance.getContribution(year, partyId),
    deps.finance.getYear(year),
  ]);
  if (!contribution || !settings) throw notFound('contribution');
  return { contribution, settings };
}

/** A party's contribution for a year with its payments and adjustments. @throws AppError FORBIDDEN, NOT_FOUND */
export async function getContribution(
  deps: CoreDeps,
  actor: Principal,
  year: number,
  partyId: string,
): Promise<{ contribution: ContributionView; entries: LedgerEntry[] }> {
  requireFinance(actor);
  const { contribution, settings } = await loadContribution(deps, year, partyId);
  const entries = await deps.finance.contributionEntries(year, partyId);
  return { contribution: contributionView(contribution, settings.dueDate, today(deps)), entries };
}

const PAYMENT = 'payment' as const;

export interface PaymentResult {
  payment: LedgerEntry;
  contribution: ContributionView;
  /** True when the key had recorded this payment already: nothing new was written. */
  replayed: boolean;
}

/**
 * Books a payment or an adjustment on a contribution: the entry, the contribution's counter, the year's
 * balance and the audit event with `details`, in one transaction (with the key's claim for a payment, the
 * version read for an adjustment). Answers the contribution as it stands after it.
 */
async function moveContributionMoney(
  deps: CoreDeps,
  ctx: RequestContext,
  now: Date,
  { contribution, settings }: { contribution: Contribution; settings: YearSettings },
  entry: LedgerEntry,
  write: {
    action: AuditAction;
    details: AuditEvent['details'];
    claim?: KeyClaim;
    expectedVersion?: number;
    /** The messages the movement causes, given the contribution as it stands after it. */
    outbox?: (after: ContributionView) => Promise<OutboxMessage[]>;
  },
): Promise<ContributionView> {
  const { year, partyId } = contribution;
  const field = entry.kind === 'adjustment' ? 'adjustmentsOre' : 'paidOre';
  const moved = {
    ...contribution,
    [field]: contribution[field] + entry.amountOre,
    version: contribution.version + 1,
    updatedAt: entry.at,
  };
  const after = contributionView(moved, settings.dueDate, copenhagenDate(now));
  const outbox = write.outbox ? await write.outbox(after) : undefined;
  await deps.finance.recordMovement({
    entry,
    audit: auditEvent(ctx.actor, now, write.action, contributionEntity(year, partyId), {
      entryId: entry.id,
      amountOre: entry.amountOre,
      ...write.details,
    }),
    ...(write.claim ? { claim: write.claim } : {}),
    ...(write.expectedVersion === undefined ? {} : { expectedVersion: write.expectedVersion }),
    ...(outbox ? { outbox } : {}),
  });
  return after;
}

/** The party's receipt for a payment: what came in, and where its contribution stands after it. */
export function paymentReceipt(
  after: ContributionView,
  payment: LedgerEntry,
  to: string,
  now: string,
): OutboxMessage {
  return {
    id: crypto.randomUUID(),
    createdAt: now,
    kind: 'contribution.payment_received',
    to,
    case: { kind: 'party', id: after.partyId },
    link: contributionLink(after.year, after.partyId),
    params: {
      year: after.year,
      partyId: after.partyId,
      partyName: after.partyName,
      amountOre: payment.amountOre,
      paidOn: payment.paidOn ?? now.slice(0, 10),
      paidOre: after.paidOre,
      totalDueOre: after.totalDueOre,
      outstandingOre: after.outstandingOre,
    },
  };
}

/**
 * Records a payment once per idempotency key: the key's claim, the ledger entry, the contribution's paid
 * amount, the year's balance and the audit event in one transaction. The same key with the same payment
 * answers with the payment recorded the first time.
 * @throws AppError FORBIDDEN, PRECONDITION_REQUIRED (no key), VALIDATION_FAILED, NOT_FOUND, RULES_FAILED
 */
export async function recordPayment(
  deps: CoreDeps,
  ctx: RequestContext,
  year: number,
  partyId: string,
  input: PaymentInput,
  idempotencyKey: string | undefined,
): Promise<PaymentResult> {
  requireFinance(ctx.actor);
  const claim = idempotentRequest(idempotencyKey, PAYMENT, input);
  return recordOnce(PAYMENT, claim, {
    claimed: () => deps.finance.getPaymentClaim(year, partyId, claim.key),
    replay: async (payment) => {
      const { contribution, settings } = await loadContribution(deps, year, partyId);
      return { payment, contribution: contributionView(contribution, settings.dueDate, today(deps)) };
    },
    record: async () => {
      const loaded = await loadContribution(deps, year, partyId);
      const now = deps.clock.now();
      paidOnNotInFuture(input.paidOn, now);
      const payment = newLedgerEntry(ctx.actor, now, {
        year,
        kind: 'contribution_received',
        grantShareOre: grantShareOre(input.amountOre, loaded.settings.grantShare),
        partyId,
        ...moneyMoved(input),
        idempotencyKey: claim.key,
      });
      const contribution = await moveContributionMoney(deps, ctx, now, loaded, payment, {
        action: 'contribution.payment_recorded',
        details: { ...moneyMoved(input), paidOreBefore: loaded.contribution.paidOre },
        claim,
        outbox: async (after) => [
          paymentReceipt(after, payment, await invoiceAddress(deps, partyId), now.toISOString()),
        ],
      });
      return { payment, contribution };
    },
  });
}

/**
 * Corrects a sent demand by a separate adjustment entry (the demand itself is never edited): the entry, the
 * contribution's adjustments, the year's balance and the audit event in one transaction.
 * @throws AppError FORBIDDEN, VALIDATION_FAILED, NOT_FOUND, INVALID_STATE (not sent), RULES_FAILED, VERSION_CONFLICT
 */
export async function recordAdjustment(
  deps: CoreDeps,
  ctx: RequestContext,
  year: number,
  partyId: string,
  input: AdjustmentInput,
): Promise<{ adjustment: LedgerEntry; contribution: ContributionView }> {
  requireFinance(ctx.actor);
  if (input.amountOre === 0) {
    throw invalidField('/amountOre', { code: 'not_zero' });
  }
  const loaded = await loadContribution(deps, year, partyId);
  const { contribution } = loaded;
  if (contribution.state !== 'sent') {
    throw new AppError('INVALID_STATE', { code: 'DEMAND_NOT_SENT' });
  }
  const totalAfter = contribution.demandOre + contribution.adjustmentsOre + input.amountOre;
  if (totalAfter < 0) {
    throw refusal('RULES_FAILED', '/amountOre', {
      code: 'BELOW_ZERO',
      params: {
        demandOre: contribution.demandOre,
        adjustmentsOre: contribution.adjustmentsOre,
        amountOre: input.amountOre,
      },
    });
  }
  const now = deps.clock.now();
  const adjustment = newLedgerEntry(ctx.actor, now, {
    year,
    kind: 'adjustment',
    amountOre: input.amountOre,
    partyId,
    reason: input.reason,
  });
  const adjusted = await moveContributionMoney(deps, ctx, now, loaded, adjustment, {
    action: 'contribution.adjusted',
    details: { reason: input.reason, version: contribution.version + 1 },
    expectedVersion: contribution.version,
  });
  return { adjustment, contribution: adjusted };
}

export interface OverviewRow {
  partyId: string;
  name: string;
  kind: PartyRef['kind'];
  state: Contribution['state'] | 'not_computed';
  population: number | null;
  rateOre: number | null;
  demandOre: number;
  adjustmentsOre: number;
  totalDueOre: number;
  paidOre: number;
  outstandingOre: number;
  overpaidOre: number;
  status: ContributionView['status'] | null;
}

export interface Overview {
  year: number;
  today: string;
  settings: YearSettings;
  rows: OverviewRow[];
  totals: Omit<OverviewRow, 'partyId' | 'name' | 'kind' | 'state' | 'population' | 'rateOre' | 'status'> & {
    population: number;
  };
  /** The year's own balance: the entries booked in its ledger. */
  balances: Balance & { grantShareOre: number; otherShareOre: number };
  /** The pool overall (every year): what can still be committed is the pool's `grantAvailableOre`. */
  pool: PoolBalance;
}

/**
 * The year at a glance: a row per party, totals and the pool's balances. Two requests whatever the size of
 * the ledger: one Query for the year's contributions and one BatchGet for the settings and the balance.
 * @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getOverview(deps: CoreDeps, actor: Principal, year: number): Promise<Overview> {
  requireFinance(actor);
  const [contributions, { settings, balance, pool }] = await Promise.all([
    deps.finance.listContributions(year),
    deps.finance.getYearAndBalance(year),
  ]);
  if (!settings) throw notFound('year');
  const day = today(deps);
  const byParty = new Map(contributions.map((c) => [c.partyId, c]));
  const rows = PARTIES.map((party): OverviewRow => {
    const c = byParty.get(party.id);
    if (!c) {
      return {
        partyId: party.id,
        name: party.name,
        kind: party.kind,
        state: 'not_computed',
        population: null,
        rateOre: null,
        demandOre: 0,
        adjustmentsOre: 0,
        totalDueOre: 0,
        paidOre: 0,
        outstandingOre: 0,
        overpaidOre: 0,
        status: null,
      };
    }
    const v = contributionView(c, settings.dueDate, day);
    return {
      partyId: party.id,
      name: party.name,
      kind: party.kind,
      state: v.state,
      population: v.population,
      rateOre: v.rateOre,
      demandOre: v.demandOre,
      adjustmentsOre: v.adjustmentsOre,
      totalDueOre: v.totalDueOre,
      paidOre: v.paidOre,
      outstandingOre: v.outstandingOre,
      overpaidOre: v.overpaidOre,
      status: v.status,
    };
  });
  const sum = (pick: (r: OverviewRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    year,
    today: day,
    settings,
    rows,
    totals: {
      // The region's citizens are the municipalities' citizens: counted once.
      population: sum((r) => (r.kind === 'municipality' ? (r.population ?? 0) : 0)),
      demandOre: sum((r) => r.demandOre),
      adjustmentsOre: sum((r) => r.adjustmentsOre),
      totalDueOre: sum((r) => r.totalDueOre),
      paidOre: sum((r) => r.paidOre),
      outstandingOre: sum((r) => r.outstandingOre),
      overpaidOre: sum((r) => r.overpaidOre),
    },
    balances: {
      ...balance,
      grantShareOre: balance.grantReceivedOre,
      otherShareOre: balance.receivedOre - balance.grantReceivedOre,
    },
    pool,
  };
}
