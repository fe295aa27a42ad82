import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAR_TO_BYTE } from './byte-level';
import { loadHfTokenizer } from './index';
import { TEST_TOKENIZERS, testTokenizerJson, testTokenizerPath } from './test-files';
import { readCorpus, readFamilyVectors } from './vectors/format';

// The committed vectors hold, for every corpus string, the ids and offsets the Rust `tokenizers`
// crate gives (scripts/make-tokenizer-vectors.ts; docs/tokenizers.md has the cross-implementation
// table). This engine must reproduce every id list exactly.

const corpus = readCorpus();
const texts = corpus.texts;
const encoder = new TextEncoder();

/** What UTF-8 text (and so the Rust library) sees: lone surrogates become U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Whether `needle` occurs in `hay` as a contiguous run. */
function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('corpus', () => {
  it('has 2,000+ strings from every source', () => {
    expect(texts.length).toBeGreaterThanOrEqual(2000);
    for (let s = 0; s < corpus.sources.length; s++) expect(corpus.source.filter((x) => x === s).length).toBeGreaterThan(100);
  });
});

describe.each(TEST_TOKENIZERS)('%s: the Rust tokenizers vectors', (family) => {
  const vectors = readFamilyVectors(family);
  const json = testTokenizerJson(family);
  const tokenizer = loadHfTokenizer(json, { name: family });
  const encoded = texts.map((t) => tokenizer.encode(t));
  const byteLevel = (JSON.parse(json) as { decoder?: { type?: string } }).decoder?.type === 'ByteLevel';
  const normalizes = /"type":\s*"NF/.test(JSON.stringify((JSON.parse(json) as { normalizer: unknown }).normalizer));

  it('were made from this very tokenizer.json', () => {
    expect(createHash('sha256').update(readFileSync(testTokenizerPath(family))).digest('hex')).toBe(vectors.sha256);
    expect(vectors.ids.length).toBe(texts.length);
  });

  it('gives exactly the reference ids for every string', () => {
    const wrong = texts.flatMap((t, i) => (Array.from(encoded[i].ids).join() === vectors.ids[i].join() ? [] : [JSON.stringify(t).slice(0, 80)]));
    expect(wrong).toEqual([]);
  });

  it('adds the post-processor special tokens when asked', () => {
    const withSpecial = tokenizer.withOptions({ addSpecialTokens: true });
    vectors.withSpecialTokens.forEach((ids, i) => expect(Array.from(withSpecial.encode(texts[i]).ids)).toEqual(ids));
  });

  it('gives the reference offsets as char ranges (NFC-composed characters: ranges covering them whole)', () => {
    const wrong: string[] = [];
    texts.forEach((text, i) => {
      const { starts, ends } = encoded[i];
      const ref = vectors.offsets[i];
      for (let k = 0; k < starts.length; k++) {
        const [s, e] = [ref[2 * k], ref[2 * k + 1]];
        // Rust gives a character composed by NFC only the range of its first source character; ours
        // covers every source character that went into it, so it contains Rust's.
        const ok = normalizes && text.normalize('NFC') !== text ? starts[k] <= s && ends[k] >= e : starts[k] === s && ends[k] === e;
        if (!ok) {
          wrong.push(`${JSON.stringify(text).slice(0, 60)} token ${k}: [${starts[k]}, ${ends[k]}) vs [${s}, ${e})`);
          break;
        }
      }
    });
    expect(wrong).toEqual([]);
  });

  it('gives ranges that are ordered and together cover every character', () => {
    const wrong: string[] = [];
    texts.forEach((text, i) => {
      const { starts, ends } = encoded[i];
      let covered = 0;
      for (let k = 0; k < starts.length; k++) {
        const ordered = starts[k] < ends[k] && (k === 0 || (starts[k] >= starts[k - 1] && ends[k] >= ends[k - 1]));
        // No gap: each token starts inside or right after what the tokens before it cover.
        if (!ordered || starts[k] > covered) {
          wrong.push(`${JSON.stringify(text).slice(0, 60)} token ${k}`);
          return;
        }
        covered = Math.max(covered, ends[k]);
      }
      if (covered !== text.length) wrong.push(`${JSON.stringify(text).slice(0, 60)}: covers ${covered} of ${text.length}`);
    });
    expect(wrong).toEqual([]);
  });

  // (SentencePiece-style files: the byte-fallback pieces are covered by the offsets test above.)
  if (byteLevel) it("takes each token's bytes from the characters of its range", () => {
    const vocab = new Map<number, string>();
    for (const [token, id] of Object.entries((JSON.parse(json) as { model: { vocab: Record<string, number> } }).model.vocab)) vocab.set(id, token);
    let checked = 0;
    texts.forEach((text, i) => {
      if (normalizes && text.normalize('NFC') !== text) return;
      const { ids, starts, ends } = encoded[i];
      for (let k = 0; k < ids.length; k++) {
        const token = vocab.get(ids[k]);
        if (token === undefined) continue; // an added token, matched as text
        const bytes = Uint8Array.from(Array.from(token, (c) => CHAR_TO_BYTE.get(c)!));
        const source = encoder.encode(wellFormed(text.slice(starts[k], ends[k])));
        if (!containsBytes(source, bytes)) throw new Error(`${JSON.stringify(text).slice(0, 60)} token ${k}: bytes not in its range`);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100_000);
  });

  it('decodes its ids back to the text wherever the tokenizer is lossless', () => {
    const added = (JSON.parse(json) as { added_tokens: Array<{ content: string }> }).added_tokens.map((t) => t.content);
    let checked = 0;
    const wrong: string[] = [];
    texts.forEach((text, i) => {
      // SentencePiece-style files write spaces as "▁", so a "▁" in the text comes back as a space.
      if (!byteLevel && text.includes('▁')) return;
      // Llama-2-style files prepend "▁" to each stretch between added tokens, and the decoder strips
      // only the first, so text next to an added token does not come back.
      if (family === 'llama2' && added.some((a) => text.includes(a))) return;
      const expected = normalizes ? wellFormed(text).normalize('NFC') : wellFormed(text);
      if (tokenizer.decode(encoded[i].ids) !== expected) wrong.push(JSON.stringify(text).slice(0, 80));
      checked++;
    });
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(2300);
  });
});
