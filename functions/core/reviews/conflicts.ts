import type { Application } from '../applications/application.schema.js';
import { type OrganisationTree, related } from '../organisations/tree.js';

export { normaliseOrganisation } from '../organisations/tree.js';

/** The organisations taking part in an application: the applicant's own and every partner's. */
export function applicationOrganisations(
  application: Pick<Application, 'ownerOrganisation' | 'partners'>,
): string[] {
  return [
    ...(application.ownerOrganisation ? [application.ownerOrganisation] : []),
    ...application.partners.flatMap((p) => (p.organisation ? [p.organisation] : [])),
  ];
}

/**
 * Inhabilitet found by the system (forvaltningsloven § 3): the organisation of the application that is the
 * person's own, or contains it, or is contained in it (through the registry's tree); undefined when there is
 * none. Names the registry does not know are compared by their normalised spelling.
 */
export function organisationConflict(
  personOrganisation: string | undefined,
  application: Pick<Application, 'ownerOrganisation' | 'partners'>,
  tree: OrganisationTree,
): string | undefined {
  if (!personOrganisation) return undefined;
  return applicationOrganisations(application).find((org) => related(tree, personOrganisation, org));
}
