import type { Plain } from '../shared/messages.js';

/** The registry's message codes (see ../shared/messages.ts); functions/texts/organisations.ts words them. */
export interface OrganisationMessages
  extends Record<
    /** The parent named is not in the registry. */
    | 'ORGANISATION_PARENT_UNKNOWN'
    /** The parent named is the organisation itself or one below it: the tree would close a loop. */
    | 'ORGANISATION_PARENT_CYCLE',
    Plain
  > {
  /** Another organisation of the registry already has this name (as names are compared). */
  ORGANISATION_NAME_TAKEN: { name: string };
}
