import { describe, expect, it } from 'vitest';
import { fft } from './fft';
import { mulberry32 } from './seeded-random';

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((j * k) % n)) / n;
      outRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      outIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

describe('fft', () => {
  it.each([1, 2, 4, 8, 64, 256])('matches the naive DFT for length %i', (n) => {
    const rand = mulberry32(n);
    const re = Float64Array.from({ length: n }, () => rand() - 0.5);
    const im = Float64Array.from({ length: n }, () => rand() - 0.5);
    const [wantRe, wantIm] = naiveDft(re, im);
    fft(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(wantRe[k], 12);
      expect(im[k]).toBeCloseTo(wantIm[k], 12);
    }
  });

  it('inverts itself', () => {
    const rand = mulberry32(7);
    const re = Float64Array.from({ length: 1024 }, () => rand());
    const im = new Float64Array(1024);
    const original = re.slice();
    fft(re, im);
    fft(re, im, true);
    for (let i = 0; i < re.length; i++) {
      expect(re[i]).toBeCloseTo(original[i], 13);
      expect(im[i]).toBeCloseTo(0, 13);
    }
  });

  it('refuses a length that is not a power of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
    expect(() => fft(new Float64Array(8), new Float64Array(4))).toThrow(/power of two/);
  });
});
