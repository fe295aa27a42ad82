// p-values in words: the rough rarity of such a result on unwatermarked text. The one source of this
// wording for the CLI, the extension's cards and its popup (extension/shared/format.ts re-exports it).
// One significant figure: a p-value is evidence, not a measurement, and more digits mislead.

const SCALES: ReadonlyArray<[exponent: number, word: string]> = [
  [12, 'trillion'],
  [9, 'billion'],
  [6, 'million'],
];

/** Below this the text says "fewer than 1 in 10^300" (covers 0 and subnormal p-values). */
const FLOOR = 1e-300;

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 in N" with N = 1/p to one significant figure, in words up to the trillions. */
function oneIn(p: number): string {
  const inverse = 1 / p;
  let exponent = Math.floor(Math.log10(inverse));
  let mantissa = Math.round(inverse / 10 ** exponent);
  if (mantissa >= 10) {
    mantissa = 1;
    exponent += 1;
  }
  if (exponent >= 15) return `1 in 10^${Math.round(Math.log10(inverse))}`;
  for (const [scale, word] of SCALES) {
    if (exponent >= scale) return `1 in ${mantissa * 10 ** (exponent - scale)} ${word}`;
  }
  return `1 in ${groupThousands(mantissa * 10 ** exponent)}`;
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`not a p-value: ${p}`);
}

/**
 * How rarely unwatermarked text scores like this, as a phrase to build sentences with:
 * 1e-7 → "about 1 in 10 million", 0 → "fewer than 1 in 10^300", 0.7 → "more often than not".
 */
export function oddsInWords(p: number): string {
  checkP(p);
  if (p < FLOOR) return 'fewer than 1 in 10^300';
  if (p >= 0.5) return 'more often than not';
  return `about ${oneIn(p)}`;
}

/**
 * Plain words for a p-value, e.g. 1e-7 → "about 1 in 10 million for unwatermarked text",
 * 0 → "fewer than 1 in 10^300 for unwatermarked text", 0.6 → "likely for ordinary text".
 */
export function describePValue(p: number): string {
  checkP(p);
  if (p >= 0.5) return 'likely for ordinary text';
  if (p >= 0.05) return `common for ordinary text (${oddsInWords(p)})`;
  return `${oddsInWords(p)} for unwatermarked text`;
}
