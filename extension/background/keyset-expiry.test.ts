import { describe, expect, it } from 'vitest';
import { nextExpiry } from './keyset-expiry';

describe('nextExpiry', () => {
  const now = Date.parse('2026-11-30T00:00:00Z');

  it('is the earliest future expiry of an enabled key set', () => {
    expect(
      nextExpiry(
        [
          { enabled: true, expires: '2027-03-01T00:00:00Z' },
          { enabled: true, expires: '2026-12-24T12:00:00Z' },
          { enabled: false, expires: '2026-12-01T00:00:00Z' }, // disabled: not used anyway
          { enabled: true, expires: '2026-01-01T00:00:00Z' }, // already expired: not used anyway
          { enabled: true },
        ],
        now,
      ),
    ).toBe(Date.parse('2026-12-24T12:00:00Z'));
  });

  it('is null when nothing in use will expire', () => {
    expect(nextExpiry([], now)).toBeNull();
    expect(nextExpiry([{ enabled: true }, { enabled: true, expires: 'not a date' }, { enabled: false, expires: '2030-01-01T00:00:00Z' }], now)).toBeNull();
  });
});
