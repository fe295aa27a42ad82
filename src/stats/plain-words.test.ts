import { describe, expect, it } from 'vitest';
import { describePValue, oddsInWords } from './plain-words';

describe('describePValue', () => {
  it('states small p-values as a rounded "1 in N"', () => {
    expect(describePValue(1e-7)).toBe('about 1 in 10 million for unwatermarked text');
    expect(describePValue(3.2e-8)).toBe('about 1 in 30 million for unwatermarked text');
    expect(describePValue(0.01)).toBe('about 1 in 100 for unwatermarked text');
    expect(describePValue(0.049)).toBe('about 1 in 20 for unwatermarked text');
    expect(describePValue(7.7e-4)).toBe('about 1 in 1,000 for unwatermarked text');
    expect(describePValue(3.3e-5)).toBe('about 1 in 30,000 for unwatermarked text');
    expect(describePValue(1e-4)).toBe('about 1 in 10,000 for unwatermarked text');
    expect(describePValue(2e-6)).toBe('about 1 in 500,000 for unwatermarked text');
    expect(describePValue(9.6e-7)).toBe('about 1 in 1 million for unwatermarked text');
    expect(describePValue(3e-10)).toBe('about 1 in 3 billion for unwatermarked text');
    expect(describePValue(2.5e-14)).toBe('about 1 in 40 trillion for unwatermarked text');
  });

  it('switches to powers of ten beyond the trillions', () => {
    expect(describePValue(1e-15)).toBe('about 1 in 10^15 for unwatermarked text');
    expect(describePValue(3.1e-23)).toBe('about 1 in 10^23 for unwatermarked text');
    expect(describePValue(1e-300)).toBe('about 1 in 10^300 for unwatermarked text');
  });

  it('has a floor for 0, subnormal and astronomically small p', () => {
    const floor = 'fewer than 1 in 10^300 for unwatermarked text';
    expect(describePValue(0)).toBe(floor);
    expect(describePValue(5e-324)).toBe(floor);
    expect(describePValue(1e-310)).toBe(floor);
    expect(describePValue(9e-301)).toBe(floor);
  });

  it('does not dress up ordinary results', () => {
    expect(describePValue(1)).toBe('likely for ordinary text');
    expect(describePValue(0.5)).toBe('likely for ordinary text');
    expect(describePValue(0.2)).toBe('common for ordinary text (about 1 in 5)');
    expect(describePValue(0.05)).toBe('common for ordinary text (about 1 in 20)');
  });

  it('refuses non-probabilities', () => {
    expect(() => describePValue(NaN)).toThrow(RangeError);
    expect(() => describePValue(-0.1)).toThrow(RangeError);
    expect(() => describePValue(1.5)).toThrow(RangeError);
  });
});

describe('oddsInWords (the phrase the extension builds its sentences with)', () => {
  it('is describePValue without its ending, and reads well after "happens"', () => {
    expect(oddsInWords(1e-7)).toBe('about 1 in 10 million');
    expect(oddsInWords(2.1e-7)).toBe('about 1 in 5 million');
    expect(oddsInWords(0.0004)).toBe('about 1 in 3,000');
    expect(oddsInWords(1e-20)).toBe('about 1 in 10^20');
    expect(oddsInWords(0)).toBe('fewer than 1 in 10^300');
    expect(oddsInWords(0.7)).toBe('more often than not');
    for (const p of [1e-7, 3.3e-5, 0.01, 0.049, 1e-20, 0]) expect(describePValue(p)).toBe(`${oddsInWords(p)} for unwatermarked text`);
    expect(() => oddsInWords(Number.NaN)).toThrow(RangeError);
  });
});
