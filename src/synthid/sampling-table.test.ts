import { describe, expect, it } from 'vitest';
import { MT19937 } from '../rng/mt19937';
import { decodeSamplingTable, encodeSamplingTable, torchCpuSamplingTable } from './sampling-table';

describe('sampling table', () => {
  it('is the low bit of consecutive MT19937 draws, and only the seed’s low 32 bits matter', () => {
    const table = torchCpuSamplingTable(100, 42n);
    const rng = new MT19937(42);
    for (let i = 0; i < 100; i++) expect((table.bits[i >> 3] >> (i & 7)) & 1).toBe(rng.nextU32() & 1);
    expect(torchCpuSamplingTable(100, 42n + (1n << 32n)).bits).toEqual(table.bits);
  });

  it('round-trips through base64, and the ones are counted', () => {
    const table = torchCpuSamplingTable(1021, 7n);
    const decoded = decodeSamplingTable(encodeSamplingTable(table), 1021);
    expect(decoded.bits).toEqual(table.bits);
    expect(decoded.ones).toBe(table.ones);
  });

  it('refuses a table of the wrong length or with bits past the end', () => {
    expect(() => decodeSamplingTable('AAAA', 64)).toThrow(/8 bytes/);
    // 12 bits: two bytes, the second may only use its low 4 bits.
    expect(() => decodeSamplingTable(btoa('\x00\xf0'), 12)).toThrow(/must be 0/);
    expect(decodeSamplingTable(btoa('\xff\x0f'), 12).ones).toBe(12);
  });
});
