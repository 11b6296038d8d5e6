/**
 * The filing wizard: one step per part of the document (./sections.ts), each step saved as a
 * merge patch with If-Match when the customer moves on; the API's problems appear at the field
 * of their path (and the rest above the step). Submit shows every problem the API lists.
 */
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import CloudscapeWizard from '@cloudscape-design/components/wizard';
import { useEffect, useMemo, useState } from 'react';
import type { ApplicationType } from '../../../../lambdas/shared/domain/lifecycle.js';
import { RecordalApiError, type Filing, type Problem } from '../../client.js';
import { hrefOf, navigate } from '../../app/router.js';
import { useSession } from '../../app/session-context.js';
import { useLanguage } from '../../i18n/language.js';
import type { StringKey } from '../../i18n/strings.js';
import { ErrorAlert, ProblemList, problemsOf, useFieldErrors } from '../../common/problems.js';
import { choices } from '../../common/options.js';
import { Attachments } from './Attachments.js';
import { getAt, mergePatch, setAt, type Doc } from './document.js';
import { FieldView, type FieldContext } from './FieldView.js';
import { ReviewStep } from './ReviewStep.js';
import { sectionsOf, stepsOf, type FieldSpec, type StepSpec } from './sections.js';

const EDITABLE = ['DRAFT', 'RETURNED'];

/** Every path the step shows a field for (list items included), so other problems go above it. */
function shownPaths(fields: readonly FieldSpec[], doc: Doc, prefix = ''): string[] {
  return fields.flatMap((spec) => {
    const path = prefix + spec.name;
    if (spec.kind !== 'list') return [path];
    const items = getAt(doc, path);
    return [path, ...(Array.isArray(items) ? items.flatMap((_, index) => shownPaths(spec.item, doc, `${path}.${index}.`)) : [])];
  });
}

const inStep = (step: StepSpec, path: string) => step.sections.some((section) => section === '' || path === section || path.startsWith(`${section}.`));

export default function Wizard({ filingId }: { filingId: string }) {
  const { t, language } = useLanguage();
  const { client } = useSession();
  const [filing, setFiling] = useState<Filing>();
  const [etag, setEtag] = useState('');
  const [doc, setDoc] = useState<Doc>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>();
  const [stepIndex, setStepIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const options = useMemo(() => choices(t, language), [t, language]);

  useEffect(() => {
    client.getFilingWithEtag(filingId).then(({ filing: loaded, etag: tag }) => {
      setFiling(loaded);
      setEtag(tag);
      setDoc(Object.fromEntries(sectionsOf(loaded.type).map((name) => [name, (loaded as unknown as Doc)[name] ?? (name === 'reason' ? '' : {})])) as Doc);
    }, setError);
  }, [client, filingId]);

  const errorAt = useFieldErrors(problems);
  if (filing === undefined) return error ? <ErrorAlert error={error} /> : <Spinner size="large" />;
  if (!EDITABLE.includes(filing.status)) {
    return <Alert type="info" action={<Button href={hrefOf(`/filings/${filingId}`)}>{t('wizard.toDetail')}</Button>}>{t('wizard.notEditable')}</Alert>;
  }
  const steps = stepsOf(filing.type as ApplicationType);
  const context: FieldContext = { doc, set: (path, value) => setDoc((current) => setAt(current, path, value)), errorAt, choices: options };

  /** Saves the document; true when the API took it (its problems are shown otherwise). */
  async function save(): Promise<boolean> {
    setBusy(true);
    setSaved(false);
    try {
      const updated = await client.patchFiling(filingId, mergePatch(doc), { ifMatch: etag });
      setFiling(updated);
      setEtag(`"${updated.version}"`);
      setProblems([]);
      setError(undefined);
      setSaved(true);
      return true;
    } catch (caught) {
      if (caught instanceof RecordalApiError && caught.status === 422) setProblems(caught.details);
      else setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submit(): Promise<void> {
    if (!(await save())) return;
    setBusy(true);
    try {
      await client.submit(filingId);
      navigate(`/filings/${filingId}`);
    } catch (caught) {
      setProblems(problemsOf(caught));
      setBusy(false);
    }
  }

  const content = (step: StepSpec) => {
    if (step.id === 'attachments') return <Attachments filingId={filingId} />;
    if (step.id === 'review') return <ReviewStep filing={filing} doc={doc} problems={problems} />;
    const shown = new Set(shownPaths(step.fields, doc));
    return (
      <SpaceBetween size="l">
        <ProblemList problems={problems.filter((problem) => inStep(step, problem.path) && !shown.has(problem.path))} />
        <Container>
          <SpaceBetween size="m">
            {step.id === 'principals' && filing.type !== 'CHANGE_ENTITY' && (
              <Button onClick={() => context.set('app.principal', getAt(doc, 'entityPrincipal') ?? {})}>{t('wizard.samePrincipal')}</Button>
            )}
            {step.fields.map((spec) => (
              <FieldView key={spec.name} spec={spec} path={spec.name} context={context} />
            ))}
          </SpaceBetween>
        </Container>
      </SpaceBetween>
    );
  };

  return (
    <SpaceBetween size="m">
      <Header variant="h1" description={`${t(`type.${filing.type}` as StringKey)} · ${filing.filingId}`}>{t('wizard.title')}</Header>
      <ErrorAlert error={error} />
      {filing.status === 'RETURNED' && <ProblemList type="warning" header={t('detail.returnedBecause')} problems={filing.reasons} />}
      {saved && <Alert type="success" dismissible onDismiss={() => setSaved(false)}>{t('wizard.saved')}</Alert>}
      <CloudscapeWizard
        activeStepIndex={stepIndex}
        isLoadingNextStep={busy}
        allowSkipTo
        onNavigate={({ detail }) => {
          // Moving on saves the draft; going back never blocks.
          if (detail.requestedStepIndex < stepIndex || steps[stepIndex]!.id === 'attachments') return setStepIndex(detail.requestedStepIndex);
          void save().then((ok) => ok && setStepIndex(detail.requestedStepIndex));
        }}
        onSubmit={() => void submit()}
        onCancel={() => navigate(`/filings/${filingId}`)}
        secondaryActions={<Button onClick={() => void save()} disabled={busy}>{t('wizard.saveDraft')}</Button>}
        i18nStrings={{
          stepNumberLabel: (n) => t('wizard.step', { n }),
          collapsedStepsLabel: (n, total) => t('wizard.stepOf', { n, total }),
          skipToButtonLabel: (step) => t('wizard.skipTo', { title: step.title }),
          navigationAriaLabel: t('wizard.steps'),
          cancelButton: t('common.cancel'),
          previousButton: t('common.previous'),
          nextButton: t('wizard.saveAndNext'),
          submitButton: t('wizard.submit'),
          optional: t('common.optional'),
        }}
        steps={steps.map((step) => ({ title: t(`step.${step.id}` as StringKey), content: content(step) }))}
      />
    </SpaceBetween>
  );
}
