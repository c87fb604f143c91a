/*
 * How the mail functions report messages that were not delivered (failed for good, bounced, complained of):
 * one warning line with their number, which infra/stacks/messages-stack.ts counts into the metric its alarm
 * watches. Kept free of imports, so the CDK app reads it without loading the handlers' dependencies.
 */

/** The `message` of the line. */
export const MESSAGES_FAILED_LOG = 'Messages failed';

/** The metric the line's `failed` field is counted into. */
export const MESSAGES_FAILED_METRIC = { namespace: 'FIM/Messages', name: 'MessagesFailed' } as const;
