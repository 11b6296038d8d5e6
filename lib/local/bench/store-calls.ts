import { AsyncLocalStorage } from 'node:async_hooks';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { attachMiddleware, countCalls, type CallCounter } from '../../../lambdas/shared/adapters/clients';

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
type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function probeIdOf(event: APIGatewayProxyEvent): string | undefined {
  for (const [name, value] of Object.entries(event.headers ?? {})) if (name.toLowerCase() === PROBE_HEADER) return value;
  return undefined;
}

export class StoreCallCounting {
  /** Every DynamoDB command sent by the platform's clients. */
  readonly total: CallCounter = countCalls('dynamodb');
  private readonly context = new AsyncLocalStorage<Calls>();
  private readonly probes = new Map<string, Calls>();

  constructor() {
    attachMiddleware(
      'dynamodb',
      (next, handlerContext) => async (args) => {
        const calls = this.context.getStore();
        if (calls !== undefined) {
          const name = String((handlerContext as { commandName?: unknown }).commandName ?? 'unknown');
          calls[name] = (calls[name] ?? 0) + 1;
        }
        return next(args);
      },
      { step: 'initialize', name: 'benchProbeCalls' },
    );
  }

  /** The handler, charging the store calls of probe requests to their probe id. */
  wrap(handler: () => Promise<ProxyHandler>): ProxyHandler {
    return async (event, lambdaContext) => {
      const real = await handler();
      const id = probeIdOf(event);
      if (id === undefined) return real(event, lambdaContext);
      const calls: Calls = {};
      this.probes.set(id, calls);
      return this.context.run(calls, () => real(event, lambdaContext));
    };
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
