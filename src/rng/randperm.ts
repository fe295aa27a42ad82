// torch.randperm(n, generator=cpu_generator) for the branch every vocabulary size takes (spec §2.3).
// Deliberately the plain loop with `%`: it is the ground truth the optimised green-list sampler is
// tested against, and it builds the hashint tables once per seed.

import { MT19937 } from './mt19937';

/**
 * torch switches to a different algorithm (inside-out shuffle with 64-bit draws) once
 * n >= floor((2^32 - 1) / 20); that branch is not implemented.
 */
export const RANDPERM_MAX_N = 214_748_364;

export function checkRandpermSize(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`randperm: n must be a non-negative integer, got ${n}`);
  }
  if (n >= RANDPERM_MAX_N) {
    throw new RangeError(
      `randperm: n = ${n} is >= ${RANDPERM_MAX_N}, where torch uses its large-n algorithm, which is not supported`,
    );
  }
}

/** Fisher–Yates with n-1 draws: step i swaps a[i] with a[i + (draw mod (n - i))]. */
export function randperm(n: number, seed32: number): Int32Array {
  checkRandpermSize(n);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  const mt = new MT19937(seed32);
  for (let i = 0; i < n - 1; i++) {
    const j = i + (mt.nextU32() % (n - i));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
