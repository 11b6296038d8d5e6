import type { FilingStatus } from '../domain/lifecycle.js';
import { NotFoundError, VersionMismatchError, WrongStatusError } from './errors.js';
import { wireAttribute } from './table.js';

/** Why a conditional write on a filing failed, from the item as it was (wire format). */
export function filingConditionError(
  filingId: string,
  old: Record<string, unknown> | undefined,
  allowed: readonly FilingStatus[],
  expectedVersion: number | undefined,
  accountId?: string,
): Error {
  if (!old || (accountId !== undefined && wireAttribute(old, 'accountId') !== accountId)) return new NotFoundError('filing', filingId);
  const status = wireAttribute(old, 'status') as FilingStatus | undefined;
  if (!status || !allowed.includes(status)) return new WrongStatusError(filingId, status, allowed);
  const version = Number(wireAttribute(old, 'version'));
  return new VersionMismatchError(filingId, expectedVersion ?? Number.NaN, Number.isFinite(version) ? version : undefined);
}
