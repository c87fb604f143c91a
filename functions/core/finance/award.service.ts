import { isOwner } from '../applications/access.js';
import type { Application } from '../applications/application.schema.js';
import { getApplication } from '../applications/application.service.js';
import { auditEvent, envelope, type OutboxMessage } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { AwardClosing, CoreDeps, KeyClaim, RequestContext } from '../ports.js';
import { AppError, notFound, refusal } from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';
import {
  alreadyAccepted,
  awardClosed,
  overRefundable,
  overRemaining,
  refundFits,
  releaseOnClose,
  tranchFits,
} from './award.rules.js';
import type { Award, AwardAcceptInput, AwardMovementInput, AwardView } from './award.schema.js';
import { AWARD_TERMS, awardView } from './award.values.js';
import type { LedgerEntry } from './finance.schema.js';
import { moneyMoved, newLedgerEntry } from './finance.values.js';
import { idempotentRequest, recordOnce } from './idempotency.js';
import { paidOnNotInFuture } from './movement.rules.js';
import { canManageFinance, requireFinance } from './population.service.js';
import { buildReports } from './report.rules.js';

const awardEntity = (applicationId: string) => ({ type: 'award' as const, id: applicationId });

/** The Copenhagen year of an instant: the year whose ledger an award accepted then is booked in. */
export const copenhagenYear = (instant: Date): number => Number(copenhagenDate(instant).slice(0, 4));

/**
 * The owner accepts the terms of an approved application: the award, its `award_committed` entry and the
 * commitment on the year's and the pool's balance in one transaction, conditioned on what the pool holds for
 * grants (over every year), so concurrent
 * acceptances can never over-commit. @throws AppError NOT_FOUND (no such application, or not the caller's),
 * INVALID_STATE (not approved; already accepted), RULES_FAILED (terms version; INSUFFICIENT_FUNDS), VERSION_CONFLICT
 */
export async function acceptAward(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: AwardAcceptInput,
): Promise<AwardView> {
  const application = await deps.applications.get(applicationId);
  // Not found and not yours look the same, so ids cannot be probed.
  if (!application || !isOwner(ctx.actor, application)) throw notFound('application');
  if (await deps.awards.get(applicationId)) throw alreadyAccepted();
  const amountOre = application.decision?.amountOre;
  if (application.status !== 'approved' || amountOre === undefined || amountOre <= 0) {
    throw new AppError('INVALID_STATE', {
      code: 'APPLICATION_NOT_APPROVED',
      params: { status: application.status },
    });
  }
  if (input.termsVersion !== AWARD_TERMS.version) {
    throw refusal('RULES_FAILED', '/termsVersion', {
      code: 'TERMS_OUTDATED',
      params: { termsVersion: input.termsVersion, currentVersion: AWARD_TERMS.version },
    });
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const award: Award = {
    applicationId,
    callId: application.callId,
    ...(application.reference ? { reference: application.reference } : {}),
    ...(application.title ? { title: application.title } : {}),
    ...(application.focusArea ? { focusArea: application.focusArea } : {}),
    sectors: [...new Set(application.partners.flatMap((p) => (p.sector ? [p.sector] : [])))],
    ownerId: application.ownerId,
    ownerEmail: application.ownerEmail,
    ownerName: application.ownerName,
    year: copenhagenYear(now),
    amountOre,
    disbursedOre: 0,
    refundedOre: 0,
    releasedOre: 0,
    status: 'committed',
    termsVersion: input.termsVersion,
    committedAt: at,
    committedBy: ctx.actor.userId,
    version: 1,
    updatedAt: at,
  };
  const entry = newLedgerEntry(ctx.actor, now, {
    year: award.year,
    kind: 'award_committed',
    amountOre,
    awardId: applicationId,
    ...(application.reference ? { reference: application.reference } : {}),
  });
  const reports = buildReports(await deps.calls.get(application.callId), award, application, at);
  await deps.awards.commit(
    award,
    entry,
    auditEvent(ctx.actor, now, 'award.accepted', awardEntity(applicationId), {
      entryId: entry.id,
      year: award.year,
      amountOre,
      termsVersion: input.termsVersion,
      applicationVersion: application.version,
      reports: reports.map((r) => `${r.reportId}:${r.dueDate}`).join(','),
    }),
    application.version,
    reports,
  );
  return awardView(award);
}

/** The caller's own awards (`mine`), or every award (finance, admins). @throws AppError FORBIDDEN */
export async function listAwards(deps: CoreDeps, actor: Principal, mine: boolean): Promise<AwardView[]> {
  if (mine) return (await deps.awards.listByOwner(actor.userId)).map(awardView);
  requireFinance(actor);
  return (await deps.awards.listAll()).map(awardView);
}

/** An award with its entries: its owner, finance and admins. @throws AppError NOT_FOUND */
export async function getAward(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<{ award: AwardView; entries: LedgerEntry[] }> {
  const award = await deps.awards.get(applicationId);
  if (!award || !(award.ownerId === actor.userId || canManageFinance(actor))) throw notFound('award');
  return { award: awardView(award), entries: await deps.awards.entries(applicationId) };
}

/** What the owner of an approved application is offered: its amount, and the award once accepted. */
export interface AwardOffer {
  amountOre: number;
  award: AwardView | undefined;
}

/**
 * The award side of an application, for its owner once it is approved with an amount: undefined for anyone
 * else and for any other status (the application page shows no award section then).
 */
export async function awardOfferOf(
  deps: CoreDeps,
  actor: Principal,
  application: Application,
): Promise<AwardOffer | undefined> {
  const amountOre = application.decision?.amountOre;
  if (!isOwner(actor, application) || application.status !== 'approved' || !amountOre) return undefined;
  const award = await deps.awards.get(application.id);
  return { amountOre, award: award ? awardView(award) : undefined };
}

/**
 * An application as its owner accepts its award: the application, its call (when it still exists) and the
 * offer (undefined while the application is not approved with an amount).
 * @throws AppError NOT_FOUND (no such application, or not the caller's: the two look the same)
 */
export async function getAwardOffer(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<{ application: Application; call: Call | undefined; offer: AwardOffer | undefined }> {
  // Read as the owner reads it (what the decision may show them), and not found for anyone else.
  const application = await getApplication(deps, actor, applicationId);
  if (!isOwner(actor, application)) throw notFound('application');
  const [call, offer] = await Promise.all([
    deps.calls.get(application.callId),
    awardOfferOf(deps, actor, application),
  ]);
  return { application, call, offer };
}

async function loadAward(deps: CoreDeps, applicationId: string): Promise<Award> {
  const award = await deps.awards.get(applicationId);
  if (!award) throw notFound('award');
  return award;
}

const TRANCHE = 'tranche' as const;

export interface DisbursementResult {
  disbursement: LedgerEntry;
  award: AwardView;
  /** True when the key had recorded this tranche already: nothing new was written. */
  replayed: boolean;
}

/** The notice to the project lead of a tranche paid out or a refund booked, with the award's counter after it. */
function moneyNotice(award: Award, entry: LedgerEntry, counterAfter: number, now: Date): OutboxMessage {
  const notice = {
    name: award.ownerName,
    reference: award.reference ?? '',
    title: award.title ?? '',
    amountOre: entry.amountOre,
    paidOn: entry.paidOn ?? copenhagenDate(now),
    awardOre: award.amountOre,
  };
  return {
    ...envelope(
      now,
      award.ownerEmail,
      { kind: 'award', id: award.applicationId },
      `/awards/${award.applicationId}`,
    ),
    ...(entry.kind === 'refund'
      ? { kind: 'award.refund_booked', params: { ...notice, refundedOre: counterAfter } }
      : { kind: 'award.tranche_paid', params: { ...notice, disbursedOre: counterAfter } }),
  };
}

/**
 * Books a tranche or a refund: the entry (in the award's year), the award's and the year's counter and the
 * audit event with the counter as it stood, in one transaction (with the key's claim for a tranche).
 */
async function moveAwardMoney(
  deps: CoreDeps,
  ctx: RequestContext,
  award: Award,
  input: AwardMovementInput,
  move: { kind: 'disbursement' | 'refund'; claim?: KeyClaim },
): Promise<{ entry: LedgerEntry; award: AwardView }> {
  const now = deps.clock.now();
  paidOnNotInFuture(input.paidOn, now);
  const disbursement = move.kind === 'disbursement';
  const entry = newLedgerEntry(ctx.actor, now, {
    year: award.year,
    kind: move.kind,
    ...moneyMoved(input),
    awardId: award.applicationId,
    ...(move.claim ? { idempotencyKey: move.claim.key } : {}),
  });
  const field = disbursement ? 'disbursedOre' : 'refundedOre';
  const after = award[field] + entry.amountOre;
  await deps.awards.move({
    award,
    entry,
    audit: auditEvent(
      ctx.actor,
      now,
      disbursement ? 'award.disbursed' : 'award.refunded',
      awardEntity(award.applicationId),
      { entryId: entry.id, ...moneyMoved(input), [`${field}Before`]: award[field] },
    ),
    ...(move.claim ? { claim: move.claim } : {}),
    outbox: [moneyNotice(award, entry, after, now)],
  });
  // The award as the repository's update left it: the counter moved, the version on.
  const moved = {
    ...award,
    [field]: after,
    version: award.version + 1,
    updatedAt: entry.at,
  };
  return { entry, award: awardView(moved) };
}

/**
 * Pays out a tranche once per idempotency key: at most what remains of the award (amount − disbursed).
 * The key's claim, the entry, the award's and the year's `disbursedOre` and the audit event in one
 * transaction. @throws AppError FORBIDDEN, PRECONDITION_REQUIRED, VALIDATION_FAILED, NOT_FOUND,
 * INVALID_STATE (closed), RULES_FAILED (OVER_REMAINING with the figures, IDEMPOTENCY_KEY_REUSED, IN_FUTURE)
 */
export async function recordDisbursement(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: AwardMovementInput,
  idempotencyKey: string | undefined,
): Promise<DisbursementResult> {
  requireFinance(ctx.actor);
  const claim = idempotentRequest(idempotencyKey, TRANCHE, input);
  return recordOnce(TRANCHE, claim, {
    claimed: () => deps.awards.getDisbursementClaim(applicationId, claim.key),
    replay: async (disbursement) => ({
      disbursement,
      award: awardView(await loadAward(deps, applicationId)),
    }),
    record: async () => {
      const award = await loadAward(deps, applicationId);
      if (award.status !== 'committed') throw awardClosed();
      if (!tranchFits(award, input.amountOre)) throw overRemaining(award, input.amountOre);
      const moved = await moveAwardMoney(deps, ctx, award, input, { kind: 'disbursement', claim });
      return { disbursement: moved.entry, award: moved.award };
    },
  });
}

/**
 * Records unspent money paid back: at most what was paid out and not yet paid back. The entry, the award's
 * and the year's `refundedOre` (and the year's `availableOre`: the money can be committed again) and the
 * audit event in one transaction. @throws AppError FORBIDDEN, NOT_FOUND, RULES_FAILED (OVER_DISBURSED, IN_FUTURE)
 */
export async function recordRefund(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: AwardMovementInput,
): Promise<{ refund: LedgerEntry; award: AwardView }> {
  requireFinance(ctx.actor);
  const award = await loadAward(deps, applicationId);
  if (!refundFits(award, input.amountOre)) throw overRefundable(award, input.amountOre);
  const moved = await moveAwardMoney(deps, ctx, award, input, { kind: 'refund' });
  return { refund: moved.entry, award: moved.award };
}

/**
 * Closing an award: its status, the release of what was committed and never paid out (a
 * `commitment_released` entry booked in the award's year, which makes the money available again) and the
 * audit event. Written by `closeAward` and by the approval of the final report, each in its own transaction
 * conditioned on the award's version read (a tranche bumps it, so the release is exactly what was unpaid).
 */
export function awardClosing(
  actor: Principal,
  now: Date,
  award: Award,
  reason: 'closed_by_finance' | 'final_report_approved',
): AwardClosing {
  const at = now.toISOString();
  const releasedOre = releaseOnClose(award);
  const closed: Award = {
    ...award,
    status: 'closed',
    closedAt: at,
    releasedOre,
    version: award.version + 1,
    updatedAt: at,
  };
  const release: LedgerEntry | undefined =
    releasedOre > 0
      ? newLedgerEntry(actor, now, {
          year: award.year,
          kind: 'commitment_released',
          amountOre: releasedOre,
          awardId: award.applicationId,
          ...(award.reference ? { reference: award.reference } : {}),
          reason,
        })
      : undefined;
  return {
    award: closed,
    expectedVersion: award.version,
    ...(release ? { release } : {}),
    audit: auditEvent(actor, now, 'award.closed', awardEntity(award.applicationId), {
      reason,
      amountOre: award.amountOre,
      disbursedOre: award.disbursedOre,
      refundedOre: award.refundedOre,
      releasedOre,
      ...(release ? { entryId: release.id } : {}),
      version: closed.version,
    }),
  };
}

/**
 * Closes an award by hand: no more tranches (refunds are still taken); what was never paid out goes back to
 * the pool. Approving the final report closes it too (report.service.ts approveReport, in the approval's
 * transaction). @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE (already closed), VERSION_CONFLICT
 */
export async function closeAward(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
): Promise<AwardView> {
  requireFinance(ctx.actor);
  const award = await loadAward(deps, applicationId);
  if (award.status === 'closed') throw awardClosed();
  const closing = awardClosing(ctx.actor, deps.clock.now(), award, 'closed_by_finance');
  await deps.awards.close(closing);
  return awardView(closing.award);
}
