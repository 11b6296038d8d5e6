/**
 * The attachments step: what this filing needs (`GET /v1/filings/{id}/requirements`) with each
 * kind's constraints shown before upload and checked on the chosen file, then the presigned
 * POST with progress, an image preview, and the problems the API finds after the upload.
 */
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import FileDropzone from '@cloudscape-design/components/file-dropzone';
import FileInput from '@cloudscape-design/components/file-input';
import Header from '@cloudscape-design/components/header';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Button from '@cloudscape-design/components/button';
import { useEffect, useRef, useState } from 'react';
import { uploadFileOf, type AttachmentKind, type Problem, type RequirementStatus } from '../../client.js';
import { attachmentName } from '../../i18n/names.js';
import { useSession } from '../../app/session-context.js';
import { useLanguage } from '../../i18n/language.js';
import type { StringKey } from '../../i18n/strings.js';
import { ErrorAlert, ProblemList, problemsOf } from '../../common/problems.js';
import { useLoad } from '../../common/use-load.js';

type Constraints = RequirementStatus['constraints'];

const kib = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** What the API's constraints say of a file before it is sent (type and size; pixels are checked after). */
function precheck(file: File, constraints: Constraints, t: (key: StringKey, values?: Record<string, string | number>) => string): Problem[] {
  const problems: Problem[] = [];
  const say = (code: string, key: StringKey, values: Record<string, string | number>) => problems.push({ path: '', code, message: t(key, values), messageZh: t(key, values) });
  if (!constraints.contentTypes.includes(file.type)) say('ATTACHMENT_TYPE', 'attachments.wrongType', { types: constraints.contentTypes.join(', ') });
  if (file.size < constraints.minBytes || file.size > constraints.maxBytes) say('ATTACHMENT_SIZE', 'attachments.wrongSize', { min: kib(constraints.minBytes), max: kib(constraints.maxBytes), actual: kib(file.size) });
  return problems;
}

export function Attachments({ filingId }: { filingId: string }) {
  const { t } = useLanguage();
  const { client } = useSession();
  const requirements = useLoad(() => client.requirements(filingId), [client, filingId]);
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={requirements.error} />
      {(requirements.data ?? []).map((requirement) => (
        <AttachmentSlot key={requirement.kind} filingId={filingId} requirement={requirement} onUploaded={requirements.reload} />
      ))}
      {requirements.data?.length === 0 && <Box>{t('attachments.none')}</Box>}
    </SpaceBetween>
  );
}

function AttachmentSlot({ filingId, requirement, onUploaded }: { filingId: string; requirement: RequirementStatus; onUploaded(): void }) {
  const { t, pick, pair } = useLanguage();
  const { client } = useSession();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [uploading, setUploading] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [preview, setPreview] = useState<string>();
  // The upload under way, so that the customer can cancel it and leaving the step stops it.
  const upload = useRef<AbortController>(undefined);
  const { constraints } = requirement;
  const label = pair(attachmentName(requirement.kind));

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);
  useEffect(() => () => upload.current?.abort(), []);

  async function choose(files: readonly File[]): Promise<void> {
    const chosen = files[0];
    if (chosen === undefined) return;
    setFile(chosen);
    setPreview(chosen.type.startsWith('image/') ? URL.createObjectURL(chosen) : undefined);
    const before = precheck(chosen, constraints, t);
    setProblems(before);
    if (before.length > 0) return;
    upload.current?.abort();
    const controller = new AbortController();
    upload.current = controller;
    setProgress(0);
    setUploading(true);
    try {
      await client.uploadAttachment(filingId, requirement.kind as AttachmentKind, await uploadFileOf(chosen), {
        signal: controller.signal,
        // Every byte sent is not yet an upload accepted: 100 % waits for storage's answer.
        onProgress: (sent, total) => setProgress(total === 0 ? 99 : Math.min(99, Math.round((sent / total) * 100))),
      });
      setProgress(100);
      onUploaded();
    } catch (caught) {
      if (upload.current !== controller) return; // replaced by a file chosen since: that upload shows
      setProgress(undefined);
      const cancelled = controller.signal.aborted;
      setProblems(cancelled ? [{ path: '', code: 'UPLOAD_CANCELLED', message: t('attachments.cancelled'), messageZh: t('attachments.cancelled') }] : problemsOf(caught));
    } finally {
      if (upload.current === controller) {
        upload.current = undefined;
        setUploading(false);
      }
    }
  }

  const facts = [
    constraints.contentTypes.join(' / '),
    `${kib(constraints.minBytes)} – ${kib(constraints.maxBytes)}`,
    constraints.minWidth !== undefined ? t('attachments.minPixels', { width: constraints.minWidth, height: constraints.minHeight ?? 0 }) : '',
    constraints.square ? t('attachments.square') : '',
    constraints.colour ? t('attachments.colour') : '',
  ].filter(Boolean);

  return (
    <div data-kind={requirement.kind}>
      <Container
        header={
          <Header variant="h3" description={pick({ message: requirement.reason, messageZh: requirement.reasonZh })}
            info={requirement.uploaded && requirement.problems.length === 0 ? <StatusIndicator type="success">{t('attachments.uploaded')}</StatusIndicator> : requirement.required ? <StatusIndicator type="pending">{t('attachments.required')}</StatusIndicator> : undefined}>
            {label}
          </Header>
        }
      >
        <SpaceBetween size="s">
          <Box variant="small" data-testid="constraints">{t('attachments.constraints')}: {facts.join('；')}</Box>
          <FileDropzone onChange={({ detail }) => void choose(detail.value)}>
            <SpaceBetween size="xxs" alignItems="center">
              <Box>{t('attachments.drop')}</Box>
              <FileInput value={file ? [file] : []} accept={constraints.contentTypes.join(',')} ariaLabel={`${t('attachments.choose')} ${label}`} onChange={({ detail }) => void choose(detail.value)}>
                {t('attachments.choose')}
              </FileInput>
            </SpaceBetween>
          </FileDropzone>
          {progress !== undefined && (
            <ProgressBar
              value={progress}
              label={t('attachments.progress', { name: file?.name ?? '' })}
              status={progress === 100 ? 'success' : 'in-progress'}
              resultText={t('attachments.done')}
              additionalInfo={uploading && <Button variant="inline-link" onClick={() => upload.current?.abort()}>{t('attachments.cancel')}</Button>}
            />
          )}
          {preview && <img src={preview} alt={t('attachments.preview', { name: label })} style={{ maxWidth: 240, maxHeight: 180, border: '1px solid #ccc' }} />}
          <ProblemList header={t('attachments.notAccepted')} problems={problems} />
          <ProblemList header={t('attachments.problemsAfter')} problems={requirement.problems} />
        </SpaceBetween>
      </Container>
    </div>
  );
}
