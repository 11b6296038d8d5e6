/** The account profile (`PUT /v1/account`, docs/design/api.md "The account profile") with the privacy policy. */
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Flashbar from '@cloudscape-design/components/flashbar';
import Form from '@cloudscape-design/components/form';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useState, type FormEvent } from 'react';
import { RecordalApiError, type AccountProfile } from '../client.js';
import { fieldName } from '../i18n/names.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import { CheckboxField, TextField } from '../common/fields.js';
import { ProblemList, problemsOf, useFieldErrors } from '../common/problems.js';
import { useLoad } from '../common/use-load.js';

type ProfileForm = Partial<AccountProfile>;
const TEXT_FIELDS = ['companyName', 'email', 'mobile', 'verificationIp', 'accessRoleArn'] as const;

export default function Registration() {
  const { t, pair } = useLanguage();
  const { client } = useSession();
  const account = useLoad(() => client.getAccount().catch((error: unknown) => (error instanceof RecordalApiError && error.status === 404 ? undefined : Promise.reject(error))), [client]);
  const [form, setForm] = useState<ProfileForm>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (account.data) setForm(account.data as ProfileForm);
  }, [account.data]);
  const problems = problemsOf(error);
  const errorAt = useFieldErrors(problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const profile = Object.fromEntries([...TEXT_FIELDS, 'acceptPrivacyPolicy'].map((name) => [name, form[name as keyof ProfileForm]]).filter(([, value]) => value !== undefined && value !== ''));
      setForm((await client.putAccount({ acceptPrivacyPolicy: false, ...profile } as AccountProfile)) as ProfileForm);
      setError(undefined);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Form
        header={<Header variant="h1" description={t('account.description')}>{t('account.title')}</Header>}
        actions={<Button variant="primary" formAction="submit" loading={busy}>{t('common.save')}</Button>}
      >
        <SpaceBetween size="l">
          {saved && <Flashbar items={[{ type: 'success', content: t('account.saved'), id: 'saved' }]} />}
          <ProblemList problems={problems.filter((problem) => !TEXT_FIELDS.includes(problem.path as never) && problem.path !== 'acceptPrivacyPolicy')} />
          <Container>
            <SpaceBetween size="m">
              {TEXT_FIELDS.map((name) => (
                <TextField key={name} path={name} label={pair(fieldName(name))} error={errorAt(name)} value={form[name]} onChange={(value) => setForm({ ...form, [name]: value })} hint={name === 'accessRoleArn' ? t('account.accessRoleArnHint') : name === 'verificationIp' ? t('account.verificationIpHint') : undefined} />
              ))}
              <ExpandableSection headerText={t('privacy.title')}>
                <p>{t('privacy.body')}</p>
              </ExpandableSection>
              <CheckboxField path="acceptPrivacyPolicy" label={t('privacy.consent')} text={t('privacy.accept')} error={errorAt('acceptPrivacyPolicy')} value={form.acceptPrivacyPolicy} onChange={(value) => setForm({ ...form, acceptPrivacyPolicy: value })} />
            </SpaceBetween>
          </Container>
        </SpaceBetween>
      </Form>
    </form>
  );
}
