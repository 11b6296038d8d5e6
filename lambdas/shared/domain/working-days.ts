/**
 * Working days on the mainland calendar (docs/design/lifecycle.md "Working days"), in Asia/Shanghai:
 * weekends off, statutory holidays off, adjusted working weekends (调休) on, per the State
 * Council's notice of each year (lambdas/shared/data/calendar). Beyond the calendar's years,
 * Monday–Friday, with a warning.
 */
import calendar2025 from '../data/calendar/2025.json' with { type: 'json' };
import calendar2026 from '../data/calendar/2026.json' with { type: 'json' };
import type { CallbackStage } from './lifecycle.js';
import { STAGE_DEADLINES } from './limits.js';

interface YearCalendar {
  year: number;
  holidays: string[];
  workingWeekends: string[];
}

/** One file per year; add the next year's notice here. */
const YEARS: readonly YearCalendar[] = [calendar2025, calendar2026];

const byYear = new Map(YEARS.map((y) => [y.year, { holidays: new Set(y.holidays), workingWeekends: new Set(y.workingWeekends) }]));

export const CALENDAR_YEARS: readonly number[] = YEARS.map((y) => y.year);

export interface WorkingDayOptions {
  /** Called when a date falls outside the calendar's years (Monday–Friday is assumed). Default: console.warn. */
  warn?: (message: string, details: Record<string, unknown>) => void;
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const defaultWarn = (message: string, details: Record<string, unknown>): void => console.warn(message, details);

function warnOutside(year: number, options: WorkingDayOptions): void {
  (options.warn ?? defaultWarn)('working-day calendar has no data for this year; counting Monday to Friday', {
    year,
    calendarYears: CALENDAR_YEARS,
  });
}

/** Whether a `YYYY-MM-DD` date is a working day on the mainland calendar. */
export function isWorkingDay(date: string, options: WorkingDayOptions = {}): boolean {
  return workingDay(date, options, new Set());
}

function workingDay(date: string, options: WorkingDayOptions, warned: Set<number>): boolean {
  const year = Number(date.slice(0, 4));
  const known = byYear.get(year);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  if (!known) {
    if (!warned.has(year)) {
      warned.add(year);
      warnOutside(year, options);
    }
    return !weekend;
  }
  if (known.holidays.has(date)) return false;
  if (known.workingWeekends.has(date)) return true;
  return !weekend;
}

const dateOf = (shanghaiMs: number): string => new Date(shanghaiMs).toISOString().slice(0, 10);

/**
 * `instant` plus `n` working days, at the same Shanghai time of day. An instant on a day off
 * counts from the start of the next working day, so that `n` whole working days are given
 * (Saturday 10:00 + 1 → Tuesday 00:00, the end of Monday).
 */
export function addWorkingDays(instant: Date, n: number, options: WorkingDayOptions = {}): Date {
  const warned = new Set<number>();
  const local = instant.getTime() + SHANGHAI_OFFSET_MS;
  let day = Math.floor(local / DAY_MS) * DAY_MS;
  let timeOfDay = local - day;
  if (!workingDay(dateOf(day), options, warned)) {
    do day += DAY_MS;
    while (!workingDay(dateOf(day), options, warned));
    timeOfDay = 0;
  }
  for (let counted = 0; counted < n; ) {
    day += DAY_MS;
    if (workingDay(dateOf(day), options, warned)) counted += 1;
  }
  return new Date(day + timeOfDay - SHANGHAI_OFFSET_MS);
}

/**
 * When a callback stage entered at `from` is due (docs/design/lifecycle.md): electronic verification 7
 * calendar days, preliminary review 1 working day, SMS verification 24 hours, the
 * Communications Administration's decision 20 working days.
 */
export function stageDeadline(stage: CallbackStage, from: Date, options: WorkingDayOptions = {}): Date {
  switch (stage) {
    case 'VERIFICATION':
      return new Date(from.getTime() + STAGE_DEADLINES.verificationDays * DAY_MS);
    case 'PRELIMINARY_REVIEW':
      return addWorkingDays(from, STAGE_DEADLINES.preliminaryReviewWorkingDays, options);
    case 'SMS_VERIFICATION':
      return new Date(from.getTime() + (STAGE_DEADLINES.smsVerificationHours / 24) * DAY_MS);
    case 'CA_DECISION':
      return addWorkingDays(from, STAGE_DEADLINES.caDecisionWorkingDays, options);
  }
}

/** Today's date in Asia/Shanghai (`YYYY-MM-DD`): what callers pass as `today` to the rules. */
export const shanghaiDate = (instant: Date): string => dateOf(instant.getTime() + SHANGHAI_OFFSET_MS);
