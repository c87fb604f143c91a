import { describe, expect, it } from 'vitest';
import { SCHEDULER } from '../../functions/core/auth/system.js';
import { createCallSchema } from '../../functions/core/calls/call.schema.js';
import {
  closeCall,
  closeDueCalls,
  createCall,
  getCall,
  listCalls,
  openCall,
  updateCall,
} from '../../functions/core/calls/call.service.js';
import { createFakes } from '../support/fakes.js';
import { CLOSE_EARLY, callBody, person } from '../support/fixtures.js';
import { ACTORS, as, openedCall, submitted } from '../support/services.js';

/*
 * The call service's rules against the ports faked in memory: only admins administer calls, a draft is seen by
 * admins alone, a stale version is refused and writes nothing, every change is written with its audit event,
 * and closing starts the review of what was submitted.
 */

const admin = as(ACTORS.admin);
const board = person('board', ['applicant', 'board'], 'Aarhus Kommune', { chair: true });
const input = () => createCallSchema.parse(callBody());

describe('who may administer calls', () => {
  it('is an admin: anyone else is refused, and nothing is written', async () => {
    const { deps, store } = createFakes();
    const draft = await createCall(deps, admin, input());
    for (const actor of [ACTORS.applicant, ACTORS.finance, board]) {
      await expect(createCall(deps, as(actor), input())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateCall(deps, as(actor), draft.id, { title: 'X' }, 1)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(openCall(deps, as(actor), draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(closeCall(deps, as(actor), draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(store.calls.size).toBe(1);
    expect(store.eventsOf(draft.id).map((e) => e.action)).toEqual(['call.created']);
  });

  it('shows a draft to admins alone, and lists drafts and closed calls to them alone', async () => {
    const { deps } = createFakes();
    const draft = await createCall(deps, admin, input());
    expect(await getCall(deps, ACTORS.admin, draft.id)).toMatchObject({ status: 'draft' });
    for (const actor of [ACTORS.applicant, undefined]) {
      await expect(getCall(deps, actor, draft.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        reason: { params: { entity: 'call' } },
      });
    }
    await expect(listCalls(deps, undefined, 'draft')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(listCalls(deps, ACTORS.applicant, 'closed')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listCalls(deps, ACTORS.admin, 'draft')).map((c) => c.id)).toEqual([draft.id]);
    expect(await listCalls(deps, undefined)).toEqual([]);
  });
});

describe('changing a call', () => {
  it('writes each change at the version read, with its audit event', async () => {
    const { deps, store } = createFakes();
    const created = await createCall(deps, admin, input());
    expect(created).toMatchObject({ status: 'draft', version: 1, createdBy: ACTORS.admin.userId });
    expect(created.closesAt).toBe('2027-09-01T10:00:00.000Z');
    const changed = await updateCall(deps, admin, created.id, { title: 'Ny titel' }, 1);
    expect(changed).toMatchObject({ title: 'Ny titel', version: 2 });
    const opened = await openCall(deps, admin, created.id, 2);
    expect(opened).toMatchObject({ status: 'open', version: 3, openedAt: '2027-03-01T09:00:00.000Z' });
    expect(store.eventsOf(created.id).map((e) => [e.action, e.details])).toEqual([
      ['call.created', { version: 1 }],
      ['call.updated', { version: 2, fields: 'title' }],
      ['call.opened', { from: 'draft', to: 'open', version: 3 }],
    ]);
    expect(store.eventsOf(created.id).every((e) => e.actor.userId === ACTORS.admin.userId)).toBe(true);
  });

  it('refuses a stale version and writes nothing', async () => {
    const { deps, store } = createFakes();
    const created = await createCall(deps, admin, input());
    await updateCall(deps, admin, created.id, { title: 'Først' }, 1);
    const commits = store.commits;
    await expect(updateCall(deps, admin, created.id, { title: 'Forældet' }, 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await expect(openCall(deps, admin, created.id, 1)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(store.commits).toBe(commits);
    expect(await deps.calls.get(created.id)).toMatchObject({ title: 'Først', version: 2, status: 'draft' });
  });

  it('keeps a closed call as it is, and opens none whose deadline has passed', async () => {
    const { deps, clock } = createFakes();
    const call = await openedCall(deps);
    const closed = await closeCall(deps, admin, call.id, undefined, CLOSE_EARLY);
    await expect(updateCall(deps, admin, call.id, { title: 'Sent' }, closed.version)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'CALL_CLOSED' },
    });
    await expect(openCall(deps, admin, call.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'CALL_STATUS_NOT', params: { callStatus: 'closed', requiredStatus: 'draft' } },
    });
    const late = await createCall(deps, admin, input());
    clock.set('2027-09-01T10:00:00Z');
    await expect(openCall(deps, admin, late.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'CALL_DEADLINE_PASSED' },
    });
  });
});

describe('closing a call', () => {
  it('starts the review of the submitted applications, each with its event, and leaves drafts alone', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const application = await submitted(deps, call.id);
    const closed = await closeCall(deps, admin, call.id, undefined, CLOSE_EARLY);
    expect(closed).toMatchObject({ status: 'closed', version: 3 });
    expect(await deps.applications.get(application.id)).toMatchObject({ status: 'in_review', version: 3 });
    expect(store.eventsOf(application.id).at(-1)).toMatchObject({
      action: 'application.review_started',
      details: { from: 'submitted', to: 'in_review', version: 3 },
    });
  });

  it('closes every call past its deadline when the scheduler asks, once', async () => {
    const { deps, clock } = createFakes();
    const due = await openedCall(deps);
    const later = await openedCall(deps, { closesAt: '2027-12-01T12:00:00+01:00' });
    clock.set('2027-09-01T10:00:00Z');
    expect(await closeDueCalls(deps, { actor: SCHEDULER })).toEqual([due.id]);
    expect(await closeDueCalls(deps, { actor: SCHEDULER })).toEqual([]);
    expect((await deps.calls.get(later.id))?.status).toBe('open');
  });
});
