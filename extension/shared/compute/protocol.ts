// Messages between the pool (offscreen document or Firefox background page) and one detection Worker.
import type { BlockResult, BlockText, KeySetError, KeySetPayload } from '../messages';
import type { KeyDetection } from '../../../src/detect-types';

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
export type ToWorker = WorkerDetect | WorkerCompile;

export interface WorkerDetectResult {
  type: 'detect-result';
  batchId: number;
  results: BlockResult[];
  keySetErrors: KeySetError[];
  ms: number;
}
export interface WorkerCompileResult {
  type: 'compile-result';
  reqId: number;
  ok: boolean;
  meta?: { id: string; name: string; version: number; fingerprint: string };
  error?: string;
}
export type FromWorker = WorkerDetectResult | WorkerCompileResult;

export type { KeyDetection };
