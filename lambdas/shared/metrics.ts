/**
 * Business metrics (docs/design/architecture.md "Observability") through Powertools Metrics:
 * one `Metrics` per process, flushed after each invocation by the `logMetrics` middleware of
 * both middy chains (http/chain.ts, workflow/step-handler.ts) as an EMF log line, which
 * CloudWatch turns into metrics. Locally the same line is only a log line.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, SERVICE_NAME } from './runtime-environment.js';

// Most invocations record no business metric: the flush's "no application metrics" warning
// would then be one useless log line per request. Every other warning is kept.
const EMPTY_FLUSH = 'No application metrics to publish';
const metricsLog = {
  debug: console.debug,
  info: console.info,
  error: console.error,
  warn: (...content: unknown[]) => {
    if (!String(content[0]).startsWith(EMPTY_FLUSH)) console.warn(...content);
  },
};

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME,
  logger: metricsLog,
});

/** The business metrics' names, one place for the code that records and the alarms that read them. */
export const BUSINESS_METRICS = {
  submitted: 'FilingsSubmitted',
  approved: 'FilingsApproved',
  returned: 'FilingsReturned',
  slaBreach: 'SlaBreaches',
  drift: 'DriftFindings',
} as const;

/** A filing entered review, was approved or was returned (by a reviewer or the lifecycle). */
export function recordFilingOutcome(outcome: 'submitted' | 'approved' | 'returned', count = 1): void {
  metrics.addMetric(BUSINESS_METRICS[outcome], MetricUnit.Count, count);
}

/** Reviewer tasks found past their deadline (each counted once, when first marked overdue). */
export function recordSlaBreaches(count: number): void {
  metrics.addMetric(BUSINESS_METRICS.slaBreach, MetricUnit.Count, count);
}

/** Drift between an approved filing and the customer's account (ports, addresses) found by a check. */
export function recordDriftMetric(count: number): void {
  metrics.addMetric(BUSINESS_METRICS.drift, MetricUnit.Count, count);
}
