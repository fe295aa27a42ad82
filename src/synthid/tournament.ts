// The generation side of SynthID-Text, as the reference's SynthIDLogitsProcessor.watermarked_call does
// it (non-distortionary tournament, 2 leaves): scores / temperature → top-k → softmax → for each layer l,
// p ← p·(1 + g_l − Σ g_l·p) with the g-values of every candidate after the current context → log. A
// context seen among the last contextHistorySize contexts is left unwatermarked. Like the reference it is
// stateful: the context starts as n − 1 zeros (the prompt never enters it) and takes the last generated
// token at every later call; the context history starts as zeros too.
//
// For the project's stand-in generator (src/generate): apply() rewrites the logits so that the loop's
// own softmax at the same temperature gives back exactly the watermarked distribution.
import { accumulateStep, out } from './int64';
import { gValuesOfNgramHash } from './g-values';
import type { SynthIdScorer } from './params';

export interface TournamentOptions {
  /** Candidates kept (the reference's `top_k`; it refuses values ≤ 1). Default 40. */
  topK?: number;
  /** The sampling temperature the generator will apply afterwards (the reference divides by it first). */
  temperature: number;
}

export class SynthIdTournament {
  private readonly topK: number;
  private readonly temperature: number;
  private context: number[] | null = null;
  private readonly contextHistory: string[];
  private readonly g: Uint8Array;

  constructor(
    private readonly scorer: SynthIdScorer,
    options: TournamentOptions,
  ) {
    this.topK = options.topK ?? 40;
    if (!Number.isInteger(this.topK) || this.topK <= 1) throw new RangeError(`topK must be an integer > 1, got ${this.topK}`);
    if (!(options.temperature > 0)) throw new RangeError(`temperature must be > 0, got ${options.temperature}`);
    this.temperature = options.temperature;
    this.contextHistory = new Array<string>(scorer.params.contextHistorySize).fill('0:0');
    this.g = new Uint8Array(scorer.depth);
  }

  /**
   * Rewrites `logits` in place (`candidates[i]` is the token id of `logits[i]`): −∞ outside the top k,
   * T·log(watermarked probability) inside. Returns the indices whose probability the tournament raised.
   */
  apply(history: ArrayLike<number>, candidates: ArrayLike<number>, logits: Float64Array): number[] {
    const n = this.scorer.params.ngramLen;
    if (this.context === null) this.context = new Array<number>(n - 1).fill(0);
    else {
      this.context.push(history[history.length - 1]);
      this.context.shift();
    }
    const top = topIndices(logits, Math.min(this.topK, logits.length));
    const t = this.temperature;
    let max = -Infinity;
    for (const i of top) max = Math.max(max, logits[i] / t);
    const p = new Float64Array(top.length);
    let sum = 0;
    top.forEach((i, j) => {
      p[j] = Math.exp(logits[i] / t - max);
      sum += p[j];
    });
    for (let j = 0; j < p.length; j++) p[j] /= sum;
    const before = Float64Array.from(p);

    // Context hash, as the detector's repetition mask computes it.
    let hi = this.scorer.ivHi;
    let lo = this.scorer.ivLo;
    for (const id of this.context) {
      accumulateStep(hi, lo, 0, id);
      hi = out.hi;
      lo = out.lo;
    }
    const contextKey = `${hi}:${lo}`;
    const repeated = this.contextHistory.includes(contextKey);
    if (this.contextHistory.length > 0) {
      this.contextHistory.unshift(contextKey);
      this.contextHistory.pop();
    }

    if (!repeated) {
      const depth = this.scorer.depth;
      const g = new Uint8Array(top.length * depth);
      top.forEach((i, j) => {
        accumulateStep(hi, lo, 0, candidates[i]);
        gValuesOfNgramHash(this.scorer, out.hi, out.lo, g, j * depth);
      });
      for (let l = 0; l < depth; l++) {
        let mass = 0;
        for (let j = 0; j < p.length; j++) mass += g[j * depth + l] * p[j];
        for (let j = 0; j < p.length; j++) p[j] *= 1 + g[j * depth + l] - mass;
      }
    }
    logits.fill(-Infinity);
    const raised: number[] = [];
    top.forEach((i, j) => {
      logits[i] = p[j] > 0 ? t * Math.log(p[j]) : -Infinity;
      if (p[j] > before[j]) raised.push(i);
    });
    return raised;
  }
}

/** Indices of the k largest finite logits, largest first, ties in index order. */
function topIndices(logits: Float64Array, k: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < logits.length; i++) if (logits[i] > -Infinity) order.push(i);
  order.sort((a, b) => logits[b] - logits[a] || a - b);
  return order.slice(0, k);
}
