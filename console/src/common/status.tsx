/** A filing's status as a coloured label in the reader's language (docs/design/lifecycle.md "Statuses"). */
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { FilingStatus } from '../../../lambdas/shared/domain/lifecycle.js';
import { useLanguage } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';

const LOOK: Record<FilingStatus, StatusIndicatorProps.Type> = {
  DRAFT: 'pending',
  SUBMITTED: 'in-progress',
  AWAITING_VERIFICATION: 'pending',
  PRELIMINARY_REVIEW: 'in-progress',
  AWAITING_SMS_VERIFICATION: 'pending',
  CA_REVIEW: 'in-progress',
  APPROVED: 'success',
  RETURNED: 'warning',
  WITHDRAWN: 'stopped',
  CANCELLED: 'stopped',
};

export function StatusBadge({ status }: { status: FilingStatus }) {
  const { t } = useLanguage();
  return (
    <span data-status={status}>
      <StatusIndicator type={LOOK[status]}>{t(`status.${status}` as StringKey)}</StatusIndicator>
    </span>
  );
}

/** A date-time in the reader's locale. */
export function useDateTime(): (value: string | null | undefined) => string {
  const { language } = useLanguage();
  return (value) => (value ? new Date(value).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB') : '—');
}
