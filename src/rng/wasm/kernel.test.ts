import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKernel, kernelModuleSource } from '../../../scripts/build-wasm.mjs';
import { loadVectors } from '../../test-support/vectors';
import { stepReciprocals } from '../fast-mod';
import { GreenListSampler, placementStep } from '../green-list';
import { MT_N } from '../mt19937';
import { randperm } from '../randperm';
import { sha256LeInt64 } from '../sha256-le-int64.test-util';
import { cpuSeed32 } from '../torch-seed';
import { GreenKernel, greenKernelAvailable } from './kernel';

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

describe('the WebAssembly green-list kernel', () => {
  it('is available here (Node has WebAssembly SIMD), so the tests below exercise it', () => {
    expect(greenKernelAvailable()).toBe(true);
  });

  it('green-kernel.wasm.ts is exactly the compiled green-kernel.wat', async () => {
    const committed = readFileSync(join(__dirname, 'green-kernel.wasm.ts'), 'utf8');
    expect(committed).toBe(kernelModuleSource(await compileKernel()));
  });

  it('permutation() reproduces every prng.json randperm row (prefix and whole), and randperm for small n', () => {
    const rows = loadVectors('prng.json').randperm as Array<{ n: number; seed: number | string; first32: number[]; prefix_len: number; sha256_prefix: string; sha256_full: string }>;
    expect(rows.length).toBe(78);
    const kernels = new Map<number, GreenKernel>();
    for (const row of rows) {
      if (!kernels.has(row.n)) kernels.set(row.n, GreenKernel.create(row.n)!);
      const kernel = kernels.get(row.n)!;
      const seed32 = cpuSeed32(BigInt(row.seed));
      const full = kernel.permutation(seed32, row.n - 1, row.n);
      expect(Array.from(full.subarray(0, 32))).toEqual(row.first32);
      expect(sha256LeInt64(full)).toBe(row.sha256_full);
      // Only the first prefix_len steps: the green list.
      expect(sha256LeInt64(kernel.permutation(seed32, row.prefix_len, row.prefix_len))).toBe(row.sha256_prefix);
    }
    const next = xorshift(7);
    for (let n = 2; n < 1400; n += 1 + (next() % 37)) {
      const seed32 = next();
      expect(GreenKernel.create(n)!.permutation(seed32, n - 1, n)).toEqual(randperm(n, seed32));
    }
  });

  it('placement() equals placementStep() for many seeds, targets and step counts (block edges included)', () => {
    const next = xorshift(11);
    for (const n of [2, 3, 5, 624, 625, 1249, 5000, 50257]) {
      const kernel = GreenKernel.create(n)!;
      const inv = stepReciprocals(n);
      const s = new Uint32Array(MT_N);
      for (let trial = 0; trial < 60; trial++) {
        const steps = [n - 1, Math.max(1, Math.floor(n / 4)), 1 + (next() % (n - 1 || 1)), Math.min(n - 1, 624), Math.min(n - 1, 625)][trial % 5];
        const seed32 = next();
        const target = next() % n;
        expect(kernel.placement(seed32, steps, target)).toBe(placementStep(s, inv, n, steps, seed32, target));
      }
    }
  });

  it('placeMany() places each of several targets at the step placement() finds for it alone', () => {
    const next = xorshift(13);
    for (const n of [3, 626, 50257]) {
      const kernel = GreenKernel.create(n)!;
      for (let trial = 0; trial < 40; trial++) {
        const steps = [n - 1, Math.max(1, Math.floor(n / 4)), 1 + (next() % (n - 1))][trial % 3];
        const seed32 = next();
        const targets = [...new Set(Array.from({ length: 1 + (next() % Math.min(n, 300)) }, () => next() % n))];
        const out = new Int32Array(targets.length);
        kernel.placeMany(seed32, steps, targets, 0, targets.length, out);
        expect(Array.from(out)).toEqual(targets.map((t) => kernel.placement(seed32, steps, t)));
      }
    }
  });

  it('placeMany() of 1 to 4 targets (the lane path) equals placementStep() for each, small n and block edges included', () => {
    const next = xorshift(17);
    for (const n of [2, 5, 9, 627, 1250, 50257]) {
      const kernel = GreenKernel.create(n)!;
      const inv = stepReciprocals(n);
      const s = new Uint32Array(MT_N);
      for (let trial = 0; trial < 300; trial++) {
        const steps = [n - 1, Math.max(1, Math.floor(n / 4)), 1 + (next() % (n - 1 || 1)), Math.min(n - 1, 624), Math.min(n - 1, 625), Math.min(n - 1, 3)][trial % 6];
        const seed32 = next();
        // Targets often among the first positions, so that steps reach them and j's land on them.
        const pick = () => (trial % 3 === 0 ? next() % Math.min(n, 8) : next() % n);
        const targets = [...new Set(Array.from({ length: 1 + (trial % 4) }, pick))];
        const out = new Int32Array(targets.length);
        kernel.placeMany(seed32, steps, targets, 0, targets.length, out);
        expect(Array.from(out)).toEqual(targets.map((t) => placementStep(s, inv, n, steps, seed32, t)));
      }
    }
  });

  it('samplers give the same bitsets, memberships and green lists with and without WebAssembly', () => {
    const next = xorshift(5);
    for (const [n, gamma] of [[50257, 0.25], [50257, 0.5], [32000, 0.25], [1000, 0.1], [7, 0.5], [626, 0.9]] as const) {
      for (const select of [true, false]) {
        const wasm = new GreenListSampler(n, gamma, select);
        const js = new GreenListSampler(n, gamma, select, { wasm: false });
        expect(wasm.usesWasm).toBe(true);
        expect(js.usesWasm).toBe(false);
        for (let trial = 0; trial < 8; trial++) {
          const seed32 = next();
          expect(wasm.greenBitset(seed32)).toEqual(js.greenBitset(seed32));
          expect(wasm.greenListIds(seed32)).toEqual(js.greenListIds(seed32));
          const targets = [...new Set(Array.from({ length: 20 }, () => next() % n))];
          for (const target of targets) expect(wasm.isGreen(seed32, target)).toBe(js.isGreen(seed32, target));
          const [a, b] = [new Uint8Array(targets.length), new Uint8Array(targets.length)];
          wasm.greenMany(seed32, targets, 0, targets.length, a, 0);
          js.greenMany(seed32, targets, 0, targets.length, b, 0);
          expect(a).toEqual(b);
          expect(Array.from(a)).toEqual(targets.map((t) => (js.isGreen(seed32, t) ? 1 : 0)));
        }
      }
    }
  });
});
