/** How the API's answers look in a terminal (tables); `--output json` prints them whole instead. */
import { messagesIn, type AuditEvent, type Filing, type Language, type Problem, type RequirementStatus, type ReviewTask } from '../client/index.js';
import { renderFields, renderTable } from './table.js';

const appName = (filing: Filing) => filing.app?.name;

export function filingSummary(filing: Filing, language: Language): string {
  const fields: [string, string | number | null | undefined][] = [
    ['filing', filing.filingId],
    ['type', filing.type],
    ['status', filing.status],
    ['version', filing.version],
    ['revision', filing.revision],
    ['app', appName(filing)],
    ['entity', filing.entity?.name],
    ['target', filing.targetFilingId],
    ['record number', filing.recordNumber],
    ['verification', filing.verificationMethod],
    ['deadline', filing.deadline],
    ['ports', filing.ports === null ? null : `${filing.ports.open ? 'open' : 'closed'} on ${filing.ports.securityGroupIds.join(', ')}`],
    ['updated', filing.updatedAt],
  ];
  let text = renderFields(fields);
  if (filing.reasons.length > 0) text += `reasons:\n${problemLines(filing.reasons, language)}`;
  return text;
}

export function problemLines(problems: readonly Problem[], language: Language): string {
  return problems
    .map((problem) => {
      const [message, other] = messagesIn(problem, language);
      return `- ${problem.code}${problem.path === '' ? '' : ` at ${problem.path}`}: ${message ?? ''}${other === undefined ? '' : `\n  ${other}`}\n`;
    })
    .join('');
}

export const filingTable = (filings: readonly Filing[]): string =>
  renderTable(
    ['FILING', 'TYPE', 'STATUS', 'APP', 'UPDATED'],
    filings.map((filing) => [filing.filingId, filing.type, filing.status, appName(filing), filing.updatedAt]),
  );

export const eventTable = (events: readonly AuditEvent[]): string =>
  renderTable(
    ['AT', 'TYPE', 'FROM', 'TO', 'ACTOR', 'REASONS'],
    events.map((event) => [event.at, event.type, event.from, event.to, event.actor, event.reasons.map((reason) => reason.code).join(',')]),
  );

export const requirementTable = (items: readonly RequirementStatus[]): string =>
  renderTable(
    ['KIND', 'REQUIRED', 'UPLOADED', 'TYPES', 'BYTES', 'PROBLEMS'],
    items.map((item) => [
      item.kind,
      item.required ? 'yes' : 'no',
      item.uploaded ? 'yes' : 'no',
      item.constraints.contentTypes.join(','),
      `${item.constraints.minBytes}-${item.constraints.maxBytes}`,
      item.problems.map((problem) => problem.code).join(','),
    ]),
  );

export const taskTable = (tasks: readonly ReviewTask[]): string =>
  renderTable(
    ['TASK', 'STAGE', 'FILING', 'ACCOUNT', 'DEADLINE', 'OVERDUE'],
    tasks.map((task) => [task.taskId, task.stage, task.filingId, task.accountId, task.deadline, task.overdue ? 'yes' : 'no']),
  );
