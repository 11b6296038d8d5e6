import { readFileSync } from 'node:fs';
import { aslValidator } from '../../support/asl-validator.js';
import { FUNCTIONS } from '../../../lambdas/catalog.js';
import { WORKFLOW_ERRORS } from '../../../lambdas/shared/workflow/errors.js';
import { LIFECYCLE_ASL_PATH as PATH } from '../../../lib/lifecycle-definition.js';

const text = readFileSync(PATH, 'utf8');

interface State {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Retry?: { ErrorEquals: string[]; MaxDelaySeconds?: number; JitterStrategy?: string; BackoffRate?: number; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Next?: string;
  End?: boolean;
  Choices?: unknown[];
  Default?: string;
}
const definition = JSON.parse(text) as { StartAt: string; States: Record<string, State> };
const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task');

/** What CDK's DefinitionSubstitutions produce: function ARNs and the partition. */
function substituted(): unknown {
  const replaced = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_whole, key: string) => {
    if (key === 'partition') return 'aws-cn';
    const name = key.replace(/Arn$/, '');
    if (!(name in FUNCTIONS)) throw new Error(`unknown substitution ${key}`);
    return `arn:aws-cn:lambda:cn-northwest-1:123456789012:function:icp-recordal-${name}`;
  });
  return JSON.parse(replaced);
}

describe('state-machines/recordal-lifecycle.asl.json', () => {
  test('passes asl-validator once substituted', () => {
    const result = aslValidator(substituted() as object);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  test('uses only catalog functions and the partition as substitutions, and no literal partition', () => {
    const keys = new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]));
    for (const key of keys) expect(key === 'partition' || String(key).replace(/Arn$/, '') in FUNCTIONS).toBe(true);
    expect(text).not.toMatch(/arn:aws(-cn)?:/);
  });

  test('every Task retries transient errors with backoff, a delay cap and full jitter, and catches everything', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(9);
    for (const [name, state] of tasks) {
      const retry = state.Retry?.[0];
      expect({ name, retry: Boolean(retry) }).toEqual({ name, retry: true });
      expect(retry!.JitterStrategy).toBe('FULL');
      expect(retry!.MaxDelaySeconds).toBeGreaterThan(0);
      expect(retry!.BackoffRate).toBeGreaterThan(1);
      if (name !== 'ReturnForSystemError') {
        expect(retry!.ErrorEquals).toEqual(
          expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.SdkClientException', WORKFLOW_ERRORS.transient]),
        );
      }
      const catchAll = state.Catch?.find((c) => c.ErrorEquals.includes('States.ALL'));
      expect({ name, next: catchAll?.Next }).toEqual({ name, next: name === 'ReturnForSystemError' ? 'SystemError' : 'ReturnForSystemError' });
    }
    expect(definition.States.SystemError).toMatchObject({ Type: 'Fail', Error: WORKFLOW_ERRORS.systemError });
  });

  test('callbacks wait for a task token with a timeout from the workflow state; a rejection or timeout returns the filing', () => {
    const callbacks = tasks.filter(([, s]) => s.Resource?.endsWith(':states:::lambda:invoke.waitForTaskToken'));
    expect(callbacks.map(([n]) => n)).toEqual(['AwaitVerification', 'PreliminaryReview', 'AwaitSmsVerification', 'AwaitAdministrationDecision']);
    for (const [, state] of callbacks) {
      expect(state.Resource).toBe('arn:${partition}:states:::lambda:invoke.waitForTaskToken');
      expect(state.Parameters).toMatchObject({ FunctionName: '${awaitCallbackArn}', Payload: { 'taskToken.$': '$$.Task.Token' } });
      expect(state.TimeoutSecondsPath).toMatch(/^\$\.timeoutSeconds\.[A-Z_]+$/);
      expect(state.Catch?.find((c) => c.ErrorEquals.includes(WORKFLOW_ERRORS.rejected))).toMatchObject({ ErrorEquals: [WORKFLOW_ERRORS.rejected, 'States.Timeout'], Next: 'ReturnFiling' });
    }
    for (const [, state] of tasks.filter(([, s]) => !s.Resource?.includes(':states:::'))) expect(state.TimeoutSeconds).toBeGreaterThan(0);
  });

  test('a new NEW lifecycle with electronic verification enters 12 states', () => {
    // Walk the happy path: Choices take the branch a NEW ELECTRONIC filing takes.
    const visited: string[] = [];
    let name: string | undefined = definition.StartAt;
    const branch: Record<string, string> = { Start: 'CheckResources', NeedsVerification: 'AwaitVerification', NeedsSmsVerification: 'AwaitSmsVerification' };
    while (name !== undefined) {
      visited.push(name);
      const state: State = definition.States[name]!;
      name = state.Type === 'Choice' ? branch[name] : state.End ? undefined : state.Next;
    }
    expect(visited).toHaveLength(12);
    expect(visited.at(-1)).toBe('ApplyDecision');
  });
});
