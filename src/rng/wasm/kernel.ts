// The WebAssembly green-list kernel (green-kernel.wat): one instance per permutation length n, holding
// its reciprocal and identity tables. Used when WebAssembly with SIMD is available and not switched off;
// otherwise callers fall back to the plain-JavaScript loops of green-list.ts, which remain the reference
// (kernel.test.ts and the vector tests check both give identical answers).
import { GREEN_KERNEL_WASM_BASE64 } from './green-kernel.wasm';

interface KernelExports {
  memory: WebAssembly.Memory;
  prepare(n: number): number;
  bitsPtr(): number;
  valPtr(): number;
  bitset(seed32: number, steps: number, setBits: number): void;
  placement(seed32: number, steps: number, target: number): number;
  permute(seed32: number, steps: number): void;
}

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

  private constructor(
    private readonly k: KernelExports,
    readonly n: number,
  ) {
    this.bits = new Uint32Array(k.memory.buffer, k.bitsPtr(), (n + 31) >>> 5);
    this.val = new Int32Array(k.memory.buffer, k.valPtr(), n);
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
   * Runs `steps` Fisher–Yates steps from seed32 and sets (or, setBits false, clears) the bit of every
   * value placed, in `bits` (vocabulary-sized, already initialised by the caller).
   */
  bitset(seed32: number, steps: number, setBits: boolean, bits: Uint32Array): void {
    if (bits.length !== this.bits.length) throw new RangeError(`GreenKernel.bitset: expected ${this.bits.length} words, got ${bits.length}`);
    this.bits.set(bits);
    this.k.bitset(seed32 | 0, steps, setBits ? 1 : 0);
    bits.set(this.bits);
  }

  /** placementStep(): the step that places `target`, or -1 if still unplaced after `steps` steps. */
  placement(seed32: number, steps: number, target: number): number {
    return this.k.placement(seed32 | 0, steps, target);
  }

  /** The first `length` entries after `steps` Fisher–Yates steps (steps = n - 1: the whole randperm). */
  permutation(seed32: number, steps: number, length: number): Int32Array {
    this.k.permute(seed32 | 0, steps);
    return this.val.slice(0, length);
  }
}
