/** Whether an APP needs recordal here (`POST /v1/eligibility`, docs/design/api.md "Eligibility"). */
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState, type FormEvent } from 'react';
import type { EligibilityAnswer, EligibilityQuestion } from '../client.js';
import { fieldName } from '../i18n/names.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import { CheckboxField, SelectField } from '../common/fields.js';
import { choices } from '../common/options.js';
import { ErrorAlert, useFieldErrors, problemsOf } from '../common/problems.js';

export default function Eligibility() {
  const { t, language, pick, pair } = useLanguage();
  const { client } = useSession();
  const options = choices(t, language);
  const [question, setQuestion] = useState<Partial<EligibilityQuestion>>({ appIsOffline: false, isMiniProgram: false, isQuickApp: false, entityKind: 'ENTERPRISE' });
  const [answer, setAnswer] = useState<EligibilityAnswer>();
  const [error, setError] = useState<unknown>();
  const errorAt = useFieldErrors(problemsOf(error));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setAnswer(await client.checkEligibility(question as EligibilityQuestion));
      setError(undefined);
    } catch (caught) {
      setAnswer(undefined);
      setError(caught);
    }
  };
  const flag = (name: 'appIsOffline' | 'isMiniProgram' | 'isQuickApp') => (
    <CheckboxField path={name} label={pair(fieldName(name))} text={t('common.yes')} error={errorAt(name)} value={question[name]} onChange={(value) => setQuestion({ ...question, [name]: value })} />
  );
  return (
    <form onSubmit={(event) => void submit(event)}>
      <Form header={<Header variant="h1" description={t('eligibility.description')}>{t('eligibility.title')}</Header>} actions={<Button variant="primary" formAction="submit">{t('eligibility.check')}</Button>}>
        <SpaceBetween size="l">
          <ErrorAlert error={error} />
          <Container>
            <SpaceBetween size="m">
              {flag('appIsOffline')}
              {flag('isMiniProgram')}
              {flag('isQuickApp')}
              <SelectField path="entityKind" label={pair(fieldName('entityKind'))} options={options.entityKinds} value={question.entityKind} error={errorAt('entityKind')} onChange={(value) => setQuestion({ ...question, entityKind: value as EligibilityQuestion['entityKind'] })} />
              <SelectField path="province" label={pair(fieldName('province'))} options={options.provinces} value={question.province} error={errorAt('province')} onChange={(value) => setQuestion({ ...question, province: value })} />
            </SpaceBetween>
          </Container>
          {answer && (
            <Alert type={answer.needed && answer.supported ? 'success' : 'info'} header={t(answer.needed ? (answer.supported ? 'eligibility.supported' : 'eligibility.unsupported') : 'eligibility.notNeeded')}>
              <ul data-testid="eligibility-reasons">
                {answer.reasons.map((reason) => (
                  <li key={reason.code} data-code={reason.code}>{pick(reason)}</li>
                ))}
              </ul>
            </Alert>
          )}
        </SpaceBetween>
      </Form>
    </form>
  );
}
