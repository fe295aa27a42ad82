// What a result card says, as plain data (rendered by card-view.ts). Pure, so the wording is tested.
import type { KeyDetection, SynthIdKeyDetection } from '../../src/detect-types';
import { formatFraction, formatP, formatZ, NOT_A_VERDICT_ON_AUTHORSHIP, oddsInWords } from '../shared/format';
import { blockVerdict, byStrength, matchingKeys } from './verdict';

export interface KeySection {
  heading: string;
  rows: [label: string, value: string][];
  reading?: string;
}

export interface CardModel {
  title: string;
  tone: 'match' | 'none' | 'short' | 'error';
  sections: KeySection[];
  notes: string[];
}

/** At most this many keys are detailed in one card; the strongest come first. */
const MAX_KEYS = 3;

/** SynthID scores g-values, not green tokens: the same verdict words, its own numbers. */
function synthIdRows(d: SynthIdKeyDetection): [string, string][] {
  return [
    ['Key set', d.keySetName],
    ['Key', d.kid],
    ['N-grams scored', String(d.numTokensScored)],
    ['Mean g-value', d.meanScore === null ? '–' : `${d.meanScore.toFixed(3)} (0.5 expected without the watermark)`],
    ['z-score', formatZ(d.zScore)],
    ['p-value', formatP(d.pValue)],
  ];
}

export function keySection(d: KeyDetection, headingFor: 'match' | 'plain'): KeySection {
  const rows: [string, string][] = d.scheme === 'synthid' ? synthIdRows(d) : [
    ['Key set', d.keySetName],
    ['Key', d.kid],
    ['Tokens scored (T)', String(d.numTokensScored)],
    ['Green tokens (G)', `${d.numGreenTokens} (${formatFraction(d.numGreenTokens, d.numTokensScored)})`],
    ['z-score', formatZ(d.zScore)],
    ['p-value', formatP(d.pValue)],
  ];
  if (d.scheme !== 'synthid') {
    // Unigram keys: the reference's second z (each distinct token once), and the units are distinct tokens.
    if (d.uniqueZScore !== undefined) rows.splice(5, 0, ['z-score, distinct tokens', formatZ(d.uniqueZScore)]);
    const unitsLabel = d.uniqueZScore !== undefined ? 'Distinct tokens counted' : 'Independent units';
    if (d.numUnits !== d.numTokensScored) rows.push([unitsLabel, `${d.numGreenUnits} green of ${d.numUnits}`]);
  }
  const section: KeySection = {
    heading: headingFor === 'match' ? `Consistent with the watermark of ${d.keySetName}` : `Key ${d.kid}`,
    rows,
  };
  if (d.verdict !== 'too-short') {
    section.reading = `A score this high happens ${oddsInWords(d.pValue)} for unwatermarked text.`;
  }
  return section;
}

export function resultCard(
  detections: readonly KeyDetection[],
  opts: { truncatedAt?: number; spans?: number; error?: string; subject?: 'block' | 'selection' } = {},
): CardModel {
  const subject = opts.subject ?? 'block';
  const notes: string[] = [];
  if (opts.truncatedAt !== undefined) {
    notes.push(`Only the first ${opts.truncatedAt.toLocaleString('en-US')} characters were scored.`);
  }
  if (opts.error) return { title: 'Could not check this text', tone: 'error', sections: [], notes: [opts.error, ...notes] };
  const verdict = blockVerdict(detections);
  if (verdict === null) {
    return { title: 'No key sets to check against', tone: 'error', sections: [], notes: ['Enable a key set in the Watermark Lens popup.', ...notes] };
  }
  if (verdict === 'watermarked') {
    const keys = matchingKeys(detections).slice(0, MAX_KEYS);
    if (opts.spans !== undefined && opts.spans > 0) {
      notes.unshift(opts.spans === 1 ? 'The highlighted span carries the watermark.' : `${opts.spans} highlighted spans carry the watermark.`);
    }
    return {
      title: keys.length === 1 ? `Watermark found: ${keys[0].keySetName}` : `Watermark found (${keys.length} keys)`,
      tone: 'match',
      sections: keys.map((d) => keySection(d, 'match')),
      notes: [...notes, NOT_A_VERDICT_ON_AUTHORSHIP],
    };
  }
  const ranked = [...detections].sort(byStrength).slice(0, MAX_KEYS);
  if (verdict === 'too-short') {
    const t = Math.max(...detections.map((d) => d.numTokensScored));
    return {
      title: 'Too short to tell',
      tone: 'short',
      sections: ranked.map((d) => keySection(d, 'plain')),
      notes: [`Only ${t} token${t === 1 ? '' : 's'} could be scored: even a fully watermarked text this short could not be told apart. Select more text.`, ...notes],
    };
  }
  return {
    title: 'No watermark detected',
    tone: 'none',
    sections: ranked.map((d) => keySection(d, 'plain')),
    notes: [
      `This ${subject === 'selection' ? 'selection' : 'text'} does not match the enabled key sets. That does not mean a person wrote it: other models and keys are not checked.`,
      ...notes,
    ],
  };
}
