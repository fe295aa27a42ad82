// Measurement harness (not a timed test): how many green lists and single answers the extension's
// Workers build for a page, counted in one Node process (deterministic, independent of machine load).
// For the 500-post bench pages (seeds 42 and 7, as `npm run bench:page` serves them) and 500 paragraphs
// each of the Brown corpus and SpamAssassin e-mail (devDependencies): one cache for the whole page, and
// two caches taking alternate batches (the first of 4 blocks, then 16: the pool's batches on 2 Workers,
// which build separately what they both meet unless they share it), each from empty caches ("cold")
// and after the shipped frequent contexts were prebuilt (extension/shared/compute/frequent-contexts.json).
//   node --import tsx scripts/green-list-counts.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileKeySet, detect } from '../src/detect';
import { clearGreenCaches } from '../src/score/green-oracle';
import { benchPosts } from '../e2e/pages';
import { loadBrown, loadSpamAssassinHam } from '../eval/lib/corpora';
import { jobDone, prebuildJobs, prebuildStep } from '../extension/shared/compute/prebuild';
import type { FrequentContextsFile } from '../extension/shared/compute/frequent-contexts';

const root = join(import.meta.dirname, '..');
const file = JSON.parse(readFileSync(join(root, 'extension/shared/compute/frequent-contexts.json'), 'utf8')) as FrequentContextsFile;
const set = await compileKeySet(readFileSync(join(root, 'public/keysets/reference-defaults.json'), 'utf8'));
// Both bundled keys share one oracle (same V and γ): count what its sampler is asked to compute.
const sampler = set.keys[0].scoring.oracle.sampler;
let lists = 0;
let answers = 0;
const greenBitset = sampler.greenBitset.bind(sampler);
const isGreen = sampler.isGreen.bind(sampler);
sampler.greenBitset = (seed) => (lists++, greenBitset(seed));
sampler.isGreen = (seed, target) => (answers++, isGreen(seed, target));

function prebuild(): void {
  for (const job of prebuildJobs([set], file)) while (!jobDone(job)) prebuildStep(job, 64, 512);
}

const pages: Record<string, string[]> = {
  'bench seed 42': benchPosts(500, 42).flatMap((p) => p.paragraphs),
  'bench seed 7': benchPosts(500, 7).flatMap((p) => p.paragraphs),
  brown: loadBrown({ maxChars: 400_000 }).documents.flatMap((d) => d.split(/\n\s*\n/)).filter((p) => p.length > 200).slice(0, 500),
  'e-mail': loadSpamAssassinHam({ maxChars: 400_000 }).documents.slice(0, 500),
};
for (const [name, blocks] of Object.entries(pages)) {
  const batches = [blocks.slice(0, 4)];
  for (let i = 4; i < blocks.length; i += 16) batches.push(blocks.slice(i, i + 16));
  for (const ahead of [false, true]) {
    const parts: string[] = [];
    for (const [of, n] of [[0, 1], [0, 2], [1, 2]]) {
      clearGreenCaches();
      if (ahead) prebuild();
      lists = 0;
      answers = 0;
      batches.forEach((b, i) => {
        if (i % n === of) for (const t of b) detect(t, [set], { spans: true });
      });
      parts.push(`${n === 1 ? 'one cache' : `Worker ${of + 1} of 2`} ${lists} lists, ${answers} answers`);
    }
    console.log(`${name} (${blocks.length} blocks), ${ahead ? 'frequent contexts prebuilt' : 'cold'}: ${parts.join('; ')}`);
  }
}
