// Child process for src/detector/hostile-keysets.test.ts: compiles one key-set file and prints, as one
// JSON line, whether it was accepted, the error, the wall time of the compile and the process's peak
// resident memory (which includes Node and tsx themselves, ~60–100 MiB).
import { readFileSync } from 'node:fs';
import { compileKeySet } from '../detect';

const bytes = readFileSync(process.argv[2]);
const t0 = performance.now();
let result: { ok: boolean; error?: string };
try {
  await compileKeySet(bytes);
  result = { ok: true };
} catch (e) {
  result = { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}
const ms = performance.now() - t0;
// resourceUsage().maxRSS is in KiB.
process.stdout.write(`${JSON.stringify({ ...result, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
