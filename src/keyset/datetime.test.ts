import { describe, expect, it } from 'vitest';
import { parseIsoDateTime } from './datetime';

describe('parseIsoDateTime', () => {
  it('reads UTC and offset forms to the same instant', () => {
    const utc = Date.UTC(2026, 10, 1, 0, 0, 0);
    expect(parseIsoDateTime('2026-11-01T00:00:00Z')).toBe(utc);
    expect(parseIsoDateTime('2026-11-01T02:30:00+02:30')).toBe(utc);
    expect(parseIsoDateTime('2026-10-31T19:00:00-05:00')).toBe(utc);
  });

  it('keeps milliseconds and drops finer digits', () => {
    expect(parseIsoDateTime('2026-11-01T00:00:00.5Z')).toBe(Date.UTC(2026, 10, 1) + 500);
    expect(parseIsoDateTime('2026-11-01T00:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 1) + 123);
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseIsoDateTime('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
    expect(parseIsoDateTime('2026-02-29T00:00:00Z')).toBeUndefined();
    expect(parseIsoDateTime('2100-02-29T00:00:00Z')).toBeUndefined();
  });

  it.each([
    '2026-11-01', // no time
    '2026-11-01T00:00:00', // no zone: ambiguous
    '2026-11-01T00:00Z', // no seconds
    '2026-11-01 00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-11-01T24:00:00Z',
    '2026-11-01T00:00:00+24:00',
    ' 2026-11-01T00:00:00Z',
  ])('refuses %j', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });
});
