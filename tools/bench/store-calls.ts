import { AsyncLocalStorage } from 'node:async_hooks';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { attachMiddleware, countCalls, type CallCounter } from '../../lambdas/shared/adapters/clients.js';

/**
 * DynamoDB calls, counted by SDK middleware on the shared clients (clients.ts):
 * - in total, by command, for a whole phase (`total`);
 * - per API request: a request carrying `PROBE_HEADER: <id>` runs its handler inside an
 *   AsyncLocalStorage context, so a call is charged to that request only when its handler
 *   made it, and not to a workflow execution running meanwhile (which runs in the context of
 *   the local Step Functions endpoint's own requests).
 */
export const PROBE_HEADER = 'x-bench-probe';

type Calls = Record<string, number>;
/** A handler as the platform binds it: a Lambda proxy handler or a Task state's handler. */
export type AnyHandler = (event: never, context: Context) => Promise<unknown>;

interface Charge {
  fn: Calls;
  probe?: Calls;
}

function probeIdOf(event: unknown): string | undefined {
  const headers = (event as Partial<APIGatewayProxyEvent> | null)?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === PROBE_HEADER) return value;
  return undefined;
}

const add = (calls: Calls, name: string): void => {
  calls[name] = (calls[name] ?? 0) + 1;
};

export class StoreCallCounting {
  /** Every DynamoDB command sent by the platform's clients. */
  readonly total: CallCounter = countCalls('dynamodb');
  private readonly context = new AsyncLocalStorage<Charge>();
  private readonly probes = new Map<string, Calls>();
  private readonly functions = new Map<string, Calls>();
  /** Invocations of each function's handler since the last `resetFunctions`. */
  private readonly invocations: Calls = {};

  constructor() {
    attachMiddleware(
      'dynamodb',
      (next, handlerContext) => async (args) => {
        const charge = this.context.getStore();
        if (charge !== undefined) {
          const name = String((handlerContext as { commandName?: unknown }).commandName ?? 'unknown');
          add(charge.fn, name);
          if (charge.probe) add(charge.probe, name);
        }
        return next(args);
      },
      { step: 'initialize', name: 'benchProbeCalls' },
    );
  }

  /** Function `name`'s handler (loaded on first use), charging its store calls to it and to any probe. */
  wrap(name: string, handler: () => Promise<AnyHandler>): AnyHandler {
    let fn = this.functions.get(name);
    if (fn === undefined) this.functions.set(name, (fn = {}));
    const calls = fn;
    return async (event, lambdaContext) => {
      add(this.invocations, name);
      const real = await handler();
      const id = probeIdOf(event);
      const charge: Charge = { fn: calls };
      if (id !== undefined) this.probes.set(id, (charge.probe = {}));
      return this.context.run(charge, () => real(event, lambdaContext));
    };
  }

  /** Calls by function since the last `resetFunctions` (functions with none left out). */
  byFunction(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, calls] of this.functions) {
      const n = sumCalls(calls);
      if (n > 0) out[name] = n;
    }
    return out;
  }

  /** Handler invocations by function since the last `resetFunctions`. */
  invocationsByFunction(): Readonly<Calls> {
    return { ...this.invocations };
  }

  resetFunctions(): void {
    for (const calls of [...this.functions.values(), this.invocations]) for (const key of Object.keys(calls)) delete calls[key];
  }

  /** The calls charged to a probe, by command. */
  ofProbe(id: string): Readonly<Calls> {
    return { ...(this.probes.get(id) ?? {}) };
  }
}

export function sumCalls(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}

export function describeCalls(calls: Readonly<Record<string, number>>, divisor = 1): string {
  return Object.entries(calls)
    .sort(([, a], [, b]) => b - a)
    .map(([name, n]) => `${name.replace(/Command$/, '')} ${Math.round((n / divisor) * 100) / 100}`)
    .join(', ');
}
