/** The reviewer's console: the task queues up front, a filing and the drift list loaded when opened. */
import Spinner from '@cloudscape-design/components/spinner';
import { Suspense, lazy, type ReactElement } from 'react';
import { hrefOf, useRoute } from '../app/router.js';
import { Shell } from '../app/Shell.js';
import { useLanguage } from '../i18n/language.js';
import { TaskQueue } from './TaskQueue.js';

const ReviewFiling = lazy(() => import('./ReviewFiling.js'));
const DriftList = lazy(() => import('./DriftList.js'));

export default function ReviewerConsole() {
  const { t } = useLanguage();
  const { segments, query } = useRoute();
  const [first, id] = segments;
  let active = '/tasks';
  let content: ReactElement = <TaskQueue />;
  if (first === 'review' && id !== undefined) content = <ReviewFiling filingId={id} taskId={query.get('task') ?? undefined} />;
  if (first === 'drift') {
    active = '/drift';
    content = <DriftList />;
  }
  return (
    <Shell active={active} navigation={[{ type: 'link', text: t('nav.tasks'), href: hrefOf('/tasks') }, { type: 'link', text: t('nav.drift'), href: hrefOf('/drift') }]}>
      <Suspense fallback={<Spinner size="large" />}>{content}</Suspense>
    </Shell>
  );
}
