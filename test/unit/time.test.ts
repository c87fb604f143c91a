import { describe, expect, it } from 'vitest';
import {
  copenhagenDate,
  parseDateTimeInput,
  toCopenhagenLocalInput,
} from '../../functions/core/shared/time.js';

describe('parseDateTimeInput', () => {
  it('keeps an explicit offset exact', () => {
    expect(parseDateTimeInput('2027-09-01T12:00:00+02:00')).toBe('2027-09-01T10:00:00.000Z');
    expect(parseDateTimeInput('2027-01-04T00:00:00+01:00')).toBe('2027-01-03T23:00:00.000Z');
    expect(parseDateTimeInput('2027-01-04T00:00:00Z')).toBe('2027-01-04T00:00:00.000Z');
  });

  it('reads a time without offset as Danish wall-clock time, summer and winter', () => {
    expect(parseDateTimeInput('2027-09-01T12:00')).toBe('2027-09-01T10:00:00.000Z');
    expect(parseDateTimeInput('2027-01-15T12:00')).toBe('2027-01-15T11:00:00.000Z');
  });

  it('handles the days daylight saving time starts and ends', () => {
    // 28 March 2027: clocks go from 02:00 to 03:00; 31 October 2027: from 03:00 back to 02:00.
    expect(parseDateTimeInput('2027-03-28T01:30')).toBe('2027-03-28T00:30:00.000Z');
    expect(parseDateTimeInput('2027-03-28T03:30')).toBe('2027-03-28T01:30:00.000Z');
    expect(parseDateTimeInput('2027-10-31T12:00')).toBe('2027-10-31T11:00:00.000Z');
  });

  it('refuses what is no date-time', () => {
    for (const bad of [
      '',
      'tomorrow',
      '2027-13-01T12:00',
      '2027-02-30T12:00',
      '2027-09-01',
      '2027-09-01T25:00',
      "'; DROP",
    ]) {
      expect(parseDateTimeInput(bad), bad).toBeUndefined();
    }
  });

  it('round-trips through the datetime-local form value', () => {
    expect(toCopenhagenLocalInput('2027-09-01T10:00:00.000Z')).toBe('2027-09-01T12:00');
    expect(parseDateTimeInput(toCopenhagenLocalInput('2027-12-24T15:45:00.000Z'))).toBe(
      '2027-12-24T15:45:00.000Z',
    );
  });

  it('gives the Danish calendar date around midnight UTC', () => {
    expect(copenhagenDate(new Date('2027-06-30T22:30:00Z'))).toBe('2027-07-01');
    expect(copenhagenDate(new Date('2027-12-31T22:59:00Z'))).toBe('2027-12-31');
  });
});
