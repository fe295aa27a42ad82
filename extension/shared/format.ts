// Numbers and wording for badges, cards and the popup. The wording never says "AI-written" or "human":
// a match means the text is consistent with a key set's watermark, and no match proves nothing.
import { oddsInWords } from '../../src/stats/plain-words';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** p-values as people read them: 0.03, 0.0012, 3.2 × 10⁻⁸; the tiniest are shown as a bound. */
export function formatP(p: number): string {
  if (!Number.isFinite(p) || p < 0) return '—';
  if (p === 0 || p < 1e-300) return '< 10⁻³⁰⁰';
  if (p >= 0.001) return trimZeros(p >= 0.1 ? p.toFixed(2) : p.toPrecision(2));
  const [mant, exp] = p.toExponential(1).split('e');
  const e = Number(exp).toString().replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
  return `${trimZeros(mant)} × 10${e}`;
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

export function formatZ(z: number): string {
  return Number.isFinite(z) ? z.toFixed(2) : '—';
}

export function formatFraction(g: number, t: number): string {
  if (t <= 0) return '—';
  return `${Math.round((1000 * g) / t) / 10}%`;
}

// How rare a score is, in words: one source for the CLI, the cards and the popup.
export { oddsInWords };

/** The plain-words reading of one key's result. */
export function plainReading(p: number, keySetName: string): string {
  return `Consistent with the watermark of ${keySetName}. A score this high happens ${oddsInWords(p)} for unwatermarked text.`;
}

export const NOT_A_VERDICT_ON_AUTHORSHIP =
  'This checks for one statistical watermark only. It does not say whether a person or an AI wrote the text.';
