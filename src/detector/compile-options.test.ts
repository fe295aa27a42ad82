import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreIds } from '../score/score-ids';
import { compileKeySet } from './compile';

const bundled = readFileSync(resolve(__dirname, '../../public/keysets/reference-defaults.json'));

describe('compileKeySet({ tokenizers: false })', () => {
  it('compiles keys that score ids exactly as a full compile, with the same calibration, and refuse to tokenize', async () => {
    const full = await compileKeySet(bundled);
    const idsOnly = await compileKeySet(bundled, { tokenizers: false });
    const ids = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13, 464, 2068];
    idsOnly.keys.forEach((key, i) => {
      expect(key.spec).toEqual(full.keys[i].spec);
      expect(key.calibration.toJSON()).toEqual(full.keys[i].calibration.toJSON());
      expect(Array.from(scoreIds(key.scoring, ids).greenMask)).toEqual(Array.from(scoreIds(full.keys[i].scoring, ids).greenMask));
      expect(key.tokenizer.name).toBe('gpt2');
      expect(() => key.tokenizer.encode('text')).toThrow(/compiled for token ids only/);
    });
  }, 60_000);
});
