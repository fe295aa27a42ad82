// Builds the `wmlens` CLI into build/cli/ (gitignored): src/cli/bin.ts (which runs main.ts) bundled by
// rolldown into one ESM entry, wmlens.mjs, the entry of its worker thread (green-worker.mjs), plus chunks that are imported lazily (each tokenizer's rank
// table, the reference sample, the `generate` command), so a run loads only what its key and command
// need. Run by `npm install` / `npm ci` (the `prepare` lifecycle script), by `npm run build:cli`, and by
// the tests and benchmarks that spawn the bin. Plain JavaScript so that building needs no TypeScript
// runner. (The WebAssembly kernel is committed as bytes: scripts/build-wasm.mjs.)
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build/cli');

let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  // `npm ci --omit=dev` runs `prepare` without the bundler: say so instead of failing the install.
  console.warn('build-cli: rolldown is not installed (dev dependencies omitted?); the wmlens CLI was not built');
  process.exit(0);
}

// Built next to the output and swapped in whole, so a CLI started meanwhile never sees half a build.
const tmpDir = `${outDir}.tmp-${process.pid}`;
await rm(tmpDir, { recursive: true, force: true });
await rolldown.build({
  input: { wmlens: join(root, 'src/cli/bin.ts'), 'green-worker': join(root, 'src/cli/green-worker.ts') },
  platform: 'node',
  logLevel: 'warn',
  output: { dir: tmpDir, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
});
await mkdir(dirname(outDir), { recursive: true });
await rm(outDir, { recursive: true, force: true });
await rename(tmpDir, outDir);
