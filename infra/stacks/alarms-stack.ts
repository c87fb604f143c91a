import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { topicKey } from '../constructs/topic-key.js';

export interface AlarmsStackProps extends StackProps {
  /** Subscribed by e-mail to the topic when given (context `alarmEmail`). */
  readonly alarmEmail?: string;
}

/**
 * Where every alarm of FIM goes: one SNS topic, encrypted with a key of its own, and the e-mail subscription.
 * Deployed before the other stacks, which add their alarms to it (infra/constructs/alarm.ts); it depends on
 * nothing, so a change to any other stack never touches the subscription (which the address had to confirm).
 */
export class AlarmsStack extends Stack {
  readonly key: Key;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsStackProps) {
    super(scope, id, props);
    // A customer managed key: CloudWatch may publish only to an encrypted topic whose key policy lets it use the
    // key (the AWS managed alias/aws/sns cannot be granted to it).
    this.key = topicKey(this, 'TopicKey', 'FIM: encrypts the alarm topic', 'cloudwatch');
    this.topic = new Topic(this, 'Alarms', {
      displayName: 'FIM alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.topic.topicArn,
      description: 'Every FIM alarm goes here: subscribe more addresses with aws sns subscribe',
    });
  }
}
