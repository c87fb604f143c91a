import { describe, expect, it } from 'vitest';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import {
  createDraft,
  getApplication,
  getReceipt,
  submitApplication,
  updateDraft,
  withdrawApplication,
} from '../../functions/core/applications/application.service.js';
import { createCallSchema } from '../../functions/core/calls/call.schema.js';
import { closeCall, createCall } from '../../functions/core/calls/call.service.js';
import { createFakes } from '../support/fakes.js';
import { applicationBody, CLOSE_EARLY, callBody } from '../support/fixtures.js';
import { ACTORS, as, openedCall, submitted } from '../support/services.js';

/*
 * The application service's rules against the ports faked in memory: who may start, read, change, submit and
 * withdraw an application; every submission rule refused at once with nothing written; a stale version
 * refused; references in turn; each change with its audit event, the submission with its receipt.
 */

const owner = as(ACTORS.applicant);
const other = as(ACTORS.otherApplicant);
const admin = as(ACTORS.admin);
const draftOf = (overrides: Record<string, unknown> = {}) =>
  applicationDraftSchema.parse(applicationBody(overrides));

describe('starting a draft', () => {
  it('is for open calls before their deadline; a draft call is not found', async () => {
    const { deps, clock, store } = createFakes();
    const draftCall = await createCall(deps, admin, createCallSchema.parse(callBody()));
    await expect(createDraft(deps, owner, draftCall.id, {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
      reason: { params: { entity: 'call' } },
    });
    const closed = await openedCall(deps);
    await closeCall(deps, admin, closed.id, undefined, CLOSE_EARLY);
    await expect(createDraft(deps, owner, closed.id, {})).rejects.toMatchObject({
      code: 'RULES_FAILED',
      errors: [{ code: 'CALL_NOT_OPEN' }],
    });
    const open = await openedCall(deps);
    clock.set('2027-09-01T10:00:00Z');
    await expect(createDraft(deps, owner, open.id, {})).rejects.toMatchObject({
      code: 'RULES_FAILED',
      errors: [{ code: 'DEADLINE_PASSED' }],
    });
    expect(store.applications.size).toBe(0);
  });

  it('belongs to whoever starts it, with the amount summed and its audit event', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const draft = await createDraft(deps, owner, call.id, draftOf());
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      ownerId: ACTORS.applicant.userId,
      ownerOrganisation: 'Aarhus Universitetshospital',
      requestedAmountOre: 35_000_000,
    });
    expect(store.eventsOf(draft.id)).toMatchObject([
      { action: 'application.created', actor: { userId: ACTORS.applicant.userId }, details: { version: 1 } },
    ]);
  });
});

describe('who may read and change an application', () => {
  it('keeps a draft its owner’s alone: others cannot tell it exists, nor change it', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const draft = await createDraft(deps, owner, call.id, draftOf());
    for (const ctx of [other, admin]) {
      await expect(getApplication(deps, ctx.actor, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(updateDraft(deps, ctx, draft.id, { title: 'Kapret' }, 1)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(submitApplication(deps, ctx, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(withdrawApplication(deps, ctx, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(store.eventsOf(draft.id).map((e) => e.action)).toEqual(['application.created']);
  });

  it('lets an admin read a submitted application but never change or withdraw it', async () => {
    const { deps } = createFakes();
    const call = await openedCall(deps);
    const application = await submitted(deps, call.id);
    expect(await getApplication(deps, ACTORS.admin, application.id)).toMatchObject({ status: 'submitted' });
    expect(await getReceipt(deps, ACTORS.admin, application.id)).toMatchObject({
      reference: application.reference,
    });
    await expect(withdrawApplication(deps, admin, application.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(updateDraft(deps, admin, application.id, { title: 'X' }, 2)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(getApplication(deps, ACTORS.otherApplicant, application.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a stale version and writes nothing; a save with nothing in it is no change', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const draft = await createDraft(deps, owner, call.id, draftOf());
    expect(await updateDraft(deps, owner, draft.id, { title: 'Ny titel' }, 1)).toMatchObject({ version: 2 });
    const commits = store.commits;
    await expect(updateDraft(deps, owner, draft.id, { title: 'Forældet' }, 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await expect(submitApplication(deps, owner, draft.id, 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(await updateDraft(deps, owner, draft.id, {}, 2)).toMatchObject({ version: 2 });
    expect(store.commits).toBe(commits);
    expect(await deps.applications.get(draft.id)).toMatchObject({ title: 'Ny titel', version: 2 });
  });
});

describe('submitting', () => {
  it('lists every rule that fails at once and writes nothing', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const draft = await createDraft(deps, owner, call.id, { title: 'Kun en titel' });
    const commits = store.commits;
    const refused = await submitApplication(deps, owner, draft.id).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'RULES_FAILED', reason: { code: 'APPLICATION_INCOMPLETE' } });
    const codes = (refused as { errors: { code: string; pointer: string }[] }).errors.map(
      (e) => `${e.code}@${e.pointer}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'REQUIRED@/grantTypeId',
        'REQUIRED@/summary',
        'REQUIRED@/partners',
        'TOO_FEW_SECTORS@/partners',
        'REQUIRED@/budgetLines',
      ]),
    );
    expect(store.commits).toBe(commits);
    expect(store.outbox).toEqual([]);
    expect(await deps.applications.get(draft.id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('takes the references in turn, writes the event and the receipt, and only once', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const first = await submitted(deps, call.id);
    const second = await submitted(deps, call.id, ACTORS.otherApplicant);
    expect([first.reference, second.reference]).toEqual(['FIM-2027-0001', 'FIM-2027-0002']);
    expect(store.eventsOf(first.id).at(-1)).toMatchObject({
      action: 'application.submitted',
      details: { from: 'draft', to: 'submitted', reference: 'FIM-2027-0001', version: 2 },
    });
    expect(store.outbox.map((m) => [m.kind, m.to, m.case.id])).toEqual([
      ['application.receipt', ACTORS.applicant.email, first.id],
      ['application.receipt', ACTORS.otherApplicant.email, second.id],
    ]);
    await expect(submitApplication(deps, owner, first.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'APPLICATION_ALREADY_SUBMITTED' },
    });
  });

  it('lets its owner withdraw it before review starts, once', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const application = await submitted(deps, call.id);
    expect(await withdrawApplication(deps, owner, application.id)).toMatchObject({
      status: 'withdrawn',
      version: 3,
    });
    expect(store.eventsOf(application.id).at(-1)).toMatchObject({
      action: 'application.withdrawn',
      details: { from: 'submitted', to: 'withdrawn', version: 3 },
    });
    await expect(withdrawApplication(deps, owner, application.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'APPLICATION_NOT_WITHDRAWABLE' },
    });
    const inReview = await submitted(deps, call.id);
    await closeCall(deps, admin, call.id, undefined, CLOSE_EARLY);
    await expect(withdrawApplication(deps, owner, inReview.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });
});
