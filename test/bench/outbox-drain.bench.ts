/**
 * Benchmark (issue 9): draining 1 000 pending messages through the sender to a real SMTP server (maildev),
 * against DynamoDB Local in memory. Reports the time, DynamoDB requests per message (and writes, at most 3:
 * claim, then the mark with its audit event), and the heap before, halfway and after (flat: a drain holds one
 * page of messages at a time). Run: npm run bench (BENCH_MESSAGES=200 for a quicker run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { SCHEDULER } from '../../functions/core/auth/system.js';
import { drainOutbox } from '../../functions/core/messages/sender.service.js';
import { systemClock } from '../../functions/core/shared/time.js';
import { casePk } from '../../functions/db/keys.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { transact } from '../../functions/db/transact.js';
import { freePort } from '../../functions/local/dynamodb-local.js';
import { startMailDev } from '../../functions/local/maildev.js';
import { smtpMailer } from '../../functions/mail/smtp-mailer.js';
import { outboxMessage } from '../support/mail.js';
import { runBench } from './support.js';

const COUNT = Number(process.env.BENCH_MESSAGES ?? 1_000);
const mailDirectory = mkdtempSync(join(tmpdir(), 'fim-bench-mail-'));
const [smtpPort, webPort] = [await freePort(), await freePort()];
const mail = await startMailDev({ smtpPort, webPort, mailDirectory });

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};

try {
  await runBench('bench-outbox', async ({ db }) => {
    const core = createCoreDeps(db, systemClock);
    const to = `bench-${crypto.randomUUID()}@fim.test`;
    for (let i = 0; i < COUNT; i++) {
      const message = outboxMessage('report.reminder', { to, at: new Date(Date.now() - 60_000) });
      await transact(db, {
        items: {},
        audit: {
          entityPk: casePk(message.case),
          event: auditEvent(SCHEDULER, new Date(), 'demo.seeded', { type: 'award', id: message.case.id }),
        },
        outbox: [message],
      });
    }
    const commands = new Map<string, number>();
    let itemsWritten = 0;
    db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String((context as { commandName?: string }).commandName);
        commands.set(name, (commands.get(name) ?? 0) + 1);
        itemsWritten += (args.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 0;
        return next(args);
      },
      { step: 'initialize', name: 'benchCommands' },
    );
    const mailer = smtpMailer({
      host: '127.0.0.1',
      port: smtpPort,
      from: 'FIM <bench@fim.test>',
      siteUrl: 'http://fim.test',
    });
    const before = heapMb();
    const started = performance.now();
    const first = await drainOutbox(core, mailer, { limit: COUNT / 2 });
    const halfway = heapMb();
    const second = await drainOutbox(core, mailer);
    const seconds = (performance.now() - started) / 1000;
    const after = heapMb();
    const sent = first.sent + second.sent;
    const received = (await (await fetch(`${mail.inboxUrl}/api/email`)).json()) as unknown[];
    const requests = [...commands.values()].reduce((a, b) => a + b, 0);
    const writes = commands.get('TransactWriteItemsCommand') ?? 0;
    console.log(
      [
        `Outbox drain: ${sent} of ${COUNT} messages sent (${received.length} in maildev) in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s)`,
        `  DynamoDB requests per message: ${(requests / sent).toFixed(2)} (${[...commands].map(([c, n]) => `${c.replace('Command', '')} ${n}`).join(', ')})`,
        `  writes per message: ${(itemsWritten / sent).toFixed(2)} items in ${(writes / sent).toFixed(2)} transactions (the claim; the mark with its audit event)`,
        `  heap used: ${before.toFixed(0)} MB before, ${halfway.toFixed(0)} MB halfway, ${after.toFixed(0)} MB after`,
      ].join('\n'),
    );
    if (sent !== COUNT || received.length !== COUNT || itemsWritten / sent > 3)
      throw new Error('The drain did not send every message once within 3 writes each');
  });
} finally {
  await mail.stop();
  rmSync(mailDirectory, { recursive: true, force: true });
}
