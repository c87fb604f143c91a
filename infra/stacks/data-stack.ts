import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { type Alarm, MathExpression, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../../functions/db/table-definition.js';
import { ALARM_PERIOD, alarmToTopic } from '../constructs/alarm.js';

export interface DataStackProps extends StackProps {
  /** Where the throttling alarm goes (FimAlarms). */
  readonly alarmTopic: ITopic;
}

/**
 * The platform's data: one DynamoDB table (single-table design, docs/data-model.md).
 * Its keys and indexes come from functions/db/table-definition.ts, the same definition the local
 * DynamoDB set-up and the repositories use, so the deployed table cannot drift from the code.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly throttleAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DataStackProps) {
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
      // Sessions and kept forms carry their end here (epoch seconds); DynamoDB deletes them lazily, the app
      // checks the time on read (functions/core/auth/session.service.ts).
      timeToLiveAttribute: TABLE_KEYS.timeToLive,
    });

    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // On demand it should never throttle, yet it can (a hot partition, a sudden jump past twice the previous
    // peak, an account limit): every read and write refused, on the table or either index, in one expression.
    const throttled = (metricName: string, index?: string) =>
      this.table.metric(metricName, {
        period: ALARM_PERIOD,
        statistic: Stats.SUM,
        ...(index
          ? { dimensionsMap: { TableName: this.table.tableName, GlobalSecondaryIndexName: index } }
          : {}),
      });
    const parts = [undefined, ...TABLE_KEYS.indexes.map((index) => index.indexName)].flatMap((index) => [
      throttled('ReadThrottleEvents', index),
      throttled('WriteThrottleEvents', index),
    ]);
    this.throttleAlarm = alarmToTopic(this, 'ThrottleAlarm', props.alarmTopic, {
      metric: new MathExpression({
        label: 'Throttled reads and writes (table and indexes)',
        // SUM([...]) adds what is there at each time (a plain m0 + m1 would be empty where one has no data).
        expression: `SUM([${parts.map((_, i) => `m${i}`).join(', ')}])`,
        usingMetrics: Object.fromEntries(parts.map((metric, i) => [`m${i}`, metric])),
        period: ALARM_PERIOD,
      }),
      description:
        'FIM table: DynamoDB throttled reads or writes on the table or an index (docs/infra.md, "Alarms": ' +
        'DynamoDB throttling). The SDK retries them; what still failed reached people as errors.',
    });
  }
}
