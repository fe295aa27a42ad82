// Number and table formatting for the evaluation report (pure: no I/O), shared by the plots and the
// markdown text so both label α and p-value kinds the same way.
import type { PValueKind } from '../lib/false-alarms';
import type { Rate } from '../lib/rates';

export function pct(rate: number, digits = 2): string {
  if (!Number.isFinite(rate)) return 'n/a';
  if (rate === 0) return '0';
  const d = rate < 0.001 ? 3 : digits;
  return `${(100 * rate).toFixed(d)}%`;
}

export function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function alphaLabel(a: number): string {
  return a.toExponential(0).replace('e-', 'e-');
}

/** A rate cell: "0.12% (3)", bold when above α beyond sampling error, † when too few windows to resolve α. */
export function rateCell(r: Rate): string {
  const tooFew = r.windows < 1 / r.alpha;
  const body = `${pct(r.rate)} (${r.alarms})`;
  const bold = r.excessP < 0.01 ? `**${body}**` : body;
  return tooFew ? `${bold}†` : bold;
}

export const SHOWN_KINDS: PValueKind[] = ['referenceNormal', 'referenceBinomial', 'calibrated'];
export const KIND_SHORT: Record<PValueKind, string> = {
  referenceNormal: 'ref. normal',
  referenceBinomial: 'ref. binomial',
  unitsBinomial: 'units binomial',
  calibratedBlock: 'calibrated block',
  calibrated: 'calibrated pValue',
};
