/** Attributes that are storage keys, not domain fields. */
export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  // The audit table's index by actor (auditByActor).
  'actorPk',
  'entity',
  // An application's attributes kept for the secretariat's filters (functions/db/items.ts).
  'searchText',
  'partnerSectors',
] as const;

export function stripKeys<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of KEY_ATTRIBUTES) delete copy[key];
  return copy as T;
}
