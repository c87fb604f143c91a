import * as z from 'zod/mini';

/*
 * What the mail functions are handed, validated before use (zod/mini: these functions validate nothing else, and
 * the mini build keeps ~90 KB of zod out of their cold start): a DynamoDB stream record of an inserted outbox
 * item, and an SES event notification (configuration set event publishing to SNS; the `eventType` form,
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html).
 */

/** The outbox item's id in a stream record's new image (the filter lets only outbox inserts through). */
export const outboxRecordSchema = z.object({
  dynamodb: z.object({ NewImage: z.object({ id: z.object({ S: z.string().check(z.minLength(1)) }) }) }),
});

const recipient = z.object({ emailAddress: z.string(), diagnosticCode: z.optional(z.string()) });

const mail = z.object({
  timestamp: z.string(),
  messageId: z.string(),
  /** SES copies the message's tags here: `fimMessageId` names our message. */
  tags: z.optional(z.record(z.string(), z.array(z.string()))),
});

export const sesEventSchema = z.discriminatedUnion('eventType', [
  z.object({
    eventType: z.literal('Bounce'),
    mail,
    bounce: z.object({
      bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
      bounceSubType: z.string(),
      bouncedRecipients: z.array(recipient),
      timestamp: z.string(),
    }),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    mail,
    complaint: z.object({
      complainedRecipients: z.array(recipient),
      timestamp: z.string(),
      complaintFeedbackType: z.optional(z.string()),
    }),
  }),
  z.object({ eventType: z.literal('Reject'), mail, reject: z.object({ reason: z.string() }) }),
]);
export type SesEvent = z.infer<typeof sesEventSchema>;

export interface DeliveryEvent {
  messageId: string;
  type: 'bounce' | 'complaint';
  detail: string;
  at: string;
  permanent: boolean;
}

/**
 * The delivery event an SES notification reports on one of our messages, or undefined for mail without the
 * `fimMessageId` tag (sent by someone else through the same identity). A reject (SES refused the message after
 * accepting the call, e.g. a virus) counts as a permanent bounce: the message never left.
 * @throws ZodError when the notification is not an SES bounce, complaint or reject event
 */
export function deliveryEventOf(notification: string): DeliveryEvent | undefined {
  const event = sesEventSchema.parse(JSON.parse(notification));
  const messageId = event.mail.tags?.fimMessageId?.[0];
  if (!messageId) return undefined;
  const diagnostics = (recipients: z.infer<typeof recipient>[]) =>
    recipients.map((r) => [r.emailAddress, r.diagnosticCode].filter(Boolean).join(': ')).join('; ');
  switch (event.eventType) {
    case 'Bounce':
      return {
        messageId,
        type: 'bounce',
        detail: `${event.bounce.bounceType}/${event.bounce.bounceSubType}: ${diagnostics(event.bounce.bouncedRecipients)}`,
        at: event.bounce.timestamp,
        permanent: event.bounce.bounceType === 'Permanent',
      };
    case 'Complaint':
      return {
        messageId,
        type: 'complaint',
        detail: `${event.complaint.complaintFeedbackType ?? 'complaint'}: ${diagnostics(event.complaint.complainedRecipients)}`,
        at: event.complaint.timestamp,
        permanent: true,
      };
    case 'Reject':
      return {
        messageId,
        type: 'bounce',
        detail: `Rejected by SES: ${event.reject.reason}`,
        at: event.mail.timestamp,
        permanent: true,
      };
  }
}
