/** The last step: the whole draft as it will be submitted, and every problem submit found. */
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { Filing, Problem } from '../../client.js';
import { useLanguage } from '../../i18n/language.js';
import { ProblemList } from '../../common/problems.js';
import type { Doc } from './document.js';

export function ReviewStep({ filing, doc, problems }: { filing: Filing; doc: Doc; problems: readonly Problem[] }) {
  const { t } = useLanguage();
  return (
    <SpaceBetween size="l">
      <ProblemList header={t('wizard.submitProblems', { count: problems.length })} problems={problems} />
      <Container header={<Header variant="h2" description={t('wizard.reviewDescription')}>{t('step.review')}</Header>}>
        <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }} aria-label={t('step.review')}>{JSON.stringify({ type: filing.type, targetFilingId: filing.targetFilingId, ...doc }, null, 2)}</pre>
      </Container>
    </SpaceBetween>
  );
}
