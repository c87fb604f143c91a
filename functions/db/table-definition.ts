/**
 * The single table's keys, shared by the local table set-up and the CDK stack so the two cannot drift.
 * Access patterns (docs/data-model.md): every read on a request path is a GetItem or a Query on these.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB may delete an item (sessions, kept forms); readers check the time too. */
  timeToLive: 'ttl',
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** Drafts by their last write (`DRAFTS`): the retention job's read (docs/cases.md "Retention"). */
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
} as const;

export type IndexName = (typeof TABLE_KEYS.indexes)[number]['indexName'];

/**
 * The audit table: every audit event, kept apart from the data so the running functions can only add to it and
 * read it (IAM grants PutItem, ConditionCheckItem, GetItem and Query on it; no UpdateItem, no DeleteItem). Keys
 * as the events were kept in the single table: the pk of the entity they concern (`APP#<id>`) and
 * `AUDIT#<at>#<id>`, so a case record is one Query. One index, `byActor`: every event a person caused, in time
 * order, whatever case it sits under ("Mine data"), keyed by `actorPk` (`ACTOR#<userId>`, written with each new
 * event: keys.ts `auditByActor`) and the event's sort key.
 */
export const AUDIT_TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ indexName: 'byActor', partitionKey: 'actorPk', sortKey: 'sk' }],
} as const;

/** The audit table's name beside a data table's, where none is configured (locally, in the tests). */
export const auditTableNameOf = (tableName: string): string => `${tableName}-audit`;
