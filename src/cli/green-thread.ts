// Both cores for one line of `wmlens score`: the green-list work the line needs is planned first
// (src/score/green-work.ts: each context's targets answered in one pass, cheaper than the bitset per
// context that the extension's long-lived caches want), a worker thread computes every other context
// while this thread computes the rest, and scoreIds reads the answers by position (its `planned`
// argument). They are the answers scoreIds would compute itself (green-work.test.ts); a thread that
// fails only costs time. Priming them into the key's oracle, for later lines that meet the same pairs,
// is left to the caller (score-command.ts does it only when another line comes).
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { GreenListSampler } from '../rng/green-list';
import type { ScoringKey } from '../score/scoring-key';
import { type GreenWork, type PlannedGreenWork, greenWorkDraws, planGreenWork, runGreenWork, runGreenWorkShared } from '../score/green-work';
import type { GreenJob } from './green-worker';

/** Below this many generator draws (~10 ms) a line is not worth a round trip to the other thread. */
const MIN_SHARED_DRAWS = 2_000_000;

/**
 * Unless WMLENS_THREADS=1, the worker is started only for a line of at least this many draws (~0.5 s on
 * one core). Its start-up costs 0.1–0.25 s of CPU, and on 20,000 SOTU ids (lefthash 44 M draws,
 * selfhash 128 M) the process took longer with it than without, even in a quiet window
 * (docs/benchmarks.md); a worker that starts late still joins in, claiming contexts as it gets ready.
 */
const MIN_AUTO_THREAD_DRAWS = 250_000_000;

/** A line's planned work with its answers (1 green, 0 red, per entry of work.targets). */
export interface LineGreenAnswers {
  work: PlannedGreenWork;
  answers: Uint8Array;
}

/** Plans a line's green-list work and runs it, on both threads when `threads` allows and it is worth it. */
export async function runLineGreenWork(key: ScoringKey, ids: ArrayLike<number>, threads: GreenThreads | null): Promise<LineGreenAnswers> {
  const work = planGreenWork(key, ids);
  if (work.seeds.length === 0) return { work, answers: new Uint8Array(0) };
  const thread = threads === null ? null : await threads.forDraws(greenWorkDraws(work, key.oracle.sampler));
  if (thread === null) return { work, answers: runGreenWork(key.oracle.sampler, work) };
  return { work, answers: await thread.share(key.oracle.sampler, work) };
}

/**
 * The second thread of a `wmlens score` process, started when first worth it: at once with
 * WMLENS_THREADS=1 (its start-up then overlaps loading the key set), never with =0, otherwise for the
 * first line of at least MIN_AUTO_THREAD_DRAWS draws, if a core is idle.
 */
export class GreenThreads {
  private thread: Promise<GreenThread | null> | null = null;

  constructor(private readonly setting = process.env.WMLENS_THREADS) {
    if (setting === '1') this.thread = GreenThread.start(setting);
  }

  /** The thread for a line of `draws` generator draws, or null (not worth it, not allowed, not available). */
  async forDraws(draws: number): Promise<GreenThread | null> {
    if (this.setting === '0' || draws < MIN_SHARED_DRAWS) return null;
    if (this.thread === null) {
      if (draws < MIN_AUTO_THREAD_DRAWS) return null;
      this.thread = GreenThread.start(this.setting);
    }
    return this.thread;
  }

  /** Stops the thread if one was started, and waits for it to exit. */
  async close(): Promise<void> {
    await (await this.thread)?.close();
  }
}

export class GreenThread {
  private constructor(private readonly worker: Worker) {}

  /**
   * Starts the worker (in the background: it joins the work when ready), or null on a single core, when
   * no core is idle (unless `setting` is '1': a worker costs 0.1–0.25 s of CPU to start, a loss when the
   * other cores are busy anyway: measured on a shared machine), or when not running from the build (the
   * worker is a bundle entry).
   */
  static async start(setting: string | undefined): Promise<GreenThread | null> {
    const cores = availableParallelism();
    if (setting === '0' || cores < 2) return null;
    if (setting !== '1' && loadavg()[0] > cores - 1) return null;
    const url = new URL('./green-worker.mjs', import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
    try {
      // Loaded only when a thread is started (a few ms of start-up otherwise).
      const { Worker } = await import('node:worker_threads');
      const worker = new Worker(url);
      worker.unref(); // never keeps the process alive
      worker.on('error', () => {}); // a failed job rejects below; the line is then finished here
      return new GreenThread(worker);
    } catch {
      return null;
    }
  }

  private run(job: GreenJob): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        this.worker.off('exit', onExit);
        // Idle again: the worker must not keep the process alive between lines or after the last one.
        this.worker.unref();
        if (error === undefined) resolve();
        else reject(error);
      };
      const onMessage = () => settle();
      const onError = (error: Error) => settle(error);
      const onExit = (code: number) => settle(new Error(`the green-list worker exited (code ${code}) without answering`));
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.once('exit', onExit);
      // While a job is out, the answer is what the process waits for: with stdin paused or at its end,
      // an unreferenced worker would let the event loop run dry before the worker answers.
      this.worker.ref();
      this.worker.postMessage(job);
    });
  }

  /**
   * Computes planned work on both threads (each claims chunks of contexts from a shared counter until
   * none is left); the answers, per entry of work.targets.
   */
  async share(sampler: GreenListSampler, work: GreenWork): Promise<Uint8Array> {
    const job: GreenJob = {
      seeds: work.seeds,
      starts: work.starts,
      targets: work.targets,
      vocabSize: sampler.vocabSize,
      gamma: sampler.gamma,
      selectGreenTokens: sampler.selectGreenTokens,
      counter: new SharedArrayBuffer(4),
      answers: new SharedArrayBuffer(work.targets.length),
    };
    const counter = new Int32Array(job.counter);
    const answers = new Uint8Array(job.answers);
    const remote = this.run(job);
    runGreenWorkShared(sampler, work, counter, answers);
    try {
      await remote;
    } catch {
      // The worker failed: whatever it had claimed but not finished is redone here.
      return runGreenWork(sampler, work);
    }
    Atomics.load(counter, 0); // orders the worker's writes before the reads below
    return answers;
  }

  /**
   * Stops the worker and waits until its thread has exited, so that the process's own exit does not
   * overlap the worker's teardown: Node 20 can deadlock at exit (nodejs/node#54918, the main thread in
   * NodePlatform::DrainTasks), and every platform task still in flight then is one more chance of it.
   */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
