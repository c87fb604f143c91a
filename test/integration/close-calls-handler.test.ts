import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULER } from '../../functions/core/auth/system.js';
import { api } from '../support/api.js';
import { throttling } from '../support/db-faults.js';
import { RESEARCHER, submitApplication } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { captureLambdaOutput, coldStart, lambdaContext, schedulerEvent } from '../support/lambda.js';
import { openedCall } from '../support/services.js';
import { auditEvents } from '../support/table.js';

/*
 * The scheduled closer's Lambda entry point as deployed: the real module, configured from the environment,
 * on the system clock, against a DynamoDB Local table. The harness clock is set back to 2025 to make a call
 * whose deadline (1 January 2026) the real clock has long passed.
 */

type Invoke = (event: ScheduledEvent, context: Context) => Promise<{ closed: string[] }>;

let h: Harness;
let dueCallId = '';
let dueAppId = '';
let futureCallId = '';
const { logLines } = captureLambdaOutput();
/** The closer's context, as Lambda passes it. */
const closerContext = () => lambdaContext('fim-close-calls');

/** What EventBridge Scheduler sends each minute. */
const schedulerEventOf = () => schedulerEvent('fim-close-calls');

/** A fresh cold start of the handler module with the environment as it is now. */
const start = (tableName: string | undefined) =>
  coldStart<Invoke>(() => import('../../functions/handlers/close-calls.handler.js'), 'fim-close-calls', {
    TABLE_NAME: tableName,
  });

beforeAll(async () => {
  h = await createHarness({ now: '2025-06-02T08:00:00Z' });
  // Opened in June 2025 with the deadline on 1 January 2026: long past by the real clock.
  const opens = '2025-06-01T00:00:00+02:00';
  dueCallId = (
    await openedCall(h.core, {
      title: 'FIM 2026: forebyggelse',
      opensAt: opens,
      closesAt: '2026-01-01T12:00:00+01:00',
    })
  ).id;
  dueAppId = await submitApplication(api(h), dueCallId, RESEARCHER, {
    budgetLines: [{ category: 'Løn', year: 2026, amountOre: 20_000_000 }],
    startDate: '2026-02-01',
    endDate: '2026-12-31',
  });
  const future = await openedCall(h.core, {
    title: 'FIM 2099: langt ude i fremtiden',
    opensAt: opens,
    closesAt: '2099-12-31T12:00:00+01:00',
  });
  futureCallId = future.id;
});

describe('functions/handlers/close-calls.handler.ts', () => {
  it('closes the call whose deadline has passed, starts its review and logs it; the future call stays open', async () => {
    const handler = await start(h.db.tableName);
    const context = closerContext();

    const result = await handler(schedulerEventOf(), context);

    expect(result).toEqual({ closed: [dueCallId] });
    expect((await h.core.calls.get(dueCallId))?.status).toBe('closed');
    expect((await h.core.applications.get(dueAppId))?.status).toBe('in_review');
    expect((await h.core.calls.get(futureCallId))?.status).toBe('open');
    const events = await auditEvents(h, `APP#${dueAppId}`);
    expect(events.find((e) => e.action === 'application.review_started')).toMatchObject({
      actor: { userId: SCHEDULER.userId },
    });
    const closedEvent = (await auditEvents(h, `CALL#${dueCallId}`)).find((e) => e.action === 'call.closed');
    // Stamped by the system clock, not the harness's 2025.
    expect(Date.parse(String(closedEvent?.at))).toBeGreaterThan(Date.parse('2026-01-01T11:00:00Z'));
    expect(logLines().find((l) => l.message === 'Closed calls at their deadline')).toMatchObject({
      level: 'INFO',
      service: 'fim',
      closed: [dueCallId],
      function_request_id: context.awsRequestId,
      function_name: 'fim-close-calls',
    });
  });

  it('run again, closes nothing and logs nothing about closing', async () => {
    const handler = await start(h.db.tableName);
    const before = await auditEvents(h, `CALL#${dueCallId}`);

    expect(await handler(schedulerEventOf(), closerContext())).toEqual({ closed: [] });
    // A warm invocation too.
    expect(await handler(schedulerEventOf(), closerContext())).toEqual({ closed: [] });

    expect(await auditEvents(h, `CALL#${dueCallId}`)).toEqual(before);
    expect(logLines().some((l) => l.message === 'Closed calls at their deadline')).toBe(false);
  });

  it('rejects when DynamoDB fails, so Lambda retries and then parks the event', async () => {
    const handler = await start(`missing-${crypto.randomUUID()}`);
    await expect(handler(schedulerEventOf(), closerContext())).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('rejects on throttling too, rather than reporting that nothing was due', async () => {
    const handler = await start(h.db.tableName);
    const db = mockClient(DynamoDBDocumentClient);
    try {
      db.on(QueryCommand).rejects(throttling());
      await expect(handler(schedulerEventOf(), closerContext())).rejects.toMatchObject({
        code: 'UNAVAILABLE',
      });
    } finally {
      db.restore();
    }
  });

  it('fails the cold start with the name of a missing setting', async () => {
    await expect(start(undefined)).rejects.toThrow('Missing configuration: TABLE_NAME');
  });
});
