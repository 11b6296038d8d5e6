/**
 * A filing as a reviewer judges it: each part of the document with the attachments that prove
 * it beside it (the ID photos next to the person, the domain certificate next to the domains),
 * the last return's reasons, drift (each problem also at the field it is about, such as a
 * security group the platform may no longer change), and the decision form of the open task.
 */
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useState } from 'react';
import { attachmentName, fieldName } from '../i18n/names.js';
import type { Problem, ReviewFiling as ReviewFilingBody } from '../client.js';
import { useSession } from '../app/session-context.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import { ErrorAlert, ProblemList } from '../common/problems.js';
import { StatusBadge } from '../common/status.js';
import { useLoad } from '../common/use-load.js';
import { DecisionForm } from './DecisionForm.js';

type Attachment = ReviewFilingBody['attachments'][number];

/** Which attachments prove which part of the document. */
const PROOF: Record<string, readonly string[]> = {
  entity: ['ENTITY_CERTIFICATE', 'CONFIRMATION_LETTER'],
  entityPrincipal: ['ENTITY_PRINCIPAL_ID'],
  app: ['APP_ICON', 'PRE_APPROVAL_DOCUMENT'],
  'app.principal': ['APP_PRINCIPAL_ID', 'APP_PRINCIPAL_PHOTO', 'AUTHORIZATION_LETTER'],
  'app.domains': ['DOMAIN_CERTIFICATE'],
  access: [],
  other: ['AUTHENTICITY_FORM', 'COMMITMENT_LETTER'],
};

function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { t, pair } = useLanguage();
  const [isImage, setIsImage] = useState(true);
  const name = pair(attachmentName(attachment.kind));
  return (
    <figure style={{ margin: 0 }} data-kind={attachment.kind}>
      {isImage && <img src={attachment.url} alt={name} onError={() => setIsImage(false)} style={{ maxWidth: '100%', maxHeight: 260, border: '1px solid #ccc' }} />}
      <figcaption>
        <Link external href={attachment.url} externalIconAriaLabel={t('common.newTab')}>{name}</Link> <Box variant="small" display="inline">({Math.round(attachment.size / 1024)} KiB)</Box>
      </figcaption>
    </figure>
  );
}

function flatten(value: unknown, path: string): { path: string; value: string }[] {
  if (Array.isArray(value)) return value.every((item) => typeof item !== 'object') ? [{ path, value: value.join(', ') }] : value.flatMap((item, index) => flatten(item, `${path}.${index}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, member]) => (key === 'principal' || key === 'domains' ? [] : flatten(member, `${path}.${key}`)));
  return value === undefined ? [] : [{ path, value: String(value) }];
}

/** A fact's value, with the problems about it or one of its items (`access.securityGroupIds.0` at `access.securityGroupIds`). */
function FactValue({ path, value, problems }: { path: string; value: string; problems: readonly Problem[] }) {
  const { pick } = useLanguage();
  const here = problems.filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`));
  if (here.length === 0) return <>{value}</>;
  return (
    <SpaceBetween size="xxs">
      <span>{value}</span>
      {here.map((problem, index) => (
        <div key={index} data-problem-path={problem.path} data-code={problem.code}>
          <StatusIndicator type="warning">{pick(problem)} ({problem.code})</StatusIndicator>
        </div>
      ))}
    </SpaceBetween>
  );
}

function Section({ path, value, attachments, problems }: { path: string; value: unknown; attachments: Attachment[]; problems: readonly Problem[] }) {
  const { pair } = useLanguage();
  const proofs = attachments.filter((attachment) => (PROOF[path] ?? []).includes(attachment.kind));
  const facts = flatten(value, path);
  return (
    <Container header={<Header variant="h2">{pair(fieldName(path))}</Header>}>
      <ColumnLayout columns={2}>
        <KeyValuePairs columns={1} items={facts.map((fact) => ({ label: pair(fieldName(fact.path)), value: <FactValue path={fact.path} value={fact.value} problems={problems} /> }))} />
        <SpaceBetween size="m">{proofs.map((attachment) => <AttachmentView key={attachment.attachmentId} attachment={attachment} />)}</SpaceBetween>
      </ColumnLayout>
    </Container>
  );
}

export default function ReviewFiling({ filingId, taskId }: { filingId: string; taskId: string | undefined }) {
  const { t, pair } = useLanguage();
  const { client } = useSession();
  const filing = useLoad(() => client.getReviewFiling(filingId), [client, filingId]);
  const tasks = useLoad(async () => (taskId === undefined ? [] : (await client.listReviewTasks({ limit: 100 })).items.filter((task) => task.taskId === taskId)), [client, taskId]);
  if (filing.data === undefined) return <ErrorAlert error={filing.error} />;
  const body = filing.data;
  const task = tasks.data?.[0];
  const driftProblems = body.drift?.problems ?? [];
  const section = (path: string, value: unknown) => <Section path={path} value={value} attachments={body.attachments} problems={driftProblems} />;
  const others = body.attachments.filter((attachment) => PROOF.other!.includes(attachment.kind));
  return (
    <SpaceBetween size="l">
      <Header variant="h1" description={`${t(`type.${body.type}` as StringKey)} · ${body.filingId} · ${t('tasks.account')} ${body.accountId} · ${t('detail.revision')} ${body.revision}`} info={<StatusBadge status={body.status} />}>
        {body.app?.name ?? body.entity?.name ?? body.filingId}
      </Header>
      {task && <DecisionForm task={task} filing={body} onDecided={filing.reload} />}
      <ProblemList type="warning" header={t('review.earlierReturn')} problems={body.reasons} />
      <ProblemList type="warning" header={t('detail.drift')} problems={driftProblems} />
      {body.entity && section('entity', body.entity)}
      {body.entityPrincipal && section('entityPrincipal', body.entityPrincipal)}
      {body.app && section('app', body.app)}
      {body.app?.principal && section('app.principal', body.app.principal)}
      {body.app?.domains && section('app.domains', body.app.domains)}
      {body.access && section('access', body.access)}
      {others.length > 0 && (
        <Container header={<Header variant="h2">{t('review.otherDocuments')}</Header>}>
          <ColumnLayout columns={3}>{others.map((attachment) => <AttachmentView key={attachment.attachmentId} attachment={attachment} />)}</ColumnLayout>
        </Container>
      )}
      {body.reason && <Container header={<Header variant="h2">{pair(['Reason', '原因'])}</Header>}>{body.reason}</Container>}
    </SpaceBetween>
  );
}
