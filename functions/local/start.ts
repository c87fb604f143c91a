import { resolve } from 'node:path';
import { createApp } from '../app/app.js';
import { SCHEDULER } from '../core/auth/system.js';
import { closeDueCalls } from '../core/calls/call.service.js';
import { retentionSchedule } from '../core/cases/retention.js';
import { runRetention } from '../core/cases/retention.service.js';
import { drainExports } from '../core/exports/export.service.js';
import { queueReminders } from '../core/messages/reminders.service.js';
import { drainOutbox } from '../core/messages/sender.service.js';
import { systemClock } from '../core/shared/time.js';
import { backfill } from '../db/backfill.js';
import { createDb, pingDb } from '../db/client.js';
import { createCoreDeps } from '../db/repositories.js';
import { createZipWriter } from '../exports/zip-writer.js';
import { lazyS3Files } from '../files/lazy-s3-files.js';
import { s3ObjectStreams } from '../files/object-streams.js';
import { createLocalTokens } from '../http/auth/tokens.js';
import { smtpMailer, smtpReady } from '../mail/smtp-mailer.js';
import { bothLanguages } from '../texts/index.js';
import { SetupError, startDynamoDbLocal } from './dynamodb-local.js';
import { ensurePortFree, type PortTaken, startMailDev } from './maildev.js';
import { startS3 } from './s3.js';
import { DEMO_USERS, seedDemoData } from './seed.js';
import { serveLocally } from './server.js';
import { ensureTable } from './table.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const TABLE_NAME = 'fim';
const CLOSE_EVERY_MS = 60_000;
/** The local sender's pause between drains: a message is in the inbox within seconds of its cause. */
const DRAIN_EVERY_MS = 3_000;
/** The pause between reminder runs (daily in AWS; hourly here, so a demo need not wait a day). */
const REMIND_EVERY_MS = 3_600_000;

/** A port from the environment (`name`), or its default. @throws SetupError when it is not a port number */
function portFrom(name: string, fallback: number): number {
  const port = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new SetupError(`${name} must be a port number, not "${process.env[name]}"`);
  return port;
}

const portTaken: PortTaken = (port, envVar) => bothLanguages((t) => t.terminal.portTaken(port, envVar));

/**
 * What this start has started, each step's undoing, run in reverse on every way out: a failed start, Ctrl-C or
 * SIGTERM at any moment (while DynamoDB Local boots too). A process spawned but not yet handed back is killed
 * by the exit hook of children.ts.
 */
const undo: (() => unknown)[] = [];
let exiting = false;

async function exit(code: number, signal?: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  if (signal) console.log(`\n${signal}: ${bothLanguages((t) => t.terminal.stopping)}…`);
  for (const step of undo.reverse()) {
    try {
      await step();
    } catch (error) {
      console.error(error);
    }
  }
  process.exit(code);
}

// From the first moment, so a stop during the start stops what is already running.
process.on('SIGINT', () => void exit(0, 'SIGINT'));
process.on('SIGTERM', () => void exit(0, 'SIGTERM'));

/** Ends the start when a signal came during the last step: nothing more is started. */
function stillStarting(): void {
  if (exiting) throw new Error('stopped while starting');
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.FIM_DATA_DIR ?? '.data');
  const port = portFrom('PORT', 3000);
  const smtpPort = portFrom('MAIL_SMTP_PORT', 1025);
  const webPort = portFrom('MAIL_WEB_PORT', 1080);
  const s3Port = portFrom('S3_PORT', 4569);
  const siteUrl = process.env.SITE_URL ?? `http://localhost:${port}`;
  // Every port is checked before anything starts, so a taken one stops the start with one line.
  await ensurePortFree(port, 'PORT', portTaken);

  const mail = await startMailDev({ smtpPort, webPort, mailDirectory: resolve(dataDir, 'mail'), portTaken });
  undo.push(() => mail.stop());
  stillStarting();
  const s3 = await startS3({
    port: s3Port,
    directory: resolve(dataDir, 's3'),
    origins: [...new Set([new URL(siteUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])],
    portTaken,
  });
  undo.push(() => s3.stop());
  stillStarting();
  const dynamo = await startDynamoDbLocal({ dataDir: resolve(dataDir, 'dynamodb') });
  undo.push(() => dynamo.stop());
  stillStarting();
  // FIM_DB_REQUEST_TIMEOUT_MS: a longer request timeout on a loaded machine (the test suite sets it).
  const timeout = Number(process.env.FIM_DB_REQUEST_TIMEOUT_MS);
  const db = createDb({
    tableName: TABLE_NAME,
    endpoint: dynamo.endpoint,
    ...(Number.isInteger(timeout) && timeout > 0 ? { requestTimeoutMs: timeout } : {}),
  });
  undo.push(() => db.doc.destroy());
  await ensureTable(db.client, TABLE_NAME);
  // Nothing scans on one machine: documents say "ikke virusscannet (lokal udgave)".
  const core = createCoreDeps(
    db,
    systemClock,
    lazyS3Files({ bucket: s3.bucket, endpoint: s3.endpoint, scans: false }),
  );
  const retention = retentionSchedule(process.env);
  const seeded = await seedDemoData(db, core);
  // Data kept from an earlier version gets what reads now draw from (idempotent: a second start writes nothing).
  await backfill(db);
  const tokens = await createLocalTokens(dataDir);
  stillStarting();
  const app = createApp({
    core,
    readiness: {
      dynamodb: () => pingDb(db),
      mail: () => smtpReady({ host: '127.0.0.1', port: mail.smtpPort }),
    },
    config: { mode: 'local', dataDir, secureCookies: false },
    tokens,
    logError: (message, error) => console.error(message, error),
  });
  const server = serveLocally(app, { port });
  undo.push(() => new Promise<void>((closed) => server.close(() => closed())));
  let closer: NodeJS.Timeout | undefined;
  let drainer: NodeJS.Timeout | undefined;
  let draining: Promise<unknown> = Promise.resolve();
  let reminder: NodeJS.Timeout | undefined;
  let reminding: Promise<unknown> = Promise.resolve();
  // The timers stop first; a drain or a reminders run under way finishes its writes before the stores stop.
  undo.push(() => {
    clearInterval(closer);
    clearTimeout(drainer);
    clearTimeout(reminder);
    return Promise.all([draining, reminding]);
  });
  await new Promise<void>((ready, fail) => {
    server.once('listening', () => ready());
    server.once('error', fail);
  });
  stillStarting();
  const url = `http://localhost:${port}`;
  console.log(
    [
      '',
      `${bothLanguages((t) => t.terminal.running)} ${url}`,
      `  data: ${dataDir} (${bothLanguages((t) => (seeded ? t.terminal.seeded : t.terminal.kept))})`,
      `  API: ${url}/api  ·  OpenAPI: ${url}/api/openapi.json`,
      `  ${bothLanguages((t) => t.terminal.inbox)}: ${mail.inboxUrl}  ·  SMTP: localhost:${mail.smtpPort}`,
      `  ${bothLanguages((t) => t.terminal.documents)}: ${s3.endpoint}/${s3.bucket} (s3rver, ${bothLanguages((t) => t.documents.statuses.uploaded)})`,
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
      .catch((error: unknown) => console.error('Closing due calls failed', error));
  await closeDue();
  if (!exiting) closer = setInterval(closeDue, CLOSE_EVERY_MS);
  // The same sender as the Lambda in AWS, to maildev: each drain starts 3 s after the last one ended, so two
  // never overlap.
  const mailer = smtpMailer({
    host: '127.0.0.1',
    port: mail.smtpPort,
    from: process.env.MAIL_FROM ?? 'FIM <noreply@fim.local>',
    siteUrl,
  });
  const drain = () => {
    draining = drainOutbox(core, mailer)
      .catch((error: unknown) => console.error('Sending the outbox failed', error))
      .finally(() => {
        if (!exiting) drainer = setTimeout(drain, DRAIN_EVERY_MS);
      });
  };
  if (!exiting) drain();
  // The same reminders as the daily Lambda in AWS: at the start, then an hour after each run ended (never two
  // at once). Each reminder is queued once, whatever the number of runs.
  const remind = () => {
    reminding = queueReminders(core, core.clock.now())
      .then((queued) => {
        const counts = Object.entries(queued).filter(([, n]) => n > 0);
        if (counts.length > 0)
          console.log(
            `${bothLanguages((t) => t.terminal.remindersQueued)}: ${counts.map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
          );
      })
      .catch((error: unknown) => console.error('Queueing the reminders failed', error))
      // The retention schedule, as the daily retention Lambda in AWS, in the same run (docs/cases.md).
      .then(() => runRetention(core, retention, { dryRun: false }))
      .then((run) => {
        const acted = run.reminded.length + run.deleted.length + run.anonymised.length;
        if (acted + run.erasuresCompleted.length > 0)
          console.log(bothLanguages((t) => t.retention.terminal(run)));
      })
      .catch((error: unknown) => console.error('The retention run failed', error))
      .finally(() => {
        if (!exiting) reminder = setTimeout(remind, REMIND_EVERY_MS);
      });
  };
  if (!exiting) remind();
  // The exports (aktindsigt, "Mine data"): the same builder as the stream-fed Lambda in AWS, draining the queued
  // ones 3 s after each drain ended, into s3rver's bucket under exports/.
  const writer = createZipWriter({
    objects: s3ObjectStreams({ bucket: s3.bucket, endpoint: s3.endpoint }),
    siteUrl,
    from: process.env.MAIL_FROM ?? 'FIM <noreply@fim.local>',
  });
  let exporter: NodeJS.Timeout | undefined;
  let exporting: Promise<unknown> = Promise.resolve();
  undo.push(() => {
    clearTimeout(exporter);
    return exporting;
  });
  const exportDue = () => {
    exporting = drainExports(core, writer)
      .catch((error: unknown) => console.error('Building the exports failed', error))
      .finally(() => {
        if (!exiting) exporter = setTimeout(exportDue, DRAIN_EVERY_MS);
      });
  };
  if (!exiting) exportDue();
}

main().catch((error: unknown) => {
  if (exiting) return;
  if (error instanceof SetupError) console.error(error.message);
  else console.error(error);
  void exit(1);
});
