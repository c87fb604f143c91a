import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailError, storedMessage } from '../../functions/core/messages/message.schema.js';
import { createDb, pingDb } from '../../functions/db/client.js';
import { freePort } from '../../functions/local/dynamodb-local.js';
import { sesClient, sesMailer } from '../../functions/mail/mailer.js';
import { smtpReady } from '../../functions/mail/smtp-mailer.js';
import { api, expectProblem } from '../support/api.js';
import { within } from '../support/deadline.js';
import { createHarness } from '../support/harness.js';
import { outboxMessage } from '../support/mail.js';

/*
 * A dependency that accepts connections and never answers (a stalled server, a black-holed network): every
 * AWS client gives up within its timeouts instead of hanging, and readiness names the one that is down. The
 * stalled server is a real socket that reads and never writes.
 */

let silent: Server;
let silentUrl: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.resume();
  });
  await new Promise<void>((ready) => silent.listen(0, '127.0.0.1', ready));
  const address = silent.address();
  silentUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((done) => silent.close(() => done()));
});

const local = { region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

describe('a server that never answers', () => {
  it('DynamoDB: the client gives up within its request timeout', async () => {
    const db = createDb({ tableName: 'stalled', endpoint: silentUrl });
    try {
      await expect(within(3_000, pingDb(db))).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      db.doc.destroy();
    }
  });

  it('SES: the mailer gives up within its attempts and says the fault passes (tried again later)', async () => {
    const mailer = sesMailer({
      client: sesClient({ ...local, endpoint: silentUrl }),
      from: 'FIM <noreply@fim.example>',
      siteUrl: 'https://fim.example',
    });
    const sent = mailer.send({ ...storedMessage(outboxMessage('application.receipt')), status: 'sending' });
    const error = await within(10_000, sent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).reason).toBe('UNAVAILABLE');
  });

  it('SMTP: readiness of a server that never greets fails', async () => {
    const port = Number(new URL(silentUrl).port);
    await expect(within(8_000, smtpReady({ host: '127.0.0.1', port }))).rejects.toThrow();
  });
});

describe('GET /api/health/ready', () => {
  it('names the mail server when it does not answer, within the check timeout, and 200 when all answer', async () => {
    const closed = await freePort();
    const h = await createHarness();
    const down = await createHarness({
      db: h.db,
      readiness: {
        dynamodb: () => pingDb(h.db),
        mail: () => smtpReady({ host: '127.0.0.1', port: closed }),
        stalled: () => new Promise<void>(() => {}),
      },
    });
    const res = await within(4_000, api(down).get('/api/health/ready'));
    expectProblem(res, 503, 'UNAVAILABLE');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.body).toMatchObject({
      reason: 'NOT_READY',
      unavailable: ['mail', 'stalled'],
      checks: { dynamodb: 'ok', mail: 'unavailable', stalled: 'unavailable' },
    });
    expect(res.body.detail).toContain('mail, stalled');

    const up = await api(h).get('/api/health/ready');
    expect(up.status, up.text).toBe(200);
    expect(up.body).toEqual({ status: 'ok', checks: { dynamodb: 'ok', mail: 'ok' } });
  });
});
