// The bundled reference sample as unit ids per genre (per document and joined), as src/calibration/fit.ts sees it:
// the comparison scripts refit the shared-unit share curve on these streams with their own variants.
import { loadReferenceSample } from '../../src/calibration/reference-sample';
import { positionUnitIds } from '../../src/calibration/unit-ids';
import type { NormalizerName } from '../../src/keyset/types';
import { applyNormalizers } from '../../src/normalize/index';
import type { Seeder } from '../../src/seeding/seeder';
import type { Tokenizer } from '../../src/tokenize/tokenizer';

export interface GenreUnits {
  /** Per genre, each document's unit ids (chunk counts stay within a document). */
  documents: Float64Array[][];
  /** Per genre, its documents joined into one stream (what fit.ts cuts into windows). */
  streams: Float64Array[];
}

export async function genreUnitStreams(seeder: Seeder, tokenizer: Tokenizer, normalizers: readonly NormalizerName[]): Promise<GenreUnits> {
  const sample = await loadReferenceSample();
  const byGenre = new Map<string, Float64Array[]>();
  for (const d of sample.documents) {
    const units = positionUnitIds(seeder, tokenizer.encode(applyNormalizers(d.text, normalizers).text).ids);
    byGenre.set(d.genre, [...(byGenre.get(d.genre) ?? []), units]);
  }
  const documents = [...byGenre.values()];
  const streams = documents.map((docs) => {
    const out = new Float64Array(docs.reduce((n, d) => n + d.length, 0));
    let at = 0;
    for (const d of docs) {
      out.set(d, at);
      at += d.length;
    }
    return out;
  });
  return { documents, streams };
}
