/** Every key string of the table is built here and nowhere else. */
export const keys = {
  call: (id: string) => ({ pk: `CALL#${id}`, sk: 'CALL' }),
  callByStatus: (status: string, closesAt: string, id: string) => ({
    gsi1pk: `CALLS#${status}`,
    gsi1sk: `${closesAt}#${id}`,
  }),
  callsWithStatus: (status: string) => `CALLS#${status}`,

  application: (id: string) => ({ pk: `APP#${id}`, sk: 'APP' }),
  applicationByOwner: (ownerId: string, createdAt: string, id: string) => ({
    gsi1pk: `OWNER#${ownerId}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  applicationsOfOwner: (ownerId: string) => `OWNER#${ownerId}`,
  applicationByCall: (callId: string, createdAt: string, id: string) => ({
    gsi2pk: `CALLAPPS#${callId}`,
    gsi2sk: `${createdAt}#${id}`,
  }),
  applicationsOfCall: (callId: string) => `CALLAPPS#${callId}`,

  /** Audit events sit under their entity's partition: the case record is one Query. */
  audit: (entityPk: string, at: string, id: string) => ({ pk: entityPk, sk: `AUDIT#${at}#${id}` }),
  auditPrefix: 'AUDIT#',

  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' }),
  outboxPending: (createdAt: string, id: string) => ({
    gsi1pk: 'OUTBOX#pending',
    gsi1sk: `${createdAt}#${id}`,
  }),
  outboxPendingPk: 'OUTBOX#pending',

  referenceCounter: (year: number) => ({ pk: `COUNTER#REFERENCE#${year}`, sk: 'COUNTER' }),
  /** Claims a reference for good: a reference is never handed out twice. */
  reference: (reference: string) => ({ pk: `REF#${reference}`, sk: 'REF' }),

  user: (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE' }),
  userByEmail: (email: string) => ({ gsi1pk: `EMAIL#${email.toLowerCase()}`, gsi1sk: 'USER' }),
  userEmailPk: (email: string) => `EMAIL#${email.toLowerCase()}`,
  userList: (email: string) => ({ gsi2pk: 'USERS', gsi2sk: email.toLowerCase() }),
  usersPk: 'USERS',

  party: (id: string) => ({ pk: `PARTY#${id}`, sk: 'PARTY' }),
  partyList: (name: string) => ({ gsi1pk: 'PARTIES', gsi1sk: name }),
  partiesPk: 'PARTIES',
  population: (partyId: string, year: number) => ({ pk: `PARTY#${partyId}`, sk: `POPULATION#${year}` }),
} as const;

/** Attributes that are storage keys, not domain fields. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;

export function stripKeys<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of KEY_ATTRIBUTES) delete copy[key];
  return copy as T;
}
