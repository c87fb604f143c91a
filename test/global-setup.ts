import type { TestProject } from 'vitest/node';
import { type RunningDynamoDb, SetupError, startDynamoDbLocal } from '../functions/local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let dynamo: RunningDynamoDb | undefined;

/** One DynamoDB Local (in memory) for the whole run; each test file makes its own table in it. */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  try {
    dynamo = await startDynamoDbLocal({});
  } catch (error) {
    if (error instanceof SetupError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}
