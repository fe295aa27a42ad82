// On-disk cache (eval/.cache/scheme-cells/) for the SynthID and Unigram false-alarm cells: keyed by
// everything the cells depend on — the key document, the window stream's content, the lengths, α and
// window cap, and the source of the scorers and calibrations (src/synthid, src/unigram, src/calibration,
// src/stats) — so an edit to the detector reruns them and nothing else does. Changes run time, never results.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, EVAL_DIR } from './pipeline';

const SOURCE_DIRS = ['src/synthid', 'src/unigram', 'src/calibration', 'src/stats', 'src/detector'];

let sourceHash: string | null = null;
function detectorSourceHash(): string {
  if (sourceHash !== null) return sourceHash;
  const h = createHash('sha256');
  for (const dir of SOURCE_DIRS) {
    const abs = join(EVAL_DIR, '..', dir);
    for (const f of readdirSync(abs).filter((x) => x.endsWith('.ts') && !x.includes('.test')).sort()) {
      h.update(f);
      h.update(readFileSync(join(abs, f)));
    }
  }
  sourceHash = h.digest('hex');
  return sourceHash;
}

export function cached<T>(parts: ReadonlyArray<string | Int32Array>, compute: () => T): T {
  const h = createHash('sha256').update(detectorSourceHash());
  for (const p of parts) h.update(typeof p === 'string' ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength)).update('\0');
  const file = join(CACHE_DIR, 'scheme-cells', `${h.digest('hex').slice(0, 32)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = compute();
  mkdirSync(join(CACHE_DIR, 'scheme-cells'), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
  return value;
}
