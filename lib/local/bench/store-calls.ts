import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server } from 'node:http';
import { attachMiddleware, countCalls, type CallCounter } from '../../../lambdas/shared/adapters/clients';

/**
 * DynamoDB calls, counted by SDK middleware on the shared clients (clients.ts):
 * - in total, by command, for a whole phase (`total`);
 * - per API request: the gateway's request events run inside an AsyncLocalStorage context,
 *   so a call is charged to the request whose handler made it, and not to a workflow
 *   execution running at the same time (that one runs in the SFN endpoint's own context).
 */
export const PROBE_HEADER = 'x-bench-probe';

export interface StoreCallCounters {
  total: CallCounter;
  /** Calls made while serving the request that carried `PROBE_HEADER: id`. */
  ofProbe(id: string): Readonly<Record<string, number>>;
  /** Stops charging calls to requests (the totals keep counting; they are the client's). */
  detach(): void;
}

type ProbeCalls = Record<string, number>;

export function countStoreCalls(gateway: Server): StoreCallCounters {
  const total = countCalls('dynamodb');
  const context = new AsyncLocalStorage<ProbeCalls>();
  const probes = new Map<string, ProbeCalls>();
  const stopAttaching = attachMiddleware(
    'dynamodb',
    (next, handlerContext) => async (args) => {
      const calls = context.getStore();
      if (calls !== undefined) {
        const name = String((handlerContext as { commandName?: unknown }).commandName ?? 'unknown');
        calls[name] = (calls[name] ?? 0) + 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchProbeCalls' },
  );
  const emit = gateway.emit.bind(gateway) as (event: string | symbol, ...args: unknown[]) => boolean;
  gateway.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    const request = args[0] as IncomingMessage | undefined;
    const id = event === 'request' ? request?.headers[PROBE_HEADER] : undefined;
    if (typeof id !== 'string') return emit(event, ...args);
    const calls: ProbeCalls = {};
    probes.set(id, calls);
    return context.run(calls, () => emit(event, ...args));
  }) as Server['emit'];
  return {
    total,
    ofProbe: (id) => ({ ...(probes.get(id) ?? {}) }),
    detach() {
      stopAttaching();
      gateway.emit = emit as Server['emit'];
    },
  };
}

export function sumCalls(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}
