/** The bench's lifecycle phase: filings driven through the whole lifecycle, timed and counted. */
import { performance } from 'node:perf_hooks';
import { driveLifecycle, inParallel, type LifecycleActors } from './lifecycle.js';
import { attempt, measured, missing, type Figure, type StoreCallsPerRequest } from './report.js';
import { PROBE_HEADER, describeCalls, sumCalls } from './store-calls.js';
import { median, round } from './stats.js';
import { LIFECYCLE_KEYS, withCpu, type Session } from './session.js';

export async function measureLifecycles(
  session: Session,
  prepared: Figure<string[]>,
  perRequest: Figure<Omit<StoreCallsPerRequest, 'submit'>>,
  storeOpsPerSecond: number | undefined,
): Promise<void> {
  const { platform, customer, reviewer, counting, figures, notes, log, PHASES } = session;
  const withSubmit = (submit: Figure<number>): Figure<StoreCallsPerRequest> => {
    if ('missing' in perRequest) return perRequest;
    if ('missing' in submit) return missing(`submit: ${submit.missing}`);
    return measured({ ...perRequest.value, submit: submit.value });
  };
  const stepFunctions = platform.stepFunctionsRuntime;
  const gap =
    stepFunctions === undefined ? 'the platform does not run its Step Functions runtime' : 'missing' in prepared ? `preparing the filings: ${prepared.missing}` : undefined;
  if (gap !== undefined || stepFunctions === undefined || 'missing' in prepared) {
    const reason = gap ?? 'no Step Functions runtime';
    for (const key of LIFECYCLE_KEYS) figures[key] = missing(reason);
    figures.storeCallsPerRequest = withSubmit(missing(reason));
    return;
  }
  const [aloneId, ...ids] = prepared.value;
  const actors: LifecycleActors = { customer, reviewer, stepFunctions };

  log('one lifecycle alone: submit store calls, transitions …');
  const single = await attempt(async () => {
    const before = counting.total.total;
    const outcome = await driveLifecycle(actors, aloneId!, 0, { submitHeaders: { [PROBE_HEADER]: 'submit' }, timeoutMs: PHASES.lifecycleTimeoutMs });
    const calls = counting.total.total - before;
    const submitCalls = counting.ofProbe('submit');
    notes.push(`store calls of submit: ${sumCalls(submitCalls)} (${describeCalls(submitCalls) || 'none'})`);
    notes.push(
      `one lifecycle alone: ${calls} store calls, ${outcome.transitions} state transitions, ${round(outcome.durationMs)} ms from submit to end; ` +
        `callbacks (seen → answered, ms after submit): ${outcome.callbacks.map((c) => `${c.state} ${c.seenMs} → ${c.answeredMs}`).join(', ')}; ` +
        `states (first seen, ms after submit): ${outcome.states.map((st) => `${st.state} ${st.atMs}`).join(', ')}`,
    );
    return { outcome, submit: sumCalls(submitCalls) };
  });
  figures.storeCallsPerRequest = withSubmit('value' in single ? measured(single.value.submit) : missing(single.missing));
  figures.transitionsPerLifecycle = 'value' in single ? measured(single.value.outcome.transitions) : missing(single.missing);

  log(`${PHASES.lifecycles} lifecycles, ${PHASES.lifecycleConcurrency} at a time …`);
  const many = await attempt(async () => {
    counting.total.reset();
    counting.resetFunctions();
    const start = performance.now();
    const { result: outcomes, cpuMs, storeCpuMs } = await withCpu(() =>
      inParallel(ids.length, PHASES.lifecycleConcurrency, (i) => driveLifecycle(actors, ids[i]!, i + 1, { timeoutMs: PHASES.lifecycleTimeoutMs })),
    );
    const elapsedMs = performance.now() - start;
    const calls = counting.total.byCommand;
    const total = counting.total.total;
    const invocations = counting.invocationsByFunction();
    // Checked after the count: the bench's own reads are not the lifecycle's.
    const statuses = await inParallel(ids.length, PHASES.lifecycleConcurrency, async (i) =>
      String((await customer.getFiling(ids[i]!)).status),
    );
    const notApproved = statuses.filter((status) => status !== 'APPROVED');
    if (notApproved.length > 0) throw new Error(`${notApproved.length} filings ended ${[...new Set(notApproved)].join('/')}, not APPROVED`);
    const transitions = outcomes.map((o) => o.transitions);
    notes.push(
      `lifecycles: ${ids.length} submitted and driven to APPROVED in ${round(elapsedMs / 1000)} s (each ${round(median(outcomes.map((o) => o.durationMs)))} ms median from submit to end); ` +
        `transitions ${Math.min(...transitions)}–${Math.max(...transitions)}; callback answers retried ${outcomes.reduce((s, o) => s + o.answerRetries, 0)}; ` +
        `store calls per lifecycle by command: ${describeCalls(calls, ids.length)}; by function: ${describeCalls(counting.byFunction(), ids.length)}; ` +
        `Lambda invocations per lifecycle by function: ${describeCalls(invocations, ids.length)}; ` +
        `CPU per lifecycle: this process (platform, and the bench's driving) ${round(cpuMs / ids.length)} ms (${round((cpuMs / elapsedMs) * 100)}% of one core), ` +
        `DynamoDB Local ${round(storeCpuMs / ids.length)} ms (${round((storeCpuMs / elapsedMs) * 100)}% of one core)`,
    );
    return { perSecond: ids.length / (elapsedMs / 1000), callsPerLifecycle: total / ids.length, invocationsPerLifecycle: sumCalls(invocations) / ids.length };
  });
  if ('missing' in many) {
    for (const key of ['lifecyclesPerSecond', 'storeCallsPerLifecycle', 'lambdaInvocationsPerLifecycle', 'lifecycleEfficiency'] as const) figures[key] = missing(many.missing);
    return;
  }
  figures.lifecyclesPerSecond = measured(many.value.perSecond);
  figures.storeCallsPerLifecycle = measured(many.value.callsPerLifecycle);
  figures.lambdaInvocationsPerLifecycle = measured(many.value.invocationsPerLifecycle);
  figures.lifecycleEfficiency =
    storeOpsPerSecond === undefined
      ? missing('needs the raw store ops/s')
      : measured(many.value.perSecond / (storeOpsPerSecond / many.value.callsPerLifecycle));
}
