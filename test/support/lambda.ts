import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';

/*
 * A Lambda function's surroundings in a test: the context Lambda passes, and the JSON lines Powertools writes
 * (through its own Console on process.stdout / process.stderr, not console.*, in Lambda).
 */

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
