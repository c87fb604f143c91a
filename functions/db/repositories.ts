import type { CoreDeps } from '../core/ports.js';
import type { Clock } from '../core/shared/time.js';
import { createApplicationRepository } from './applications.repository.js';
import { createAwardRepository } from './awards.repository.js';
import { createCallRepository } from './calls.repository.js';
import type { Db } from './client.js';
import { createDecisionRepository } from './decisions.repository.js';
import { createFinanceRepository } from './finance.repository.js';
import { createMessageRepository } from './messages.repository.js';
import { createOrganisationRepository } from './organisations.repository.js';
import { createPartyRepository } from './parties.repository.js';
import { createReminderRepository } from './reminders.repository.js';
import { createReportRepository } from './reports.repository.js';
import { createReviewRepository } from './reviews.repository.js';
import { createUserRepository } from './users.repository.js';

/** The core's dependencies on DynamoDB: built once per cold start or local process. */
export function createCoreDeps(db: Db, clock: Clock): CoreDeps {
  return {
    calls: createCallRepository(db),
    applications: createApplicationRepository(db),
    users: createUserRepository(db),
    reviews: createReviewRepository(db),
    decisions: createDecisionRepository(db),
    finance: createFinanceRepository(db),
    awards: createAwardRepository(db),
    reports: createReportRepository(db),
    messages: createMessageRepository(db),
    parties: createPartyRepository(db),
    reminders: createReminderRepository(db),
    organisations: createOrganisationRepository(db),
    clock,
  };
}
