import { createApp } from '../app/app.js';
import { bootFiles } from '../app/boot-files.js';
import { createLambdaHandler } from '../app/lambda.js';
import type { IdentityDirectory } from '../core/ports.js';
import { createCognitoVerifier } from '../http/auth/tokens.js';
import { readAwsConfig } from '../http/config.js';
import { readEdge } from '../http/edge.js';

const booted = bootFiles();
const { core, readiness, logError } = booted;
const config = readAwsConfig();
if (config.mode !== 'aws') throw new Error('The API Lambda runs in AWS mode only');

let directory: Promise<IdentityDirectory> | undefined;
const cognito = () => {
  directory ??= import('../identity/cognito-directory.js').then((module) =>
    module.cognitoDirectory({
      userPoolId: config.userPoolId,
      instrument: (client) => booted.tracer.captureAWSv3Client(client),
    }),
  );
  return directory;
};

/** The API and the web pages, behind CloudFront and API Gateway's HTTP API. */
export const handler = createLambdaHandler(
  createApp({
    // An erasure disables the person's Cognito account (docs/cases.md "Erasure"): the Cognito client is read
    // on the first erasure, not on every cold start.
    core: { ...core, identity: { disableUser: async (userId) => (await cognito()).disableUser(userId) } },
    readiness,
    config,
    tokens: createCognitoVerifier(config.userPoolId, config.clientId),
    logError,
  }),
  booted,
  // Only CloudFront may call: its secret header is checked, the public host put in (functions/http/edge.ts).
  readEdge(),
);
