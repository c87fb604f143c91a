import type { Application } from '../applications/application.schema.js';

/**
 * Organisations compared as people write them: case, spacing, punctuation and the words "kommune" /
 * "municipality" do not make two organisations different ("Aarhus Kommune" = "aarhus kommune" = "Aarhus").
 */
export function normaliseOrganisation(name: string): string {
  return name
    .toLocaleLowerCase('da-DK')
    .replace(/[.,;:()'"’-]/g, ' ')
    .replace(/\b(kommune|municipality)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

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
 * person's own, or undefined when there is none.
 */
export function organisationConflict(
  personOrganisation: string | undefined,
  application: Pick<Application, 'ownerOrganisation' | 'partners'>,
): string | undefined {
  if (!personOrganisation) return undefined;
  const own = normaliseOrganisation(personOrganisation);
  if (!own) return undefined;
  return applicationOrganisations(application).find((org) => normaliseOrganisation(org) === own);
}
