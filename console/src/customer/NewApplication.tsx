/**
 * Starts an application: NEW from nothing (the account's id and access role filled in), or a
 * change or cancellation of an APPROVED filing (docs/design/filing.md "Change and cancellation
 * applications"). The draft is created at once; the wizard edits it.
 */
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import Header from '@cloudscape-design/components/header';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { APPLICATION_TYPES, type ApplicationType } from '../../../lambdas/shared/domain/lifecycle.js';
import type { FilingDocument } from '../client.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import { SelectField } from '../common/fields.js';
import { ErrorAlert } from '../common/problems.js';
import { useLoad } from '../common/use-load.js';

export default function NewApplication() {
  const { t } = useLanguage();
  const { client } = useSession();
  const [type, setType] = useState<ApplicationType>('NEW');
  const [target, setTarget] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const approved = useLoad(async () => (await client.listFilings({ status: 'APPROVED', limit: 100 })).items, [client]);

  const create = async () => {
    setBusy(true);
    try {
      const account = type === 'NEW' ? await client.getAccount().catch(() => undefined) : undefined;
      // A draft: the API checks what is there and answers its problems (docs/design/api.md "When each rule is checked").
      const document = {
        type,
        targetFilingId: type === 'NEW' ? null : (target ?? ''),
        ...(account === undefined ? {} : { access: { awsAccountId: account.accountId, accessRoleArn: account.accessRoleArn } }),
      } as FilingDocument;
      const filing = await client.createFiling(document);
      navigate(`/filings/${filing.filingId}/edit`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form header={<Header variant="h1" description={t('new.description')}>{t('new.title')}</Header>} actions={<Button variant="primary" loading={busy} onClick={() => void create()} disabled={type !== 'NEW' && target === undefined}>{t('new.create')}</Button>}>
      <SpaceBetween size="l">
        <ErrorAlert error={error} />
        <Container>
          <SpaceBetween size="m">
            <RadioGroup ariaLabel={t('filings.type')} value={type} onChange={({ detail }) => setType(detail.value as ApplicationType)} items={APPLICATION_TYPES.map((value) => ({ value, label: t(`type.${value}` as StringKey), description: t(`typeHelp.${value}` as StringKey) }))} />
            {type !== 'NEW' && (
              <SelectField path="targetFilingId" label={t('new.target')} value={target} onChange={setTarget} options={(approved.data ?? []).map((filing) => ({ value: filing.filingId, label: `${filing.app?.name ?? filing.filingId} · ${filing.recordNumber ?? ''}` }))} />
            )}
          </SpaceBetween>
        </Container>
      </SpaceBetween>
    </Form>
  );
}
