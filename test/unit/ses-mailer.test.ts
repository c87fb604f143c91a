import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MailError,
  type StoredMessage,
  storedMessage,
} from '../../functions/core/messages/message.schema.js';
import { sesMailer, smtpFailure } from '../../functions/mail/mailer.js';
import { outboxMessage } from '../support/mail.js';

/*
 * The SES v2 mailer with the client mocked (what no local server can show): the raw MIME carries our
 * Message-ID, the request the tag and the configuration set; SES's refusals and throttling map to MailError.
 */

const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

const mailer = () =>
  sesMailer({
    client: new SESv2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    from: 'FIM <noreply@fim.example>',
    siteUrl: 'https://fim.example',
    configurationSet: 'fim-messages',
  });

const message = (): StoredMessage => ({
  ...storedMessage(outboxMessage('application.receipt')),
  status: 'sending',
});

describe('the SES mailer', () => {
  it('sends the raw MIME with our Message-ID, the tag fimMessageId and the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });
    const m = message();
    expect(await mailer().send(m)).toEqual({ providerMessageId: 'ses-0001' });
    const [call] = ses.commandCalls(SendEmailCommand);
    const input = call?.args[0].input;
    expect(input?.ConfigurationSetName).toBe('fim-messages');
    expect(input?.EmailTags).toEqual([{ Name: 'fimMessageId', Value: m.id }]);
    expect(input?.Destination?.ToAddresses).toEqual([m.to]);
    const raw = Buffer.from(input?.Content?.Raw?.Data ?? new Uint8Array()).toString('utf8');
    expect(raw).toContain(`Message-ID: ${m.headerMessageId}`);
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
  });

  it('throttling is a passing fault (UNAVAILABLE); a rejected message is for good (REJECTED)', async () => {
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Too many requests', $metadata: {} }))
      .rejectsOnce(new MessageRejected({ message: 'Email address is not verified', $metadata: {} }));
    await expect(mailer().send(message())).rejects.toMatchObject({ reason: 'UNAVAILABLE', permanent: false });
    await expect(mailer().send(message())).rejects.toMatchObject({ reason: 'REJECTED', permanent: true });
  });

  it('a value missing from the params fails before anything is sent (TEMPLATE)', async () => {
    const m = {
      ...message(),
      params: { ...message().params, reference: undefined },
    } as unknown as StoredMessage;
    await expect(mailer().send(m)).rejects.toMatchObject({ reason: 'TEMPLATE' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});

describe('SMTP failures', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 No such user' }, 'REJECTED'],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'REJECTED'],
    [{ code: 'EMESSAGE', responseCode: 451, response: '451 Try again later' }, 'UNAVAILABLE'],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'UNAVAILABLE'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'UNAVAILABLE'],
  ])('%o is %s', (error, reason) => {
    const mapped = smtpFailure(error);
    expect(mapped).toBeInstanceOf(MailError);
    expect(mapped.reason).toBe(reason);
  });
});
