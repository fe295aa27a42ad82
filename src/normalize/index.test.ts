import { describe, expect, it } from 'vitest';
import { applyNormalizers, normalizeUnicode, SUPPORTED_NORMALIZERS, UnknownNormalizerError, UnsupportedNormalizerError, validateNormalizers } from './index';
import { randomNormalizerInput, referenceUnicode, sourceMapProblems } from './test-map';

describe('applyNormalizers', () => {
  it('is the identity for an empty list', () => {
    const result = applyNormalizers('a\u00a0b\n', []);
    expect(result.text).toBe('a\u00a0b\n');
    expect([...result.sourceIndex]).toEqual([0, 1, 2, 3, 4]);
  });

  it('runs unicode', () => {
    const text = 'x\u00a0\u00a0e\u0301\n';
    expect(applyNormalizers(text, ['unicode'])).toEqual(normalizeUnicode(text));
    expect(SUPPORTED_NORMALIZERS).toEqual(['unicode']);
  });

  it('composes maps in list order back to the original', () => {
    const twice = (s: string) => referenceUnicode(referenceUnicode(s));
    for (const text of randomNormalizerInput(200, 25, 9)) {
      const result = applyNormalizers(text, ['unicode', 'unicode']);
      expect(result.text).toBe(twice(text));
      expect(sourceMapProblems(text, result, twice)).toEqual([]);
    }
  });

  it('keeps a group together when a later step splits what an earlier one kept whole', () => {
    // Pass 1 reorders the marks (one group) and deletes "\n"; pass 2 composes a + dot below across
    // the gap, leaving the acute apart. Both units must still own all of "a\n\u0301\u0323".
    const result = applyNormalizers('a\n\u0301\u0323', ['unicode', 'unicode']);
    expect(result.text).toBe('\u1ea1\u0301');
    expect([...result.sourceIndex]).toEqual([0, 0, 4]);
  });

  it('refuses normalizers the reference has but nobody can reproduce, saying why', () => {
    expect(() => applyNormalizers('x', ['homoglyphs'])).toThrow(UnsupportedNormalizerError);
    expect(() => applyNormalizers('x', ['homoglyphs'])).toThrow(/PYTHONHASHSEED/);
    expect(() => applyNormalizers('x', ['truecase'])).toThrow(UnsupportedNormalizerError);
    expect(() => applyNormalizers('x', ['truecase'])).toThrow(/spaCy/);
    expect(() => validateNormalizers(['unicode', 'truecase'])).toThrow(UnsupportedNormalizerError);
  });

  it('refuses unknown names', () => {
    for (const name of ['Unicode', 'nfc', '', 'constructor', '__proto__', 'toString']) {
      expect(() => applyNormalizers('x', [name]), name).toThrow(UnknownNormalizerError);
    }
    let error: unknown;
    try {
      validateNormalizers(['nfkc']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: 'UnknownNormalizerError', normalizer: 'nfkc' });
    expect(String(error)).toMatch(/Unknown normalizer "nfkc".*only unicode is supported/);
  });
});
