// Green/red colours of many (seed, target) pairs, computed once each and as cheaply as possible:
// a seed asked about many targets gets one full green list (≈ γ·V generator draws), a seed asked
// about a few gets per-target answers (a partial shuffle each). Colours depend only on
// (seed, target) and the green-list geometry (V, γ, head/tail), never on the key, so keys that share
// a geometry share the table, and the table can be kept on disk between runs (eval/.cache/, ignored).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GreenListSampler, bitsetHas, greenListSize } from '../../src/rng/green-list';
import type { GreenOracle } from '../../src/score/green-oracle';

import { TARGET_SPAN } from '../../src/score/unit-id';

export { TARGET_SPAN };

/** The number scoreIds and the calibration use for a (seed, target) unit. */
export function pairId(seed32: number, target: number): number {
  return seed32 * TARGET_SPAN + target;
}

// A seed with at least this many targets to answer is cheaper as one bitset (measured ≈ 7.5×).
const BITSET_FROM_TARGETS = 8;

export class ColourTable {
  private readonly colours = new Map<number, number>();
  private readonly sampler: GreenListSampler;
  private dirty = false;

  constructor(
    readonly vocabSize: number,
    readonly gamma: number,
    readonly selectGreenTokens: boolean,
    private readonly cacheFile?: string,
  ) {
    this.sampler = new GreenListSampler(vocabSize, gamma, selectGreenTokens);
    if (cacheFile !== undefined) this.load(cacheFile);
  }

  private load(file: string): void {
    if (!existsSync(file)) return;
    const bytes = readFileSync(file);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at + 9 <= bytes.byteLength; at += 9) {
      const pair = view.getFloat64(at, true);
      if (!this.colours.has(pair)) this.colours.set(pair, view.getUint8(at + 8));
    }
  }

  /** Identifies the geometry, for cache file names. */
  static geometryId(vocabSize: number, gamma: number, selectGreenTokens: boolean): string {
    return `${vocabSize}-${greenListSize(vocabSize, gamma)}-${selectGreenTokens ? 'head' : 'tail'}`;
  }

  get size(): number {
    return this.colours.size;
  }

  /** Colours every pair not yet known. Returns how many were computed. */
  ensure(pairs: Iterable<number>): number {
    const bySeed = new Map<number, number[]>();
    for (const p of pairs) {
      if (this.colours.has(p)) continue;
      const seed = Math.floor(p / TARGET_SPAN);
      let targets = bySeed.get(seed);
      if (targets === undefined) bySeed.set(seed, (targets = []));
      targets.push(p - seed * TARGET_SPAN);
    }
    let computed = 0;
    for (const [seed, raw] of bySeed) {
      const targets = [...new Set(raw)];
      if (targets.length >= BITSET_FROM_TARGETS) {
        const bits = this.sampler.greenBitset(seed);
        for (const t of targets) this.colours.set(pairId(seed, t), bitsetHas(bits, t) ? 1 : 0);
      } else {
        for (const t of targets) this.colours.set(pairId(seed, t), this.sampler.isGreen(seed, t) ? 1 : 0);
      }
      computed += targets.length;
    }
    if (computed > 0) this.dirty = true;
    return computed;
  }

  colour(pair: number): number {
    const c = this.colours.get(pair);
    if (c === undefined) throw new Error(`colour of pair ${pair} was never computed`);
    return c;
  }

  /** A stand-in for the scorer's oracle that answers from this table (every pair must be known). */
  asOracle(): GreenOracle {
    const oracle = {
      sampler: this.sampler,
      isGreen: (seed32: number, target: number) => this.colour(pairId(seed32, target)) === 1,
      clear: () => {},
    };
    return oracle as unknown as GreenOracle;
  }

  save(): void {
    if (this.cacheFile === undefined || !this.dirty) return;
    // Another run may have saved colours meanwhile: keep them too.
    this.load(this.cacheFile);
    const bytes = Buffer.alloc(this.colours.size * 9);
    let at = 0;
    for (const [p, c] of this.colours) {
      bytes.writeDoubleLE(p, at);
      bytes.writeUInt8(c, at + 8);
      at += 9;
    }
    mkdirSync(dirname(this.cacheFile), { recursive: true });
    // Write-then-rename: another run reading the cache never sees half a file.
    const temp = `${this.cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, this.cacheFile);
    this.dirty = false;
  }
}
