import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer } from '../tokenize/tokenizer';
import type { Tokenizer } from '../tokenize/types';
import { RoundTripCheck } from './round-trip';

let tok: Tokenizer;
beforeAll(async () => {
  tok = await loadTokenizer('gpt2');
});

const ids = (text: string) => Array.from(tok.encode(text).ids);
const one = (text: string) => {
  const [id, ...rest] = ids(text);
  expect(rest).toEqual([]);
  return id;
};

describe('RoundTripCheck', () => {
  it('accepts a token that keeps the text tokenizing to the same ids', () => {
    const check = new RoundTripCheck(tok, ['unicode']);
    expect(check.accepts(ids('We saw the'), one(' river'))).toBe(true);
    expect(check.accepts(ids('We saw the river'), one('.'))).toBe(true);
  });

  it('refuses a token the tokenizer would merge with the one before (" the" + "re" reads back as " there")', () => {
    const check = new RoundTripCheck(tok, ['unicode']);
    expect(ids(' there')).toHaveLength(1);
    expect(check.accepts(ids('We saw the'), one('re'))).toBe(false);
  });

  it('refuses what the normalizer would change: a second space, a newline', () => {
    const check = new RoundTripCheck(tok, ['unicode']);
    const withSpace = [...ids('We saw the'), one(' ')];
    expect(check.roundTrips(withSpace)).toBe(true); // a trailing space alone survives
    expect(check.accepts(withSpace, one(' river'))).toBe(false);
    expect(check.accepts(ids('We saw the river.'), one('\n'))).toBe(false);
    // Without normalizers the double space survives.
    expect(new RoundTripCheck(tok, []).accepts(withSpace, one(' river'))).toBe(true);
  });

  it('refuses half of a UTF-8 character', () => {
    const check = new RoundTripCheck(tok, ['unicode']);
    const emoji = ids(' 🦀');
    expect(emoji.length).toBeGreaterThan(1);
    expect(check.accepts(ids('We saw a'), emoji[0])).toBe(false);
  });

  it('refuses leading whitespace at the very start, which a page would trim', () => {
    const check = new RoundTripCheck(tok, ['unicode']);
    expect(check.accepts([], one(' The'))).toBe(false);
    expect(check.accepts([], one('The'))).toBe(true);
  });

  it('checks only a tail that starts at a pre-split boundary, and agrees with the whole-text check', () => {
    const check = new RoundTripCheck(tok, ['unicode'], { lookback: 4 });
    const long = ids('The quick brown fox jumps over the lazy dog and keeps on running through the');
    for (const word of [' field', 're', ' ', '\n', ' hills', ',']) {
      const c = one(word);
      expect(check.accepts(long, c)).toBe(check.roundTrips([...long, c]));
    }
  });
});
