import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENCODING_NAMES, isEncodingName, loadedEncodings } from './encodings';
import type { EncodingName } from './encodings';
import { loadTokenizer } from './tokenizer';

// Module state is per test file, so this file sees a registry nothing else has touched.
describe('lazy encoding registry', () => {
  it('loads only the encodings that are asked for, and one tokenizer per encoding', async () => {
    expect(loadedEncodings()).toEqual([]);
    const [a, b] = await Promise.all([loadTokenizer('gpt2'), loadTokenizer('gpt2')]);
    expect(a).toBe(b);
    expect(await loadTokenizer('gpt2')).toBe(a);
    expect(a.name).toBe('gpt2');
    expect(loadedEncodings()).toEqual(['gpt2']);
    await loadTokenizer('cl100k_base');
    expect(loadedEncodings()).toEqual(['gpt2', 'cl100k_base']);
  });

  it('rejects unknown encoding names with the list of known ones', async () => {
    await expect(loadTokenizer('llama3' as EncodingName)).rejects.toThrow(/llama3.*gpt2, r50k_base, p50k_base, cl100k_base, o200k_base/);
    expect(isEncodingName('o200k_base')).toBe(true);
    expect(isEncodingName('p50k_edit')).toBe(false);
    expect(isEncodingName(undefined)).toBe(false);
    expect(ENCODING_NAMES).toHaveLength(5);
  });

  it('never imports rank tables (or the js-tiktoken runtime) statically from production code', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const file of sources) {
      const source = readFileSync(join(dir, file), 'utf8');
      const staticImports = source.match(/^import\s+(?!type\b)[^;]*from\s+'js-tiktoken[^']*'/gm) ?? [];
      expect(staticImports, file).toEqual([]);
    }
  });
});
