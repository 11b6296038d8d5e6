/**
 * Approved filings whose resources no longer hold (`GET /v1/review/drift`, newest check first,
 * docs/design/api.md "Drift check"), and a check started now (`POST /v1/review/drift-checks`:
 * it runs in the background, so the list is refreshed by hand afterwards).
 */
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Link from '@cloudscape-design/components/link';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
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
  const drift = useLoad(async () => (await client.listDrift({ limit: 100 })).items, [client]);
  const [check, setCheck] = useState<{ busy: boolean; started?: boolean; error?: unknown }>({ busy: false });
  const startCheck = async () => {
    setCheck({ busy: true });
    try {
      await client.startDriftCheck();
      setCheck({ busy: false, started: true });
    } catch (error) {
      setCheck({ busy: false, error });
    }
  };
  const actions = (
    <SpaceBetween direction="horizontal" size="xs">
      <Button iconName="refresh" ariaLabel={t('common.refresh')} onClick={drift.reload} />
      <Button loading={check.busy} onClick={() => void startCheck()}>{t('drift.check')}</Button>
    </SpaceBetween>
  );
  return (
    <>
      <ErrorAlert error={drift.error ?? check.error} />
      {check.started && <Alert type="info" dismissible onDismiss={() => setCheck({ busy: false })}>{t('drift.started')}</Alert>}
      <Table
        header={<Header variant="h1" description={t('drift.description')} actions={actions}>{t('nav.drift')}</Header>}
        items={drift.data ?? []}
        loading={drift.loading}
        loadingText={t('common.loading')}
        empty={t('drift.empty')}
        ariaLabels={{ tableLabel: t('nav.drift') }}
        columnDefinitions={[
          { id: 'filing', header: t('tasks.filing'), cell: (item) => <Link href={hrefOf(`/review/${item.filingId}`)}>{item.filingId}</Link> },
          { id: 'account', header: t('tasks.account'), cell: (item) => item.accountId },
          { id: 'checked', header: t('drift.checkedAt'), cell: (item) => dateTime(item.checkedAt) },
          { id: 'problems', header: t('detail.reasons'), cell: (item) => <span data-testid="drift-problems">{item.problems.map((problem) => `${pick(problem)} (${problem.code})`).join('；')}</span> },
        ]}
      />
    </>
  );
}
