import { backfill } from '../db/backfill.js';
import { createDb } from '../db/client.js';

/*
 * `npm run backfill`: the one-off backfill (functions/db/backfill.ts) against the table in AWS named by
 * TABLE_NAME, with the caller's AWS credentials and region (AWS_REGION); `npm start` runs the same backfill on
 * the local table by itself. Idempotent: run it after deploying a version that keeps new derived items.
 */

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const tableName = process.env.TABLE_NAME;
if (!tableName) {
  console.error('Set TABLE_NAME (and AWS_REGION) to the table to bring up to date');
  process.exit(2);
}
const db = createDb({ tableName });
try {
  console.log(JSON.stringify(await backfill(db)));
} finally {
  db.doc.destroy();
}
