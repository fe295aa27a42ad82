import { describe, expect, it } from 'vitest';
import { formatFraction, formatP, formatZ, oddsInWords, plainReading } from './format';

describe('formatP', () => {
  it('writes ordinary and tiny p-values readably', () => {
    expect(formatP(0.5)).toBe('0.5');
    expect(formatP(0.034)).toBe('0.034');
    expect(formatP(0.0012)).toBe('0.0012');
    expect(formatP(3.2e-8)).toBe('3.2 × 10⁻⁸');
    expect(formatP(1e-12)).toBe('1 × 10⁻¹²');
    expect(formatP(0)).toBe('< 10⁻³⁰⁰');
    expect(formatP(Number.NaN)).toBe('—');
  });
});

describe('formatZ / formatFraction', () => {
  it('rounds', () => {
    expect(formatZ(5.678)).toBe('5.68');
    expect(formatFraction(41, 47)).toBe('87.2%');
    expect(formatFraction(0, 0)).toBe('—');
  });
});

describe('oddsInWords', () => {
  it('says how rare the score is', () => {
    expect(oddsInWords(1e-7)).toBe('about 1 in 10 million');
    expect(oddsInWords(2.1e-7)).toBe('about 1 in 5 million');
    expect(oddsInWords(0.01)).toBe('about 1 in 100');
    expect(oddsInWords(0.0004)).toBe('about 1 in 3,000');
    expect(oddsInWords(1e-20)).toBe('about 1 in 10^20');
    expect(oddsInWords(0)).toBe('fewer than 1 in 10^300');
    expect(oddsInWords(0.7)).toBe('more often than not');
  });
  it('never calls the text AI-written or human', () => {
    const s = plainReading(1e-7, 'Acme');
    expect(s).toContain('Consistent with the watermark of Acme');
    expect(s).toContain('about 1 in 10 million for unwatermarked text');
    expect(s.toLowerCase()).not.toMatch(/\bai\b|human|written by/);
  });
});
