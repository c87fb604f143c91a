import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { parseTraceHeader, Tracer, XRAY_HEADER } from '../../functions/app/tracing.js';
import { lambdaContext } from '../support/lambda.js';

/*
 * The functions' own X-Ray tracer (functions/app/tracing.ts): what it sends the X-Ray daemon, read off a real UDP
 * socket, for a handler that calls DynamoDB Local through a captured client.
 */

const daemon = createSocket('udp4');
const received: Record<string, unknown>[] = [];
const ROOT = '1-67a0b1c2-0123456789abcdef01234567';
const FUNCTION_SEGMENT = '53995c3f42cd8ad8';

beforeAll(async () => {
  daemon.on('message', (message) => {
    const text = message.toString();
    expect(text.startsWith(XRAY_HEADER)).toBe(true);
    received.push(JSON.parse(text.slice(XRAY_HEADER.length)));
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => daemon.close(() => resolve())));

const lambdaEnv = (sampled: '0' | '1') => ({
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  _X_AMZN_TRACE_ID: `Root=${ROOT};Parent=${FUNCTION_SEGMENT};Sampled=${sampled}`,
  AWS_XRAY_DAEMON_ADDRESS: `udp:127.0.0.1:${(daemon.address() as AddressInfo).port} tcp:127.0.0.1:2000`,
});

const dynamodb = () =>
  new DynamoDBClient({
    region: 'eu-north-1',
    endpoint: inject('dynamoEndpoint'),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

describe('the tracer', () => {
  it('reads the trace header Lambda sets', () => {
    expect(parseTraceHeader(`Root=${ROOT};Parent=${FUNCTION_SEGMENT};Sampled=1`)).toEqual({
      root: ROOT,
      parent: FUNCTION_SEGMENT,
      sampled: true,
    });
    expect(parseTraceHeader('Root=1-2-3')).toBeUndefined();
    expect(parseTraceHeader(undefined)).toBeUndefined();
  });

  it('is off outside Lambda and when switched off, and then leaves the client as it was', () => {
    const env = lambdaEnv('1');
    for (const off of [
      { ...env, AWS_EXECUTION_ENV: undefined },
      { ...env, POWERTOOLS_TRACE_ENABLED: 'false' },
    ]) {
      const tracer = new Tracer({ serviceName: 'fim', env: off });
      expect(tracer.isTracingEnabled()).toBe(false);
      const client = dynamodb();
      const before = client.middlewareStack.identify();
      expect(tracer.captureAWSv3Client(client).middlewareStack.identify()).toEqual(before);
    }
  });

  it('sends the handler subsegment and one per SDK call under it, with failures flagged', async () => {
    received.length = 0;
    const tracer = new Tracer({ serviceName: 'fim', env: lambdaEnv('1') });
    expect(tracer.isTracingEnabled()).toBe(true);
    const client = tracer.captureAWSv3Client(dynamodb());
    const handler = middy(async () => {
      await client.send(new ListTablesCommand({}));
      await client
        .send(new GetItemCommand({ TableName: 'no-such-table', Key: { pk: { S: 'x' } } }))
        .catch(() => {});
      return 'done';
    }).use(tracer.captureLambdaHandler());

    await expect(handler({}, lambdaContext('fim-api'))).resolves.toBe('done');
    await vi.waitFor(() => expect(received).toHaveLength(3));
    const handlerSegment = received.find((d) => d.name === '## index.handler');
    expect(handlerSegment).toMatchObject({
      trace_id: ROOT,
      parent_id: FUNCTION_SEGMENT,
      type: 'subsegment',
      annotations: { ColdStart: true, Service: 'fim' },
    });
    const calls = received.filter((d) => d.name === 'DynamoDB');
    expect(calls.map((d) => (d.aws as { operation: string }).operation)).toEqual(['ListTables', 'GetItem']);
    for (const call of calls) {
      expect(call).toMatchObject({ trace_id: ROOT, parent_id: handlerSegment?.id, namespace: 'aws' });
      expect(call.end_time as number).toBeGreaterThanOrEqual(call.start_time as number);
      expect(call.aws).toMatchObject({ region: 'eu-north-1' });
    }
    expect(calls[0]).toMatchObject({ http: { response: { status: 200 } } });
    expect(calls[0]).not.toHaveProperty('error');
    expect(calls[1]).toMatchObject({ error: true, http: { response: { status: 400 } } });
    expect(JSON.stringify(calls[1]?.cause)).toContain('ResourceNotFoundException');

    // The next invocation is no cold start; a failing one is a fault.
    received.length = 0;
    const failing = middy(async () => {
      throw new Error('boom');
    }).use(tracer.captureLambdaHandler());
    await expect(failing({}, lambdaContext('fim-api'))).rejects.toThrow('boom');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ annotations: { ColdStart: false }, fault: true });
  });

  it('sends nothing for an invocation Lambda did not sample', async () => {
    received.length = 0;
    const tracer = new Tracer({ serviceName: 'fim', env: lambdaEnv('0') });
    const client = tracer.captureAWSv3Client(dynamodb());
    const handler = middy(async () => client.send(new ListTablesCommand({}))).use(
      tracer.captureLambdaHandler(),
    );
    await handler({}, lambdaContext('fim-api'));
    // A sampled invocation's documents arrive in well under this; none may come at all here.
    const probe = new Tracer({ serviceName: 'fim', env: lambdaEnv('1') });
    await middy(async () => 'probe').use(probe.captureLambdaHandler())({}, lambdaContext('fim-api'));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ name: '## index.handler' });
  });
});
