import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData, type Alarm, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** Every alarm's window: a count metric is summed over five minutes. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * Alarms to `topic` as soon as a count metric (errors, failed executions) is at least one in
 * a five-minute window; no data is no trouble.
 */
export function alarmOnAnyOccurrence(scope: Construct, id: string, metric: Metric, description: string, topic: ITopic): Alarm {
  const alarm = metric.with({ period: ALARM_PERIOD, statistic: 'Sum' }).createAlarm(scope, id, {
    alarmDescription: description,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
