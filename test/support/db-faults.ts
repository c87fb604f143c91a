import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, vi } from 'vitest';
import type { Db } from '../../functions/db/client.js';

/*
 * What DynamoDB Local cannot show, played by aws-sdk-client-mock: a document client whose requests go on to
 * DynamoDB Local unless a test makes one of them fail, and the faults DynamoDB answers with.
 */

// biome-ignore lint/suspicious/noExplicitAny: the stub's input/output types are the SDK's own unions
export type DbStub = AwsStub<any, any, any>;

/**
 * Mocks `db`'s document client, passing every read and transaction through to DynamoDB Local; a test then fails
 * only the step it chooses (`stub.on(TransactWriteCommand).rejectsOnce(...)`). Restore it after the test.
 */
export function passThroughMock(db: Db): { stub: DbStub; realSend: DynamoDBDocumentClient['send'] } {
  const realSend = db.doc.send.bind(db.doc) as DynamoDBDocumentClient['send'];
  const stub = mockClient(db.doc);
  stub.on(GetCommand).callsFake((input) => realSend(new GetCommand(input)));
  stub.on(QueryCommand).callsFake((input) => realSend(new QueryCommand(input)));
  stub.on(BatchGetCommand).callsFake((input) => realSend(new BatchGetCommand(input)));
  stub.on(ScanCommand).callsFake((input) => realSend(new ScanCommand(input)));
  stub.on(TransactWriteCommand).callsFake((input) => realSend(new TransactWriteCommand(input)));
  return { stub, realSend };
}

/**
 * The pass-through mock for a file's tests: `mock(db)` sets it up for one test, `restore()` ends it early (to
 * read what was written without it); every test ends with it restored, and any spies with it.
 */
export function dbMocks(): {
  mock(db: Db): { stub: DbStub; realSend: DynamoDBDocumentClient['send'] };
  restore(): void;
} {
  let current: DbStub | undefined;
  const restore = () => {
    current?.restore();
    current = undefined;
  };
  afterEach(() => {
    restore();
    vi.restoreAllMocks();
  });
  return {
    mock(db) {
      const mocked = passThroughMock(db);
      current = mocked.stub;
      return mocked;
    },
    restore,
  };
}

/** A transaction DynamoDB cancelled, with one reason per item in the order they were sent. */
export const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

export const throttling = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

export const serverError = () =>
  Object.assign(new Error('Internal server error'), {
    name: 'InternalServerError',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });
