/**
 * The API's problems (`{path, code, message, messageZh}`, docs/design/api.md "Errors") as the
 * console shows them: beside the field at their path, or all together in one alert.
 */
import Alert from '@cloudscape-design/components/alert';
import { RecordalApiError, TransportError, type Problem } from '../client.js';
import { useLanguage } from '../i18n/language.js';

/** The problems of a failed call (its `details`), or one problem for the whole request. */
export function problemsOf(error: unknown): Problem[] {
  if (error instanceof RecordalApiError) {
    return error.details.length > 0 ? error.details : [{ path: '', code: error.code, message: error.message, messageZh: error.messageZh }];
  }
  if (error instanceof TransportError) {
    const host = URL.canParse(error.url) ? new URL(error.url).host : error.url;
    return [{ path: '', code: 'NO_ANSWER', message: `No answer from ${host}; check the network and try again`, messageZh: `${host} 没有应答，请检查网络后重试` }];
  }
  if (error === undefined) return [];
  const message = error instanceof Error ? error.message : String(error);
  return [{ path: '', code: 'ERROR', message, messageZh: message }];
}

/** The text for a field: every problem at exactly this path, in the reader's language. */
export function useFieldErrors(problems: readonly Problem[]): (path: string) => string | undefined {
  const { pick } = useLanguage();
  return (path) => {
    const here = problems.filter((problem) => problem.path === path);
    return here.length === 0 ? undefined : here.map((problem) => `${pick(problem)} (${problem.code})`).join('；');
  };
}

export function ProblemList({ problems, header, type = 'error' }: { problems: readonly Problem[]; header?: string; type?: 'error' | 'warning' | 'info' }) {
  const { pick } = useLanguage();
  if (problems.length === 0) return null;
  return (
    <Alert type={type} header={header}>
      <ul data-testid="problem-list">
        {problems.map((problem, index) => (
          <li key={index} data-code={problem.code} data-path={problem.path}>
            {problem.path === '' ? '' : <code>{problem.path}</code>} {pick(problem)} <small>({problem.code})</small>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** A failed call, in the reader's language. */
export function ErrorAlert({ error, header }: { error: unknown; header?: string }) {
  if (error === undefined || error === null) return null;
  return <ProblemList problems={problemsOf(error)} {...(header === undefined ? {} : { header })} />;
}
