import { inject } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import { recordDeliveryEvent } from '../../functions/core/messages/sender.service.js';
import type { CoreDeps, Mailer } from '../../functions/core/ports.js';
import type { MailKind, MailParams } from '../../functions/core/shared/messages.js';
import { smtpMailer } from '../../functions/mail/smtp-mailer.js';

/*
 * The run's maildev (test/global-setup.ts), shared by every file at once: read only your own recipients' or
 * Message-IDs' mail, never clear the inbox. Waits poll with a deadline, never sleep a fixed time.
 */

/** One e-mail as maildev's REST API lists it. */
export interface ReceivedMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string; name: string }[];
  from: { address: string; name: string }[];
  headers: Record<string, string>;
}

export const TEST_SITE_URL = 'http://fim.test';
export const TEST_FROM = 'FIM <noreply@fim.test>';

/** A mailer sending to the run's maildev. */
export const testMailer = (port = inject('mailSmtpPort')): Mailer =>
  smtpMailer({ host: '127.0.0.1', port, from: TEST_FROM, siteUrl: TEST_SITE_URL });

/** A mail service that accepts every message, without SMTP: for a test about what follows the send. */
export const acceptingMailer: Mailer = { send: async (m) => ({ providerMessageId: `provider-${m.id}` }) };

/** SES's word that message `messageId` bounced for good (an unknown user), recorded as its handler records it. */
export const recordBounce = (deps: CoreDeps, messageId: string, at: string): Promise<void> =>
  recordDeliveryEvent(deps, {
    messageId,
    type: 'bounce',
    permanent: true,
    detail: 'smtp; 550 5.1.1 user unknown',
    at,
  });

/** An address no other test uses. */
export const uniqueAddress = (name = 'modtager'): string => `${name}-${crypto.randomUUID()}@fim.test`;

/** Every mail in the inbox now. */
export async function inbox(): Promise<ReceivedMail[]> {
  const response = await fetch(`${inject('mailApiUrl')}/api/email`);
  if (!response.ok) throw new Error(`maildev answered ${response.status}`);
  return (await response.json()) as ReceivedMail[];
}

/** The mail to one address (any case), in the order received. */
export const mailTo = async (address: string): Promise<ReceivedMail[]> =>
  (await inbox()).filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));

/**
 * Polls the inbox until `done` holds for what `read` returns, or the deadline passes (then throws with what was
 * last read). Returns what was read.
 */
export async function waitForMail<T>(
  read: () => Promise<T>,
  done: (found: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (done(found)) return found;
    if (Date.now() > deadline)
      throw new Error(
        `No such mail within ${timeoutMs} ms; last read: ${JSON.stringify(found).slice(0, 500)}`,
      );
    await new Promise((next) => setTimeout(next, 100));
  }
}

/** A complete message of each kind the platform sends, to `to`, written at `at`. */
export function outboxMessage(
  kind: MailKind,
  options: { to?: string; at?: Date; params?: Record<string, unknown> } = {},
): OutboxMessage {
  const id = crypto.randomUUID();
  const caseId = crypto.randomUUID();
  const base = {
    id,
    createdAt: (options.at ?? new Date('2027-03-01T09:00:00Z')).toISOString(),
    to: options.to ?? uniqueAddress(),
  };
  const lead = { name: 'Lise Larsen', reference: 'FIM-2027-0007', title: 'Bevægelse i hverdagen' };
  const call = { callTitle: 'Forebyggelse 2027', callTitleEn: 'Prevention 2027' };
  const reviewer = {
    reviewerName: 'Mads Holm',
    reference: 'FIM-2027-0007',
    title: 'Bevægelse i hverdagen',
    ...call,
  };
  const money = { ...lead, amountOre: 5_000_000, paidOn: '2027-06-01', awardOre: 30_000_000 };
  const params: { [K in MailKind]: MailParams[K] } = {
    'erasure.confirmed': {
      name: 'Lise Larsen',
      drafts: 1,
      documents: 2,
      handedOver: 0,
      left: 1,
      keptCases: [{ reference: 'FIM-2027-0007', keptUntil: '2033-03-01T00:00:00.000Z' }],
      retentionYears: 5,
    },
    'retention.draft_reminder': {
      name: 'Lise Larsen',
      title: 'Bevægelse i hverdagen',
      untouchedMonths: 12,
      deleteOn: '2027-04-01',
    },
    'application.handed_over': { formerOwnerName: 'Lise Larsen', title: 'Bevægelse i hverdagen' },
    'application.invitation': {
      inviterName: 'Lise Larsen',
      title: 'Bevægelse i hverdagen',
      callTitle: 'Forebyggelse 2027',
      callTitleEn: 'Prevention 2027',
    },
    'document.infected': {
      name: 'Lise Larsen',
      fileName: 'cv.pdf',
      kindName: 'CV for projektleder',
      kindNameEn: 'CV of the project lead',
      title: 'Bevægelse i hverdagen',
    },
    'application.receipt': {
      name: 'Lise Larsen',
      reference: 'FIM-2027-0007',
      title: 'Bevægelse i hverdagen',
      callTitle: 'Forebyggelse 2027',
      callTitleEn: 'Prevention 2027',
      requestedOre: 35_000_000,
      submittedAt: '2027-03-01T09:00:00.000Z',
    },
    'application.decision': {
      ownerName: 'Lise Larsen',
      reference: 'FIM-2027-0007',
      title: 'Bevægelse i hverdagen',
      callTitle: 'Forebyggelse 2027',
      outcome: 'approved',
      amountOre: 30_000_000,
      conditions: 'Halvårlig statusrapport.',
    },
    'contribution.demand': {
      year: 2027,
      partyId: 'aarhus',
      partyName: 'Aarhus Kommune',
      demandOre: 1_234_500,
      population: 352_751,
      referenceYear: 2013,
      rateOre: 350,
      dueDate: '2027-04-01',
      ...DEMO_PAYMENT_DETAILS,
      paymentReference: 'FIM 2027 aarhus',
    },
    'report.reminder': {
      kind: 'final',
      reference: 'FIM-2027-0007',
      applicationId: caseId,
      dueDate: '2027-03-15',
    },
    'report.overdue': {
      kind: 'progress',
      reference: 'FIM-2027-0007',
      applicationId: caseId,
      dueDate: '2027-02-15',
    },
    'application.deadline_reminder': { ...lead, ...call, closesAt: '2027-03-08T11:00:00.000Z', daysLeft: 7 },
    'application.withdrawn': { ...lead, ...call, withdrawnAt: '2027-03-01T09:00:00.000Z' },
    'application.call_closed_early': {
      ...lead,
      ...call,
      closedAt: '2027-03-01T09:00:00.000Z',
      reason: 'Puljen er opbrugt.',
    },
    'award.tranche_paid': { ...money, disbursedOre: 15_000_000 },
    'award.refund_booked': { ...money, refundedOre: 5_000_000 },
    'award.acceptance_reminder': { ...lead, amountOre: 30_000_000, decidedOn: '2027-02-10' },
    'review.assigned': { ...reviewer, dueDate: '2027-10-01' },
    'review.due_reminder': { ...reviewer, dueDate: '2027-10-01', daysLeft: 7 },
    'review.overdue': { ...reviewer, dueDate: '2027-10-01' },
    'review.unassigned': reviewer,
    'conflict.ruled': { ...reviewer, recused: true, note: 'Samme afdeling.' },
    'contribution.payment_received': {
      year: 2027,
      partyId: 'aarhus',
      partyName: 'Aarhus Kommune',
      amountOre: 1_000_000,
      paidOn: '2027-03-20',
      paidOre: 1_000_000,
      totalDueOre: 1_234_500,
      outstandingOre: 234_500,
    },
  };
  const caseOf: Record<MailKind, { kind: OutboxMessage['case']['kind']; link: string }> = {
    'application.receipt': { kind: 'application', link: `/applications/${caseId}` },
    'application.invitation': { kind: 'application', link: `/invitations/${caseId}` },
    'application.handed_over': { kind: 'application', link: `/applications/${caseId}` },
    'application.decision': { kind: 'application', link: `/applications/${caseId}` },
    'contribution.demand': { kind: 'party', link: `/finance/parties/${caseId}` },
    'report.reminder': { kind: 'award', link: `/awards/${caseId}` },
    'report.overdue': { kind: 'award', link: `/awards/${caseId}` },
    'application.deadline_reminder': { kind: 'application', link: `/applications/${caseId}` },
    'application.withdrawn': { kind: 'application', link: `/applications/${caseId}` },
    'application.call_closed_early': { kind: 'application', link: `/applications/${caseId}` },
    'award.tranche_paid': { kind: 'award', link: `/awards/${caseId}` },
    'award.refund_booked': { kind: 'award', link: `/awards/${caseId}` },
    'award.acceptance_reminder': { kind: 'award', link: `/awards/${caseId}` },
    'review.assigned': { kind: 'application', link: `/reviews/${caseId}` },
    'review.due_reminder': { kind: 'application', link: `/reviews/${caseId}` },
    'review.overdue': { kind: 'application', link: `/reviews/${caseId}` },
    'review.unassigned': { kind: 'application', link: `/reviews/${caseId}` },
    'conflict.ruled': { kind: 'application', link: `/reviews/${caseId}` },
    'contribution.payment_received': { kind: 'party', link: `/finance/parties/${caseId}` },
    'document.infected': { kind: 'application', link: `/applications/${caseId}` },
    'erasure.confirmed': { kind: 'user', link: '/me/data' },
    'retention.draft_reminder': { kind: 'application', link: `/applications/${caseId}` },
  };
  return {
    ...base,
    kind,
    params: { ...params[kind], ...options.params },
    case: { kind: caseOf[kind].kind, id: caseId },
    link: caseOf[kind].link,
  } as OutboxMessage;
}
