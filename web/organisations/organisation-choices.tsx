import type { Organisation } from '../../functions/core/organisations/organisation.schema.js';

/** The id of the registry's names as suggestions, for a field's `list`. */
export const ORGANISATION_CHOICES = 'organisation-choices';

/**
 * The registry's names as a `<datalist>` (issue 11): a field that names it suggests them as the person types,
 * without any script, by keyboard as by mouse; a name the registry does not know can still be typed, and is
 * then flagged for the secretariat to place.
 */
export function OrganisationChoices({ organisations }: { organisations: readonly Organisation[] }) {
  return (
    <datalist id={ORGANISATION_CHOICES}>
      {organisations.map((o) => (
        <option value={o.name} />
      ))}
    </datalist>
  );
}
