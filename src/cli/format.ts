// Human-readable lines for `wmlens detect` without --json.
import type { KeyDetection } from '../detect-types';
import { describePValue } from '../stats/plain-words';

const VERDICT_WORDS: Record<KeyDetection['verdict'], string> = {
  watermarked: 'WATERMARKED',
  'not-detected': 'not detected',
  'too-short': 'too short to tell',
};

// C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates (the key-set schema refuses
// them in names; input text and file names can still carry them). Printed raw, "ESC[2K\r" erases the
// line and U+202E reverses what follows, so a key set or a text could forge the verdict shown.
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const TERMINAL_UNSAFE_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
}

/** `text` with every control and bidi formatting character shown as \xNN or \uNNNN. */
export function escapeForTerminal(text: string, { keepNewlines = false } = {}): string {
  return text.replace(keepNewlines ? TERMINAL_UNSAFE_EXCEPT_NEWLINE : TERMINAL_UNSAFE, visibleEscape);
}

/**
 * JSON.stringify, with DEL, C1 and bidi formatting characters also written as \uNNNN escapes (it
 * escapes only C0): the same JSON value, safe to print to a terminal. They can only occur inside
 * strings, where the escape means the same character.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function num(x: number, digits = 3): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

function pText(p: number): string {
  return p === 0 ? '< 1e-300' : p < 1e-3 ? p.toExponential(2) : p.toFixed(4);
}

export function formatDetection(result: KeyDetection, text: string): string {
  const lines = [`${escapeForTerminal(result.keySetName)} / ${escapeForTerminal(result.kid)}: ${VERDICT_WORDS[result.verdict]}`];
  if (result.scheme === 'synthid') {
    if (result.verdict !== 'too-short') lines.push(
      `  n-grams scored ${result.numTokensScored}, mean g-value ${num(result.meanScore ?? 0, 4)}, ` +
        `weighted mean ${num(result.weightedMeanScore ?? 0, 4)}, z = ${num(result.zScore)}`,
      `  calibrated: ${result.numUnits} independent n-grams, p = ${pText(result.pValue)} (${describePValue(result.pValue)})`,
    );
  } else if (result.verdict !== 'too-short') {
    lines.push(
      `  tokens scored ${result.numTokensScored}, green ${result.numGreenTokens} (${num(result.greenFraction * 100, 1)}%), ` +
        `z = ${num(result.zScore)}${result.uniqueZScore === undefined ? '' : `, z over distinct tokens = ${num(result.uniqueZScore)}`}, ` +
        `p (normal) = ${pText(result.pValueNormal)}`,
      `  calibrated: ${result.numGreenUnits} green of ${result.numUnits} independent units, p = ${pText(result.pValue)} ` +
        `(${describePValue(result.pValue)})`,
    );
  }
  for (const span of result.spans) {
    const excerpt = text.slice(span.start, span.end).replace(/\s+/g, ' ');
    const short = excerpt.length > 80 ? `${excerpt.slice(0, 38)} … ${excerpt.slice(-38)}` : excerpt;
    lines.push(`  span [${span.start}, ${span.end}) z = ${num(span.zScore)}, p = ${pText(span.pValue)}: "${escapeForTerminal(short)}"`);
  }
  return lines.join('\n');
}
