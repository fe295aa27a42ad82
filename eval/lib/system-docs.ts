// Held-out corpora from the documentation a Debian machine carries: its manual pages, rendered to plain
// text by man(1), and the upstream READMEs and NEWS files under /usr/share/doc. Neither is a
// devDependency and neither chose anything; they widen the local held-out check beyond code and Vim
// docs. Both loaders are deterministic on one machine (sorted file lists, strided, capped) and return
// null where the files or man(1) are missing.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type Corpus, type LoadOptions, strided, take } from './corpora';

const MAN_ROOT = '/usr/share/man';
const MAN_SECTIONS = ['man1', 'man3', 'man5', 'man7', 'man8'];
const DOC_ROOT = '/usr/share/doc';

/** The text, CRLF made LF and trimmed, or '' (skipped by take) when shorter than `minChars`. */
function atLeast(text: string, minChars: number): string {
  const clean = text.replace(/\r\n?/g, '\n').trim();
  return clean.length < minChars ? '' : clean;
}

function manAvailable(): boolean {
  return existsSync(MAN_ROOT) && spawnSync('man', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Pages rendered in this process: loadEvalCorpora may be called more than once (a test per key). */
const rendered = new Map<string, string>();

/**
 * An English manual page as a reader sees it in a terminal of 80 columns, overstrike removed; neither
 * hyphenated nor justified (--nh --nj), as a web page showing it would not be.
 */
function renderManPage(path: string): string {
  const known = rendered.get(path);
  if (known !== undefined) return known;
  const man = spawnSync('man', ['--nh', '--nj', '-E', 'UTF-8', '-l', path], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '80' }, timeout: 10_000 });
  // What `col -b` does to man's bold and underline: "x\bx" → "x", "_\bx" → "x".
  const text = man.status !== 0 || man.stdout === undefined ? '' : man.stdout.replace(/.\x08/gu, '');
  rendered.set(path, text);
  return text;
}

/** Debian's English manual pages (sections 1, 3, 5, 7, 8; symlinked aliases skipped), one per page. */
export function loadManPages(options: LoadOptions = {}): Corpus | null {
  if (!manAvailable()) return null;
  const pages = MAN_SECTIONS.flatMap((section) => {
    const dir = join(MAN_ROOT, section);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.gz') && !lstatSync(join(dir, f)).isSymbolicLink())
      .map((f) => join(dir, f));
  }).sort();
  // Pages shorter than 2,000 characters are mostly ".so" stubs and one-line synopses.
  const documents = take(strided(pages).map((p) => [p, () => atLeast(renderManPage(p), 2_000)]), options, 1_000_000);
  return documents.length === 0 ? null : { name: 'man-pages', genre: 'Debian manual pages (rendered)', source: MAN_ROOT, documents };
}

function readMaybeGzipped(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Upstream READMEs and NEWS files of the installed packages (/usr/share/doc/<package>/README*, NEWS*). */
export function loadDocReadmes(options: LoadOptions = {}): Corpus | null {
  if (!existsSync(DOC_ROOT)) return null;
  const files: string[] = [];
  for (const pkg of readdirSync(DOC_ROOT).sort()) {
    const dir = join(DOC_ROOT, pkg);
    if (!lstatSync(dir).isDirectory()) continue; // lstat: a symlinked package directory is not followed
    for (const f of readdirSync(dir).sort()) {
      const path = join(dir, f);
      if (/^(README|NEWS)/i.test(f) && lstatSync(path).isFile()) files.push(path);
    }
  }
  const documents = take(strided(files).map((p) => [p, () => atLeast(readMaybeGzipped(p), 1_000)]), options, 1_000_000);
  return documents.length === 0 ? null : { name: 'doc-readmes', genre: 'READMEs and NEWS of installed packages', source: DOC_ROOT, documents };
}
