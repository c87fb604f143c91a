import { describe, expect, it } from 'vitest';
import { refusedDelete } from '../support/iam.js';

/* The suite's stand-in for IAM's delete grants (test/support/iam.ts) refuses what IAM would. */

const T = 't-1';
const del = (pk: string, table = T) => ({ TableName: table, Key: { pk: { S: pk } } });

describe('refusedDelete: the API function’s delete grants, as IAM applies them', () => {
  it('allows a DeleteItem in a deletable partition, refuses one outside', () => {
    expect(refusedDelete(T, 'DeleteItem', del('SESSION#abc'))).toBeUndefined();
    expect(refusedDelete(T, 'DeleteItem', del('ORGFLAG#k'))).toBeUndefined();
    expect(refusedDelete(T, 'DeleteItem', del('USER#u1'))).toEqual({ table: T, pk: 'USER#u1' });
    // A partition that only starts like a deletable one's prefix is not it.
    expect(refusedDelete(T, 'DeleteItem', del('APPX#1'))).toEqual({ table: T, pk: 'APPX#1' });
  });

  it('looks at every Delete in a transaction and a batch, and at nothing else', () => {
    const transaction = {
      TransactItems: [{ Put: {} }, { Delete: del('APP#1') }, { Delete: del('CALL#1') }],
    } as never;
    expect(refusedDelete(T, 'TransactWriteItems', transaction)).toEqual({ table: T, pk: 'CALL#1' });
    expect(
      refusedDelete(T, 'BatchWriteItem', {
        RequestItems: { [T]: [{ DeleteRequest: { Key: { pk: { S: 'AWARD#1' } } } }] },
      }),
    ).toEqual({ table: T, pk: 'AWARD#1' });
    expect(refusedDelete(T, 'PutItem', del('CALL#1'))).toBeUndefined();
  });

  it('refuses every delete in the audit table, and leaves other tables alone', () => {
    expect(refusedDelete(T, 'DeleteItem', del('APP#1', `${T}-audit`))).toEqual({
      table: `${T}-audit`,
      pk: 'APP#1',
    });
    expect(refusedDelete(T, 'DeleteItem', del('CALL#1', 'another'))).toBeUndefined();
  });
});
