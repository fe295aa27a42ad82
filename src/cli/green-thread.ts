// Both cores for one line of `wmlens score`: the green-list work the line needs is planned first
// (src/score/green-work.ts), a worker thread computes every other task while this thread computes the
// rest, and both results are primed into the key's oracle before the line is scored as usual. The answers
// are the ones scoreIds would compute itself (green-work.test.ts); a thread that fails only costs time.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScoringKey } from '../score/scoring-key';
import { type GreenWorkResult, greenWorkDraws, planGreenWork, primeGreenWork, runGreenWork } from '../score/green-work';
import type { GreenJob } from './green-worker';

/** Below this many generator draws (~10 ms) a line is not worth a round trip to the other thread. */
const MIN_SHARED_DRAWS = 2_000_000;

export class GreenThread {
  private constructor(private readonly worker: Worker) {}

  /**
   * Starts the worker (in the background: its start-up overlaps reading the key set and the input),
   * or null on a single core, or when not running from the build (the worker is a bundle entry).
   */
  static start(): GreenThread | null {
    if (availableParallelism() < 2 || process.env.WMLENS_THREADS === '0') return null;
    const url = new URL('./green-worker.mjs', import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
    try {
      const worker = new Worker(url);
      worker.unref(); // never keeps the process alive
      worker.on('error', () => {}); // a failed job rejects below; the line is then finished here
      return new GreenThread(worker);
    } catch {
      return null;
    }
  }

  private run(job: GreenJob): Promise<GreenWorkResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (result: GreenWorkResult) => {
        this.worker.off('error', onError);
        resolve(result);
      };
      const onError = (error: Error) => {
        this.worker.off('message', onMessage);
        reject(error);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(job);
    });
  }

  /** Computes the line's green-list work on both threads and primes the key's oracle with it. */
  async share(key: ScoringKey, ids: ArrayLike<number>): Promise<void> {
    const work = planGreenWork(key, ids);
    const sampler = key.oracle.sampler;
    if (greenWorkDraws(work, sampler) < MIN_SHARED_DRAWS) return;
    const remote = this.run({ ...work, vocabSize: sampler.vocabSize, gamma: sampler.gamma, selectGreenTokens: sampler.selectGreenTokens, offset: 1, stride: 2 });
    primeGreenWork(key.oracle, work, runGreenWork(sampler, work, 0, 2), 0, 2);
    try {
      primeGreenWork(key.oracle, work, await remote, 1, 2);
    } catch {
      // scoreIds computes whatever was not primed.
    }
  }

  close(): void {
    void this.worker.terminate();
  }
}
