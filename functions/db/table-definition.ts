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
  ],
} as const;

export type IndexName = (typeof TABLE_KEYS.indexes)[number]['indexName'];
