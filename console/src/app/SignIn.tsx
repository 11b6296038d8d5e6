/**
 * Sign-in with IAM credentials (access key, secret, optional session token, e.g. from
 * `aws configure export-credentials`): they are checked by one signed call, then kept in this
 * tab's sessionStorage. On the local platform the three local identities are one click each.
 */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState, type FormEvent } from 'react';
import { LOCAL_IDENTITIES, type LocalIdentity } from '../../../lib/local/credentials.js';
import type { Credentials } from '../client.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import { ErrorAlert } from '../common/problems.js';
import { LanguageToggle } from './LanguageToggle.js';
import { clientOf, roleOf, saveSession, type Session } from './session.js';

const isLoopback = () => ['127.0.0.1', 'localhost', '[::1]'].includes(window.location.hostname);

export function SignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const { t } = useLanguage();
  const [form, setForm] = useState({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function signIn(credentials: Credentials, label: string): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const role = await roleOf(clientOf({ credentials }));
      const session: Session = { credentials, role, label };
      saveSession(session);
      onSignedIn(session);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const credentials: Credentials = { accessKeyId: form.accessKeyId.trim(), secretAccessKey: form.secretAccessKey.trim() };
    if (form.sessionToken.trim() !== '') credentials.sessionToken = form.sessionToken.trim();
    void signIn(credentials, credentials.accessKeyId);
  };
  const local = (identity: LocalIdentity) => signIn({ accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey }, identity.name);

  return (
    <main style={{ maxWidth: 640, margin: '48px auto', padding: '0 16px' }}>
      <SpaceBetween size="l">
        <Box textAlign="right">
          <LanguageToggle />
        </Box>
        <Header variant="h1" description={t('signIn.description')}>
          {t('app.title')}
        </Header>
        <ErrorAlert error={error} header={t('signIn.failed')} />
        {isLoopback() && (
          <Container header={<Header variant="h2" description={t('signIn.localDescription')}>{t('signIn.local')}</Header>}>
            <SpaceBetween direction="horizontal" size="s">
              {LOCAL_IDENTITIES.map((identity) => (
                <Button key={identity.accessKeyId} onClick={() => void local(identity)} disabled={busy} data-testid={`sign-in-${identity.accessKeyId}`}>
                  {t(`identity.${identity.role}` as StringKey, { name: identity.name })}
                </Button>
              ))}
            </SpaceBetween>
          </Container>
        )}
        <form onSubmit={submit}>
          <Form actions={<Button variant="primary" formAction="submit" loading={busy}>{t('signIn.submit')}</Button>}>
            <Container header={<Header variant="h2" description={t('signIn.credentialsDescription')}>{t('signIn.credentials')}</Header>}>
              <SpaceBetween size="m">
                <FormField label={t('signIn.accessKeyId')}>
                  <Input value={form.accessKeyId} onChange={({ detail }) => setForm({ ...form, accessKeyId: detail.value })} autoComplete={false} />
                </FormField>
                <FormField label={t('signIn.secretAccessKey')}>
                  <Input type="password" value={form.secretAccessKey} onChange={({ detail }) => setForm({ ...form, secretAccessKey: detail.value })} autoComplete={false} />
                </FormField>
                <FormField label={t('signIn.sessionToken')} constraintText={t('signIn.sessionTokenHint')}>
                  <Input type="password" value={form.sessionToken} onChange={({ detail }) => setForm({ ...form, sessionToken: detail.value })} autoComplete={false} />
                </FormField>
              </SpaceBetween>
            </Container>
          </Form>
        </form>
      </SpaceBetween>
    </main>
  );
}
