import { describe, expect, it } from 'vitest';
import { addMonths, reportObligations } from '../../functions/core/finance/report.rules.js';
import { addDays } from '../../functions/core/shared/time.js';

describe('report due dates', () => {
  it('adds months on the calendar, keeping the day or taking the month’s last', () => {
    expect(addMonths('2027-03-01', 12)).toBe('2028-03-01');
    expect(addMonths('2028-12-31', 2)).toBe('2029-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(addMonths('2027-05-31', 0)).toBe('2027-05-31');
    expect(addDays('2028-02-16', 14)).toBe('2028-03-01');
    expect(addDays('2027-12-25', 14)).toBe('2028-01-08');
  });

  it('defaults: a progress report 12 months after acceptance, the final 3 months after the project’s end', () => {
    expect(reportObligations(undefined, '2027-03-01', '2028-12-31')).toEqual([
      { reportId: 'progress-1', kind: 'progress', dueDate: '2028-03-01' },
      { reportId: 'final', kind: 'final', dueDate: '2029-03-31' },
    ]);
    expect(reportObligations([], '2027-03-01', null)).toEqual([
      { reportId: 'progress-1', kind: 'progress', dueDate: '2028-03-01' },
      { reportId: 'final', kind: 'final', dueDate: '2027-06-01' },
    ]);
  });

  it('the call’s rules: progress reports numbered in order, fixed dates, and always one final report', () => {
    expect(
      reportObligations(
        [
          { kind: 'progress', dueAfterMonths: 6 },
          { kind: 'final', dueAfterMonths: 2 },
          { kind: 'progress', dueDate: '2028-01-15' },
        ],
        '2027-03-01',
        '2028-12-31',
      ),
    ).toEqual([
      { reportId: 'progress-1', kind: 'progress', dueDate: '2027-09-01' },
      { reportId: 'progress-2', kind: 'progress', dueDate: '2028-01-15' },
      { reportId: 'final', kind: 'final', dueDate: '2029-02-28' },
    ]);
    // Only progress rules: the final report still follows with the default.
    expect(reportObligations([{ kind: 'progress' }], '2027-03-01', '2027-12-31')).toEqual([
      { reportId: 'progress-1', kind: 'progress', dueDate: '2028-03-01' },
      { reportId: 'final', kind: 'final', dueDate: '2028-03-31' },
    ]);
    // Only a final with a fixed date: no progress report.
    expect(reportObligations([{ kind: 'final', dueDate: '2029-01-01' }], '2027-03-01', null)).toEqual([
      { reportId: 'final', kind: 'final', dueDate: '2029-01-01' },
    ]);
  });
});
