import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { marshall } from '@aws-sdk/util-dynamodb';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  SNSEvent,
} from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { StoredMessage } from '../../functions/core/messages/message.schema.js';
import { createHarness, type Harness } from '../support/harness.js';
import { captureLambdaOutput, coldStart, lambdaContext } from '../support/lambda.js';
import { openedCall, submitted } from '../support/services.js';
import { pendingOutbox, storedItem } from '../support/table.js';

/*
 * The mail Lambdas as deployed: the real handler modules, configured from the environment, against a DynamoDB
 * Local table, sending through the real SES mailer whose SES v2 client aws-sdk-client-mock answers (SES itself
 * exists only in AWS). The harness clock stands in June 2025, so the messages written are due by the system
 * clock the handlers run on.
 */

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
type SweepHandler = (event: unknown, context: Context) => Promise<{ sent: number; failed: number }>;
type EventsHandler = (event: SNSEvent, context: Context) => Promise<void>;

const CONFIGURATION_SET = 'fim-mail';
const ses = mockClient(SESv2Client);
const { logLines } = captureLambdaOutput();
let h: Harness;
let callId = '';

afterEach(() => ses.reset());

beforeAll(async () => {
  h = await createHarness({ now: '2025-06-02T08:00:00Z' });
  callId = (
    await openedCall(h.core, { opensAt: '2025-06-01T00:00:00+02:00', closesAt: '2099-12-31T12:00:00+01:00' })
  ).id;
});

/** A new pending message: the receipt of an application submitted now. */
async function pendingReceipt(): Promise<StoredMessage> {
  const application = await submitted(h.core, callId);
  const item = (await pendingOutbox(h)).find((m) => m.case.id === application.id);
  if (!item) throw new Error(`No pending receipt for ${application.id}`);
  return (await h.core.messages.get(String(item.id))) as StoredMessage;
}

const HANDLERS = {
  'mail-sender': () => import('../../functions/handlers/mail-sender.handler.js'),
  'mail-sweep': () => import('../../functions/handlers/mail-sweep.handler.js'),
  'mail-events': () => import('../../functions/handlers/mail-events.handler.js'),
};

/** A fresh cold start of a handler module with the mail settings FimMessages gives it. */
const coldStartOf = <T>(
  name: keyof typeof HANDLERS,
  env: Record<string, string | undefined> = {},
): Promise<T> =>
  coldStart<T>(HANDLERS[name], `fim-${name}`, {
    TABLE_NAME: h.db.tableName,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    MAIL_FROM: 'no-reply@fim.example.dk',
    MAIL_CONFIGURATION_SET: CONFIGURATION_SET,
    SITE_URL: 'https://fim.example.dk/',
    ...env,
  });

/** The stream record Lambda hands the sender for an inserted item (its new image as stored). */
async function insertRecord(message: StoredMessage, sequence: string): Promise<DynamoDBRecord> {
  const key = { pk: `OUTBOX#${message.id}`, sk: 'OUTBOX' };
  const image = await storedItem(h, key);
  return {
    eventID: crypto.randomUUID(),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-north-1',
    eventSourceARN: 'arn:aws:dynamodb:eu-north-1:111111111111:table/fim/stream/2027-01-01T00:00:00.000',
    dynamodb: {
      Keys: marshall(key) as never,
      NewImage: marshall(image, { removeUndefinedValues: true }) as never,
      SequenceNumber: sequence,
      SizeBytes: 1024,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** The fimMessageId tag of an SES SendEmail call. */
const taggedId = (input: { EmailTags?: { Name?: string; Value?: string }[] }) =>
  input.EmailTags?.find((t) => t.Name === 'fimMessageId')?.Value;

const sendError = (name: string, status: number) =>
  Object.assign(new Error(`${name} from SES`), { name, $metadata: { httpStatusCode: status } });
/** Two pending receipts: SES accepts the first and rejects the second for good. */
async function acceptedAndRejected() {
  const pair = [await pendingReceipt(), await pendingReceipt()] as const;
  ses.on(SendEmailCommand).callsFake(async (input) => {
    if (taggedId(input) === pair[1].id) throw sendError('MessageRejected', 400);
    return { MessageId: `ses-${taggedId(input)}` };
  });
  return pair;
}

describe('functions/handlers/mail-sender.handler.ts', () => {
  it('sends each inserted message once through SES, marks it sent, and reports only the record that threw', async () => {
    const [ok, rejected] = await acceptedAndRejected();
    const handler = await coldStartOf<StreamHandler>('mail-sender');
    const broken = await insertRecord(ok, '300');
    // A record whose image has no id: a fault of this record alone.
    (broken.dynamodb as { NewImage: unknown }).NewImage = { entity: { S: 'outbox' } };

    const response = await handler(
      { Records: [await insertRecord(ok, '100'), await insertRecord(rejected, '200'), broken] },
      lambdaContext('fim-mail-sender'),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '300' }] });
    expect(await h.core.messages.get(ok.id)).toMatchObject({
      status: 'sent',
      providerMessageId: `ses-${ok.id}`,
      attempts: 1,
    });
    expect(await h.core.messages.get(rejected.id)).toMatchObject({
      status: 'failed',
      failure: { reason: 'REJECTED', detail: expect.stringContaining('MessageRejected') },
    });
    // Sent with the configuration set, the message's tag, the raw MIME with its fixed Message-ID.
    const calls = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    const sent = calls.find((input) => taggedId(input) === ok.id);
    expect(sent?.ConfigurationSetName).toBe(CONFIGURATION_SET);
    // Quoted-printable: the soft line breaks undone.
    const raw = Buffer.from(sent?.Content?.Raw?.Data ?? new Uint8Array())
      .toString('utf8')
      .replaceAll('=\r\n', '');
    expect(raw).toContain(`Message-ID: ${ok.headerMessageId}`);
    expect(raw).toContain('From: no-reply@fim.example.dk');
    expect(raw).toContain(`https://fim.example.dk${ok.link}`);
    // The failed message is reported in the line the alarm's metric counts.
    expect(logLines().filter((l) => l.message === 'Messages failed')).toEqual([
      expect.objectContaining({ level: 'WARN', failed: 1, messageId: rejected.id }),
    ]);
  });

  it('leaves a message pending with backoff when SES throttles: no batch failure, nothing lost', async () => {
    const message = await pendingReceipt();
    ses.on(SendEmailCommand).rejects(sendError('TooManyRequestsException', 429));
    const handler = await coldStartOf<StreamHandler>('mail-sender');

    const response = await handler(
      { Records: [await insertRecord(message, '400')] },
      lambdaContext('fim-mail-sender'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    const stored = await h.core.messages.get(message.id);
    expect(stored).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(String(stored?.nextAttemptAt))).toBeGreaterThan(Date.now());
    expect(logLines().some((l) => l.message === 'Messages failed')).toBe(false);
  });

  it('skips a record whose message another sender already sent (a replayed or duplicate event)', async () => {
    const message = await pendingReceipt();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-once' });
    const handler = await coldStartOf<StreamHandler>('mail-sender');
    const record = await insertRecord(message, '500');

    await handler({ Records: [record] }, lambdaContext('fim-mail-sender'));
    expect(await handler({ Records: [record] }, lambdaContext('fim-mail-sender'))).toEqual({
      batchItemFailures: [],
    });

    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect((await h.core.messages.get(message.id))?.status).toBe('sent');
  });

  it('refuses to start without its mail settings, naming the missing one', async () => {
    await expect(coldStartOf('mail-sender', { MAIL_FROM: undefined })).rejects.toThrow(
      'Missing configuration: MAIL_FROM',
    );
    await expect(coldStartOf('mail-sweep', { MAIL_CONFIGURATION_SET: undefined })).rejects.toThrow(
      'Missing configuration: MAIL_CONFIGURATION_SET',
    );
    await expect(coldStartOf('mail-sweep', { SITE_URL: undefined })).rejects.toThrow(
      'Missing configuration: SITE_URL',
    );
  });
});

describe('functions/handlers/mail-sweep.handler.ts', () => {
  it('sends what is still pending and due, and reports what failed for good', async () => {
    const [due, refused] = await acceptedAndRejected();
    const handler = await coldStartOf<SweepHandler>('mail-sweep');

    const result = await handler({}, lambdaContext('fim-mail-sweep'));

    expect(result).toMatchObject({ failed: 1 });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect((await h.core.messages.get(due.id))?.status).toBe('sent');
    expect((await h.core.messages.get(refused.id))?.status).toBe('failed');
    expect(logLines().find((l) => l.message === 'Messages failed')).toMatchObject({
      level: 'WARN',
      failed: 1,
    });
    // Run again: nothing is due, nothing is sent twice.
    const sentBefore = ses.commandCalls(SendEmailCommand).length;
    expect(await handler({}, lambdaContext('fim-mail-sweep'))).toMatchObject({ sent: 0, failed: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(sentBefore);
  });

  it('rejects when DynamoDB fails, so Lambda retries and then parks the run', async () => {
    const handler = await coldStartOf<SweepHandler>('mail-sweep', {
      TABLE_NAME: `missing-${crypto.randomUUID()}`,
    });
    await expect(handler({}, lambdaContext('fim-mail-sweep'))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('functions/handlers/mail-events.handler.ts', () => {
  /** A message sent through the sender, as SES's events find it. */
  async function sentMessage(): Promise<StoredMessage> {
    const message = await pendingReceipt();
    ses.on(SendEmailCommand).resolves({ MessageId: `0100018f-${message.id}` });
    const sender = await coldStartOf<StreamHandler>('mail-sender');
    await sender({ Records: [await insertRecord(message, '900')] }, lambdaContext('fim-mail-sender'));
    return (await h.core.messages.get(message.id)) as StoredMessage;
  }

  /** SES's `mail` object of an event about `message` (as published by a configuration set). */
  const mailOf = (
    message: StoredMessage,
    tags: Record<string, string[]> = { fimMessageId: [message.id] },
  ) => ({
    timestamp: '2027-03-01T09:00:00.000Z',
    source: 'no-reply@fim.example.dk',
    sourceArn: 'arn:aws:ses:eu-north-1:111111111111:identity/fim.example.dk',
    sendingAccountId: '111111111111',
    messageId: message.providerMessageId,
    destination: [message.to],
    headersTruncated: false,
    tags: {
      'ses:configuration-set': [CONFIGURATION_SET],
      'ses:caller-identity': ['fim-mail-sender'],
      ...tags,
    },
  });

  /** What SNS delivers to the function for one SES event. */
  const snsEvent = (notification: unknown): SNSEvent => ({
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-north-1:111111111111:SesEvents:0b6941c3',
        Sns: {
          Type: 'Notification',
          MessageId: crypto.randomUUID(),
          TopicArn: 'arn:aws:sns:eu-north-1:111111111111:SesEvents',
          Subject: null as unknown as string,
          Message: typeof notification === 'string' ? notification : JSON.stringify(notification),
          Timestamp: '2027-03-01T09:00:01.000Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.eu-north-1.amazonaws.com/SimpleNotificationService.pem',
          UnsubscribeUrl: 'https://sns.eu-north-1.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  });

  const bounce = (message: StoredMessage, bounceType: 'Permanent' | 'Transient') => ({
    eventType: 'Bounce',
    bounce: {
      feedbackId: '0100018f-bounce',
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        {
          emailAddress: message.to,
          action: 'failed',
          status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
          diagnosticCode:
            bounceType === 'Permanent' ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
        },
      ],
      timestamp: '2027-03-01T09:00:02.000Z',
      reportingMTA: 'dsn; e242-8.smtp-out.eu-north-1.amazonses.com',
    },
    mail: mailOf(message),
  });

  it('marks a message bounced on a permanent bounce, with the diagnostic, and reports it', async () => {
    const message = await sentMessage();
    const handler = await coldStartOf<EventsHandler>('mail-events');

    await handler(snsEvent(bounce(message, 'Permanent')), lambdaContext('fim-mail-events'));

    expect(await h.core.messages.get(message.id)).toMatchObject({
      status: 'bounced',
      failure: {
        reason: 'BOUNCED',
        detail: `Permanent/General: ${message.to}: smtp; 550 5.1.1 user unknown`,
        at: '2027-03-01T09:00:02.000Z',
      },
    });
    expect(logLines().find((l) => l.message === 'Messages failed')).toMatchObject({
      failed: 1,
      messageId: message.id,
    });
  });

  it('leaves a message sent on a transient bounce', async () => {
    const message = await sentMessage();
    const handler = await coldStartOf<EventsHandler>('mail-events');

    await handler(snsEvent(bounce(message, 'Transient')), lambdaContext('fim-mail-events'));

    expect((await h.core.messages.get(message.id))?.status).toBe('sent');
    expect(logLines().some((l) => l.message === 'Messages failed')).toBe(false);
  });

  it('marks a message complained on a complaint, and a reject as a permanent bounce', async () => {
    const complainedOf = await sentMessage();
    const rejected = await sentMessage();
    const handler = await coldStartOf<EventsHandler>('mail-events');

    await handler(
      snsEvent({
        eventType: 'Complaint',
        complaint: {
          feedbackId: '0100018f-complaint',
          complaintSubType: null,
          complainedRecipients: [{ emailAddress: complainedOf.to }],
          timestamp: '2027-03-01T10:00:00.000Z',
          userAgent: 'Mozilla/5.0',
          complaintFeedbackType: 'abuse',
          arrivalDate: '2027-03-01T09:59:00.000Z',
        },
        mail: mailOf(complainedOf),
      }),
      lambdaContext('fim-mail-events'),
    );
    await handler(
      snsEvent({ eventType: 'Reject', reject: { reason: 'Bad content' }, mail: mailOf(rejected) }),
      lambdaContext('fim-mail-events'),
    );

    expect(await h.core.messages.get(complainedOf.id)).toMatchObject({
      status: 'complained',
      failure: { reason: 'COMPLAINED', detail: `abuse: ${complainedOf.to}`, at: '2027-03-01T10:00:00.000Z' },
    });
    expect(await h.core.messages.get(rejected.id)).toMatchObject({
      status: 'bounced',
      failure: { reason: 'BOUNCED', detail: 'Rejected by SES: Bad content' },
    });
  });

  it('ignores mail that is not a FIM message, and rejects what is not an SES event (for the DLQ)', async () => {
    const message = await sentMessage();
    const handler = await coldStartOf<EventsHandler>('mail-events');

    const untagged = bounce(message, 'Permanent');
    untagged.mail = mailOf(message, {});
    await handler(snsEvent(untagged), lambdaContext('fim-mail-events'));
    expect((await h.core.messages.get(message.id))?.status).toBe('sent');

    await expect(handler(snsEvent('not json'), lambdaContext('fim-mail-events'))).rejects.toThrow(
      SyntaxError,
    );
    await expect(
      handler(snsEvent({ eventType: 'Delivery', mail: mailOf(message) }), lambdaContext('fim-mail-events')),
    ).rejects.toBeInstanceOf(z.core.$ZodError);
  });
});
