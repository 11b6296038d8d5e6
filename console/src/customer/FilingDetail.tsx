/**
 * One filing: status, record number, drift, why it was returned, the actions its status allows
 * (edit, verification and SMS reports, withdraw, delete) and the audit trail as a timeline.
 * While the workflow has it, the page refreshes itself.
 */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useEffect, useState } from 'react';
import { IN_WORKFLOW_STATUSES, WITHDRAWABLE_STATUSES } from '../../../lambdas/shared/domain/lifecycle.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import { ErrorAlert, ProblemList } from '../common/problems.js';
import { StatusBadge, useDateTime } from '../common/status.js';
import { useLoad } from '../common/use-load.js';

export default function FilingDetail({ filingId }: { filingId: string }) {
  const { t, pick } = useLanguage();
  const { client } = useSession();
  const dateTime = useDateTime();
  const filing = useLoad(() => client.getFiling(filingId), [client, filingId]);
  const events = useLoad(() => client.events(filingId), [client, filingId, filing.data?.version, filing.data?.status]);
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const status = filing.data?.status;

  useEffect(() => {
    if (status === undefined || !IN_WORKFLOW_STATUSES.includes(status)) return;
    const timer = setInterval(filing.reload, 1500);
    return () => clearInterval(timer);
  }, [status, filing.reload]);

  const act = (action: () => Promise<unknown>, then?: () => void) => async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      await action();
      if (then) then();
      else filing.reload();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (filing.data === undefined) return <ErrorAlert error={filing.error} />;
  const current = filing.data;
  const actions = (
    <SpaceBetween direction="horizontal" size="xs">
      <Button iconName="refresh" ariaLabel={t('common.refresh')} onClick={filing.reload} />
      {(current.status === 'DRAFT' || current.status === 'RETURNED') && <Button variant="primary" onClick={() => navigate(`/filings/${filingId}/edit`)}>{t('detail.edit')}</Button>}
      {current.status === 'AWAITING_VERIFICATION' && <Button variant="primary" loading={busy} onClick={act(() => client.reportVerification(filingId))}>{t('detail.reportVerification')}</Button>}
      {current.status === 'AWAITING_SMS_VERIFICATION' && <Button variant="primary" loading={busy} onClick={act(() => client.reportSmsVerification(filingId))}>{t('detail.reportSms')}</Button>}
      {WITHDRAWABLE_STATUSES.includes(current.status) && <Button loading={busy} onClick={act(() => client.withdraw(filingId))}>{t('detail.withdraw')}</Button>}
      {current.status === 'DRAFT' && <Button loading={busy} onClick={act(() => client.deleteFiling(filingId), () => navigate('/filings'))}>{t('detail.delete')}</Button>}
    </SpaceBetween>
  );

  return (
    <SpaceBetween size="l">
      <Header variant="h1" actions={actions} description={`${t(`type.${current.type}` as StringKey)} · ${current.filingId}`}>
        {current.app?.name ?? t('detail.untitled')}
      </Header>
      <ErrorAlert error={actionError} />
      <Container header={<Header variant="h2">{t('detail.overview')}</Header>}>
        <ColumnLayout columns={4} variant="text-grid">
          <div><Box variant="awsui-key-label">{t('filings.status')}</Box><StatusBadge status={current.status} /></div>
          <div><Box variant="awsui-key-label">{t('filings.recordNumber')}</Box><span data-testid="record-number">{current.recordNumber ?? '—'}</span></div>
          <div><Box variant="awsui-key-label">{t('detail.deadline')}</Box>{dateTime(current.deadline)}</div>
          <div><Box variant="awsui-key-label">{t('detail.revision')}</Box>{current.revision}</div>
        </ColumnLayout>
      </Container>
      {current.status === 'RETURNED' && <ProblemList type="warning" header={t('detail.returnedBecause')} problems={current.reasons} />}
      {current.status === 'AWAITING_VERIFICATION' && <Box>{t('detail.verificationHelp')}</Box>}
      {current.status === 'AWAITING_SMS_VERIFICATION' && <Box>{t('detail.smsHelp')}</Box>}
      {current.drift && (
        <div data-testid="drift">
          <ProblemList type="warning" header={`${t('detail.drift')} · ${t('drift.lastChecked', { at: dateTime(current.drift.checkedAt) })}`} problems={current.drift.problems} />
        </div>
      )}
      <Table
        header={<Header variant="h2">{t('detail.timeline')}</Header>}
        items={events.data ?? []}
        loading={events.loading && events.data === undefined}
        loadingText={t('common.loading')}
        ariaLabels={{ tableLabel: t('detail.timeline') }}
        columnDefinitions={[
          { id: 'at', header: t('detail.at'), cell: (event) => dateTime(event.at) },
          { id: 'to', header: t('filings.status'), cell: (event) => (event.to ? <StatusBadge status={event.to} /> : event.type) },
          { id: 'actor', header: t('detail.actor'), cell: (event) => event.actor },
          { id: 'reasons', header: t('detail.reasons'), cell: (event) => event.reasons.map((reason) => pick(reason)).join('；') || '—' },
        ]}
      />
    </SpaceBetween>
  );
}
