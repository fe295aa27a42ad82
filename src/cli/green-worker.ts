// The CLI's second thread (bundled as build/cli/green-worker.mjs; started by green-thread.ts): runs its
// share of the green-list work of a line (src/score/green-work.ts) and hands the results back.
import { parentPort } from 'node:worker_threads';
import { GreenListSampler } from '../rng/green-list';
import { type GreenWork, runGreenWorkShared } from '../score/green-work';

export interface GreenJob extends GreenWork {
  vocabSize: number;
  gamma: number;
  selectGreenTokens: boolean;
  /** Int32 [0]: the next context to claim, shared with the main thread. */
  counter: SharedArrayBuffer;
  /** Uint8 per target: the answers, shared with the main thread. */
  answers: SharedArrayBuffer;
}

const samplers = new Map<string, GreenListSampler>();

parentPort?.on('message', (job: GreenJob) => {
  const id = `${job.vocabSize}:${job.gamma}:${job.selectGreenTokens}`;
  let sampler = samplers.get(id);
  if (sampler === undefined) {
    sampler = new GreenListSampler(job.vocabSize, job.gamma, job.selectGreenTokens);
    samplers.set(id, sampler);
  }
  const counter = new Int32Array(job.counter);
  runGreenWorkShared(sampler, job, counter, new Uint8Array(job.answers));
  parentPort!.postMessage('done');
});
