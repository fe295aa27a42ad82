// Human-readable lines for `wmlens detect` without --json.
import type { KeyDetection } from '../detect-types';
import { describePValue } from '../stats/plain-words';

const VERDICT_WORDS: Record<KeyDetection['verdict'], string> = {
  watermarked: 'WATERMARKED',
  'not-detected': 'not detected',
  'too-short': 'too short to tell',
};

function num(x: number, digits = 3): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

function pText(p: number): string {
  return p === 0 ? '< 1e-300' : p < 1e-3 ? p.toExponential(2) : p.toFixed(4);
}

export function formatDetection(result: KeyDetection, text: string): string {
  const lines = [`${result.keySetName} / ${result.kid}: ${VERDICT_WORDS[result.verdict]}`];
  if (result.scheme === 'synthid') {
    if (result.verdict !== 'too-short') lines.push(
      `  n-grams scored ${result.numTokensScored}, mean g-value ${num(result.meanScore ?? 0, 4)}, ` +
        `weighted mean ${num(result.weightedMeanScore ?? 0, 4)}, z = ${num(result.zScore)}`,
      `  calibrated: ${result.numUnits} independent n-grams, p = ${pText(result.pValue)} (${describePValue(result.pValue)})`,
    );
  } else if (result.verdict !== 'too-short') {
    lines.push(
      `  tokens scored ${result.numTokensScored}, green ${result.numGreenTokens} (${num(result.greenFraction * 100, 1)}%), ` +
        `z = ${num(result.zScore)}, p (normal) = ${pText(result.pValueNormal)}`,
      `  calibrated: ${result.numGreenUnits} green of ${result.numUnits} independent units, p = ${pText(result.pValue)} ` +
        `(${describePValue(result.pValue)})`,
    );
  }
  for (const span of result.spans) {
    const excerpt = text.slice(span.start, span.end).replace(/\s+/g, ' ');
    const short = excerpt.length > 80 ? `${excerpt.slice(0, 38)} … ${excerpt.slice(-38)}` : excerpt;
    lines.push(`  span [${span.start}, ${span.end}) z = ${num(span.zScore)}, p = ${pText(span.pValue)}: "${short}"`);
  }
  return lines.join('\n');
}
