/**
 * A filing as a reviewer judges it: each part of the document with the attachments that prove
 * it beside it (the ID photos next to the person, the domain certificate next to the domains),
 * the last return's reasons, drift, and the decision form of the open task.
 */
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { attachmentName, fieldName } from '../i18n/names.js';
import type { ReviewFiling as ReviewFilingBody } from '../client.js';
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

function Section({ path, value, attachments }: { path: string; value: unknown; attachments: Attachment[] }) {
  const { pair } = useLanguage();
  const proofs = attachments.filter((attachment) => (PROOF[path] ?? []).includes(attachment.kind));
  const facts = flatten(value, path);
  return (
    <Container header={<Header variant="h2">{pair(fieldName(path))}</Header>}>
      <ColumnLayout columns={2}>
        <KeyValuePairs columns={1} items={facts.map((fact) => ({ label: pair(fieldName(fact.path)), value: fact.value }))} />
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
  const drift = (body as { drift?: { problems: [] } | null }).drift;
  const others = body.attachments.filter((attachment) => PROOF.other!.includes(attachment.kind));
  return (
    <SpaceBetween size="l">
      <Header variant="h1" description={`${t(`type.${body.type}` as StringKey)} · ${body.filingId} · ${t('tasks.account')} ${body.accountId} · ${t('detail.revision')} ${body.revision}`} info={<StatusBadge status={body.status} />}>
        {body.app?.name ?? body.entity?.name ?? body.filingId}
      </Header>
      {task && <DecisionForm task={task} filing={body} onDecided={filing.reload} />}
      <ProblemList type="warning" header={t('review.earlierReturn')} problems={body.reasons} />
      {drift && <ProblemList type="warning" header={t('detail.drift')} problems={drift.problems} />}
      {body.entity && <Section path="entity" value={body.entity} attachments={body.attachments} />}
      {body.entityPrincipal && <Section path="entityPrincipal" value={body.entityPrincipal} attachments={body.attachments} />}
      {body.app && <Section path="app" value={body.app} attachments={body.attachments} />}
      {body.app?.principal && <Section path="app.principal" value={body.app.principal} attachments={body.attachments} />}
      {body.app?.domains && <Section path="app.domains" value={body.app.domains} attachments={body.attachments} />}
      {body.access && <Section path="access" value={body.access} attachments={body.attachments} />}
      {others.length > 0 && (
        <Container header={<Header variant="h2">{t('review.otherDocuments')}</Header>}>
          <ColumnLayout columns={3}>{others.map((attachment) => <AttachmentView key={attachment.attachmentId} attachment={attachment} />)}</ColumnLayout>
        </Container>
      )}
      {body.reason && <Container header={<Header variant="h2">{pair(['Reason', '原因'])}</Header>}>{body.reason}</Container>}
    </SpaceBetween>
  );
}
