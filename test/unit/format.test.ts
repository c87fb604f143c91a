import { describe, expect, it } from 'vitest';
import { formatKr, formatKrInput, parseKrInput } from '../../functions/texts/format.js';

describe('kroner in and out of forms', () => {
  it('reads amounts as Danes write them, exactly in øre', () => {
    expect(parseKrInput('300.000')).toBe(30_000_000);
    expect(parseKrInput('300000')).toBe(30_000_000);
    expect(parseKrInput('1.250,50')).toBe(125_050);
    expect(parseKrInput('1250,5')).toBe(125_050);
    expect(parseKrInput(' 2 544 480 kr.')).toBe(254_448_000);
    expect(parseKrInput('0,01')).toBe(1);
  });

  it('refuses what is no amount rather than guessing', () => {
    for (const bad of ['', 'abc', '1,234,56', '12.34', '1.2345', '-5', '1e6', '10,123']) {
      expect(parseKrInput(bad), bad).toBeUndefined();
    }
  });

  it('shows øre as a form value that reads back to the same øre', () => {
    for (const ore of [0, 1, 99, 100, 125_050, 30_000_000, 254_448_000]) {
      expect(parseKrInput(formatKrInput(ore))).toBe(ore);
    }
    expect(formatKrInput(125_050)).toBe('1.250,50');
  });

  it('formats currency for each language', () => {
    expect(formatKr(50_000_000, 'da')).toMatch(/^500\.000,00\s*kr\.$/);
    expect(formatKr(50_000_000, 'en')).toContain('500,000.00');
  });
});
