// The report's number formats: pinned, because eval/report.md is compared byte for byte between runs.
import { describe, expect, it } from 'vitest';
import type { Rate } from '../lib/rates';
import { alphaLabel, pct, rateCell, table } from './format';

const rate = (r: Partial<Rate>): Rate => ({ alpha: 1e-2, windows: 1000, alarms: 0, rate: 0, excessP: 1, ...r });

describe('pct', () => {
  it('writes 0 and non-finite rates without a percent sign', () => {
    expect(pct(0)).toBe('0');
    expect(pct(NaN)).toBe('n/a');
    expect(pct(Infinity)).toBe('n/a');
  });
  it('uses the given digits, and 3 below 0.1%', () => {
    expect(pct(0.1234)).toBe('12.34%');
    expect(pct(0.9, 0)).toBe('90%');
    expect(pct(0.0005)).toBe('0.050%');
    expect(pct(0.0005, 0)).toBe('0.050%');
  });
});

describe('alphaLabel', () => {
  it('writes α as 1e-N', () => {
    expect([1e-2, 1e-3, 1e-4].map(alphaLabel)).toEqual(['1e-2', '1e-3', '1e-4']);
  });
});

describe('table', () => {
  it('builds a markdown table with one separator per column', () => {
    expect(table(['a', 'b'], [['1', '2'], ['3', '4']])).toBe('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |');
  });
  it('keeps the head alone when there are no rows', () => {
    expect(table(['a'], [])).toBe('| a |\n|---|');
  });
});

describe('rateCell', () => {
  it('writes rate and alarms', () => {
    expect(rateCell(rate({ alarms: 5, rate: 0.005 }))).toBe('0.50% (5)');
  });
  it('bolds a rate above α beyond sampling error', () => {
    expect(rateCell(rate({ alarms: 30, rate: 0.03, excessP: 1e-5 }))).toBe('**3.00% (30)**');
  });
  it('marks cells with fewer than 1/α windows', () => {
    expect(rateCell(rate({ alpha: 1e-4, windows: 5000, alarms: 0, rate: 0 }))).toBe('0 (0)†');
    expect(rateCell(rate({ alpha: 1e-4, windows: 5000, alarms: 2, rate: 4e-4, excessP: 0.001 }))).toBe('**0.040% (2)**†');
  });
});
