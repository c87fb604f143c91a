import type { Application } from '../applications/application.schema.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps } from '../ports.js';
import { notFound } from '../shared/errors.js';

/** Applications the reviewers work on: in review, or waiting for funds (still open to a decision). */
export const reviewable = (application: Pick<Application, 'status'>): boolean =>
  application.status === 'in_review' || application.status === 'waiting_list';

/** An application past draft with its call. @throws AppError NOT_FOUND */
export async function loadApplicationInReview(
  deps: CoreDeps,
  applicationId: string,
): Promise<{ application: Application; call: Call }> {
  const application = await deps.applications.get(applicationId);
  if (!application || application.status === 'draft') throw notFound('application');
  const call = await deps.calls.get(application.callId);
  if (!call) throw notFound('call');
  return { application, call };
}
