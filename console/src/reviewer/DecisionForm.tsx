/**
 * The decision on an open task (`POST /v1/review/tasks/{taskId}/decision`): approve, or reject
 * with reason codes and text; the CA's approval of a NEW filing carries the record number,
 * checked as it is typed by the domain's own rule (lambdas/shared/domain/review.ts).
 */
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import Header from '@cloudscape-design/components/header';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState, type FormEvent } from 'react';
import { RULE_CODES } from '../../../lambdas/shared/messages/index.js';
import { fieldName } from '../i18n/names.js';
import { checkRecordNumber } from '../../../lambdas/shared/domain/review.js';
import type { ReviewDecision, ReviewFiling, ReviewTask } from '../client.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import { CheckboxField, MultiselectField, TextField } from '../common/fields.js';
import { ProblemList, problemsOf, useFieldErrors } from '../common/problems.js';

export function DecisionForm({ task, filing, onDecided }: { task: ReviewTask; filing: ReviewFiling; onDecided(): void }) {
  const { t, pair } = useLanguage();
  const { client } = useSession();
  const [decision, setDecision] = useState<'APPROVE' | 'REJECT'>('APPROVE');
  const [codes, setCodes] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [recordNumber, setRecordNumber] = useState('');
  const [paper, setPaper] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const needsRecordNumber = task.stage === 'CA_DECISION' && filing.type === 'NEW' && decision === 'APPROVE';
  const needsPaper = task.stage === 'PRELIMINARY_REVIEW' && filing.verificationMethod === 'MANUAL' && decision === 'APPROVE';
  // As typed: the same rule the API applies, so the reviewer sees the problem before sending.
  const typed = needsRecordNumber && recordNumber !== '' ? checkRecordNumber(recordNumber, filing.entity?.province) : [];
  const problems = [...problemsOf(error), ...typed];
  const errorAt = useFieldErrors(problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: ReviewDecision = { decision };
    if (decision === 'REJECT') body.reasons = (codes.length > 0 ? codes : text ? ['OTHER'] : []).map((code) => ({ code, message: text || code, messageZh: text || code }));
    if (needsRecordNumber) body.recordNumber = recordNumber;
    if (needsPaper) body.paperMaterialsReceived = paper;
    setBusy(true);
    try {
      await client.decide(task.taskId, body);
      setError(undefined);
      setDone(true);
      onDecided();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (done) return <Alert type="success">{t('review.decided')}</Alert>;
  return (
    <form onSubmit={(event) => void submit(event)}>
      <Form actions={<Button variant="primary" formAction="submit" loading={busy} disabled={typed.length > 0}>{t('review.send')}</Button>}>
        <Container header={<Header variant="h2" description={t(`stage.${task.stage}` as StringKey)}>{t('review.decision')}</Header>}>
          <SpaceBetween size="m">
            <ProblemList problems={problemsOf(error).filter((problem) => !['recordNumber', 'reasons', 'paperMaterialsReceived'].includes(problem.path))} />
            <RadioGroup ariaLabel={pair(fieldName('decision'))} value={decision} onChange={({ detail }) => setDecision(detail.value as 'APPROVE' | 'REJECT')} items={[{ value: 'APPROVE', label: t('review.approve') }, { value: 'REJECT', label: t('review.reject') }]} />
            {decision === 'REJECT' && (
              <>
                <MultiselectField path="reasons" label={t('review.reasonCodes')} value={codes} options={RULE_CODES.map((code) => ({ value: code, label: code }))} error={errorAt('reasons')} onChange={setCodes} />
                <TextField path="reasons.message" label={t('review.reasonText')} multiline value={text} onChange={setText} />
              </>
            )}
            {needsRecordNumber && <TextField path="recordNumber" label={pair(fieldName('recordNumber'))} hint={t('review.recordNumberHint')} value={recordNumber} error={errorAt('recordNumber')} onChange={setRecordNumber} />}
            {needsPaper && <CheckboxField path="paperMaterialsReceived" label={pair(fieldName('paperMaterialsReceived'))} text={t('common.yes')} value={paper} error={errorAt('paperMaterialsReceived')} onChange={setPaper} />}
          </SpaceBetween>
        </Container>
      </Form>
    </form>
  );
}
