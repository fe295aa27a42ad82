// Messages between the pool (offscreen document or Firefox background page) and one detection Worker.
import type { BlockResult, BlockText, KeySetError, KeySetPayload } from '../messages';
import type { KeyDetection } from '../../../src/detect-types';
import type { TraceMark } from '../trace';

export interface WorkerDetect {
  type: 'detect';
  batchId: number;
  /** Documents this Worker has not been given yet; it keeps every one it was given. */
  keySets: KeySetPayload[];
  refs: string[];
  blocks: BlockText[];
  alpha: number;
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
}
export type ToWorker = WorkerDetect | WorkerCompile | WorkerWarm;

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
export type FromWorker = WorkerDetectResult | WorkerCompileResult | WorkerWarmResult;

export type { KeyDetection };
