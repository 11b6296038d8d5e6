/**
 * Open review tasks per stage (`GET /v1/review/tasks?stage=`), overdue first, then by deadline
 * (the API's order within each), with the deadline shown.
 */
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import { useState } from 'react';
import { REVIEWER_STAGES } from '../../../lambdas/shared/domain/lifecycle.js';
import type { ReviewTask } from '../client.js';
import { hrefOf } from '../app/router.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import { ErrorAlert } from '../common/problems.js';
import { useDateTime } from '../common/status.js';
import { useLoad } from '../common/use-load.js';

type Stage = (typeof REVIEWER_STAGES)[number];

async function allTasks(list: (cursor?: string) => Promise<{ items: ReviewTask[]; nextCursor: string | null }>): Promise<ReviewTask[]> {
  const tasks: ReviewTask[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    tasks.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && tasks.length < 500);
  // Overdue first; the API's order (oldest deadline first) is kept within each group.
  return [...tasks.filter((task) => task.overdue), ...tasks.filter((task) => !task.overdue)];
}

export function TaskQueue() {
  const { t } = useLanguage();
  const [stage, setStage] = useState<Stage>('PRELIMINARY_REVIEW');
  return (
    <Tabs
      activeTabId={stage}
      onChange={({ detail }) => setStage(detail.activeTabId as Stage)}
      ariaLabel={t('tasks.title')}
      tabs={REVIEWER_STAGES.map((id) => ({ id, label: t(`stage.${id}` as StringKey), content: <StageTasks stage={id} /> }))}
    />
  );
}

function StageTasks({ stage }: { stage: Stage }) {
  const { t } = useLanguage();
  const { client } = useSession();
  const dateTime = useDateTime();
  const tasks = useLoad(() => allTasks((cursor) => client.listReviewTasks({ stage, limit: 100, ...(cursor === undefined ? {} : { cursor }) })), [client, stage]);
  return (
    <>
      <ErrorAlert error={tasks.error} />
      <Table
        header={<Header variant="h1" counter={tasks.data ? `(${tasks.data.length})` : undefined}>{t(`stage.${stage}` as StringKey)}</Header>}
        items={tasks.data ?? []}
        loading={tasks.loading}
        loadingText={t('common.loading')}
        empty={t('tasks.empty')}
        ariaLabels={{ tableLabel: t(`stage.${stage}` as StringKey) }}
        columnDefinitions={[
          { id: 'filing', header: t('tasks.filing'), cell: (task) => <Link href={hrefOf(`/review/${task.filingId}?task=${encodeURIComponent(task.taskId)}`)}>{task.filingId}</Link> },
          { id: 'account', header: t('tasks.account'), cell: (task) => task.accountId },
          { id: 'created', header: t('tasks.created'), cell: (task) => dateTime(task.createdAt) },
          { id: 'deadline', header: t('detail.deadline'), cell: (task) => dateTime(task.deadline) },
          { id: 'overdue', header: t('tasks.state'), cell: (task) => (task.overdue ? <StatusIndicator type="error">{t('tasks.overdue')}</StatusIndicator> : <StatusIndicator type="pending">{t('tasks.onTime')}</StatusIndicator>) },
        ]}
      />
    </>
  );
}
