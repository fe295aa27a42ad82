// The extension's contexts (background, content, offscreen, popup, worker) run in different places and
// talk by messages; code they share lives in extension/shared/. This keeps it so: a relative import
// from one context into another fails here. The options page is the popup's app opened in a tab, so it
// may import the popup.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const EXTENSION = __dirname;
const ALLOWED: Record<string, string[]> = { options: ['popup'] };

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function contextOf(path: string): string | undefined {
  const rel = relative(EXTENSION, path);
  return rel.startsWith('..') || !rel.includes(sep) ? undefined : rel.split(sep)[0];
}

/** Every relative import (static, dynamic, `new URL(…, import.meta.url)`) of a file, resolved. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.map((s) => resolve(dirname(file), s));
}

describe('extension contexts import each other only through extension/shared', () => {
  it('finds no import from one context into another', () => {
    const crossings: string[] = [];
    for (const file of sourcesUnder(EXTENSION)) {
      const from = contextOf(file);
      if (from === undefined || from === 'shared') continue;
      for (const target of importsOf(file)) {
        const to = contextOf(target);
        if (to === undefined || to === from || to === 'shared' || ALLOWED[from]?.includes(to)) continue;
        crossings.push(`${relative(EXTENSION, file)} → ${relative(EXTENSION, target)}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('would see a crossing (the check reads real imports)', () => {
    const compute = join(EXTENSION, 'background', 'compute.ts');
    expect(importsOf(compute).some((t) => contextOf(t) === 'shared')).toBe(true);
  });
});
