// The CLI's second thread (bundled as build/cli/green-worker.mjs; started by green-thread.ts): runs its
// share of the green-list work of a line (src/score/green-work.ts) and hands the results back.
import { parentPort } from 'node:worker_threads';
import { GreenListSampler } from '../rng/green-list';
import { type GreenWork, runGreenWork } from '../score/green-work';

export interface GreenJob extends GreenWork {
  vocabSize: number;
  gamma: number;
  selectGreenTokens: boolean;
  offset: number;
  stride: number;
}

const samplers = new Map<string, GreenListSampler>();

parentPort?.on('message', (job: GreenJob) => {
  const id = `${job.vocabSize}:${job.gamma}:${job.selectGreenTokens}`;
  let sampler = samplers.get(id);
  if (sampler === undefined) {
    sampler = new GreenListSampler(job.vocabSize, job.gamma, job.selectGreenTokens);
    samplers.set(id, sampler);
  }
  const result = runGreenWork(sampler, job, job.offset, job.stride);
  // Handed over, not copied (the arrays are fresh ArrayBuffers, never shared memory).
  parentPort!.postMessage(result, [result.bits.buffer as ArrayBuffer, result.answers.buffer as ArrayBuffer]);
});
