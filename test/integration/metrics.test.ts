import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUSINESS_METRICS,
  createPowertools,
  METRICS_NAMESPACE,
  transactionMetrics,
} from '../../functions/app/powertools.js';
import type { AuditAction } from '../../functions/core/audit/actions.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { AppError } from '../../functions/core/shared/errors.js';
import { createDb, type Db } from '../../functions/db/client.js';
import { transact, versionedPut } from '../../functions/db/transact.js';
import { dbMocks, throttling } from '../support/db-faults.js';
import { ADMIN } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { captureLambdaOutput, coldStart, lambdaContext, schedulerEvent } from '../support/lambda.js';

/*
 * The Lambdas' metrics (functions/app/powertools.ts): counted at the one transaction sender from the audit
 * actions, its retries and its failed conditions, and flushed as CloudWatch embedded metric format lines at the
 * end of each invocation, the cold start among them.
 */

let h: Harness;
const faults = dbMocks();

beforeAll(async () => {
  h = await createHarness();
});

/** The harness's table and clients, observed by a fresh set of metrics. */
function observedDb() {
  const { metrics } = createPowertools();
  const db: Db = { ...h.db, observer: transactionMetrics(metrics) };
  /** The metrics stored so far, by name, as the next flush would write them. */
  const stored = (): Record<string, unknown> => {
    if (!metrics.hasStoredMetrics()) return {};
    const emf = metrics.serializeMetrics() as unknown as Record<string, unknown>;
    const { _aws, ...values } = emf;
    return values;
  };
  return { db, stored };
}

const thing = (id: string, version = 1) => ({ pk: `THING#${id}`, sk: 'THING', entity: 'thing', id, version });

const written = (db: Db, id: string, action: AuditAction, expectedVersion?: number) =>
  transact(db, {
    items: { thing: versionedPut(db, thing(id, (expectedVersion ?? 0) + 1), expectedVersion) },
    audit: {
      entityPk: `THING#${id}`,
      event: auditEvent(h.principal(ADMIN), h.clock.now(), action, { type: 'application', id }),
    },
  });

describe('the transaction observer', () => {
  it('counts each business action of a committed transaction under its metric, and nothing else', async () => {
    const { db, stored } = observedDb();
    await written(db, crypto.randomUUID(), 'application.submitted');
    await written(db, crypto.randomUUID(), 'application.decided');
    await written(db, crypto.randomUUID(), 'application.decided');
    await written(db, crypto.randomUUID(), 'award.disbursed');
    await written(db, crypto.randomUUID(), 'application.updated');
    expect(stored()).toMatchObject({ Submissions: 1, Decisions: [1, 1], Payments: 1 });
    expect(Object.keys(stored()).sort()).toEqual(['Decisions', 'Payments', 'Submissions', 'service']);
  });

  it('counts a failed condition, and no business metric for the refused write', async () => {
    const { db, stored } = observedDb();
    const id = crypto.randomUUID();
    await written(db, id, 'application.created');
    const stale = written(db, id, 'application.submitted', 7);
    await expect(stale).rejects.toBeInstanceOf(AppError);
    expect(stored()).toMatchObject({ ConditionalFailures: 1 });
    expect(stored()).not.toHaveProperty('Submissions');
  });

  it('counts each passing fault tried again', async () => {
    const { db, stored } = observedDb();
    const { stub, realSend } = faults.mock(db);
    stub
      .on(TransactWriteCommand)
      .rejectsOnce(throttling())
      .rejectsOnce(throttling())
      .callsFake((input) => realSend(new TransactWriteCommand(input)));
    await written(db, crypto.randomUUID(), 'contribution.payment_recorded');
    expect(stored()).toMatchObject({ TransactionRetries: [1, 1], ContributionsReceived: 1 });
  });

  it('names only actions the core writes', () => {
    expect(Object.keys(BUSINESS_METRICS)).toEqual([
      'application.submitted',
      'application.decided',
      'award.disbursed',
      'contribution.payment_recorded',
    ]);
  });
});

describe('the tracer', () => {
  it('captures the DynamoDB client through the hook createDb is given, in Lambda with tracing on', () => {
    // What Lambda sets; the tracer is off anywhere else.
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs24.x';
    const { tracer } = createPowertools();
    delete process.env.AWS_EXECUTION_ENV;
    expect(tracer.isTracingEnabled()).toBe(true);
    const db = createDb({ tableName: 't', instrument: (client) => tracer.captureAWSv3Client(client) });
    const plain = createDb({ tableName: 't' });
    const added = db.doc.middlewareStack
      .identify()
      .filter((name) => !plain.doc.middlewareStack.identify().includes(name));
    expect(added.join(' ')).toMatch(/xray/i);
    expect(db.client).toBeInstanceOf(DynamoDBClient);
  });
});

describe('a handler flushes its metrics at the end of each invocation', () => {
  type Invoke = (event: ScheduledEvent, context: Context) => Promise<unknown>;
  const { logLines } = captureLambdaOutput();

  it('the cold start once, in the FIM namespace with the service and function', async () => {
    const handler = await coldStart<Invoke>(
      () => import('../../functions/handlers/reminders.handler.js'),
      'fim-reminders',
      { TABLE_NAME: h.db.tableName },
    );
    const emf = () =>
      logLines().filter(
        (line) =>
          (line._aws as { CloudWatchMetrics?: { Namespace: string }[] } | undefined)?.CloudWatchMetrics?.[0]
            ?.Namespace === METRICS_NAMESPACE,
      );
    await handler(schedulerEvent('fim-reminders'), lambdaContext('fim-reminders'));
    expect(emf()).toContainEqual(
      expect.objectContaining({ ColdStart: 1, function_name: 'fim-reminders', service: 'fim' }),
    );
    const before = emf().length;
    await handler(schedulerEvent('fim-reminders'), lambdaContext('fim-reminders'));
    expect(
      emf()
        .slice(before)
        .filter((line) => 'ColdStart' in line),
    ).toEqual([]);
    // An invocation that counted nothing warns of nothing.
    expect(logLines().filter((line) => line.level === 'WARN')).toEqual([]);
  });
});
