/**
 * Approved filings whose resources no longer hold (`GET /v1/review/drift`, docs/design/api.md
 * "Drift check"). Until the platform serves that route the list is empty.
 */
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Table from '@cloudscape-design/components/table';
import { RecordalApiError, type DriftItem } from '../client.js';
import { hrefOf } from '../app/router.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import { ErrorAlert } from '../common/problems.js';
import { useDateTime } from '../common/status.js';
import { useLoad } from '../common/use-load.js';

export default function DriftList() {
  const { t, pick } = useLanguage();
  const { client } = useSession();
  const dateTime = useDateTime();
  const drift = useLoad(
    () => client.listDrift({ limit: 100 }).then((page) => page.items, (error: unknown) => (error instanceof RecordalApiError && error.status === 404 ? ([] as DriftItem[]) : Promise.reject(error))),
    [client],
  );
  return (
    <>
      <ErrorAlert error={drift.error} />
      <Table
        header={<Header variant="h1" description={t('drift.description')}>{t('nav.drift')}</Header>}
        items={drift.data ?? []}
        loading={drift.loading}
        loadingText={t('common.loading')}
        empty={t('drift.empty')}
        ariaLabels={{ tableLabel: t('nav.drift') }}
        columnDefinitions={[
          { id: 'filing', header: t('tasks.filing'), cell: (item) => <Link href={hrefOf(`/review/${item.filingId}`)}>{item.filingId}</Link> },
          { id: 'account', header: t('tasks.account'), cell: (item) => item.accountId },
          { id: 'checked', header: t('drift.checkedAt'), cell: (item) => dateTime(item.checkedAt) },
          { id: 'problems', header: t('detail.reasons'), cell: (item) => item.problems.map((problem) => `${pick(problem)} (${problem.code})`).join('；') },
        ]}
      />
    </>
  );
}
