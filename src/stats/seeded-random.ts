// A small deterministic PRNG for simulations and tests that must not depend on Math.random.

/** mulberry32: uniform doubles in [0, 1) with 32 bits of state. Not for anything secret. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n independent Bernoulli(p) draws as 0/1. */
export function bernoulliSequence(rand: () => number, n: number, p: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rand() < p ? 1 : 0;
  return out;
}
