// Detection Worker: compiles key sets once (cached by document hash for the Worker's lifetime, so the
// core's own green-list caches persist too) and scores batches of text blocks.
/// <reference lib="webworker" />
import { compileKeySet, detect, type CompiledKeySet } from '../../src/detect';
import type { TokenizerFileResolver } from '../../src/detector/tokenizer-for';
import { KeySetError as DocumentError } from '../../src/keyset/errors';
import type { BlockResult, KeySetError, KeySetPayload } from '../shared/messages';
import type { GreenOracle } from '../../src/score/green-oracle';
import { readStoredCalibrations, storeCalibrations } from '../shared/calibration-store';
import { loadGreenLists, MAX_LISTS, saveGreenLists } from '../shared/green-list-store';
import { readTokenizerFile } from '../shared/tokenizer-store';
import type { FromWorker, ToWorker } from '../shared/compute/protocol';
import { buildStep, jobDone, packBuilt, prebuildJobs, primePrebuilt } from '../shared/compute/prebuild';
import type { FrequentContextsFile } from '../shared/compute/frequent-contexts';
import { traceMark, traceMarks } from '../shared/trace';
import { WARM_UP_TEXTS } from './warm-up-texts';
import { yieldToTasks } from '../shared/yield-to-tasks';

traceMark('worker: started');

const documents = new Map<string, string>();
const compiled = new Map<string, Promise<CompiledKeySet>>();

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function remember(sets: readonly KeySetPayload[]): void {
  for (const s of sets) documents.set(s.ref, s.document);
}

/**
 * Tokenizer files come from the extension's store, where the background put them after verifying
 * them (the core verifies them again). Each is read and parsed once per Worker: the core keeps parsed
 * tokenizers by hash, so this is called only for files not loaded yet.
 */
const storedTokenizerFiles: TokenizerFileResolver = async (file) => {
  const bytes = await readTokenizerFile(file.sha256);
  if (bytes === undefined) throw new Error('not downloaded yet (turn the key set off and on, or update it, to download it)');
  return bytes;
};

/** A failure to get a tokenizer file can be mended (by a download); every other failure is permanent. */
function isTokenizerFileFailure(e: unknown): boolean {
  return e instanceof DocumentError && e.issues.some((i) => i.path.endsWith('.tokenizer.huggingface'));
}

function compiledFor(ref: string): Promise<CompiledKeySet> {
  let p = compiled.get(ref);
  if (!p) {
    const doc = documents.get(ref);
    if (doc === undefined) return Promise.reject(new Error('key set document not loaded'));
    // A ref is a hash of the bytes, so a failure is as permanent as a success: cache both, except a
    // missing tokenizer file, which a later download provides.
    // Fits stored by an earlier compile (calibration-store.ts) are reused; new ones are stored.
    traceMark('worker: compile start');
    const attempt = readStoredCalibrations().then(async (storedCalibrations) => {
      traceMark('worker: stored calibrations read');
      const set = await compileKeySet(doc, { tokenizerFiles: storedTokenizerFiles, storedCalibrations });
      traceMark('worker: key set compiled');
      void storeCalibrations(set, storedCalibrations);
      await persistGreenLists(set);
      traceMark('worker: green lists loaded');
      return set;
    });
    attempt.catch((e: unknown) => {
      if (isTokenizerFileFailure(e) && compiled.get(ref) === attempt) compiled.delete(ref);
    });
    p = attempt;
    compiled.set(ref, p);
  }
  return p;
}

// Green lists persisted across browser restarts (green-list-store.ts): at a geometry's first use the
// recently used lists are loaded into the core's cache, and every list built afterwards is saved.
const persisted = new Map<GreenOracle, Array<{ seed: number; bits: Uint32Array }>>();

async function persistGreenLists(set: CompiledKeySet): Promise<void> {
  for (const key of set.keys) {
    const oracle = (key.scoring as { oracle?: GreenOracle } | undefined)?.oracle;
    if (oracle === undefined || persisted.has(oracle)) continue;
    const built: Array<{ seed: number; bits: Uint32Array }> = [];
    persisted.set(oracle, built);
    const share: Shared = { seeds: [], lists: [], answers: [] };
    sharing.set(oracle, share);
    oracle.onBitset = (seed, bits) => {
      builtHere.lists++;
      toSave(built, seed, bits);
      if (shareWithOthers && share.seeds.length < MAX_SHARED_LISTS) {
        share.seeds.push(seed);
        share.lists.push(bits);
      }
    };
    oracle.onAnswer = (seed, target, green) => {
      builtHere.answers++;
      if (shareWithOthers && share.answers.length < 3 * MAX_SHARED_ANSWERS) share.answers.push(seed, target, green ? 1 : 0);
    };
    for (const { seed, bits } of await loadGreenLists(oracle.geometry)) oracle.primeBitset(seed, bits);
  }
}

// Lists and answers built while scoring a batch, sent to the other Workers after it (pool.ts relays
// them), so that each list a page meets is built once rather than once per Worker. Bounded per batch: a
// batch of pathological text must not turn into a flood of messages (what is left out is built again).
interface Shared {
  seeds: number[];
  lists: Uint32Array[];
  answers: number[];
}
const sharing = new Map<GreenOracle, Shared>();
/** Lists and answers this Worker built while scoring since its last batch began (the bench's trace). */
const builtHere = { lists: 0, answers: 0 };
const MAX_SHARED_LISTS = 512;
const MAX_SHARED_ANSWERS = 8192;
/** The pool has other Workers (its messages say): with none, nothing is packed and posted for them. */
let shareWithOthers = true;

function shareBuilt(): void {
  for (const [oracle, share] of sharing) {
    const lists = packBuilt(oracle, share.seeds, share.lists, share.answers);
    share.seeds = [];
    share.lists = [];
    share.answers = [];
    // packBuilt made fresh buffers: moved to the pool, not copied.
    if (lists !== undefined) post({ type: 'prebuilt', lists, ahead: false }, [lists.seeds.buffer, lists.bits.buffer, lists.answers.buffer]);
  }
}

function toSave(built: Array<{ seed: number; bits: Uint32Array }>, seed: number, bits: Uint32Array): void {
  // The store keeps MAX_LISTS; more waiting to be saved would only be evicted again.
  if (built.length >= 2 * MAX_LISTS) built.splice(0, built.length - MAX_LISTS);
  built.push({ seed, bits });
}

/**
 * Saving waits until batches stop coming for this long: a page's burst of work is not slowed by
 * IndexedDB writes (megabytes of bitsets on a long page, cloned here and written by the browser).
 */
const SAVE_WHEN_IDLE_MS = 1500;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function saveBuiltGreenListsWhenIdle(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveBuiltGreenLists, SAVE_WHEN_IDLE_MS);
}

function saveBuiltGreenLists(): void {
  for (const [oracle, built] of persisted) {
    if (built.length === 0) continue;
    traceMark('worker: green lists built and saved (Σ lists)', built.length);
    const t0 = performance.now();
    void saveGreenLists(oracle.geometry, built.splice(0).slice(-MAX_LISTS)).then(() => traceMark('worker: saving green lists (Σ ms)', performance.now() - t0));
  }
}

async function loadAll(refs: readonly string[]): Promise<{ sets: CompiledKeySet[]; errors: KeySetError[] }> {
  const sets: CompiledKeySet[] = [];
  const errors: KeySetError[] = [];
  for (const ref of refs) {
    try {
      sets.push(await compiledFor(ref));
    } catch (e) {
      errors.push({ ref, error: errorText(e) });
    }
  }
  return { sets, errors };
}

// Ahead of pages, while idle after its warm-up: JIT-compiling the scoring path (WARM_UP_TEXTS: a fresh
// Worker's first batches otherwise pay for compiling the tokenizer, scorer and span search, and for the
// span plans of each block size) and, in the one Worker the pool asks, building the lists of the
// frequent contexts (prebuild.ts), each step a task of its own, so a batch that arrives waits for one
// step at most. While a page is being scored the steps stop (PAUSE_AFTER_BATCH_MS after this Worker's
// last batch): on a machine with few cores they would take CPU from the page's own work, of which they
// save only part.
const STEP_LISTS = 24;
const STEP_ANSWERS = 160;
const PAUSE_AFTER_BATCH_MS = 1000;
/** performance.now() of this Worker's last batch (-Infinity: none yet). */
let lastBatchAt = -Infinity;

async function whenNoPageWork(): Promise<void> {
  for (let wait = lastBatchAt + PAUSE_AFTER_BATCH_MS - performance.now(); wait > 0; wait = lastBatchAt + PAUSE_AFTER_BATCH_MS - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await yieldToTasks();
}

let frequentContexts: Promise<FrequentContextsFile | undefined> | undefined;
function loadFrequentContexts(): Promise<FrequentContextsFile | undefined> {
  frequentContexts ??= import('../shared/compute/frequent-contexts.json')
    .then((m) => (m.default ?? m) as unknown as FrequentContextsFile)
    .catch(() => undefined);
  return frequentContexts;
}

async function whileIdle(sets: CompiledKeySet[], prebuild: boolean): Promise<void> {
  if (sets.length === 0) return;
  for (const [i, text] of WARM_UP_TEXTS.entries()) {
    // The first text at once (the likeliest page may come right away); the rest between pages.
    if (i === 0) await yieldToTasks();
    else await whenNoPageWork();
    try {
      detect(text, sets, { spans: true });
    } catch {
      // Scoring errors show on the batches that meet them.
    }
    if (i === 0) traceMark('worker: scoring path warmed');
  }
  traceMark('worker: warm-up texts scored');
  if (!prebuild) return;
  const jobs = prebuildJobs(sets, await loadFrequentContexts());
  let lists = 0;
  let answers = 0;
  for (const job of jobs) {
    const built = persisted.get(job.oracle);
    while (!jobDone(job)) {
      await whenNoPageWork();
      const step = buildStep(job, STEP_LISTS, STEP_ANSWERS);
      if (step === undefined) continue;
      lists += step.seeds.length;
      answers += step.answers.length / 3;
      if (built !== undefined) step.lists.forEach((bits, i) => toSave(built, step.seeds[i], bits));
      // Packed (a copy of every list) only for other Workers.
      if (shareWithOthers) post({ type: 'prebuilt', lists: packBuilt(step.oracle, step.seeds, step.lists, step.answers)!, ahead: true });
    }
  }
  traceMark('worker: prebuilt lists (Σ)', lists);
  traceMark('worker: prebuilt answers (Σ)', answers);
  if (lists > 0) saveBuiltGreenListsWhenIdle();
}

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'detect') {
    const t0 = performance.now();
    traceMark('worker: batch received');
    lastBatchAt = t0;
    shareWithOthers = msg.share;
    builtHere.lists = 0;
    builtHere.answers = 0;
    remember(msg.keySets);
    const { sets, errors } = await loadAll(msg.refs);
    traceMark('worker: batch key sets ready');
    const results: BlockResult[] = msg.blocks.map((b) => {
      if (sets.length === 0) {
        return { blockId: b.blockId, detections: [], error: errors[0]?.error ?? 'no key set enabled' };
      }
      try {
        return { blockId: b.blockId, detections: detect(b.text, sets, { alpha: msg.alpha, spans: true }) };
      } catch (e) {
        return { blockId: b.blockId, detections: [], error: errorText(e) };
      }
    });
    traceMark('worker: batch scored');
    lastBatchAt = performance.now();
    traceMark('worker: lists built while scoring (Σ)', builtHere.lists);
    traceMark('worker: answers computed while scoring (Σ)', builtHere.answers);
    post({
      type: 'detect-result', batchId: msg.batchId, results, keySetErrors: errors, ms: performance.now() - t0,
      ...(__WMLENS_E2E__ ? { marks: traceMarks(true) } : {}),
    });
    shareBuilt();
    saveBuiltGreenListsWhenIdle();
  } else if (msg.type === 'warm') {
    traceMark('worker: warm-up received');
    shareWithOthers = msg.share;
    remember(msg.keySets);
    // Failures are reported by the batches that need the key sets (loadAll answers from the same cache).
    const { sets } = await loadAll(msg.refs);
    traceMark('worker: warm-up done');
    post({ type: 'warm-result' });
    void whileIdle(sets, msg.prebuild === true);
  } else if (msg.type === 'prime') {
    primePrebuilt(msg.lists);
    traceMark('worker: lists from other Workers (Σ)', msg.lists.seeds.length);
    traceMark('worker: answers from other Workers (Σ)', msg.lists.answers.length / 3);
  } else if (msg.type === 'compile') {
    remember([msg.keySet]);
    try {
      const c = await compiledFor(msg.keySet.ref);
      post({
        type: 'compile-result',
        reqId: msg.reqId,
        ok: true,
        meta: { id: c.id, name: c.name, version: c.version, fingerprint: c.fingerprint },
      });
    } catch (e) {
      post({ type: 'compile-result', reqId: msg.reqId, ok: false, error: errorText(e) });
    }
  }
};
