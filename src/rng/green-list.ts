// Green-list membership without building the permutation (spec §2.4).
//
// Green list = randperm(V)[:size] (selectGreenTokens) or randperm(V)[V-size:] (legacy). Fisher–Yates
// fixes position i at step i and never touches it again, so membership is decided after at most
// `size` steps (legacy: V - size steps) instead of V - 1, and often earlier.

import { MT_N, mtSeedState, mtTwist } from './mt19937';
import { stepReciprocals } from './fast-mod';
import { checkRandpermSize, randperm } from './randperm';
import { GreenKernel, MAX_MANY_TARGETS } from './wasm/kernel';
import { fillVocabulary } from './vocabulary-bits';
import { BitsetSlabs } from './bitset-slabs';

export interface GreenListSamplerOptions {
  /**
   * Run the membership loops in WebAssembly (src/rng/wasm) when it is available (default), or false for
   * the plain-JavaScript loops below, which are the reference the kernel is tested against and the
   * fallback wherever WebAssembly with SIMD is not available.
   */
  wasm?: boolean;
}

/** Python `int(V * gamma)`: float64 multiply, truncation toward zero. */
export function greenListSize(vocabSize: number, gamma: number): number {
  return Math.trunc(vocabSize * gamma);
}

/**
 * The Fisher–Yates step (which is also the final position) at which `target` gets placed, or -1 if it
 * is still unplaced after `steps` steps. Needs 0 <= target < n and steps <= n - 1; `s` is scratch
 * MT state, `inv` = stepReciprocals(n).
 *
 * Only the target's position matters, so it is tracked as one number instead of a position map:
 * step i swaps positions i and j = i + (r mod (n - i)); the target is placed iff j is where it sits,
 * and it moves to j iff it sits at i. Nothing else can move it. MT drawing and tempering are inlined.
 */
export function placementStep(
  s: Uint32Array,
  inv: Float64Array,
  n: number,
  steps: number,
  seed32: number,
  target: number,
): number {
  mtSeedState(s, seed32);
  let at = target;
  let i = 0;
  while (i < steps) {
    mtTwist(s);
    const blockEnd = Math.min(steps - i, MT_N);
    for (let k = 0; k < blockEnd; k++, i++) {
      let y = s[k];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      const r = y >>> 0;
      // Exact r mod (n - i), see fast-mod.ts.
      const j = i + (r - Math.floor((r + 0.5) * inv[i]) * (n - i));
      if (j === at) return i;
      if (i === at) at = j;
    }
  }
  return -1;
}

/**
 * Runs the first `steps` Fisher–Yates steps and writes the value that lands at position i to out[i].
 * `val` is the whole permutation array, reset from `identity` first: one bulk copy is about twice as
 * fast as a sparse position map with generation stamps, whose extra random reads dominate the loop.
 */
function shufflePrefix(
  s: Uint32Array,
  inv: Float64Array,
  n: number,
  steps: number,
  seed32: number,
  val: Int32Array,
  identity: Int32Array,
  out: Int32Array,
): void {
  val.set(identity);
  mtSeedState(s, seed32);
  let i = 0;
  while (i < steps) {
    mtTwist(s);
    const blockEnd = Math.min(steps - i, MT_N);
    for (let k = 0; k < blockEnd; k++, i++) {
      let y = s[k];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      const r = y >>> 0;
      const j = i + (r - Math.floor((r + 0.5) * inv[i]) * (n - i));
      out[i] = val[j];
      val[j] = val[i];
    }
  }
}

/**
 * shufflePrefix, but the values placed go straight into a bitset (set, or cleared for the legacy tail
 * list whose red prefix is removed from a full set): no intermediate array on the hottest path. Kept as
 * a separate copy of the loop on purpose: one loop with optional outputs measured ~1.5x slower in V8.
 */
function shufflePrefixIntoBits(
  s: Uint32Array,
  inv: Float64Array,
  n: number,
  steps: number,
  seed32: number,
  val: Int32Array,
  identity: Int32Array,
  bits: Uint32Array,
  setBits: boolean,
): void {
  val.set(identity);
  mtSeedState(s, seed32);
  let i = 0;
  while (i < steps) {
    mtTwist(s);
    const blockEnd = Math.min(steps - i, MT_N);
    for (let k = 0; k < blockEnd; k++, i++) {
      let y = s[k];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      const r = y >>> 0;
      const j = i + (r - Math.floor((r + 0.5) * inv[i]) * (n - i));
      const v = val[j];
      val[j] = val[i];
      if (setBits) bits[v >>> 5] |= 1 << (v & 31);
      else bits[v >>> 5] &= ~(1 << (v & 31));
    }
  }
}

/** Whether `id` is set in a bitset from greenBitset(); ids outside the bitset are not. */
export function bitsetHas(bits: Uint32Array, id: number): boolean {
  const w = id >>> 5;
  return id >>> 0 === id && w < bits.length && ((bits[w] >>> (id & 31)) & 1) === 1;
}

// 0, 1, 2, …: the start of every shuffle. Shared by all samplers (a prefix of the longest one serves
// every shorter vocabulary), grown to powers of two like the reciprocal table in fast-mod.ts.
let identityTable = new Int32Array(0);

function identityOf(n: number): Int32Array {
  if (n > identityTable.length) {
    const size = 2 ** Math.ceil(Math.log2(n));
    identityTable = new Int32Array(size);
    for (let p = 0; p < size; p++) identityTable[p] = p;
  }
  return identityTable.subarray(0, n);
}

export class GreenListSampler {
  readonly vocabSize: number;
  readonly gamma: number;
  readonly selectGreenTokens: boolean;
  /** greenListSize(vocabSize, gamma) */
  readonly size: number;
  // Fisher–Yates steps that decide membership: the green prefix, or the red prefix in legacy mode.
  private readonly steps: number;
  // Reciprocal table of the JavaScript loops, made on first use (the kernel has its own).
  private invTable: Float64Array | null = null;
  private readonly mt = new Uint32Array(MT_N);
  // Permutation scratch, its initial state and the output buffer for whole-list queries, allocated on first use.
  private val: Int32Array | null = null;
  private identity: Int32Array | null = null;
  private prefix: Int32Array | null = null;
  // The WebAssembly kernel for this vocabulary size: undefined until first needed, null when not used.
  private kernel: GreenKernel | null | undefined;
  private placedSteps: Int32Array | null = null;
  // Where greenBitset's lists come from.
  private slabs: BitsetSlabs | null = null;

  constructor(vocabSize: number, gamma: number, selectGreenTokens = true, options: GreenListSamplerOptions = {}) {
    checkRandpermSize(vocabSize);
    if (vocabSize < 1) throw new RangeError(`GreenListSampler: vocabSize must be at least 1, got ${vocabSize}`);
    if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`GreenListSampler: gamma must be in [0, 1], got ${gamma}`);
    this.vocabSize = vocabSize;
    this.gamma = gamma;
    this.selectGreenTokens = selectGreenTokens;
    this.size = greenListSize(vocabSize, gamma);
    this.steps = selectGreenTokens ? this.size : vocabSize - this.size;
    if (options.wasm === false) this.kernel = null;
  }

  /** Whether this sampler runs its loops in WebAssembly (creates the kernel on first call). */
  get usesWasm(): boolean {
    return this.wasm() !== null;
  }

  private get inv(): Float64Array {
    if (this.invTable === null) this.invTable = stepReciprocals(this.vocabSize);
    return this.invTable;
  }

  private wasm(): GreenKernel | null {
    if (this.kernel === undefined) this.kernel = GreenKernel.create(this.vocabSize);
    return this.kernel;
  }

  isGreen(seed32: number, target: number): boolean {
    const n = this.vocabSize;
    // Non-integers would never be "placed", which legacy mode would read as green.
    if (target >>> 0 !== target || target >= n) return false;
    // size 0: nothing is green; size n: everything is (and steps could reach n, one past the last draw).
    if (this.size === 0) return false;
    if (this.size === n) return true;
    const kernel = this.wasm();
    const placed = kernel !== null ? kernel.placement(seed32, this.steps, target) : placementStep(this.mt, this.inv, n, this.steps, seed32, target);
    return placed >= 0 ? this.selectGreenTokens : !this.selectGreenTokens;
  }

  /**
   * isGreen(seed32, t) for the distinct targets t = targets[from], …, targets[from + count - 1], into
   * out[outFrom + k] (1 green, 0 red). The kernel follows every target through one run of the shuffle,
   * stopping once all are placed, so a context's targets cost one pass instead of one each.
   */
  greenMany(seed32: number, targets: ArrayLike<number>, from: number, count: number, out: Uint8Array, outFrom: number): void {
    const kernel = this.wasm();
    const n = this.vocabSize;
    let inRange = this.size > 0 && this.size < n;
    for (let k = 0; inRange && k < count; k++) inRange = targets[from + k] >>> 0 === targets[from + k] && targets[from + k] < n;
    if (kernel === null || !inRange || count > MAX_MANY_TARGETS) {
      for (let k = 0; k < count; k++) out[outFrom + k] = this.isGreen(seed32, targets[from + k]) ? 1 : 0;
      return;
    }
    const steps = this.placedSteps ?? (this.placedSteps = new Int32Array(MAX_MANY_TARGETS));
    kernel.placeMany(seed32, this.steps, targets, from, count, steps);
    for (let k = 0; k < count; k++) out[outFrom + k] = (steps[k] >= 0) === this.selectGreenTokens ? 1 : 0;
  }

  /**
   * The whole green list as a vocabSize-bit bitset (bit id of word id >>> 5). A fresh array of its own
   * contents; its buffer is shared with up to BITSETS_PER_SLAB - 1 other lists of this sampler.
   */
  greenBitset(seed32: number): Uint32Array {
    const n = this.vocabSize;
    const bits = this.freshBits();
    if (this.size === 0) return bits;
    const kernel = this.size === n ? null : this.wasm();
    if (kernel !== null) {
      kernel.bitset(seed32, this.steps, this.selectGreenTokens, bits);
      return bits;
    }
    if (this.size === n || !this.selectGreenTokens) {
      // Start from all of [0, n) green; legacy mode then removes the red prefix.
      fillVocabulary(bits, n);
      if (this.size === n) return bits;
    }
    const { val, identity } = this.scratch();
    shufflePrefixIntoBits(this.mt, this.inv, n, this.steps, seed32, val, identity, bits, this.selectGreenTokens);
    return bits;
  }

  /** The green ids in the reference's order (its greenlist_ids tensor). A fresh array. */
  greenListIds(seed32: number): Int32Array {
    if (!this.selectGreenTokens) {
      // The tail of the permutation is only known after all n - 1 steps.
      return randperm(this.vocabSize, seed32).slice(this.vocabSize - this.size);
    }
    if (this.size === this.vocabSize) return randperm(this.vocabSize, seed32);
    const kernel = this.wasm();
    if (kernel !== null) return kernel.permutation(seed32, this.steps, this.steps);
    return this.runPrefix(seed32).slice(0, this.steps);
  }

  /** A zeroed bitset, cut from a slab of several (bitset-slabs.ts). */
  private freshBits(): Uint32Array {
    this.slabs ??= new BitsetSlabs((this.vocabSize + 31) >>> 5);
    return this.slabs.next();
  }

  private scratch(): { val: Int32Array; identity: Int32Array } {
    if (this.val === null || this.identity === null) {
      this.val = new Int32Array(this.vocabSize);
      this.identity = identityOf(this.vocabSize);
    }
    return { val: this.val, identity: this.identity };
  }

  private runPrefix(seed32: number): Int32Array {
    const { val, identity } = this.scratch();
    if (this.prefix === null) this.prefix = new Int32Array(this.steps);
    shufflePrefix(this.mt, this.inv, this.vocabSize, this.steps, seed32, val, identity, this.prefix);
    return this.prefix;
  }
}
