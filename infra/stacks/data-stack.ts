import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../../functions/db/table-definition.js';

/**
 * The platform's data: one DynamoDB table (single-table design, docs/data-model.md).
 * Its keys and indexes come from functions/db/table-definition.ts, the same definition the local
 * DynamoDB set-up and the repositories use, so the deployed table cannot drift from the code.
 */
export class DataStack extends Stack {
  readonly table: Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      // A few hundred users and ~100 applications a year: on-demand costs cents and never throttles.
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Grant applications and decisions are public administration records: never deleted with the stack.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Old and new images, for an audit/export consumer to be added without a table change.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });

    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
