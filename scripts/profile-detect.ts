// Profiling harness (not a timed test): what an extension Worker does for the 500-post bench page,
// in one Node process, to be run under `node --cpu-prof`. Compiles the bundled key set as the Worker
// does (compileKeySet on the document's text), then detect()s every block of `/bench` (seed 42) cold —
// fresh compile, empty green-list caches — and of `/bench?seed=7` warm (400 new human texts, the same
// 100 watermarked ones), with the Worker's options (spans on, default α). Prints CPU ms per pass and a
// digest of every answer, so a change to the core can be checked for bit-identical results.
//   node --import tsx scripts/profile-detect.ts [--passes N] [--profile DIR]
// --profile writes DIR/cold.cpuprofile and DIR/warm.cpuprofile (the first pass's two phases; open them
// in Chrome DevTools or sum them by file).
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
  }
  return (d.user + d.system) / 1000;
}

const digest = createHash('sha256');
for (let pass = 0; pass < passes; pass++) {
  clearGreenCaches();
  let set!: Awaited<ReturnType<typeof compileKeySet>>;
  const t = process.cpuUsage();
  set = await compileKeySet(doc);
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
