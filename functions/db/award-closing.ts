import type { AwardClosing } from '../core/ports.js';
import { balanceUpdates } from './balances.js';
import type { Db } from './client.js';
import { awardItem, awardLedgerPut } from './items.js';
import * as keys from './keys.js';
import type { Audited, TransactItem } from './transact.js';

/**
 * The writes that close an award (award.service.ts `awardClosing`), whether finance closes it or the approval of
 * the final report does (then beside the report's own write): the closed award at the version read and while
 * committed, the release entry with its balance moves, and the audit event to write with them.
 */
export function closingWrites(
  db: Db,
  closing: AwardClosing,
): {
  items: {
    award: TransactItem;
    release?: TransactItem;
    poolBalance?: TransactItem;
    yearBalance?: TransactItem;
    dayBalance?: TransactItem | undefined;
  };
  audit: Audited;
} {
  const { award, release } = closing;
  return {
    items: {
      award: {
        Put: {
          TableName: db.tableName,
          Item: awardItem(award),
          ConditionExpression: '#version = :expected AND #status = :committed',
          ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
          ExpressionAttributeValues: { ':expected': closing.expectedVersion, ':committed': 'committed' },
        },
      },
      ...(release
        ? { release: awardLedgerPut(db, release, award.applicationId), ...balanceUpdates(db, release) }
        : {}),
    },
    audit: { entityPk: keys.award(award.applicationId).pk, event: closing.audit },
  };
}
