import { FUNCTIONS, handlerEntry, type FunctionName } from '../../lambdas/catalog.js';

/** A catalog function's handler as the local platform calls it (the runtimes type their own events). */
export type AnyHandler = (event: never, context: never) => unknown;

function isHandler(value: unknown): value is AnyHandler {
  return typeof value === 'function';
}

/** The `handler` export of a catalog function (the same file CDK bundles). */
async function loadHandler(name: FunctionName): Promise<AnyHandler> {
  const module: unknown = await import(handlerEntry(name));
  const handler = (module as { handler?: unknown }).handler;
  if (!isHandler(handler)) throw new Error(`${handlerEntry(name)} exports no handler function`);
  return handler;
}

/**
 * Every catalog function's handler, loaded one after another: they share modules, and
 * concurrent first imports of one module race in Jest's ESM loader. An override (a test's own
 * handler) replaces the catalog's.
 */
export async function loadHandlers(overrides: Partial<Record<FunctionName, unknown>>): Promise<Record<FunctionName, AnyHandler>> {
  const loaded: Partial<Record<FunctionName, AnyHandler>> = {};
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const override = overrides[name];
    loaded[name] = isHandler(override) ? override : await loadHandler(name);
  }
  return loaded as Record<FunctionName, AnyHandler>;
}
