import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps } from '../ports.js';
import type { Application } from './application.schema.js';
import { getApplicationWithCall } from './application.service.js';
import type { Member } from './members.schema.js';
import { listMembers } from './members.service.js';

/** A document of an application as its printout lists it (the documents area fills the list). */
export interface PrintoutDocument {
  kind: string;
  name: string;
  sizeBytes: number;
  sha256: string;
}

/** Everything the application's PDF shows, as its reader may see it. */
export interface ApplicationPrintout {
  application: Application;
  call: Call | undefined;
  members: Member[];
  documents: PrintoutDocument[];
}

/**
 * The application as its PDF shows it, for a reader of the application (access.ts).
 * @throws AppError NOT_FOUND
 */
export async function getApplicationPrintout(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<ApplicationPrintout> {
  const [{ application, call }, { members }] = await Promise.all([
    getApplicationWithCall(deps, actor, applicationId),
    listMembers(deps, actor, applicationId),
  ]);
  // The application's documents come with the documents area (issue 10, S3); until then there are none.
  return { application, call, members, documents: [] };
}
