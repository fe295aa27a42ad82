import { describe, expect, it } from 'vitest';
import { loadReferenceSample } from '../calibration/reference-sample';
import { loadTokenizer } from '../tokenize/tokenizer';
import { loadShippedFits } from '../calibration/shipped-fits';
import type { SynthIdKeySpec } from '../keyset/types';
import { computePositions } from './g-values';
import { floorModInt64 } from './int64';
import { makeScorer, tableFromSeed } from './params';
import { ngramAllowanceFor, ngramAllowanceKeyOf, ngramIdentities, ngramShareCurve, restoreNgramAllowance } from './ngram-allowance';

describe('ngramIdentities', () => {
  it('names each n-gram by its hash residue, from its tokens alone', () => {
    const ids = ngramIdentities([5, 6, 7, 8, 5, 6, 7, 8, 5, 6, 7, 9], 4, 65536);
    expect(Number.isNaN(ids[0]) && Number.isNaN(ids[1]) && Number.isNaN(ids[2])).toBe(true);
    expect(ids[7]).toBe(ids[3]); // 5 6 7 8 again
    expect(ids[11]).not.toBe(ids[3]); // 5 6 7 9
    expect(new Set([ids[3], ids[4], ids[5], ids[6]]).size).toBe(4);
    for (const id of ids.slice(3)) expect(Number.isInteger(id) && id >= 0 && id < 65536).toBe(true);
  });

  it('is the residue the scorer’s units use (a 1024-entry table: tokens equal mod 1024 collide)', () => {
    const a = ngramIdentities([1, 2, 3], 3, 1024)[2];
    expect(ngramIdentities([1 + 1024, 2, 3 + 2048], 3, 1024)[2]).toBe(a);
    expect(ngramIdentities([3, 2, 1], 3, 1024)[2]).not.toBe(a);
  });

  it('matches the n-gram hashes computePositions gives', () => {
    const scorer = makeScorer({ variant: 'hf-transformers', ngramLen: 4, keys: [1n, 2n], contextHistorySize: 1024, eosTokenId: null, table: tableFromSeed(1024, 42n) });
    const tokens = [464, 3290, 373, 257, 1332, 13, 383, 3290, 373, 257];
    const positions = computePositions(scorer, tokens);
    const ids = ngramIdentities(tokens, 4, 1024);
    for (let i = 0; i < positions.numPositions; i++) expect(ids[i + 3]).toBe(floorModInt64(positions.ngramHashHi[i], positions.ngramHashLo[i], 1024));
  });
});

describe('ngramShareCurve on the bundled sample', () => {
  it('rises in units and falls in share; a small table shares residues but the centring removes the floor', async () => {
    const sample = await loadReferenceSample();
    const tokenizer = await loadTokenizer('gpt2');
    const five = ngramShareCurve(sample, tokenizer, ['unicode'], 5, 65536);
    const small = ngramShareCurve(sample, tokenizer, ['unicode'], 5, 1024);
    expect(five.units.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < five.units.length; i++) {
      expect(five.units[i]).toBeGreaterThan(five.units[i - 1]);
      expect(five.share[i]).toBeLessThanOrEqual(five.share[i - 1]);
    }
    expect(five.share[0]).toBeGreaterThan(0);
    // 1/√1024 = 0.031 is the residue floor a 256-token window would show uncentred; what is left is
    // the genres' own recurrence, of the same order as with 65,536 residues.
    for (const x of small.share) expect(x).toBeLessThan(0.03);
    expect(ngramShareCurve(sample, tokenizer, ['unicode'], 5, 65536)).toBe(five);
  });
});

describe('stored allowances', () => {
  const curve = { units: [12, 27, 58], share: [0.0087, 0.0083, 0.0078] };
  const good = { format: 'wmlens-ngram-allowance', version: 1, sampleId: 'v1-x', curve };

  it('restores a well-formed allowance fitted on this sample', () => {
    expect(restoreNgramAllowance(good, 'v1-x')).toEqual(good);
    expect(restoreNgramAllowance(JSON.parse(JSON.stringify(good)), 'v1-x')).toEqual(good);
  });

  it.each([
    ['another sample', { ...good, sampleId: 'v1-y' }],
    ['another format', { ...good, format: 'wmlens-calibration' }],
    ['knots not rising', { ...good, curve: { units: [12, 12, 58], share: curve.share } }],
    ['lengths differ', { ...good, curve: { units: [12, 27], share: curve.share } }],
    ['a share of 1', { ...good, curve: { units: curve.units, share: [1, 0.5, 0.2] } }],
    ['a negative share', { ...good, curve: { units: curve.units, share: [-0.1, 0.5, 0.2] } }],
    ['no curve', { ...good, curve: undefined }],
    ['not an object', 'v1-x'],
    ['null', null],
  ])('ignores %s (the key is refitted)', (_name, stored) => {
    expect(restoreNgramAllowance(stored, 'v1-x')).toBeNull();
  });

  it('a compile given a stored allowance uses it without fitting; a broken one is refitted', async () => {
    const tokenizer = await loadTokenizer('gpt2');
    const { sampleId } = await loadShippedFits();
    const spec = { ngramLen: 7, samplingTableSize: 65536, tokenizer: { encoding: 'gpt2' }, detection: { normalizers: ['unicode'] } } as unknown as SynthIdKeySpec;
    const stored = { ...good, sampleId };
    let loaded = 0;
    const loader = async () => {
      loaded++;
      return tokenizer;
    };
    expect((await ngramAllowanceFor(spec, loader, stored)).curve).toEqual(curve);
    expect(loaded).toBe(0);
    const other = { ...spec, ngramLen: 6 } as SynthIdKeySpec;
    const fitted = await ngramAllowanceFor(other, loader, { ...good, sampleId: 'stale' });
    expect(loaded).toBe(1);
    expect(fitted.sampleId).toBe(sampleId);
    expect(ngramAllowanceKeyOf(other)).not.toBe(ngramAllowanceKeyOf(spec));
  });
});
