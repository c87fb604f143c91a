import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DELETABLE_PARTITIONS } from '../../functions/db/delete-grants.js';
import { auditTableNameOf } from '../../functions/db/table-definition.js';

/*
 * DynamoDB Local has no IAM: a delete the functions' roles do not grant would pass every test here and fail in
 * AWS. This client middleware refuses, as IAM would (AccessDeniedException), every delete outside the
 * DELETABLE_PARTITIONS of the data table and every delete in its audit table: by DeleteItem, inside a
 * TransactWriteItems or in a BatchWriteItem. The harness's client wears it, so the whole integration suite runs
 * under the API function's delete grants.
 */

interface WireKey {
  pk?: { S?: string };
}
interface WireBody {
  TableName?: string;
  Key?: WireKey;
  TransactItems?: { Delete?: { TableName?: string; Key?: WireKey } }[];
  RequestItems?: Record<string, { DeleteRequest?: { Key?: WireKey } }[]>;
}

const allowedPk = (pk: string) => DELETABLE_PARTITIONS.some((pattern) => pk.startsWith(pattern.slice(0, -1)));

/** The deletes in one request to DynamoDB, as (table, partition key). */
function deletesIn(operation: string, body: WireBody): { table: string; pk: string }[] {
  if (operation === 'DeleteItem') return [{ table: body.TableName ?? '', pk: body.Key?.pk?.S ?? '' }];
  if (operation === 'TransactWriteItems')
    return (body.TransactItems ?? []).flatMap((item) =>
      item.Delete ? [{ table: item.Delete.TableName ?? '', pk: item.Delete.Key?.pk?.S ?? '' }] : [],
    );
  if (operation === 'BatchWriteItem')
    return Object.entries(body.RequestItems ?? {}).flatMap(([table, requests]) =>
      requests.flatMap((r) => (r.DeleteRequest ? [{ table, pk: r.DeleteRequest.Key?.pk?.S ?? '' }] : [])),
    );
  return [];
}

/** The first delete in a request that IAM would refuse the API function, if any. */
export function refusedDelete(
  tableName: string,
  operation: string,
  body: WireBody,
): { table: string; pk: string } | undefined {
  return deletesIn(operation, body).find(
    ({ table, pk }) => table === auditTableNameOf(tableName) || (table === tableName && !allowedPk(pk)),
  );
}

/** Wears the delete grants on `client` (createDb's `instrument`): for the table `tableName` and its audit table. */
export const withDeleteGrants =
  (tableName: string) =>
  (client: DynamoDBClient): DynamoDBClient => {
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string>; body?: unknown };
        const operation = (request.headers?.['x-amz-target'] ?? '').split('.').pop() ?? '';
        if (/Delete|TransactWrite|BatchWrite/.test(operation)) {
          // The serialised JSON body: bytes, or a string.
          const text =
            typeof request.body === 'string'
              ? request.body
              : new TextDecoder().decode(request.body as Uint8Array);
          const refused = refusedDelete(tableName, operation, JSON.parse(text) as WireBody);
          if (refused)
            throw Object.assign(
              new Error(
                `not authorized to perform: dynamodb:DeleteItem on ${refused.table} (partition ${refused.pk}): ` +
                  'no identity-based policy allows it (functions/db/delete-grants.ts)',
              ),
              { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } },
            );
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'fimIamDeleteGrants' },
    );
    return client;
  };
