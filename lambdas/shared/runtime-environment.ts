/**
 * The runtime environment contract of every function (docs/design/architecture.md): which
 * variables a handler reads and who sets them. The CDK stacks (lib/api-stack.ts,
 * lib/workflow-stack.ts, lib/constructs/recordal-function.ts) and the local platform
 * (lib/local/platform.ts) build the environment through `functionEnvironment`, so a variable
 * cannot be set under one name and read under another.
 */

/** Service name Powertools logs and metrics carry. */
export const SERVICE_NAME = 'icp-recordal';
/** CloudWatch namespace of the business metrics (lambdas/shared/metrics.ts). */
export const METRICS_NAMESPACE = 'IcpRecordal';

/** Every variable the code reads, and what it holds. */
export const RUNTIME_VARIABLES = {
  TABLE_NAME: 'the platform table (every function)',
  BUCKET_NAME: 'the attachments bucket (every function)',
  STATE_MACHINE_ARN: 'the lifecycle state machine (API functions; local: set once the runtime runs)',
  EVENT_BUS_NAME: 'the filing events bus (absent: events are logged)',
  REVIEWER_TOPIC_ARN: 'SNS topic of reviewer notices (absent: notices are logged)',
  ALARM_TOPIC_ARN: 'SNS topic of operator alarms (absent: notices are logged)',
  REVIEWER_PRINCIPAL_ARNS: 'comma-separated IAM principals that act as reviewers (API functions)',
  DRIFT_QUEUE_URL: 'the drift check queue (review API starts a check; the drift-check function fans out)',
  CURSOR_SECRET_ARN: 'Secrets Manager secret holding the key that signs paging cursors (API functions, deployed)',
  CURSOR_SECRET: 'the paging cursor key itself (the local platform, which generates it; never deployed)',
  ACCESS_ROLE_EXTERNAL_ID_PREFIX: "prefix of the external id used to assume a customer's access role",
  POWERTOOLS_SERVICE_NAME: 'Powertools service name',
  POWERTOOLS_METRICS_NAMESPACE: 'Powertools metrics namespace',
  POWERTOOLS_LOG_LEVEL: 'Powertools log level',
} as const;
export type RuntimeVariable = keyof typeof RUNTIME_VARIABLES;

/** The environment of a function: the resources it uses plus the Powertools defaults. */
export function functionEnvironment(
  values: { TABLE_NAME: string; BUCKET_NAME: string } & Partial<Record<RuntimeVariable, string>>,
): Record<string, string> {
  const chosen = Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return {
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    ...Object.fromEntries(chosen),
  };
}
