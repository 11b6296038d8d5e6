import { jest } from '@jest/globals';
import { addWorkingDays, isWorkingDay, shanghaiDate, stageDeadline } from '../../../lambdas/shared/domain/index.js';

/** An instant written in Shanghai local time. */
const shanghai = (local: string): Date => new Date(`${local}+08:00`);
const noWarn = { warn: () => { throw new Error('no warning expected inside the calendar'); } };

describe('isWorkingDay', () => {
  it('knows statutory holidays and adjusted working weekends of 2025 and 2026', () => {
    expect(isWorkingDay('2025-01-01', noWarn)).toBe(false);
    expect(isWorkingDay('2025-01-26', noWarn)).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2025-10-08', noWarn)).toBe(false);
    expect(isWorkingDay('2025-10-11', noWarn)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-02-23', noWarn)).toBe(false); // Monday, Spring Festival
    expect(isWorkingDay('2026-02-28', noWarn)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-11-27', noWarn)).toBe(true);
    expect(isWorkingDay('2026-11-28', noWarn)).toBe(false);
  });

  it('falls back to Monday–Friday beyond the calendar, with a warning', () => {
    const warn = jest.fn();
    expect(isWorkingDay('2027-01-01', { warn })).toBe(true);
    expect(isWorkingDay('2027-01-02', { warn })).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Monday to Friday'), expect.objectContaining({ year: 2027 }));
  });
});

describe('addWorkingDays (Asia/Shanghai)', () => {
  it('skips the National Day holiday', () => {
    expect(addWorkingDays(shanghai('2026-09-30T10:00:00'), 1, noWarn)).toEqual(shanghai('2026-10-08T10:00:00'));
  });

  it('counts an adjusted working Saturday', () => {
    expect(addWorkingDays(shanghai('2026-10-09T10:00:00'), 1, noWarn)).toEqual(shanghai('2026-10-10T10:00:00'));
    expect(addWorkingDays(shanghai('2026-02-14T09:30:00'), 1, noWarn)).toEqual(shanghai('2026-02-24T09:30:00'));
  });

  it('uses the Shanghai date, not the UTC date', () => {
    // 2026-11-27T20:00Z is Saturday 04:00 in Shanghai: a day off.
    expect(addWorkingDays(new Date('2026-11-27T20:00:00Z'), 1, noWarn)).toEqual(shanghai('2026-12-01T00:00:00'));
    expect(shanghaiDate(new Date('2026-11-27T20:00:00Z'))).toBe('2026-11-28');
  });

  it('gives whole working days from an instant on a day off', () => {
    expect(addWorkingDays(shanghai('2026-11-28T10:00:00'), 1, noWarn)).toEqual(shanghai('2026-12-01T00:00:00'));
    expect(addWorkingDays(shanghai('2026-11-28T10:00:00'), 20, noWarn)).toEqual(shanghai('2026-12-28T00:00:00'));
  });

  it('falls back to Monday–Friday after the last calendar year and warns once per year', () => {
    const warn = jest.fn();
    expect(addWorkingDays(shanghai('2026-12-31T10:00:00'), 2, { warn })).toEqual(shanghai('2027-01-04T10:00:00'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toMatchObject({ year: 2027, calendarYears: [2025, 2026] });
  });
});

describe('stageDeadline', () => {
  const from = shanghai('2026-09-30T10:00:00');
  it('VERIFICATION: 7 calendar days', () => expect(stageDeadline('VERIFICATION', from, noWarn)).toEqual(shanghai('2026-10-07T10:00:00')));
  it('PRELIMINARY_REVIEW: 1 working day', () => expect(stageDeadline('PRELIMINARY_REVIEW', from, noWarn)).toEqual(shanghai('2026-10-08T10:00:00')));
  it('SMS_VERIFICATION: 24 hours', () => expect(stageDeadline('SMS_VERIFICATION', from, noWarn)).toEqual(shanghai('2026-10-01T10:00:00')));
  it('CA_DECISION: 20 working days', () => {
    // Oct 8, 9, 10 (Sat, 调休) = 3; 12–16 = 8; 19–23 = 13; 26–30 = 18; Nov 2 = 19, Nov 3 = 20.
    expect(stageDeadline('CA_DECISION', from, noWarn)).toEqual(shanghai('2026-11-03T10:00:00'));
  });
});
