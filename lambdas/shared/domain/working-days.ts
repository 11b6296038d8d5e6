import type { CallbackStage } from './lifecycle';

export interface WorkingDayOptions {
  warn?: (message: string, details: Record<string, unknown>) => void;
}
export function isWorkingDay(_date: string, _options: WorkingDayOptions = {}): boolean {
  return true;
}
export function addWorkingDays(instant: Date, n: number, _options: WorkingDayOptions = {}): Date {
  return new Date(instant.getTime() + n * 86_400_000);
}
export function stageDeadline(_stage: CallbackStage, from: Date, _options: WorkingDayOptions = {}): Date {
  return from;
}
