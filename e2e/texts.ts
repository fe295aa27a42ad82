// Loads fixture texts for pages, tests, the demo and the bench. Watermarked texts are optional: tests
// that need them check `watermarkedAvailable()` and are `fixme` until e2e/fixtures/texts/watermarked.json
// exists (made by the core's generator; see e2e/fixtures/texts/README.md).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/stats/seeded-random';

export const TEXTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'texts');

export interface WatermarkedText {
  text: string;
  kid?: string;
  keySetId?: string;
}

export interface HumanTexts {
  texts: string[];
  short: string[];
}

export function humanTexts(): HumanTexts {
  const j = JSON.parse(readFileSync(join(TEXTS_DIR, 'human.json'), 'utf8')) as HumanTexts;
  return { texts: j.texts, short: j.short };
}

export function watermarkedTexts(): WatermarkedText[] {
  const file = join(TEXTS_DIR, 'watermarked.json');
  if (!existsSync(file)) return [];
  const j: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const raw: unknown[] = Array.isArray(j)
    ? j
    : Array.isArray((j as { items?: unknown[] }).items)
      ? (j as { items: unknown[] }).items
      : Array.isArray((j as { texts?: unknown[] }).texts)
        ? (j as { texts: unknown[] }).texts
        : [];
  return raw
    .map((x): WatermarkedText | null =>
      typeof x === 'string'
        ? { text: x }
        : x && typeof x === 'object' && typeof (x as WatermarkedText).text === 'string'
          ? (x as WatermarkedText)
          : null,
    )
    .filter((x): x is WatermarkedText => x !== null && x.text.trim().length > 0);
}

/** A post of a fixture thread (e2e/fixtures/texts/posts.json, demo/posts.json; see scripts/make-fixture-texts.ts). */
export interface ThreadPost {
  id: string;
  kind: 'human' | 'watermarked' | 'mixed' | 'too-short';
  appendLater: boolean;
  text: string;
  /** Mixed posts: the paragraphs (`text` is them joined with a blank line). */
  paragraphs?: string[];
  expectedKid: string | null;
  expectedVerdict: 'watermarked' | 'not-detected' | 'too-short';
  /** Char range of `text` that is watermarked. */
  watermarkedRange?: { start: number; end: number };
  author?: string;
}

function readPosts(file: string): ThreadPost[] | null {
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8')) as { posts?: ThreadPost[] };
  return Array.isArray(j.posts) && j.posts.length > 0 ? j.posts : null;
}

/** The e2e fixture thread, or null until generated. */
export function fixtureThread(): ThreadPost[] | null {
  return readPosts(join(TEXTS_DIR, 'posts.json'));
}

/** The demo thread (demo/posts.json), or null until generated. */
export function demoThread(): ThreadPost[] | null {
  return readPosts(join(TEXTS_DIR, '..', '..', '..', 'demo', 'posts.json'));
}

export function watermarkedAvailable(min = 3): boolean {
  return watermarkedTexts().length >= min;
}

export const NEEDS_WATERMARKED =
  'needs watermarked fixture texts: generate e2e/fixtures/texts/watermarked.json with `wmlens generate` (see its README)';

/** Deterministic PRNG for filler text (the core's mulberry32). */
export const rng = mulberry32;

/** Human filler: sentences of the human posts, shuffled into `n` distinct posts. */
export function humanFiller(n: number, seed = 1): string[] {
  const sentences = humanTexts()
    .texts.flatMap((t) => t.match(/[^.!?]+[.!?]+/g) ?? [])
    .map((s) => s.trim());
  const rand = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = 3 + Math.floor(rand() * 5);
    const parts: string[] = [];
    for (let j = 0; j < k; j++) parts.push(sentences[Math.floor(rand() * sentences.length)]);
    out.push(parts.join(' '));
  }
  return out;
}
