import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../app/app.js';
import { SCHEDULER } from '../core/auth/system.js';
import { closeDueCalls } from '../core/calls/call.service.js';
import { queueReportReminders } from '../core/finance/report.service.js';
import { systemClock } from '../core/shared/time.js';
import { createDb } from '../db/client.js';
import { createCoreDeps } from '../db/repositories.js';
import { createLocalTokens } from '../http/auth/tokens.js';
import { bothLanguages } from '../texts/index.js';
import { SetupError, startDynamoDbLocal } from './dynamodb-local.js';
import { DEMO_USERS, seedDemoData } from './seed.js';
import { ensureTable } from './table.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const TABLE_NAME = 'fim';
const CLOSE_EVERY_MS = 60_000;

async function main(): Promise<void> {
  const dataDir = resolve(process.env.FIM_DATA_DIR ?? '.data');
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new SetupError(`PORT must be a port number, not "${process.env.PORT}"`);

  const dynamo = await startDynamoDbLocal({ dataDir: resolve(dataDir, 'dynamodb') });
  const db = createDb({ tableName: TABLE_NAME, endpoint: dynamo.endpoint });
  const stopAll = async () => {
    db.doc.destroy();
    await dynamo.stop();
  };
  try {
    await ensureTable(db.client, TABLE_NAME);
    const core = createCoreDeps(db, systemClock);
    const seeded = await seedDemoData(db, core);
    const tokens = await createLocalTokens(dataDir);
    const app = createApp({
      core,
      config: { mode: 'local', dataDir, secureCookies: false },
      tokens,
      logError: (message, error) => console.error(message, error),
    });
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
    // Ctrl-C is handled from the moment the server exists, before the banner says it runs: a stop that
    // comes while the first closing run is under way still shuts everything down cleanly.
    let closer: NodeJS.Timeout | undefined;
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      clearInterval(closer);
      console.log(`\n${signal}: ${bothLanguages((t) => t.terminal.stopping)}…`);
      server.close();
      void stopAll().then(() => process.exit(0));
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    await new Promise<void>((ready, fail) => {
      server.once('listening', () => ready());
      server.once('error', fail);
    });
    const url = `http://localhost:${port}`;
    console.log(
      [
        '',
        `${bothLanguages((t) => t.terminal.running)} ${url}`,
        `  data: ${dataDir} (${bothLanguages((t) => (seeded ? t.terminal.seeded : t.terminal.kept))})`,
        `  API: ${url}/api  ·  OpenAPI: ${url}/api/openapi.json`,
        `  ${bothLanguages((t) => t.terminal.demoLogins)}:`,
        ...DEMO_USERS.map(
          (u) =>
            `    ${u.email.padEnd(24)} ${u.roles.filter((r) => r !== 'applicant').join(', ') || 'applicant'}${u.chair ? ' (chair)' : ''} · ${u.name}, ${u.organisation}`,
        ),
        `  ${bothLanguages((t) => t.terminal.stop)}`,
        '',
      ].join('\n'),
    );
    // The same closer as the scheduled Lambda in AWS, on a timer: calls close by themselves at the deadline.
    const closeDue = () =>
      closeDueCalls(core, { actor: SCHEDULER })
        .then((closed) => {
          if (closed.length > 0)
            console.log(`${bothLanguages((t) => t.terminal.closed)}: ${closed.join(', ')}`);
        })
        .then(() => queueReportReminders(core, { actor: SCHEDULER }))
        .then((reminded) => {
          if (reminded.length > 0)
            console.log(`${bothLanguages((t) => t.terminal.reminded)}: ${reminded.join(', ')}`);
        })
        .catch((error: unknown) => console.error('Closing due calls or queueing reminders failed', error));
    await closeDue();
    if (!stopping) closer = setInterval(closeDue, CLOSE_EVERY_MS);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof SetupError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
