// Generator and green-list membership throughput: JS against a native C++ build of the same loop.
//
// The membership loop is the cost that dominates detection (about γ·V generator draws per new
// context), so it is timed three ways on identical contexts: the shipped JS path (placementStep, i.e.
// GreenListSampler.isGreen without the method call), a JS baseline with plain `%`, and native C++ with
// std::mt19937 and the hardware `%`. The draw and green counts of all of them must agree, which also
// cross-checks the JS generator against libstdc++'s.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { stepReciprocals } from '../src/rng/fast-mod';
import { GreenListSampler, greenListSize, placementStep } from '../src/rng/green-list';
import { MT19937, MT_N, mtSeedState, mtTwist } from '../src/rng/mt19937';
import { lmwHashTable } from '../src/seeding/hashint';
import { parseLmwSeedingScheme } from '../src/seeding/scheme';
import { lmwSeeder } from '../src/seeding/seeder';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const nativeSource = resolve(here, 'native/partial_perm.cpp');
const buildDir = resolve(here, 'build');
const nativeBinary = resolve(buildDir, 'partial_perm');

const VOCAB = 50257;
const GAMMA = 0.25;
const CONTEXTS = 20000;
const RAW_DRAWS = 100_000_000;
const REPEATS = 3;

// Same context stream as partial_perm.cpp.
const contextSeed = (c: number): number => (Math.imul(c, 2654435761) + 12345) >>> 0;
const contextTarget = (c: number, n: number): number => (Math.imul(c, 40503) >>> 0) % n;

interface MembershipRun {
  contexts: number;
  draws: number;
  greens: number;
  seconds: number;
}

function bestOf<T extends { seconds: number }>(repeats: number, run: () => T): T {
  let best: T | null = null;
  for (let r = 0; r < repeats; r++) {
    const res = run();
    if (best === null || res.seconds < best.seconds) best = res;
  }
  return best!;
}

function jsRawDraws(count: number): { seconds: number; xor: number } {
  const mt = new MT19937(5489);
  let acc = 0;
  const t0 = performance.now();
  for (let k = 0; k < count; k++) acc ^= mt.nextU32();
  return { seconds: (performance.now() - t0) / 1000, xor: acc >>> 0 };
}

function jsMembership(n: number, gamma: number, select: boolean, contexts: number): MembershipRun {
  const size = greenListSize(n, gamma);
  const steps = select ? size : n - size;
  const s = new Uint32Array(MT_N);
  const inv = stepReciprocals(n);
  let draws = 0;
  let greens = 0;
  const t0 = performance.now();
  for (let c = 0; c < contexts; c++) {
    const placed = placementStep(s, inv, n, steps, contextSeed(c), contextTarget(c, n));
    draws += placed >= 0 ? placed + 1 : steps;
    if (placed >= 0 === select) greens++;
  }
  return { contexts, draws, greens, seconds: (performance.now() - t0) / 1000 };
}

// The obvious JS port, kept only as a baseline: V8 has no integer fast path for `%` on uint32 values
// above 2^31, which is what the reciprocal table in fast-mod.ts avoids.
function plainModPlacement(s: Uint32Array, n: number, steps: number, seed32: number, target: number): number {
  mtSeedState(s, seed32);
  let at = target;
  let i = 0;
  while (i < steps) {
    mtTwist(s);
    const blockEnd = Math.min(steps - i, MT_N);
    for (let k = 0; k < blockEnd; k++, i++) {
      let y = s[k];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      const j = i + ((y >>> 0) % (n - i));
      if (j === at) return i;
      if (i === at) at = j;
    }
  }
  return -1;
}

function jsPlainModMembership(n: number, gamma: number, select: boolean, contexts: number): MembershipRun {
  const size = greenListSize(n, gamma);
  const steps = select ? size : n - size;
  const s = new Uint32Array(MT_N);
  let draws = 0;
  let greens = 0;
  const t0 = performance.now();
  for (let c = 0; c < contexts; c++) {
    const placed = plainModPlacement(s, n, steps, contextSeed(c), contextTarget(c, n));
    draws += placed >= 0 ? placed + 1 : steps;
    if (placed >= 0 === select) greens++;
  }
  return { contexts, draws, greens, seconds: (performance.now() - t0) / 1000 };
}

function timeCalls(count: number, fn: (k: number) => number): { seconds: number; sink: number } {
  let sink = 0;
  const t0 = performance.now();
  for (let k = 0; k < count; k++) sink ^= fn(k);
  return { seconds: (performance.now() - t0) / 1000, sink };
}

function buildNative(): string | null {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'g++ not found';
  }
  mkdirSync(buildDir, { recursive: true });
  const stale = !existsSync(nativeBinary) || statSync(nativeBinary).mtimeMs < statSync(nativeSource).mtimeMs;
  if (stale) {
    try {
      execFileSync('g++', ['-O2', '-std=c++17', '-o', nativeBinary, nativeSource], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      return `g++ failed: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 300)}`;
    }
  }
  return null;
}

function runNative<T>(args: string[]): T {
  return JSON.parse(execFileSync(nativeBinary, args, { encoding: 'utf8' })) as T;
}

function membershipRows(label: string, run: MembershipRun, note?: string): BenchRow[] {
  const draws: BenchRow = { name: `${label}: draws/s`, value: run.draws / run.seconds, unit: 'draws/s' };
  if (note !== undefined) draws.note = note;
  return [draws, { name: `${label}: contexts/s`, value: run.contexts / run.seconds, unit: 'contexts/s' }];
}

export async function runRngBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const params = `V=${VOCAB}, γ=${GAMMA}, select, ${CONTEXTS} contexts, best of ${REPEATS}`;

  // Warm up the JIT on every JS path before timing.
  jsRawDraws(2_000_000);
  jsMembership(VOCAB, GAMMA, true, 500);
  jsPlainModMembership(VOCAB, GAMMA, true, 200);

  const jsRaw = bestOf(REPEATS, () => jsRawDraws(RAW_DRAWS));
  rows.push({ name: 'JS MT19937.nextU32', value: RAW_DRAWS / jsRaw.seconds, unit: 'draws/s' });

  const js = bestOf(REPEATS, () => jsMembership(VOCAB, GAMMA, true, CONTEXTS));
  rows.push(...membershipRows('JS membership (reciprocal mod)', js, params));
  const jsPlain = bestOf(REPEATS, () => jsPlainModMembership(VOCAB, GAMMA, true, CONTEXTS));
  rows.push(...membershipRows('JS membership (plain %, baseline)', jsPlain));
  if (jsPlain.draws !== js.draws || jsPlain.greens !== js.greens) {
    throw new Error(`JS baselines disagree: ${JSON.stringify(js)} vs ${JSON.stringify(jsPlain)}`);
  }

  // The same work through the public API, plus seeding: what a detector pays per new context.
  // The plain-JavaScript loops (the reference) and the WebAssembly kernel (src/rng/wasm), side by side.
  for (const wasm of [false, true]) {
    const label = wasm ? 'WebAssembly' : 'JS';
    const sampler = new GreenListSampler(VOCAB, GAMMA, true, { wasm });
    if (sampler.usesWasm !== wasm) {
      rows.push({ name: `${label} GreenListSampler`, value: Number.NaN, unit: 'contexts/s', note: 'WebAssembly unavailable' });
      continue;
    }
    const api = bestOf(REPEATS, () => timeCalls(CONTEXTS, (c) => (sampler.isGreen(contextSeed(c), contextTarget(c, VOCAB)) ? 1 : 0)));
    rows.push({ name: `${label} GreenListSampler.isGreen`, value: CONTEXTS / api.seconds, unit: 'contexts/s' });
    const legacy = new GreenListSampler(VOCAB, GAMMA, false, { wasm });
    const apiLegacy = bestOf(REPEATS, () => timeCalls(CONTEXTS / 4, (c) => (legacy.isGreen(contextSeed(c), contextTarget(c, VOCAB)) ? 1 : 0)));
    rows.push({ name: `${label} GreenListSampler.isGreen (legacy tail)`, value: CONTEXTS / 4 / apiLegacy.seconds, unit: 'contexts/s' });
    const bitset = bestOf(REPEATS, () => timeCalls(CONTEXTS / 4, (c) => sampler.greenBitset(contextSeed(c))[0]));
    rows.push({ name: `${label} GreenListSampler.greenBitset`, value: CONTEXTS / 4 / bitset.seconds, unit: 'contexts/s' });
  }

  lmwHashTable();
  const ids = Int32Array.from({ length: 4096 }, (_, k) => contextTarget(k + 1, VOCAB));
  for (const scheme of ['lefthash', 'selfhash']) {
    const seeder = lmwSeeder(parseLmwSeedingScheme(scheme));
    const w = seeder.contextWidth;
    const calls = 2_000_000;
    timeCalls(100_000, (k) => seeder.seed32(ids, w + (k & 4095) % (ids.length - w)));
    const t = bestOf(REPEATS, () => timeCalls(calls, (k) => seeder.seed32(ids, w + (k & 4095) % (ids.length - w))));
    rows.push({ name: `JS ${scheme} seed32`, value: calls / t.seconds, unit: 'seeds/s' });
  }

  const buildError = buildNative();
  if (buildError !== null) {
    rows.push({ name: 'native std::mt19937', value: Number.NaN, unit: 'draws/s', note: `unavailable: ${buildError}` });
    rows.push({ name: 'native membership (% uint32)', value: Number.NaN, unit: 'draws/s', note: `unavailable: ${buildError}` });
    return rows;
  }
  const nRaw = runNative<{ draws: number; xor: number; seconds: number }>(['raw', String(RAW_DRAWS), String(REPEATS)]);
  if (nRaw.xor !== jsRaw.xor) throw new Error(`native and JS raw streams differ: ${nRaw.xor} vs ${jsRaw.xor}`);
  rows.push({ name: 'native std::mt19937 (g++ -O2)', value: nRaw.draws / nRaw.seconds, unit: 'draws/s' });

  for (const mod of ['mod32', 'mod64'] as const) {
    const nat = runNative<MembershipRun>(['membership', String(VOCAB), String(GAMMA), '1', String(CONTEXTS), String(REPEATS), mod]);
    if (nat.draws !== js.draws || nat.greens !== js.greens) {
      throw new Error(`native (${mod}) and JS membership disagree: ${JSON.stringify(nat)} vs ${JSON.stringify(js)}`);
    }
    const label = mod === 'mod32' ? 'native membership (% uint32, g++ -O2)' : 'native membership (% uint64 as torch, g++ -O2)';
    rows.push(...membershipRows(label, nat));
  }
  const nat32 = rows.find((r) => r.name === 'native membership (% uint32, g++ -O2): draws/s')!;
  rows.push({
    name: 'JS / native (% uint32) membership speed',
    value: js.draws / js.seconds / nat32.value,
    unit: 'ratio',
    note: 'target >= 1',
  });
  return rows;
}
