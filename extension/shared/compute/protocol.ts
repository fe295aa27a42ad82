// Messages between the pool (offscreen document or Firefox background page) and one detection Worker.
import type { BlockResult, BlockText, KeySetError, KeySetPayload } from '../messages';
import type { KeyDetection } from '../../../src/detect-types';
import type { TraceMark } from '../trace';
import type { PrebuiltLists } from './prebuild';

export interface WorkerDetect {
  type: 'detect';
  batchId: number;
  /** Documents this Worker has not been given yet; it keeps every one it was given. */
  keySets: KeySetPayload[];
  refs: string[];
  blocks: BlockText[];
  alpha: number;
  /** Other Workers exist: send them what this one builds (`prebuilt`). */
  share: boolean;
}
export interface WorkerCompile {
  type: 'compile';
  reqId: number;
  keySet: KeySetPayload;
}
/** Compile these key sets now (tokenizer, green-list store), before any block needs them. */
export interface WorkerWarm {
  type: 'warm';
  keySets: KeySetPayload[];
  refs: string[];
  /**
   * Then build the green lists of the key sets' frequent contexts while idle (prebuild.ts), reporting
   * them as `prebuilt` messages: the pool asks one Worker and primes the others with its lists.
   */
  prebuild?: boolean;
  /** Other Workers exist (or may): send them what this one builds. */
  share: boolean;
}
/** Green lists and answers another Worker built: into this Worker's caches. */
export interface WorkerPrime {
  type: 'prime';
  lists: PrebuiltLists;
}
export type ToWorker = WorkerDetect | WorkerCompile | WorkerWarm | WorkerPrime;

export interface WorkerDetectResult {
  type: 'detect-result';
  batchId: number;
  results: BlockResult[];
  keySetErrors: KeySetError[];
  ms: number;
  /** Test build: the Worker's trace marks since its last answer (extension/shared/trace.ts). */
  marks?: TraceMark[];
}
export interface WorkerCompileResult {
  type: 'compile-result';
  reqId: number;
  ok: boolean;
  meta?: { id: string; name: string; version: number; fingerprint: string };
  error?: string;
}
/** The warm-up's key sets are compiled (or failed: batches that need them report it). */
export interface WorkerWarmResult {
  type: 'warm-result';
}
/** Lists and answers this Worker built, for the other Workers. */
export interface WorkerPrebuilt {
  type: 'prebuilt';
  lists: PrebuiltLists;
  /** Built ahead of pages (the frequent contexts): kept for Workers started later too. */
  ahead: boolean;
}
export type FromWorker = WorkerDetectResult | WorkerCompileResult | WorkerWarmResult | WorkerPrebuilt;

export type { KeyDetection };
