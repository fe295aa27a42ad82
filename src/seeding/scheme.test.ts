import { describe, expect, it } from 'vitest';
import { PRF_NAMES } from './prf';
import { parsePythonInt } from './python-int';
import { SeedingSchemeError, parseLmwSeedingScheme } from './scheme';

const K = 15485863n;

describe('parseLmwSeedingScheme', () => {
  it('aliases', () => {
    const lefthash = { prfType: 'additive_prf', contextWidth: 1, selfSalt: false, hashKey: K };
    const selfhash = { prfType: 'anchored_minhash_prf', contextWidth: 4, selfSalt: true, hashKey: K };
    expect(parseLmwSeedingScheme('simple_1')).toEqual(lefthash);
    expect(parseLmwSeedingScheme('lefthash')).toEqual(lefthash);
    expect(parseLmwSeedingScheme('algorithm-3')).toEqual(selfhash);
    expect(parseLmwSeedingScheme('selfhash')).toEqual(selfhash);
    expect(parseLmwSeedingScheme('minhash')).toEqual({ prfType: 'minhash_prf', contextWidth: 4, selfSalt: false, hashKey: K });
    expect(parseLmwSeedingScheme('skipgram')).toEqual({ prfType: 'skipgram_prf', contextWidth: 5, selfSalt: false, hashKey: K });
  });

  it('free-form strings', () => {
    expect(parseLmwSeedingScheme('ff-anchored_minhash_prf-4-True-15485863')).toEqual(parseLmwSeedingScheme('selfhash'));
    expect(parseLmwSeedingScheme('ff-additive_prf-4-False-15485863')).toEqual({
      prfType: 'additive_prf',
      contextWidth: 4,
      selfSalt: false,
      hashKey: K,
    });
    expect(parseLmwSeedingScheme('ff-multiplicative_prf-2-True')).toEqual({
      prfType: 'multiplicative_prf',
      contextWidth: 2,
      selfSalt: true,
      hashKey: K,
    });
    expect(parseLmwSeedingScheme('ff-minhash_prf-3-False-7919').hashKey).toBe(7919n);
    expect(parseLmwSeedingScheme('ff-minhash_prf-3-False-99999999999999999999999').hashKey).toBe(99999999999999999999999n);
    for (const prf of PRF_NAMES) expect(parseLmwSeedingScheme(`ff-${prf}-2-False`).prfType).toBe(prf);
  });

  it('self-salt only for exactly "True"', () => {
    for (const s of ['true', 'TRUE', '1', 'True ', ' True', 'yes', '']) {
      expect(parseLmwSeedingScheme(`ff-additive_prf-2-${s}`).selfSalt).toBe(false);
    }
    expect(parseLmwSeedingScheme('ff-additive_prf-2-True').selfSalt).toBe(true);
  });

  it('the key is read only with exactly 5 parts', () => {
    expect(parseLmwSeedingScheme('ff-additive_prf-2-True-5-6').hashKey).toBe(K);
    // A negative key cannot be written: "--5" splits into 6 parts and the default stays.
    expect(parseLmwSeedingScheme('ff-additive_prf-2-True--5').hashKey).toBe(K);
    expect(parseLmwSeedingScheme('ff-additive_prf-2-True-+5').hashKey).toBe(5n);
    expect(parseLmwSeedingScheme('ff-additive_prf-2-True-0').hashKey).toBe(0n);
  });

  it('Python int() semantics for width and key', () => {
    expect(parseLmwSeedingScheme('ff-additive_prf-04-False').contextWidth).toBe(4);
    expect(parseLmwSeedingScheme('ff-additive_prf- 4\t-False').contextWidth).toBe(4);
    expect(parseLmwSeedingScheme('ff-additive_prf-+4-False').contextWidth).toBe(4);
    expect(parseLmwSeedingScheme('ff-additive_prf-1_0-False').contextWidth).toBe(10);
    expect(parseLmwSeedingScheme('ff-additive_prf-4-False-15_485_863').hashKey).toBe(K);
    for (const bad of ['', ' ', '4.0', '0x4', '1e1', '1__0', '_1', '1_', 'four', '4 4', '+-4', '٤']) {
      expect(() => parseLmwSeedingScheme(`ff-additive_prf-${bad}-False`)).toThrow(SeedingSchemeError);
    }
    expect(() => parseLmwSeedingScheme('ff-additive_prf-4-False-abc')).toThrow(/hash key "abc" is not an integer/);
  });

  it('errors name the scheme string', () => {
    const cases: Array<[string, RegExp]> = [
      ['hello', /expected simple_1/],
      ['Selfhash', /expected simple_1/],
      ['', /expected simple_1/],
      ['ff', /missing the PRF name/],
      ['ffoo', /missing the PRF name/],
      ['ff-additive_prf', /missing the context width/],
      ['ff-additive_prf-4', /missing the self-salt field/],
      ['ff-nonexistent_prf-4-True', /unknown PRF "nonexistent_prf"/],
      ['ff-additive_prf-0-False', /context width 0 is not supported/],
    ];
    for (const [scheme, msg] of cases) {
      let err: unknown;
      try {
        parseLmwSeedingScheme(scheme);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SeedingSchemeError);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).toContain(JSON.stringify(scheme));
      expect((err as SeedingSchemeError).scheme).toBe(scheme);
    }
  });

  it('does not resolve inherited property names as aliases', () => {
    expect(() => parseLmwSeedingScheme('constructor')).toThrow(SeedingSchemeError);
    expect(() => parseLmwSeedingScheme('__proto__')).toThrow(SeedingSchemeError);
  });
});

describe('parsePythonInt', () => {
  it('accepts what int() accepts (ASCII digits)', () => {
    expect(parsePythonInt('0')).toBe(0n);
    expect(parsePythonInt('-12')).toBe(-12n);
    expect(parsePythonInt('\u3000 7\n')).toBe(7n);
    expect(parsePythonInt('1_2_3')).toBe(123n);
    expect(parsePythonInt('000')).toBe(0n);
  });
  it('refuses what int() refuses', () => {
    for (const s of ['', '-', '+', '1 2', '0b1', '\ufeff1']) expect(parsePythonInt(s)).toBeNull();
  });
  it('refuses non-ASCII decimal digits, which Python would accept (documented divergence)', () => {
    expect(parsePythonInt('١')).toBeNull();
  });
});
