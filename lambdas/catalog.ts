import { join } from 'node:path';

/**
 * Every Lambda function of the platform: its folder under lambdas/ and what it is for.
 * The CDK stacks bundle each `entry`; the local platform binds the same handlers to the
 * state machine's Task states and the local gateway's routes. Add a function here first.
 */
export const FUNCTIONS = {
  apiCustomer: { dir: 'api-customer', purpose: 'customer routes of the HTTP API' },
  apiReview: { dir: 'api-review', purpose: 'reviewer routes of the HTTP API' },
  checkResources: { dir: 'check-resources', purpose: 'EIP / load balancer / security group / role checks in the customer account' },
  checkAttachments: { dir: 'check-attachments', purpose: 'attachment bytes against the constraints of each kind' },
  awaitCallback: { dir: 'await-callback', purpose: 'store a callback task token under an opaque taskId and notify' },
  transition: { dir: 'transition', purpose: 'conditional status change with its audit event' },
  submitToAdministration: { dir: 'submit-to-administration', purpose: 'hand the application to the Communications Administration' },
  applyDecision: { dir: 'apply-decision', purpose: 'apply an approved application to its target filing' },
  updatePorts: { dir: 'update-ports', purpose: 'open or close TCP 80/8080/443 on the filing security groups' },
  deadlines: { dir: 'deadlines', purpose: 'mark overdue tasks and escalate (scheduled)' },
  driftCheck: { dir: 'drift-check', purpose: 're-check the resources of approved filings (drift queue, scheduled)' },
  publishEvents: { dir: 'publish-events', purpose: "publish each committed status change from the table's stream to EventBridge" },
} as const;

export type FunctionName = keyof typeof FUNCTIONS;

/** Absolute path of a function's handler file (`lambdas/<dir>/handler.ts`, export `handler`). */
export function handlerEntry(name: FunctionName): string {
  return join(import.meta.dirname, FUNCTIONS[name].dir, 'handler.ts');
}
