import type { CoreDeps, FileStore } from '../core/ports.js';
import { AppError } from '../core/shared/errors.js';
import { type Clock, systemClock } from '../core/shared/time.js';
import { createApplicationRepository } from './applications.repository.js';
import { createCaseRecordRepository } from './audit.repository.js';
import { createAwardRepository } from './awards.repository.js';
import { createCallRepository } from './calls.repository.js';
import type { Db } from './client.js';
import { createDecisionRepository } from './decisions.repository.js';
import { createDocumentRepository } from './documents.repository.js';
import { createErasureRepository } from './erasure.repository.js';
import { createExportRepository } from './exports.repository.js';
import { createFinanceRepository } from './finance.repository.js';
import { createMemberRepository } from './members.repository.js';
import { createMessageRepository } from './messages.repository.js';
import { createMinutesRepository } from './minutes.repository.js';
import { createConflictRulingRepository, createOrganisationRepository } from './organisations.repository.js';
import { createPartyRepository } from './parties.repository.js';
import { createPrivacyNoticeRepository } from './privacy.repository.js';
import { createProfileRepository } from './profiles.repository.js';
import { createReminderRepository } from './reminders.repository.js';
import { createReportRepository } from './reports.repository.js';
import { createReviewRepository } from './reviews.repository.js';
import { createSessionRepository } from './sessions.repository.js';
import { createUserRepository } from './users.repository.js';

/**
 * The core's dependencies on DynamoDB (and the documents' file store, functions/files): built once per cold start
 * or local process. Without a file store, every use of one is refused as unavailable.
 */
export function createCoreDeps(db: Db, clock: Clock, files: FileStore = noFileStore): CoreDeps {
  return {
    caseRecord: createCaseRecordRepository(db),
    erasures: createErasureRepository(db),
    privacyNotice: createPrivacyNoticeRepository(db),
    calls: createCallRepository(db),
    applications: createApplicationRepository(db),
    members: createMemberRepository(db),
    users: createUserRepository(db),
    reviews: createReviewRepository(db),
    decisions: createDecisionRepository(db),
    minutes: createMinutesRepository(db),
    finance: createFinanceRepository(db),
    awards: createAwardRepository(db),
    reports: createReportRepository(db),
    messages: createMessageRepository(db),
    parties: createPartyRepository(db),
    reminders: createReminderRepository(db),
    documents: createDocumentRepository(db),
    files,
    sessions: createSessionRepository(db),
    organisations: createOrganisationRepository(db),
    conflictRulings: createConflictRulingRepository(db),
    profiles: createProfileRepository(db),
    exports: createExportRepository(db),
    clock,
  };
}

/** Every repository on the system clock: how the API and the functions that run its services boot (app/boot.ts). */
export const wireCore = (db: Db): CoreDeps => createCoreDeps(db, systemClock);

const refused = (): Promise<never> =>
  Promise.reject(new AppError('UNAVAILABLE', { code: 'FILES_UNAVAILABLE' }));

/** Where no file store is configured (a job that handles no documents): each use is a 503, never a silent no-op. */
export const noFileStore: FileStore = {
  scans: false,
  origin: '',
  presignUpload: refused,
  presignDownload: refused,
  inspect: refused,
  checksum: refused,
  delete: refused,
  quarantine: refused,
};
