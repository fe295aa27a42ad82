import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countShippedContexts, FREQUENT_CONTEXTS_PATH, frequentContextKeys } from '../../../scripts/make-frequent-contexts';
import { hfSeeder, legacySimple1Seeder } from '../../../src/seeding/seeder';
import { contextsRecur } from '../../../src/score/score-ids';
import { countFrequentContexts, frequentContextsFor, type FrequentContextsFile } from './frequent-contexts';

const shipped = JSON.parse(readFileSync(FREQUENT_CONTEXTS_PATH, 'utf8')) as FrequentContextsFile;

describe('frequent contexts (frequent-contexts.json)', () => {
  it('equal a recount on the bundled reference sample, for exactly the bundled KGW keys', async () => {
    expect(shipped).toEqual(await countShippedContexts());
  }, 60_000);

  it('give every bundled key its contexts: lists for one-previous-token keys, answers for self-salted ones', () => {
    const specs = frequentContextKeys();
    expect(specs.map((s) => s.seeding).sort()).toEqual(['lefthash', 'selfhash']);
    for (const spec of specs) {
      const c = frequentContextsFor(shipped, spec)!;
      if (spec.seeding === 'lefthash') expect([c.bitsets.length > 0, c.answers.length]).toEqual([true, 0]);
      else expect([c.bitsets.length, c.answers.length > 0]).toEqual([0, true]);
    }
    // Another hash key has other contexts: none shipped.
    expect(frequentContextsFor(shipped, { ...specs[0], hashKey: 7n })).toBeUndefined();
    expect(frequentContextsFor(undefined, specs[0])).toBeUndefined();
  });

  it('counts one-token contexts by seed and self-salted ones by (seed, target), most frequent first, ties by first occurrence', () => {
    const left = legacySimple1Seeder(3n);
    expect(contextsRecur(left)).toBe(true);
    // Previous tokens: 5 ×4, 9 ×2, 2 ×1 (a document's last token, 1 or 4, is never a context).
    const docs = [[5, 9, 5, 9, 5, 1], [2, 5, 4]];
    expect(countFrequentContexts(left, docs, 3)).toEqual({ bitsets: [15, 27, 6], answers: [] });
    const self = hfSeeder({ seeding: 'selfhash', contextWidth: 2, hashKey: 15485863n });
    expect(contextsRecur(self)).toBe(false);
    const ids = [7, 8, 7, 8, 7, 8, 3];
    const seedAt = (t: number) => self.seed32(ids, t + 1);
    // Windows (7,8) ×3, (8,7) ×2, (8,3) ×1.
    expect(countFrequentContexts(self, [ids], 10)).toEqual({
      bitsets: [],
      answers: [seedAt(1), 8, seedAt(2), 7, seedAt(6), 3],
    });
  });
});
