import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { withdrawApplication } from '../../functions/core/applications/application.service.js';
import { SCHEDULER } from '../../functions/core/auth/system.js';
import { closeCall, closeDueCalls } from '../../functions/core/calls/call.service.js';
import type { CoreDeps, RequestContext } from '../../functions/core/ports.js';
import { AppError } from '../../functions/core/shared/errors.js';
import { createDb } from '../../functions/db/client.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { type Api, expectProblem } from '../support/api.js';
import { cancelled, dbMocks, serverError } from '../support/db-faults.js';
import {
  ADMIN,
  CLOSE_EARLY,
  createCall,
  createDraft,
  RESEARCHER,
  RESEARCHER2,
  submitApplication,
} from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { auditEvents, scanAll } from '../support/table.js';

/*
 * The closer (by hand and scheduled) against DynamoDB Local: it moves each submitted application to review in
 * its own transaction and closes the call only after the last one, so a crash in between is finished by the
 * next run. Each test gets its own table: closeDueCalls closes every due call it finds.
 */

// The example call's deadline, 1 September 2027 12:00 Copenhagen time.
const DEADLINE = '2027-09-01T10:00:00.000Z';

const faults = dbMocks();

/** A table of its own with the example call open, and `submitted` applications in it (the two researchers' in turn). */
async function fresh(submitted = 0): Promise<{ h: Harness; client: Api; callId: string; apps: string[] }> {
  const { h, client, call } = await harnessWithCall();
  const apps: string[] = [];
  for (let i = 0; i < submitted; i++)
    apps.push(await submitApplication(client, call.id, i % 2 ? RESEARCHER2 : RESEARCHER));
  return { h, client, callId: call.id as string, apps };
}

/** The `write`th transaction sent fails with what `fault` gives for it; the others go to DynamoDB Local. */
function transactionsFailing(h: Harness, fault: (write: number) => Error | undefined): void {
  const { stub, realSend } = faults.mock(h.db);
  let writes = 0;
  stub.on(TransactWriteCommand).callsFake((input) => {
    writes += 1;
    const error = fault(writes);
    return error ? Promise.reject(error) : realSend(new TransactWriteCommand(input));
  });
}

const asAdmin = (h: Harness): RequestContext => ({ actor: h.principal(ADMIN) });
const asScheduler: RequestContext = { actor: SCHEDULER };

/** A second client on the same table: what another Lambda (the applicant's request) would use. */
const otherProcess = (h: Harness): CoreDeps =>
  createCoreDeps(createDb({ tableName: h.db.tableName, endpoint: inject('dynamoEndpoint') }), h.clock);

const reviewStarted = async (h: Harness, applicationId: string) =>
  (await auditEvents(h, `APP#${applicationId}`)).filter((e) => e.action === 'application.review_started');
const callClosedEvents = async (h: Harness, callId: string) =>
  (await auditEvents(h, `CALL#${callId}`)).filter((e) => e.action === 'call.closed');
const statusOf = async (h: Harness, applicationId: string) =>
  (await h.core.applications.get(applicationId))?.status;

describe('closing a call', () => {
  it('moves only the submitted applications, with one audit event each, then closes the call once', async () => {
    const { h, client, callId, apps: submitted } = await fresh(2);
    const draft = (await createDraft(client, callId, RESEARCHER)).id as string;
    const withdrawnAfterSubmit = await submitApplication(client, callId, RESEARCHER);
    expect((await client.act(`/api/applications/${withdrawnAfterSubmit}/withdraw`, RESEARCHER)).status).toBe(
      200,
    );
    const withdrawnDraft = (await createDraft(client, callId, RESEARCHER2)).id as string;
    expect((await client.act(`/api/applications/${withdrawnDraft}/withdraw`, RESEARCHER2)).status).toBe(200);
    const untouched = [draft, withdrawnAfterSubmit, withdrawnDraft];
    const before = await Promise.all(untouched.map((id) => h.core.applications.get(id)));
    h.clock.advance(60_000);

    const closed = await closeCall(h.core, asAdmin(h), callId, undefined, CLOSE_EARLY);

    expect(closed).toMatchObject({ status: 'closed', version: 3, closedAt: h.clock.now().toISOString() });
    for (const id of submitted) {
      expect(await h.core.applications.get(id)).toMatchObject({
        status: 'in_review',
        version: 3,
        reviewStartedAt: h.clock.now().toISOString(),
      });
      const events = await reviewStarted(h, id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: { userId: 'demo-admin' },
        details: { from: 'submitted', to: 'in_review', version: 3 },
      });
    }
    expect(await Promise.all(untouched.map((id) => h.core.applications.get(id)))).toEqual(before);
    for (const id of untouched) expect(await reviewStarted(h, id)).toEqual([]);
    expect(await callClosedEvents(h, callId)).toHaveLength(1);
    // Too late to withdraw once review has started.
    expectProblem(await client.act(`/api/applications/${submitted[0]}/withdraw`, RESEARCHER), 409);
  });

  it('running it again changes nothing: not one item of the table', async () => {
    const { h, client, callId } = await fresh();
    await submitApplication(client, callId, RESEARCHER);
    await closeCall(h.core, asAdmin(h), callId, undefined, CLOSE_EARLY);
    const table = await scanAll(h);
    h.clock.set('2027-12-24T12:00:00Z');

    await expect(closeCall(h.core, asAdmin(h), callId, undefined, CLOSE_EARLY)).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await closeDueCalls(h.core, asScheduler)).toEqual([]);
    expectProblem(await client.post(`/api/calls/${callId}/close`, CLOSE_EARLY, ADMIN), 409, 'INVALID_STATE');

    expect(await scanAll(h)).toEqual(table);
  });

  it('a crash between applications leaves the call open past its deadline; the next run finishes the job', async () => {
    const { h, callId, apps } = await fresh(3);
    h.clock.set(DEADLINE);
    // From the second application's move on, DynamoDB answers 500 every time: more often than the transaction
    // helper tries again, so the run stops there.
    transactionsFailing(h, (write) => (write >= 2 ? serverError() : undefined));

    const crashed = closeDueCalls(h.core, asScheduler);

    await expect(crashed).rejects.toBeInstanceOf(AppError);
    await expect(crashed).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    faults.restore();
    expect((await h.core.calls.get(callId))?.status).toBe('open');
    const statuses = await Promise.all(apps.map((id) => statusOf(h, id)));
    expect(statuses.filter((s) => s === 'in_review')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(2);
    const movedFirst = apps[statuses.indexOf('in_review')] as string;
    const movedFirstVersion = (await h.core.applications.get(movedFirst))?.version;
    expect(await callClosedEvents(h, callId)).toEqual([]);

    h.clock.advance(60_000);
    expect(await closeDueCalls(h.core, asScheduler)).toEqual([callId]);

    expect((await h.core.calls.get(callId))?.status).toBe('closed');
    for (const id of apps) {
      expect(await statusOf(h, id)).toBe('in_review');
      const events = await reviewStarted(h, id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: { userId: SCHEDULER.userId } });
    }
    // The application moved before the crash was skipped, not moved again.
    expect((await h.core.applications.get(movedFirst))?.version).toBe(movedFirstVersion);
    expect(await callClosedEvents(h, callId)).toHaveLength(1);
    expect(await closeDueCalls(h.core, asScheduler)).toEqual([]);
  });

  it('a transaction cancelled while the application stays submitted does not leave it in a closed call', async () => {
    const { h, callId, apps } = await fresh(2);
    h.clock.set(DEADLINE);
    // The first move is cancelled and nothing of it is written, yet the application is still submitted (a
    // clash the helper would try again; here a failed condition, which it never tries again: 409).
    transactionsFailing(h, (write) =>
      write === 1 ? cancelled(['ConditionalCheckFailed', 'None']) : undefined,
    );

    // Nothing closed this run: the call stays open past its deadline while an application is still submitted.
    expect(await closeDueCalls(h.core, asScheduler)).toEqual([]);
    faults.restore();
    expect((await h.core.calls.get(callId))?.status).toBe('open');
    expect(await Promise.all(apps.map((id) => statusOf(h, id)))).toContain('submitted');
    expect(await callClosedEvents(h, callId)).toEqual([]);

    expect(await closeDueCalls(h.core, asScheduler)).toEqual([callId]);
    for (const id of apps) {
      expect(await statusOf(h, id)).toBe('in_review');
      expect(await reviewStarted(h, id)).toHaveLength(1);
    }
  });

  it('two closers at once: each application moves once and the call closes once', async () => {
    const { h, callId, apps } = await fresh(3);
    h.clock.set(DEADLINE);

    const runs = await Promise.all([closeDueCalls(h.core, asScheduler), closeDueCalls(h.core, asScheduler)]);

    expect(runs.flat()).toEqual([callId]);
    expect((await h.core.calls.get(callId))?.status).toBe('closed');
    for (const id of apps) expect(await reviewStarted(h, id)).toHaveLength(1);
    expect(await callClosedEvents(h, callId)).toHaveLength(1);
  });
});

describe('closeDueCalls', () => {
  it('closes the calls whose deadline has come (to the millisecond) and leaves the others open', async () => {
    const { h, client, callId: due } = await fresh();
    const later = (
      await createCall(client, {
        overrides: { title: 'Senere frist', closesAt: '2027-09-01T12:00:01+02:00' },
      })
    ).id as string;
    const dueApp = await submitApplication(client, due, RESEARCHER);
    const laterApp = await submitApplication(client, later, RESEARCHER2);

    h.clock.set('2027-09-01T09:59:59.999Z');
    expect(await closeDueCalls(h.core, asScheduler)).toEqual([]);

    h.clock.set(DEADLINE);
    expect(await closeDueCalls(h.core, asScheduler)).toEqual([due]);
    expect((await h.core.calls.get(due))?.status).toBe('closed');
    expect(await statusOf(h, dueApp)).toBe('in_review');
    expect((await h.core.calls.get(later))?.status).toBe('open');
    expect(await statusOf(h, laterApp)).toBe('submitted');
    expect(await reviewStarted(h, laterApp)).toEqual([]);
    expect(await callClosedEvents(h, later)).toEqual([]);

    h.clock.advance(1_000);
    expect(await closeDueCalls(h.core, asScheduler)).toEqual([later]);
    expect(await statusOf(h, laterApp)).toBe('in_review');
  });

  it('leaves draft calls alone, however old their deadline', async () => {
    const { h, client } = await fresh();
    const draft = await createCall(client, { open: false, overrides: { title: 'Kladde' } });
    h.clock.set('2028-01-01T00:00:00Z');
    const closed = await closeDueCalls(h.core, asScheduler);
    expect(closed).not.toContain(draft.id);
    expect((await h.core.calls.get(draft.id))?.status).toBe('draft');
  });
});

describe('a withdrawal racing the closer', () => {
  /**
   * Closes a call of two submitted applications while the applicant withdraws the first from another process,
   * the moment the closer reads `when`: the call's list of applications, or that application itself. Either
   * way the withdrawal stands, the other application goes to review and the call closes. Returns the first
   * application and the items the closer's transactions put.
   */
  async function closeWhileWithdrawn(when: 'listed' | 'read') {
    const {
      h,
      callId,
      apps: [racer = '', other = ''],
    } = await fresh(2);
    const applicant = otherProcess(h);
    const { stub, realSend } = faults.mock(h.db);
    let raced = false;
    const race = async () => {
      if (raced) return;
      raced = true;
      await withdrawApplication(applicant, { actor: h.principal(RESEARCHER) }, racer);
    };
    if (when === 'listed')
      stub.on(QueryCommand).callsFake(async (input) => {
        const out = await realSend(new QueryCommand(input));
        if (input.IndexName === 'gsi2') await race();
        return out;
      });
    else
      stub.on(GetCommand).callsFake(async (input) => {
        const out = await realSend(new GetCommand(input));
        if (input.Key?.pk === `APP#${racer}`) await race();
        return out;
      });

    await closeCall(h.core, asAdmin(h), callId, undefined, CLOSE_EARLY);

    expect(raced).toBe(true);
    const puts = stub
      .commandCalls(TransactWriteCommand)
      .flatMap((c) => c.args[0].input.TransactItems ?? [])
      .flatMap((item) => (item.Put?.Item ? [item.Put.Item] : []));
    faults.restore();
    expect(await h.core.applications.get(racer)).toMatchObject({ status: 'withdrawn', version: 3 });
    expect(await statusOf(h, other)).toBe('in_review');
    expect((await h.core.calls.get(callId))?.status).toBe('closed');
    return { h, racer, puts };
  }

  it('withdrawn after the closer listed the call: it stays withdrawn and is never written by the closer', async () => {
    const { h, racer, puts } = await closeWhileWithdrawn('listed');
    expect(puts.map((item) => String(item.pk))).not.toContain(`APP#${racer}`);
    expect(await reviewStarted(h, racer)).toEqual([]);
  });

  it('withdrawn between the closer’s read and its write: the write fails its condition, the withdrawal stands', async () => {
    const { h, racer, puts } = await closeWhileWithdrawn('read');
    // The closer did try, with the version it had read, and lost.
    expect(puts.filter((item) => item.pk === `APP#${racer}` && item.sk === 'APP')).toHaveLength(1);
    expect((await auditEvents(h, `APP#${racer}`)).map((e) => e.action)).toEqual([
      'application.created',
      'application.submitted',
      'application.withdrawn',
    ]);
  });
});
