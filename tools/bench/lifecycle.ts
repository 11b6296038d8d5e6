import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { RecordalApiError, type RecordalClient, type ReviewDecision, type ReviewStage } from '../../lib/client/index.js';
import { sampleAttachment } from '../../lib/local/samples/attachments.js';
import type { ExecutionSummary, LocalStepFunctions } from '../../lib/local/stepfunctions/index.js';
import { benchFiling, benchRecordNumber } from './workload.js';

/**
 * Drives NEW filings through their whole lifecycle over the API, answering every callback
 * as soon as the execution waits on it: the customer's verification and SMS verification,
 * and the reviewer's two approvals (found through `GET /v1/review/tasks`, as a reviewer would).
 */
export interface LifecycleActors {
  customer: RecordalClient;
  reviewer: RecordalClient;
  stepFunctions: LocalStepFunctions;
}

// Uploading the same sample bytes for every filing: making them is not what is measured.
const samples = new Map<string, ReturnType<typeof sampleAttachment>>();
function sampleOf(kind: string): ReturnType<typeof sampleAttachment> {
  let sample = samples.get(kind);
  if (sample === undefined) {
    sample = sampleAttachment(kind);
    samples.set(kind, sample);
  }
  return sample;
}

/** Creates filing `n` and uploads every attachment its requirements ask for: a draft ready to submit. */
export async function prepareFiling(customer: RecordalClient, n: number): Promise<string> {
  const { filingId } = await customer.createFiling(benchFiling(n));
  const requirements = await customer.requirements(filingId);
  for (const requirement of requirements.filter((item) => item.required)) await customer.uploadAttachment(filingId, requirement.kind, sampleOf(requirement.kind));
  return filingId;
}

/** How long a callback answer is retried while the callback's own writes are not yet visible. */
const ANSWER_RETRY = { delayMs: 5, attempts: 400 } as const;
const POLL_MS = 2;

export interface LifecycleOutcome {
  filingId: string;
  transitions: number;
  /** Callback answers that had to be sent again (the task was not stored yet: 404/409). */
  answerRetries: number;
  /** From submit to the execution's end. */
  durationMs: number;
  /** When (ms after submit) each callback was seen waiting and when its answer was accepted. */
  callbacks: { state: string; seenMs: number; answeredMs: number }[];
  /** When (ms after submit) the execution was first seen in each state (polled every few ms). */
  states: { state: string; atMs: number }[];
}

async function findExecution(stepFunctions: LocalStepFunctions, filingId: string, deadline: number): Promise<ExecutionSummary> {
  for (;;) {
    const execution = stepFunctions.listExecutions().find((candidate) => candidate.name.startsWith(`${filingId}-r`));
    if (execution) return execution;
    if (Date.now() > deadline) throw new Error(`no execution started for filing ${filingId}`);
    await sleep(POLL_MS);
  }
}

async function openTaskOf(reviewer: RecordalClient, stage: ReviewStage, filingId: string): Promise<string | undefined> {
  const page = await reviewer.listReviewTasks({ stage, limit: 100 });
  return page.items.find((task) => task.filingId === filingId)?.taskId;
}

/** Sends one callback answer, again while the platform says the callback is not there yet. */
async function answerCallback(actors: LifecycleActors, stateName: string, filingId: string, n: number): Promise<number> {
  for (let attempt = 0; attempt < ANSWER_RETRY.attempts; attempt += 1) {
    try {
      await answerOnce(actors, stateName, filingId, n);
      return attempt;
    } catch (error) {
      const notYet = error instanceof TaskNotListedError || (error instanceof RecordalApiError && (error.status === 404 || error.status === 409));
      if (!notYet) throw error;
      if (attempt === ANSWER_RETRY.attempts - 1) throw error;
      await sleep(ANSWER_RETRY.delayMs);
    }
  }
  return ANSWER_RETRY.attempts;
}

class TaskNotListedError extends Error {}

async function decide(reviewer: RecordalClient, stage: ReviewStage, filingId: string, decision: ReviewDecision): Promise<void> {
  const taskId = await openTaskOf(reviewer, stage, filingId);
  if (taskId === undefined) throw new TaskNotListedError(`no open ${stage} task for filing ${filingId}`);
  await reviewer.decide(taskId, decision);
}

async function answerOnce(actors: LifecycleActors, stateName: string, filingId: string, n: number): Promise<void> {
  switch (stateName) {
    case 'AwaitVerification':
      await actors.customer.reportVerification(filingId);
      return;
    case 'PreliminaryReview':
      await decide(actors.reviewer, 'PRELIMINARY_REVIEW', filingId, { decision: 'APPROVE', reasons: [] });
      return;
    case 'AwaitSmsVerification':
      await actors.customer.reportSmsVerification(filingId);
      return;
    case 'AwaitAdministrationDecision':
      await decide(actors.reviewer, 'CA_DECISION', filingId, { decision: 'APPROVE', reasons: [], recordNumber: benchRecordNumber(n) });
      return;
    default:
      throw new Error(`the execution of ${filingId} waits in state ${stateName}, which the bench does not know how to answer`);
  }
}

/**
 * Submits a prepared filing and answers each callback until its execution ends. Resolves when
 * the execution SUCCEEDED; any other end is an error naming the execution's error and cause.
 */
export async function driveLifecycle(
  actors: LifecycleActors,
  filingId: string,
  n: number,
  options: { submitHeaders?: Record<string, string>; timeoutMs: number },
): Promise<LifecycleOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  const start = performance.now();
  const since = (): number => Math.round(performance.now() - start);
  const callbacks: LifecycleOutcome['callbacks'] = [];
  const states: LifecycleOutcome['states'] = [];
  await actors.customer.http.call({ method: 'POST', path: `/v1/filings/${filingId}/submit`, ...(options.submitHeaders ? { headers: options.submitHeaders } : {}) }, 202);
  const { executionArn } = await findExecution(actors.stepFunctions, filingId, deadline);
  // Summaries may be fresh objects on every read: a callback is known by its state and start.
  let answered: string | undefined;
  let answerRetries = 0;
  for (;;) {
    const execution = actors.stepFunctions.getExecution(executionArn);
    if (execution === undefined) throw new Error(`execution ${executionArn} disappeared`);
    if (execution.currentState !== undefined && execution.currentState !== states.at(-1)?.state) states.push({ state: execution.currentState, atMs: since() });
    if (execution.status === 'SUCCEEDED') return { filingId, transitions: execution.stateTransitions, answerRetries, durationMs: since(), callbacks, states };
    if (execution.status !== 'RUNNING') {
      throw new Error(`execution of ${filingId} ended ${execution.status}: ${execution.error ?? ''} ${String(execution.cause ?? '').slice(0, 300)}`);
    }
    const waiting = execution.waitingTask;
    const callback = waiting === undefined ? undefined : `${waiting.stateName}@${new Date(waiting.startedAt).getTime()}`;
    if (waiting !== undefined && callback !== answered) {
      answered = callback;
      const seenMs = since();
      answerRetries += await answerCallback(actors, waiting.stateName, filingId, n);
      callbacks.push({ state: waiting.stateName, seenMs, answeredMs: since() });
    }
    if (Date.now() > deadline) throw new Error(`lifecycle of ${filingId} did not end within ${options.timeoutMs} ms (in ${execution.currentState ?? '?'})`);
    await sleep(POLL_MS);
  }
}

/** Runs `work(i)` for i in 0…count-1, `concurrency` at a time; the first failure stops the rest. */
export async function inParallel<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  let failed: unknown;
  const worker = async (): Promise<void> => {
    while (failed === undefined && next < count) {
      const i = next++;
      try {
        results[i] = await work(i);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failed !== undefined) throw failed;
  return results;
}
