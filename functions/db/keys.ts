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

  /** A reviewer on an application: assignment, conflict and review in one item. */
  assignment: (applicationId: string, reviewerId: string) => ({
    pk: `APP#${applicationId}`,
    sk: `ASSIGN#${reviewerId}`,
  }),
  assignmentPrefix: 'ASSIGN#',
  assignmentByReviewer: (reviewerId: string, callId: string, applicationId: string) => ({
    gsi1pk: `REVIEWER#${reviewerId}`,
    gsi1sk: `${callId}#${applicationId}`,
  }),
  assignmentsOfReviewer: (reviewerId: string) => `REVIEWER#${reviewerId}`,
  assignmentByCall: (callId: string, applicationId: string, reviewerId: string) => ({
    gsi2pk: `CALLREVIEWS#${callId}`,
    gsi2sk: `${applicationId}#${reviewerId}`,
  }),
  assignmentsOfCall: (callId: string) => `CALLREVIEWS#${callId}`,

  /** The call's approved total, guarded against its budget. */
  callBudget: (callId: string) => ({ pk: `CALL#${callId}`, sk: 'BUDGET' }),
  meeting: (id: string) => ({ pk: `MEETING#${id}`, sk: 'MEETING' }),
  meetingByCall: (callId: string, heldAt: string, id: string) => ({
    gsi2pk: `CALLMEETINGS#${callId}`,
    gsi2sk: `${heldAt}#${id}`,
  }),
  meetingsOfCall: (callId: string) => `CALLMEETINGS#${callId}`,

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
