// The green mask against every unigram.json case (and a held-back set via WMLENS_VECTORS_DIR): count,
// SHA-256 of the packed mask, and the 16 smallest green ids. Masks are shared between cases of one key.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type UnigramGreenMask, isGreen, unigramGreenCount, unigramGreenMask, unigramSeed } from './green-mask';
import { loadUnigramCases } from './unigram-vectors.test-util';

const cases = loadUnigramCases();
const masks = new Map<string, Promise<UnigramGreenMask>>();
function maskFor(c: (typeof cases)[number]): Promise<UnigramGreenMask> {
  const k = `${c.config.watermarkKey}/${c.config.fraction}/${c.config.vocabSize}`;
  if (!masks.has(k)) {
    masks.set(k, unigramGreenMask({ watermarkKey: BigInt(c.config.watermarkKey), fraction: c.config.fraction, vocabSize: c.config.vocabSize }));
  }
  return masks.get(k)!;
}

describe('Unigram green mask (numpy PCG64 shuffle)', () => {
  it('has cases to check', () => expect(cases.length).toBeGreaterThan(0));

  for (const c of cases) {
    it(c.name, async () => {
      const mask = await maskFor(c);
      expect(mask.greenCount).toBe(c.expected.greenCount);
      expect(createHash('sha256').update(mask.bits).digest('hex')).toBe(c.expected.maskSha256);
      const first: number[] = [];
      for (let id = 0; id < mask.vocabSize && first.length < c.expected.firstGreen.length; id++) if (isGreen(mask, id)) first.push(id);
      expect(first).toEqual(c.expected.firstGreen);
    });
  }

  it('truncates fraction·V as Python int() does on the float64 product', () => {
    expect(unigramGreenCount(0.29, 100)).toBe(28); // 0.29 * 100 = 28.999999999999996
    expect(unigramGreenCount(0.5, 7)).toBe(3);
  });

  it('hashes the key as int64 little-endian bytes, including the extremes', async () => {
    // sha256(np.int64(0).tobytes()) = af5570f5…; the seed is its first 4 bytes read little-endian.
    expect(await unigramSeed(0n)).toBe(0xf57055af);
    await expect(unigramSeed(1n << 63n)).rejects.toThrow(RangeError);
  });

  it('never marks ids outside the vocabulary green', async () => {
    const mask = await unigramGreenMask({ watermarkKey: 1n, fraction: 0.5, vocabSize: 7 });
    expect(isGreen(mask, 7)).toBe(false);
    expect(isGreen(mask, 8)).toBe(false);
    expect(isGreen(mask, -1)).toBe(false);
  });
});
