import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleTarget } from 'aws-cdk-lib/aws-scheduler';
import { ScheduleTargetBase, type ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';

/**
 * EventBridge Scheduler target that invokes a Lambda function by its unqualified ARN, like `LambdaInvoke`,
 * but grants the scheduler's role `lambda:InvokeFunction` on exactly that ARN.
 *
 * `LambdaInvoke` calls `fn.grantInvoke(role)`, which also allows `<function-arn>:*` (every version and alias):
 * a wildcard cdk-nag reports as AwsSolutions-IAM5 and the schedule never needs, since it invokes `$LATEST`.
 * Retry policy, dead-letter queue (with its sqs:SendMessage grant) and input work as in `LambdaInvoke`.
 */
export class UnqualifiedLambdaInvoke extends ScheduleTargetBase implements IScheduleTarget {
  private readonly func: IFunction;

  constructor(func: IFunction, props: ScheduleTargetBaseProps = {}) {
    super(props, func.functionArn);
    this.func = func;
  }

  protected addTargetActionToRole(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.func.functionArn] }),
    );
  }
}
