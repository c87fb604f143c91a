import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { isKept } from '../documents/document.rules.js';
import { type ListedDocument, listDocuments } from '../documents/document.service.js';
import type { CoreDeps } from '../ports.js';
import type { Application } from './application.schema.js';
import { getApplicationWithCall } from './application.service.js';
import type { Member } from './members.schema.js';
import { listMembers } from './members.service.js';

/**
 * A document of an application as its printout (and the board's view) lists it: its kind's names, the partner
 * it is for, its checksum, and whether its reader may download it now.
 */
export interface PrintoutDocument {
  id: string;
  kind: string;
  kindName: string;
  kindNameEn?: string;
  /** The partner organisation a per-partner document (a management declaration) is for. */
  partner?: string;
  name: string;
  sizeBytes: number;
  sha256: string;
  downloadable: boolean;
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
  const [{ application, call }, { members }, { documents }] = await Promise.all([
    getApplicationWithCall(deps, actor, applicationId),
    listMembers(deps, actor, applicationId),
    listDocuments(deps, actor, applicationId),
  ]);
  return { application, call, members, documents: printedDocuments(application, documents) };
}

/**
 * The kept documents of a list its reader may see (listDocuments: blind review hides kinds there), each with
 * the checksum taken at upload and the partner a per-partner document is for.
 */
export function printedDocuments(
  application: Application,
  documents: readonly ListedDocument[],
): PrintoutDocument[] {
  return documents
    .filter((d) => isKept(d) && d.sha256 !== undefined)
    .map((d): PrintoutDocument => {
      const partner =
        d.partnerIndex === undefined ? undefined : application.partners[d.partnerIndex]?.organisation;
      return {
        id: d.id,
        kind: d.kind,
        kindName: d.kindName,
        ...(d.kindNameEn ? { kindNameEn: d.kindNameEn } : {}),
        ...(partner ? { partner } : {}),
        name: d.fileName,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256 ?? '',
        downloadable: d.downloadable,
      };
    });
}
