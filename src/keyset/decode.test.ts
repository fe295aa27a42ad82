import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJsonDocument, MAX_DOCUMENT_BYTES } from './decode';
import { KeySetError } from './errors';

function refusal(input: Uint8Array | string): KeySetError {
  try {
    decodeJsonDocument(input);
  } catch (e) {
    if (e instanceof KeySetError) return e;
    throw e;
  }
  throw new Error('expected a KeySetError');
}

describe('decodeJsonDocument', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses bytes and strings alike, ignoring a leading byte-order mark', () => {
    const text = '{"a": [1, "é"]}';
    expect(decodeJsonDocument(new TextEncoder().encode(text))).toEqual({ a: [1, 'é'] });
    expect(decodeJsonDocument(text)).toEqual({ a: [1, 'é'] });
    expect(decodeJsonDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ a: [1, 'é'] });
    expect(decodeJsonDocument(`\uFEFF${text}`)).toEqual({ a: [1, 'é'] });
  });

  it('refuses nesting deeper than 32 levels before JSON.parse sees it (issue 12: 100k deep)', () => {
    expect(() => decodeJsonDocument(`${'['.repeat(32)}${']'.repeat(32)}`)).not.toThrow();
    // Brackets inside strings, escaped quotes included, do not count.
    const inString = { a: `${'['.repeat(62)}"[{` };
    expect(decodeJsonDocument(JSON.stringify(inString))).toEqual(inString);
    expect(refusal(`${'['.repeat(33)}${']'.repeat(33)}`).message).toBe(
      'document too deeply nested at line 1, column 33: arrays and objects nested more than 32 deep',
    );
    const parse = vi.spyOn(JSON, 'parse');
    const t0 = performance.now();
    expect(refusal(`{"a":\n ${'[{"b":'.repeat(50_000)}`).message).toMatch(/^document too deeply nested at line 2, column 93:/);
    expect(refusal('['.repeat(MAX_DOCUMENT_BYTES)).message).toMatch(/^document too deeply nested at line 1, column 33:/);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(parse).not.toHaveBeenCalled();
  });

  it('accepts exactly 1 MiB', () => {
    const doc = `"${'a'.repeat(MAX_DOCUMENT_BYTES - 2)}"`;
    expect(decodeJsonDocument(new TextEncoder().encode(doc))).toHaveLength(MAX_DOCUMENT_BYTES - 2);
  });

  it('refuses more than 1 MiB before decoding or parsing anything', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const parse = vi.spyOn(JSON, 'parse');
    // Not even UTF-8, let alone JSON: only the size may be reported.
    const e = refusal(new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0xff));
    expect(e.issues).toEqual([
      { path: '', message: 'document is 1048577 bytes; a key set may be at most 1 MiB (1048576 bytes)' },
    ]);
    expect(decode).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
  });

  it('counts a string in UTF-8 bytes, not characters', () => {
    const parse = vi.spyOn(JSON, 'parse');
    // 524,289 two-byte characters: fewer than 1 Mi characters, more than 1 MiB.
    expect(refusal(`"${'é'.repeat(524_289)}"`).message).toBe(
      'document is 1048580 bytes; a key set may be at most 1 MiB (1048576 bytes)',
    );
    expect(refusal('x'.repeat(MAX_DOCUMENT_BYTES + 1)).message).toMatch(/^document is more than 1048576 bytes/);
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses invalid UTF-8 and says where', () => {
    const bytes = new TextEncoder().encode('{"name": "caf?"}');
    bytes[13] = 0xe9; // Latin-1 é
    expect(refusal(bytes).message).toBe('document is not valid UTF-8 (first bad byte at offset 13)');
  });

  it('refuses a string that cannot be encoded as UTF-8', () => {
    expect(refusal('{"a": "\uD800"}').message).toBe(
      'document is not valid UTF-8: lone surrogate U+D800 at character offset 7',
    );
  });

  it('reports JSON syntax errors with line and column', () => {
    const e = refusal('{\n  "format": "watermark-keyset",\n  "keys": [1, 2,]\n}');
    expect(e.issues).toEqual([
      { path: '', message: 'JSON syntax error at line 3, column 17: expected a JSON value, found "]"' },
    ]);
  });
});
