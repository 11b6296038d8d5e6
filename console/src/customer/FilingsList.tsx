/** The account's filings, newest first, with their statuses (`GET /v1/filings`, one page at a time). */
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { hrefOf, navigate } from '../app/router.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import { ErrorAlert } from '../common/problems.js';
import { StatusBadge, useDateTime } from '../common/status.js';
import { useLoad } from '../common/use-load.js';

export function FilingsList() {
  const { t } = useLanguage();
  const { client } = useSession();
  const dateTime = useDateTime();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const page = useLoad(() => client.listFilings({ limit: 20, ...(cursor === undefined ? {} : { cursor }) }), [client, cursor]);
  const next = page.data?.nextCursor;
  return (
    <>
      <ErrorAlert error={page.error} />
      <Table
        header={
          <Header
            variant="h1"
            actions={<Button variant="primary" onClick={() => navigate('/filings/new')}>{t('filings.new')}</Button>}
          >
            {t('filings.title')}
          </Header>
        }
        loading={page.loading}
        loadingText={t('common.loading')}
        items={page.data?.items ?? []}
        ariaLabels={{ tableLabel: t('filings.title') }}
        empty={t('filings.empty')}
        columnDefinitions={[
          { id: 'app', header: t('filings.app'), cell: (filing) => <Link href={hrefOf(`/filings/${filing.filingId}`)}>{filing.app?.name ?? filing.filingId}</Link> },
          { id: 'type', header: t('filings.type'), cell: (filing) => t(`type.${filing.type}` as StringKey) },
          { id: 'status', header: t('filings.status'), cell: (filing) => <StatusBadge status={filing.status} /> },
          { id: 'record', header: t('filings.recordNumber'), cell: (filing) => filing.recordNumber ?? '—' },
          { id: 'updated', header: t('filings.updatedAt'), cell: (filing) => dateTime(filing.updatedAt) },
        ]}
        footer={
          (cursors.length > 1 || next) && (
            <>
              <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.previous')}</Button>{' '}
              <Button disabled={!next} onClick={() => next && setCursors([...cursors, next])}>{t('common.next')}</Button>
            </>
          )
        }
      />
    </>
  );
}
