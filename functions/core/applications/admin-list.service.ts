import { isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps } from '../ports.js';
import { forbidden } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import {
  ADMIN_LIST_PAGE,
  type AdminApplicationFilter,
  adminApplicationFilterSchema,
} from './admin-list.schema.js';
import type { Application } from './application.schema.js';

/** A row of the secretariat's list: the application and the call it belongs to. */
export interface AdminApplicationRow {
  application: Application;
  call?: Pick<Call, 'id' | 'title' | 'titleEn' | 'grantTypes'>;
}

export interface AdminApplicationPage {
  filter: AdminApplicationFilter;
  rows: AdminApplicationRow[];
  cursor?: string;
}

const requireAdmin = (actor: Principal) => {
  if (!isAdmin(actor)) throw forbidden();
};

/** The filter as the repository reads it: text lower-cased as the index keeps it. */
const repositoryFilter = (filter: AdminApplicationFilter) => ({
  ...(filter.callId ? { callId: filter.callId } : {}),
  ...(filter.status ? { status: filter.status } : {}),
  ...(filter.q ? { text: filter.q.toLocaleLowerCase('da-DK') } : {}),
  ...(filter.focusArea ? { focusArea: filter.focusArea } : {}),
  ...(filter.grantType ? { grantTypeId: filter.grantType } : {}),
  ...(filter.sector ? { sector: filter.sector } : {}),
});

async function pageOf(deps: CoreDeps, filter: AdminApplicationFilter, cursor?: string) {
  const found = await deps.applications.listPage(repositoryFilter(filter), {
    limit: ADMIN_LIST_PAGE,
    ...(cursor ? { cursor } : {}),
  });
  const calls = new Map(
    (await deps.calls.getMany([...new Set(found.items.map((a) => a.callId))])).map((c) => [c.id, c]),
  );
  const rows = found.items.map((application) => {
    const call = calls.get(application.callId);
    return {
      application,
      ...(call
        ? { call: { id: call.id, title: call.title, titleEn: call.titleEn, grantTypes: call.grantTypes } }
        : {}),
    };
  });
  return { rows, ...(found.cursor ? { cursor: found.cursor } : {}) };
}

/**
 * A page of the secretariat's list of applications, across calls or within one, newest first (admins).
 * @throws AppError FORBIDDEN, VALIDATION_FAILED (a filter or cursor at fault)
 */
export async function listApplicationsForAdmin(
  deps: CoreDeps,
  actor: Principal,
  input: unknown,
): Promise<AdminApplicationPage> {
  requireAdmin(actor);
  const filter = parseInput(adminApplicationFilterSchema, input);
  return { filter, ...(await pageOf(deps, filter, filter.cursor)) };
}

/**
 * Every page of the filtered list, one at a time (the CSV download streams them), from the first. Authorises
 * and parses before the first page is asked for, so a refusal comes before any byte is sent.
 * @throws AppError FORBIDDEN, VALIDATION_FAILED
 */
export function adminApplicationPages(
  deps: CoreDeps,
  actor: Principal,
  input: unknown,
): AsyncGenerator<AdminApplicationRow[]> {
  requireAdmin(actor);
  const { cursor: _from, ...filter } = parseInput(adminApplicationFilterSchema, input);
  return (async function* () {
    let cursor: string | undefined;
    do {
      const page = await pageOf(deps, filter, cursor);
      yield page.rows;
      cursor = page.cursor;
    } while (cursor);
  })();
}
