// Profiling harness (not a timed test): what an extension Worker does for the 500-post bench page,
// in one Node process, to be run under `node --cpu-prof`. Compiles the bundled key set as the Worker
// does (compileKeySet on the document's text), then detect()s every block of `/bench` (seed 42) cold —
// fresh compile, empty green-list caches — and of `/bench?seed=7` warm (400 new human texts, the same
// 100 watermarked ones), with the Worker's options (spans on, default α). Prints CPU ms per pass and a
// digest of every answer, so a change to the core can be checked for bit-identical results.
//   node --import tsx scripts/profile-detect.ts [--passes N] [--profile DIR]
// --profile writes DIR/cold1.cpuprofile and DIR/warm1.cpuprofile (the first pass's two phases; open them
// in Chrome DevTools) and prints their samples by part of the pipeline. Later passes (--passes) run with
// a warm JIT and warm span-search plans, only the green-list caches emptied: closer to a long-lived Worker.
import { createHash } from 'node:crypto';

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { compileKeySet, detect } from '../src/detect';
import { clearGreenCaches } from '../src/score/green-oracle';
import { benchPosts } from '../e2e/pages';

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'public', 'keysets', 'reference-defaults.json'), 'utf8');
const passes = Number(process.argv[process.argv.indexOf('--passes') + 1]) || 1;

// A block per paragraph, as the content script sends them (each bench post is one paragraph).
const blocks = (seed: number): string[] => benchPosts(500, seed).flatMap((p) => p.paragraphs);

const profileDir = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
const session = profileDir === undefined ? undefined : new Session();
if (session !== undefined) {
  mkdirSync(profileDir!, { recursive: true });
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
}

async function cpuMs(name: string, f: () => void): Promise<number> {
  if (session !== undefined) await session.post('Profiler.start');
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  if (session !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir!, `${name}.cpuprofile`), JSON.stringify(profile));
    console.log(`${name}: ${breakdown(profile)}`);
  }
  return (d.user + d.system) / 1000;
}

// Each sample goes to the innermost frame of the project's code (or the kernel, or js-tiktoken), by
// file; anything under the span finder is span search. Samples outside detect() are left out.
const PARTS: Array<[RegExp, string]> = [
  [/wasm|\/src\/rng\//, 'green lists (rng, WASM kernel)'],
  [/\/src\/tokenize\/offsets/, 'result building'],
  [/\/src\/tokenize\/|js-tiktoken/, 'tokenization'],
  [/\/src\/normalize\//, 'normalization'],
  [/\/src\/(score|seeding)\//, 'scoring (score-ids, oracle, caches)'],
  [/\/src\/(calibration|stats)\//, 'calibration and tails'],
  [/\/src\/detector\//, 'result building'],
];

type Profile = { nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>; samples?: number[]; timeDeltas?: number[] };

function breakdown(profile: Profile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  samples.forEach((id, i) => {
    const chain: Profile['nodes'] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) chain.push(byId.get(x)!);
    if (!chain.some((n) => n.callFrame.functionName === 'detectText')) return;
    let part = 'other';
    if (chain.some((n) => n.callFrame.functionName === 'findSpans')) part = 'span search';
    else {
      const frame = chain.find((n) => PARTS.some(([re]) => re.test(n.callFrame.url)));
      if (frame !== undefined) part = PARTS.find(([re]) => re.test(frame.callFrame.url))![1];
      else if (chain[0].callFrame.functionName === '(garbage collector)') part = 'GC';
    }
    ms.set(part, (ms.get(part) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...ms].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ') + ' (ms of samples)';
}

const digest = createHash('sha256');
for (let pass = 0; pass < passes; pass++) {
  clearGreenCaches();
  const t = process.cpuUsage();
  const set = await compileKeySet(doc);
  const dc = process.cpuUsage(t);
  const compileMs = (dc.user + dc.system) / 1000;
  const cold = blocks(42);
  const warm = blocks(7);
  let answers: unknown[] = [];
  const coldMs = await cpuMs(`cold${pass + 1}`, () => { answers = cold.map((b) => detect(b, [set], { spans: true })); });
  if (pass === 0) digest.update(JSON.stringify(answers));
  const warmMs = await cpuMs(`warm${pass + 1}`, () => { answers = warm.map((b) => detect(b, [set], { spans: true })); });
  if (pass === 0) digest.update(JSON.stringify(answers));
  const flagged = answers.flat().filter((a) => (a as { verdict: string }).verdict === 'watermarked').length;
  console.log(`pass ${pass + 1}: compile ${compileMs.toFixed(0)} ms CPU, cold 500 blocks ${coldMs.toFixed(0)} ms, warm 500 (400 new) ${warmMs.toFixed(0)} ms; ${flagged} key detections flagged (warm)`);
}
console.log(`answers sha256 ${digest.digest('hex')}`);
