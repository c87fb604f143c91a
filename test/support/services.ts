import type { Application } from '../../functions/core/applications/application.schema.js';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import { createDraft, submitApplication } from '../../functions/core/applications/application.service.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { type Call, createCallSchema } from '../../functions/core/calls/call.schema.js';
import { closeCall, createCall, openCall } from '../../functions/core/calls/call.service.js';
import { decideApplication } from '../../functions/core/decisions/decision.service.js';
import {
  recordPayment,
  runContributions,
  saveYearSettings,
  sendContributions,
} from '../../functions/core/finance/contribution.service.js';
import { yearSettingsInputSchema } from '../../functions/core/finance/finance.schema.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import { applyPopulationImport } from '../../functions/core/finance/population.service.js';
import type { CoreDeps, RequestContext } from '../../functions/core/ports.js';
import {
  applicationBody,
  CLOSE_EARLY,
  callBody,
  neutralPartners,
  person,
  populationsCsv,
} from './fixtures.js';

/*
 * The states a service test starts from, reached through the core's own services (as the API would reach
 * them), against any CoreDeps: the in-memory fakes or the harness's DynamoDB Local.
 */

/** The cast of a service test: who administers, who applies, who keeps the books. */
export const ACTORS = {
  admin: person('admin', ['applicant', 'admin']),
  applicant: person('applicant', ['applicant'], 'Aarhus Universitetshospital', { name: 'Sofie Andersen' }),
  otherApplicant: person('applicant2', ['applicant'], 'Silkeborg Kommune'),
  finance: person('finance', ['applicant', 'finance']),
} as const;

/** The request context of an actor. */
export const as = (actor: Principal): RequestContext => ({ actor });

/** The example call (with `overrides`), created and opened by the admin. */
export async function openedCall(deps: CoreDeps, overrides: Record<string, unknown> = {}): Promise<Call> {
  const ctx = as(ACTORS.admin);
  const call = await createCall(deps, ctx, createCallSchema.parse(callBody(overrides)));
  return openCall(deps, ctx, call.id);
}

/** A complete draft (applicationBody with `overrides`) started and submitted by `owner`. */
export async function submitted(
  deps: CoreDeps,
  callId: string,
  owner: Principal = ACTORS.applicant,
  overrides: Record<string, unknown> = {},
): Promise<Application> {
  const draft = await createDraft(
    deps,
    as(owner),
    callId,
    applicationDraftSchema.parse(applicationBody(overrides)),
  );
  return submitApplication(deps, as(owner), draft.id);
}

/**
 * An application of `owner`'s in review under its own call (callBody with `call`; neutral partners), approved
 * by the admin with `amountOre` (at most the 350 000 kr. applied for) unless `approve` is false.
 */
export async function inReview(
  deps: CoreDeps,
  owner: Principal = ACTORS.applicant,
  options: { approveOre?: number; overrides?: Record<string, unknown>; call?: Record<string, unknown> } = {},
): Promise<Application> {
  const call = await openedCall(deps, options.call);
  const application = await submitted(deps, call.id, owner, {
    partners: neutralPartners(),
    ...options.overrides,
  });
  await closeCall(deps, as(ACTORS.admin), call.id, undefined, CLOSE_EARLY);
  if (options.approveOre !== undefined) {
    await decideApplication(deps, as(ACTORS.admin), application.id, {
      outcome: 'approved',
      amountOre: options.approveOre,
    });
  }
  return (await deps.applications.get(application.id)) as Application;
}

/** A finance year set up on the 2013 populations, its contributions run and sent, and Aarhus's payment into it. */
export async function fundedYear(deps: CoreDeps, year: number, paidOre: number): Promise<void> {
  const ctx = as(ACTORS.finance);
  await applyPopulationImport(deps, ctx, populationsCsv(2013));
  await saveYearSettings(
    deps,
    ctx,
    year,
    yearSettingsInputSchema.parse({
      referenceYear: 2013,
      dueDate: `${year}-03-31`,
      paymentDetails: DEMO_PAYMENT_DETAILS,
    }),
    undefined,
  );
  await runContributions(deps, ctx, year);
  await sendContributions(deps, ctx, year);
  if (paidOre > 0) {
    await recordPayment(
      deps,
      ctx,
      year,
      'aarhus-kommune',
      { amountOre: paidOre, paidOn: `${year}-02-01`, reference: 'Indbetaling' },
      crypto.randomUUID(),
    );
  }
}
