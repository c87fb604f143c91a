// Entry point of the CDK app (cdk.json: `npx tsx infra/app.ts`). The app itself is built in build-app.ts,
// which the infra tests share.
import { buildApp } from './build-app.js';

buildApp().app.synth();
