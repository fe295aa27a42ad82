// The evaluation must measure the p-value users see: the false-alarm counts of eval/lib/scheme-measure.ts
// (token windows, no text) must equal what detect() reports on the same windows' decoded text, for a
// SynthID key and a Unigram key. Windows whose decoded text does not tokenize back to the same ids are
// left out (detect() could not see the same tokens), so the stream below holds round-tripping windows only.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect';
import { loadSotu } from './corpora';
import type { LoadedCorpus } from './pipeline';
import { compileSchemeKey, synthIdEvalKeys, unigramEvalKeys } from './scheme-keys';
import { schemeFalseAlarms } from './scheme-measure';
import { tokenizeCorpus } from './windows';

const LENGTH = 64;
// Loose levels, so that a few hundred human windows give alarms to compare (the span search's share of α
// depends on α: each level is decided at itself, as detect() does).
const ALPHAS = [0.5, 0.2, 0.05];

describe('scheme false alarms = detect() on the same windows', () => {
  it.each([
    ['synthid-text-docs', () => synthIdEvalKeys().find((k) => k.name === 'synthid-text-docs')!],
    ['synthid-hf-wide', () => synthIdEvalKeys().find((k) => k.name === 'synthid-hf-wide')!],
    ['unigram -1 (½)', () => unigramEvalKeys().find((k) => k.name === 'unigram -1 (½)')!],
  ])('%s', async (_name, pick) => {
    const key = await compileSchemeKey(pick());
    const k = key.keySet.synthidKeys[0] ?? key.keySet.unigramKeys![0];
    const corpus = { ...loadSotu({ maxChars: 60_000 }), heldOut: false } as LoadedCorpus;
    const full = tokenizeCorpus(corpus, k.tokenizer, k.spec.detection.normalizers);
    const kept: Int32Array[] = [];
    const texts: string[] = [];
    for (let s = 0; s + LENGTH <= full.ids.length; s += LENGTH) {
      const ids = full.ids.subarray(s, s + LENGTH);
      const text = k.tokenizer.decode(ids);
      const again = k.tokenizer.encode(text).ids;
      if (again.length === LENGTH && again.every((x, i) => x === ids[i])) {
        kept.push(ids);
        texts.push(text);
      }
    }
    expect(kept.length).toBeGreaterThan(100);
    const ids = new Int32Array(kept.length * LENGTH);
    kept.forEach((w, i) => ids.set(w, i * LENGTH));
    const [cell] = schemeFalseAlarms(key, corpus, { corpus: corpus.name, ids }, [LENGTH], ALPHAS, Infinity);
    expect(cell.windows).toBe(kept.length);
    const viaDetect = ALPHAS.map((alpha) => texts.filter((t) => detect(t, [key.keySet], { alpha, spans: false })[0].pValue <= alpha).length);
    expect(cell.calibrated).toEqual(viaDetect);
    // Not a vacuous comparison: the loosest level flags some windows.
    expect(viaDetect[0]).toBeGreaterThan(0);
  });
});
