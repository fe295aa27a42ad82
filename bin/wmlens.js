#!/usr/bin/env node
// Runs the compiled CLI: build/cli/wmlens.mjs, bundled from src/cli by scripts/build-cli.mjs, which
// `npm install` / `npm ci` run (the `prepare` script). No TypeScript compiler at run time: start-up is
// Node's own plus reading one bundle (rank tables and the reference sample are separate chunks, loaded
// only when a command needs them).
import { existsSync } from 'node:fs';

const entry = new URL('../build/cli/wmlens.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('wmlens: the CLI is not built (build/cli/wmlens.mjs is missing); run `npm run build:cli`\n');
  process.exit(1);
}
await import(entry.href);
