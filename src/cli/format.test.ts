import { describe, expect, it } from 'vitest';
import type { KgwKeyDetection } from '../detect-types';
import { escapeForTerminal, formatDetection, terminalSafeJson } from './format';

// Issue 12 row 7: a key-set name that rewrote the CLI's output line.
const FORGED = '\u001b[2K\r\u001b[32mOK: not watermarked';
// Every character a terminal or a bidi renderer acts on.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function detection(extra: Partial<KgwKeyDetection>): KgwKeyDetection {
  return {
    keySetId: 'org.example',
    keySetName: 'Example',
    kid: 'k',
    numTokensScored: 100,
    numGreenTokens: 60,
    greenFraction: 0.6,
    zScore: 8,
    pValueNormal: 1e-15,
    pValue: 1e-12,
    numUnits: 90,
    numGreenUnits: 55,
    verdict: 'watermarked',
    spans: [],
    ...extra,
  };
}

describe('escapeForTerminal', () => {
  it('shows C0, DEL, C1 and bidi formatting characters as escapes, and leaves other text alone', () => {
    expect(escapeForTerminal(FORGED)).toBe('\\x1B[2K\\x0D\\x1B[32mOK: not watermarked');
    expect(escapeForTerminal('a\u0000b\u007fc\u0085d\u009be\tf\ng')).toBe('a\\x00b\\x7Fc\\x85d\\x9Be\\x09f\\x0Ag');
    expect(escapeForTerminal('txt\u202Eexe.\u2066x\u2069\u202A')).toBe('txt\\u202Eexe.\\u2066x\\u2069\\u202A');
    expect(escapeForTerminal('Ünïcödé ✓ 😀 \u00a0 «»')).toBe('Ünïcödé ✓ 😀 \u00a0 «»');
    expect(escapeForTerminal('line 1\nline\u001b 2', { keepNewlines: true })).toBe('line 1\nline\\x1B 2');
  });
});

describe('formatDetection', () => {
  it('escapes the key-set name, the kid and the span excerpt', () => {
    const text = `watermarked ${FORGED} \u202Etxt.exe text`;
    const out = formatDetection(
      detection({ keySetName: FORGED, kid: 'k\u202E', spans: [{ start: 0, end: text.length, zScore: 5, pValue: 1e-6 }] }),
      text,
    );
    expect(out).not.toMatch(UNSAFE);
    expect(out.split('\n')[0]).toBe('\\x1B[2K\\x0D\\x1B[32mOK: not watermarked / k\\u202E: WATERMARKED');
    expect(out).toContain('"watermarked \\x1B[2K \\x1B[32mOK: not watermarked \\u202Etxt.exe text"');
  });
});

describe('terminalSafeJson', () => {
  it('is the same JSON value with no raw control or bidi character', () => {
    const value = { name: FORGED, kid: 'a\u009b\u202Eb\u2067', n: [1, 2.5], nested: { s: '\u007f' } };
    const json = terminalSafeJson(value);
    expect(json).not.toMatch(UNSAFE);
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toContain('a\\u009b\\u202eb\\u2067');
  });
});
