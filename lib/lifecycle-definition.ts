import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, type FunctionName } from '../lambdas/catalog.js';

/** The recordal lifecycle (docs/design/lifecycle.md) as JSONPath ASL: deployed and run locally as is. */
export const LIFECYCLE_ASL_PATH = join(import.meta.dirname, '..', 'state-machines', 'recordal-lifecycle.asl.json');

/** The `DefinitionSubstitutions` key of a catalog function's ARN: `${checkResourcesArn}`. */
export function functionArnSubstitution(name: FunctionName): string {
  return `${name}Arn`;
}

/**
 * Substitutions besides the function ARNs, so the ASL never spells a partition, region or
 * account or names a resource: `arn:${partition}:states:::sns:publish` and the like. The local
 * runtime (lib/local/stepfunctions) fills the same names.
 */
export const EXTRA_SUBSTITUTIONS = ['partition', 'region', 'accountId', 'alarmTopicArn', 'eventBusName'] as const;
export type ExtraSubstitution = (typeof EXTRA_SUBSTITUTIONS)[number];

/** Every `${name}` placeholder the ASL text uses. */
export function aslPlaceholders(aslText: string = readFileSync(LIFECYCLE_ASL_PATH, 'utf8')): Set<string> {
  return new Set([...aslText.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] as string));
}

/** The catalog functions the ASL invokes (through their `${<name>Arn}` placeholder). */
export function functionsInvokedByAsl(placeholders: Set<string> = aslPlaceholders()): FunctionName[] {
  return (Object.keys(FUNCTIONS) as FunctionName[]).filter((name) => placeholders.has(functionArnSubstitution(name)));
}
