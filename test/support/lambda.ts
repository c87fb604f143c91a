import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, inject, vi } from 'vitest';

/*
 * A Lambda function's surroundings in a test: the context Lambda passes, and the JSON lines Powertools writes
 * (through its own Console on process.stdout / process.stderr, not console.*, in Lambda).
 */

/** What EventBridge Scheduler sends the function of the schedule `name` each time it runs. */
export const schedulerEvent = (name: string): ScheduledEvent => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '111111111111',
  time: new Date().toISOString(),
  region: 'eu-north-1',
  resources: [`arn:aws:scheduler:eu-north-1:111111111111:schedule/default/${name}`],
  detail: {},
});

/**
 * A fresh cold start of a handler module (`load` imports it) as Lambda runs it: against the run's DynamoDB
 * Local, in eu-north-1, as the function `functionName`, with `env` on top (undefined removes a variable).
 */
export async function coldStart<T>(
  load: () => Promise<{ handler: unknown }>,
  functionName: string,
  env: Record<string, string | undefined> = {},
): Promise<T> {
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'eu-north-1',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    // As Lambda sets it: Powertools counts a cold start only then.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  });
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  delete process.env.POWERTOOLS_DEV;
  vi.resetModules();
  return (await load()).handler as T;
}

/** The context Lambda passes to an invocation of the function `name`. */
export function lambdaContext(
  name: string,
  options: { memoryMb?: number; timeLeftMs?: number } = {},
): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:111111111111:function:${name}`,
    memoryLimitInMB: String(options.memoryMb ?? 256),
    awsRequestId: `aws-${crypto.randomUUID()}`,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: '2027/03/01/[$LATEST]abc',
    getRemainingTimeInMillis: () => options.timeLeftMs ?? 60_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/**
 * Captures what the suite writes to stdout and stderr (emptied after each test), and gives the environment back
 * as it was after the suite, since the handlers read their configuration from it. Call at the top of a file
 * or a describe block.
 */
export function captureLambdaOutput(): { output: string[]; logLines: () => Record<string, unknown>[] } {
  const saved = { ...process.env };
  const output: string[] = [];
  beforeAll(() => {
    const capture = (chunk: unknown) => {
      output.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterEach(() => {
    output.length = 0;
  });
  afterAll(() => {
    vi.restoreAllMocks();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  const logLines = () =>
    output
      .join('')
      .split('\n')
      .filter((line) => line.trim().startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { output, logLines };
}
