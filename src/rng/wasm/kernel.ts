// The WebAssembly green-list kernel (green-kernel.wat): one instance per permutation length n, holding
// its reciprocal and identity tables. Used when WebAssembly with SIMD is available and not switched off;
// otherwise callers fall back to the plain-JavaScript loops of green-list.ts, which remain the reference
// (kernel.test.ts and the vector tests check both give identical answers).
import { GREEN_KERNEL_WASM_BASE64 } from './green-kernel.wasm';
import { fillVocabulary } from '../vocabulary-bits';

interface KernelExports {
  memory: WebAssembly.Memory;
  prepare(n: number): number;
  bitsPtr(): number;
  valPtr(): number;
  bitset(seed32: number, steps: number, setBits: number): void;
  placement(seed32: number, steps: number, target: number): number;
  permute(seed32: number, steps: number): void;
  manyPtr(): number;
  placeMany(seed32: number, steps: number, count: number): void;
}

/** The most targets placeMany() tracks in one pass. */
export const MAX_MANY_TARGETS = 4096;

let compiled: WebAssembly.Module | null | undefined;
let enabled = !/^(0|false|off|no)$/i.test((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.WMLENS_WASM ?? '');

/** Switches the kernel off (false) or back on for samplers created afterwards; WMLENS_WASM=0 starts it off. */
export function setGreenKernelEnabled(on: boolean): void {
  enabled = on;
}

/** Whether new samplers will use WebAssembly: enabled, and the module compiles here (SIMD supported). */
export function greenKernelAvailable(): boolean {
  return enabled && kernelModule() !== null;
}

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const text = atob(GREEN_KERNEL_WASM_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      // Synchronous: the module is under 2 KB, well within what browsers compile on any thread.
      compiled = new WebAssembly.Module(bytes);
    } catch {
      // No WebAssembly, no SIMD, or a content security policy without 'wasm-unsafe-eval'.
      compiled = null;
    }
  }
  return compiled;
}

export class GreenKernel {
  // Views into the instance's memory, which never grows after prepare().
  private readonly bits: Uint32Array;
  private readonly val: Int32Array;
  private readonly many: Int32Array;
  private readonly manyResults: Int32Array;

  private constructor(
    private readonly k: KernelExports,
    readonly n: number,
  ) {
    this.bits = new Uint32Array(k.memory.buffer, k.bitsPtr(), (n + 31) >>> 5);
    this.val = new Int32Array(k.memory.buffer, k.valPtr(), n);
    this.many = new Int32Array(k.memory.buffer, k.manyPtr(), MAX_MANY_TARGETS);
    this.manyResults = new Int32Array(k.memory.buffer, k.manyPtr() + 4 * MAX_MANY_TARGETS, MAX_MANY_TARGETS);
  }

  /** A kernel for permutations of length n, or null when WebAssembly is off or unavailable. */
  static create(n: number): GreenKernel | null {
    if (!enabled || n < 1 || n > 0x3fffffff) return null;
    const module = kernelModule();
    if (module === null) return null;
    try {
      const k = new WebAssembly.Instance(module).exports as unknown as KernelExports;
      return k.prepare(n) === 1 ? new GreenKernel(k, n) : null;
    } catch {
      return null;
    }
  }

  /**
   * Runs `steps` Fisher–Yates steps from seed32 into `bits` (vocabulary-sized): with setBits, the bits
   * of the values placed on an empty set; without, those bits cleared from the whole vocabulary.
   */
  bitset(seed32: number, steps: number, setBits: boolean, bits: Uint32Array): void {
    if (bits.length !== this.bits.length) throw new RangeError(`GreenKernel.bitset: expected ${this.bits.length} words, got ${bits.length}`);
    // The start is filled here, not copied in from the caller's array (a copy costs several times a fill).
    if (setBits) this.bits.fill(0);
    else fillVocabulary(this.bits, this.n);
    this.k.bitset(seed32 | 0, steps, setBits ? 1 : 0);
    bits.set(this.bits);
  }

  /** placementStep(): the step that places `target`, or -1 if still unplaced after `steps` steps. */
  placement(seed32: number, steps: number, target: number): number {
    return this.k.placement(seed32 | 0, steps, target);
  }

  /**
   * placement() of several distinct targets (each in [0, n), at most MAX_MANY_TARGETS) in one pass,
   * which stops once all are placed: out[k] = the step placing targets[from + k], or -1.
   */
  placeMany(seed32: number, steps: number, targets: ArrayLike<number>, from: number, count: number, out: Int32Array): void {
    if (count > MAX_MANY_TARGETS) throw new RangeError(`GreenKernel.placeMany: at most ${MAX_MANY_TARGETS} targets, got ${count}`);
    for (let k = 0; k < count; k++) {
      const t = targets[from + k];
      if (!(t >>> 0 === t && t < this.n)) throw new RangeError(`GreenKernel.placeMany: target ${t} outside [0, ${this.n})`);
      this.many[k] = t;
    }
    this.k.placeMany(seed32 | 0, steps, count);
    out.set(this.manyResults.subarray(0, count));
  }

  /** The first `length` entries after `steps` Fisher–Yates steps (steps = n - 1: the whole randperm). */
  permutation(seed32: number, steps: number, length: number): Int32Array {
    this.k.permute(seed32 | 0, steps);
    return this.val.slice(0, length);
  }
}
