// Loads fixture texts for pages, tests, the demo and the bench. The watermarked texts
// (e2e/fixtures/texts/watermarked.json, made by scripts/make-fixture-texts.ts) are required: a missing or
// malformed fixture throws, so a broken fixture fails CI instead of skipping the tests that need it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/stats/seeded-random';

export const TEXTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'texts');

export interface WatermarkedText {
  text: string;
  kid: string;
  keySetId: string;
}

export interface HumanTexts {
  texts: string[];
  short: string[];
}

export function humanTexts(): HumanTexts {
  const j = JSON.parse(readFileSync(join(TEXTS_DIR, 'human.json'), 'utf8')) as HumanTexts;
  return { texts: j.texts, short: j.short };
}

/** The one shape watermarked.json has: `{ items: [{ text, kid, keySetId, … }] }`. */
export function watermarkedTexts(): WatermarkedText[] {
  const file = join(TEXTS_DIR, 'watermarked.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx tsx scripts/make-fixture-texts.ts\``);
  const j = JSON.parse(readFileSync(file, 'utf8')) as { items?: unknown };
  if (!Array.isArray(j.items) || j.items.length === 0) throw new Error(`${file}: expected { items: [{ text, kid, keySetId }] } with at least one item`);
  return j.items.map((x: unknown, i: number): WatermarkedText => {
    const w = x as Partial<WatermarkedText> | null;
    if (!w || typeof w.text !== 'string' || w.text.trim() === '' || typeof w.kid !== 'string' || typeof w.keySetId !== 'string') {
      throw new Error(`${file}: items[${i}] needs a non-empty text, a kid and a keySetId`);
    }
    return { text: w.text, kid: w.kid, keySetId: w.keySetId };
  });
}

/** Tests that need `min` watermarked texts call this first: too few is a failure, not a skip. */
export function requireWatermarked(min = 3): WatermarkedText[] {
  const w = watermarkedTexts();
  if (w.length < min) throw new Error(`needs ${min} watermarked fixture texts, e2e/fixtures/texts/watermarked.json has ${w.length}`);
  return w;
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
