import type { OrganisationFlag } from './organisation.schema.js';

/*
 * Plain values of the registry that functions/db uses: kept out of organisation.schema.ts so that the jobs,
 * which validate nothing, bundle no zod (docs/infra.md, "Cold start").
 */

/** Where a flag came from, as its sort key says it: `APP#<applicationId>` or `USER#<userId>`. */
export const flagSource = (flag: Pick<OrganisationFlag, 'applicationId' | 'userId'>): string =>
  flag.applicationId !== undefined ? `APP#${flag.applicationId}` : `USER#${flag.userId ?? ''}`;
