import { describe, expect, it } from 'vitest';
import type { KgwKeyDetection as KeyDetection, SynthIdKeyDetection } from '../../src/detect-types';
import { resultCard } from './card-model';

function det(verdict: KeyDetection['verdict'], more: Partial<KeyDetection> = {}): KeyDetection {
  return {
    keySetId: 'ref', keySetName: 'Reference defaults', kid: 'lefthash',
    numTokensScored: 200, numGreenTokens: 120, greenFraction: 0.6, zScore: 11.43, pValueNormal: 1e-30,
    pValue: 1e-7, numUnits: 180, numGreenUnits: 105, verdict, spans: [], ...more,
  };
}
const text = (m: ReturnType<typeof resultCard>) => JSON.stringify(m);

describe('resultCard', () => {
  it('details a match with T, G, z, p and plain words', () => {
    const m = resultCard([det('not-detected', { kid: 'selfhash' }), det('watermarked')], { spans: 1 });
    expect(m.tone).toBe('match');
    expect(m.title).toBe('Watermark found: Reference defaults');
    expect(m.sections).toHaveLength(1);
    expect(m.sections[0].rows).toEqual(
      expect.arrayContaining([
        ['Key', 'lefthash'],
        ['Tokens scored (T)', '200'],
        ['Green tokens (G)', '120 (60%)'],
        ['z-score', '11.43'],
        ['p-value', '1 × 10⁻⁷'],
      ]),
    );
    expect(m.sections[0].reading).toBe('A score this high happens about 1 in 10 million for unwatermarked text.');
    expect(m.sections[0].heading).toBe('Consistent with the watermark of Reference defaults');
  });

  it('shows a unigram key\'s distinct-token z and names its units distinct tokens', () => {
    const m = resultCard([det('watermarked', { kid: 'uni', uniqueZScore: 6.5 })]);
    expect(m.sections[0].rows).toEqual(
      expect.arrayContaining([
        ['z-score', '11.43'],
        ['z-score, distinct tokens', '6.50'],
        ['Distinct tokens counted', '105 green of 180'],
      ]),
    );
    expect(text(resultCard([det('watermarked')]))).not.toContain('distinct tokens');
  });

  it('explains a SynthID match by its mean g-value, with the same verdict words', () => {
    const synthid: SynthIdKeyDetection = {
      scheme: 'synthid', keySetId: 's', keySetName: 'SynthID example', kid: 'synthid-text-docs',
      numTokensScored: 196, meanScore: 0.5439, weightedMeanScore: 0.5485, zScore: 6.73, numUnits: 196,
      pValue: 1e-7, verdict: 'watermarked', spans: [],
    };
    const m = resultCard([synthid]);
    expect(m.title).toBe('Watermark found: SynthID example');
    expect(m.sections[0].rows).toEqual(
      expect.arrayContaining([
        ['N-grams scored', '196'],
        ['Mean g-value', '0.544 (0.5 expected without the watermark)'],
        ['z-score', '6.73'],
      ]),
    );
    expect(text(m)).not.toMatch(/Green tokens/);
    expect(m.sections[0].reading).toBe('A score this high happens about 1 in 10 million for unwatermarked text.');
  });

  it('never calls anything AI-written or human-written', () => {
    for (const m of [resultCard([det('watermarked')]), resultCard([det('not-detected')]), resultCard([det('too-short')])]) {
      expect(text(m)).not.toMatch(/AI-written|written by AI|is human|human-written/i);
    }
    expect(text(resultCard([det('not-detected')]))).toContain('does not mean a person wrote it');
  });

  it('explains too-short and missing key sets, and mentions truncation', () => {
    expect(resultCard([det('too-short', { numTokensScored: 9 })]).notes[0]).toContain('Only 9 tokens');
    expect(resultCard([]).tone).toBe('error');
    expect(resultCard([det('not-detected')], { truncatedAt: 20000 }).notes).toContain('Only the first 20,000 characters were scored.');
    expect(resultCard([], { error: 'compute host failed' }).notes[0]).toBe('compute host failed');
  });
});
