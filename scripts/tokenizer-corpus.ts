// The text corpus the tokenizer vectors are made from (scripts/make-tokenizer-vectors.ts): real human
// text from the devDependency corpora, JavaScript from node_modules, hand-written strings in many
// scripts and styles, and variants derived from all of them with a seeded generator (odd whitespace,
// emoji, special-token lookalikes, NFD, digits, contractions). Deterministic for a given checkout; the
// strings themselves are committed with the vectors, so tests never rebuild this.
import { loadBrown, loadJsCode, loadSotu, loadSpamAssassinHam, spread } from '../eval/lib/corpora';
import { mulberry32 } from '../src/stats/seeded-random';

export interface CorpusEntry {
  source: string;
  text: string;
}

const SPANISH = [
  'El niño comió una manzana mientras caminaba por la orilla del río.',
  '¿Dónde está la biblioteca? ¡No lo sé, pregúntale al señor de la esquina!',
  'La programación en Python es útil para el análisis de datos y la automatización.',
  'Según el informe, la economía creció un 2,5 % en el último trimestre de 2023.',
  'Mañana iremos a la playa si no llueve; después, cenaremos paella y tortilla.',
  'Él dijo: «No hay mal que por bien no venga», y se marchó sin despedirse.',
  'Los pingüinos no vuelan, pero nadan con una agilidad asombrosa bajo el agua.',
  'Ñandú, cigüeña, camión, acción, corazón, jamón, limón, canción, pingüino.',
  'Desde 1492 hasta hoy, la historia de América ha cambiado muchísimo.',
  'Por favor, envíame el archivo «presupuesto_final_v3.xlsx» antes del viernes.',
  'Hace mucho calor en Sevilla durante el verano: ¡más de 40 °C a la sombra!',
  'La inteligencia artificial genera textos que a veces parecen escritos por humanos.',
]

const CHINESE = [
  '人工智能正在改变我们的生活方式和工作方式。',
  '今天天气很好，我们一起去公园散步吧！',
  '北京是中华人民共和国的首都，也是一座历史悠久的城市。',
  '他说：“这个问题很难回答，我需要再想一想。”',
  '大型语言模型可以生成流畅的文本，但有时会出现事实错误。',
  '请在2024年12月31日之前提交您的申请材料。',
  '我喜欢吃饺子、包子和面条，你呢？',
  '水滴石穿，绳锯木断。只要坚持，就一定能成功。',
  '深度学习模型的训练需要大量的计算资源和数据。',
  '这本书一共有三百二十五页，我已经读了一半了。',
  '繁體中文與簡體中文在字形上有很多差異，例如「語言」和「语言」。',
  '机器翻译（Machine Translation）是自然语言处理的重要方向之一。',
]

const OTHER_SCRIPTS = [
  '東京は日本の首都です。ひらがなとカタカナと漢字を混ぜて書きます。',
  'お疲れ様でした！明日もよろしくお願いします。',
  '한국어는 한글로 씁니다. 안녕하세요, 만나서 반갑습니다.',
  'Привет, как дела? Сегодня хорошая погода, не правда ли?',
  'Москва — столица России; её население превышает 12 миллионов человек.',
  'Καλημέρα! Η Ελλάδα έχει πλούσια ιστορία και πολιτισμό.',
  'مرحبا بالعالم! اللغة العربية تكتب من اليمين إلى اليسار.',
  'שלום עולם, מה שלומך היום?',
  'नमस्ते, आप कैसे हैं? हिंदी देवनागरी लिपि में लिखी जाती है।',
  'ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ ทำให้การตัดคำเป็นเรื่องยาก',
  'Tiếng Việt có nhiều dấu thanh: à, á, ả, ã, ạ, ằ, ắ, ẳ, ẵ, ặ.',
  'Türkçe’de ı, İ, ş, ğ, ç, ö ve ü gibi özel harfler vardır.',
  'Der Straßenverkehr in München ist größer als in Würzburg; Grüße!',
  "L'été dernier, nous sommes allés à Nice ; c'était très agréable.",
  'Zażółć gęślą jaźń. Łódź, Kraków, Gdańsk.',
  'Þetta er íslenska: ð, þ, æ, ö. Færeyskt: ø, á.',
  'ქართული ენა ძალიან ლამაზია.',
  'Հայերենը հնդեվրոպական լեզու է։',
  'ᚠᚢᚦᚨᚱᚲ ᚷᚹ ᚺᚾᛁᛃ — runes; 𐌰𐌱𐌲 Gothic; 𓀀𓀁 hieroglyphs.',
  'Ａｂｃ　全角スペース　ＡＢＣ１２３　ｶﾀｶﾅ',
  '𝐁𝐨𝐥𝐝 𝑰𝒕𝒂𝒍𝒊𝒄 𝕯𝖔𝖚𝖇𝖑𝖊 ℌ𝔢𝔩𝔩𝔬 ① ② ⅻ ½ ¾ ² ³',
]

const CODE = [
  'def fib(n):\n    """Return the n-th Fibonacci number."""\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n',
  'fn main() {\n    let v: Vec<i32> = (1..=10).map(|x| x * x).collect();\n    println!("{:?}", v);\n}\n',
  '#include <stdio.h>\nint main(void) {\n\tprintf("Hello, %s!\\n", "world");\n\treturn 0;\n}\n',
  'SELECT u.id, COUNT(*) AS n FROM users u JOIN posts p ON p.user_id = u.id WHERE p.created_at >= \'2024-01-01\' GROUP BY u.id HAVING n > 10;',
  '<!DOCTYPE html>\n<html lang="en">\n  <head><meta charset="utf-8"><title>Test &amp; more</title></head>\n  <body><p class="x">Hi&nbsp;there</p></body>\n</html>',
  '{"name": "watermark", "version": "1.0.0", "tags": ["a", "b"], "nested": {"x": 1.5e-3, "y": null, "z": true}}',
  '#!/usr/bin/env bash\nset -euo pipefail\nfor f in *.txt; do\n  wc -l "$f" | awk \'{print $1}\'\ndone\n',
  'const add = (a: number, b: number): number => a + b;\nexport default { add };\n// TODO: handle overflow\n',
  'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hi");\n    }\n}\n',
  'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("héllo, 世界")\n}\n',
  '    if (x !== undefined && x.length > 0) {\r\n        return x[0];\r\n    }\r\n',
  'diff --git a/x.py b/x.py\n@@ -1,3 +1,4 @@\n-import os\n+import os, sys\n+\n print("ok")\n',
  '$ npm install --save-exact typescript@5.4.5\n+ typescript@5.4.5\nadded 1 package in 1.2s\n',
  'x = [i**2 for i in range(10) if i % 2 == 0]  # even squares\nprint(f"{x=}")\n',
  '\\begin{equation}\n  E = mc^2 \\quad \\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}\n\\end{equation}',
  'regex: ^(?:[a-z0-9!#$%&\'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&\'*+/=?^_`{|}~-]+)*)@example\\.com$',
  'https://example.com/search?q=tokenizer+json&lang=es-ES#results — and www.wikipedia.org/wiki/Byte_pair_encoding',
  'user@example.com, first.last+tag@sub.domain.co.uk, 192.168.0.1:8080, ::1, 2001:db8::ff00:42:8329',
  'base64: SGVsbG8sIFdvcmxkIQ==, hex: 0xDEADBEEF, uuid: 123e4567-e89b-12d3-a456-426614174000',
  'YAML:\n  key: value\n  list:\n    - one\n    - two\n  multi: |\n    line 1\n    line 2\n',
]

const EMOJI = [
  '👍🏽 great job! 🎉🎉🎉',
  'Family: 👨‍👩‍👧‍👦, couple: 👩‍❤️‍👨, kiss: 👩‍❤️‍💋‍👩, rainbow flag: 🏳️‍🌈, pirate: 🏴‍☠️',
  'Flags: 🇺🇸 🇬🇧 🇯🇵 🇨🇳 🇪🇸 🇩🇪 🇫🇷 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  'Keycaps: 1️⃣ 2️⃣ #️⃣ *️⃣ 🔟 and hearts ❤️ ♥️ 💔 🧡💛💚💙💜🖤🤍🤎',
  'Skin tones: 👋🏻👋🏼👋🏽👋🏾👋🏿 🧑🏿‍💻 👩🏽‍🚀 🏃‍♀️‍➡️',
  'I ❤ NY ☺ ☹ ✌ ✔ ✖ ☀ ☁ ☂ ★ ☆ ♠ ♣ ♦ ♥ ⚡ ⚠ ✈ ☕',
  '😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋😛😝😜🤪🤨🧐🤓😎🥸🤩🥳',
  'New emoji: 🫠 🫡 🫢 🫣 🫤 🥹 🫶 🪿 🫎 🩷 🩵 🩶 🐦‍🔥 🍋‍🟩 ⛓️‍💥',
  'Text after emoji🙂without spaces🙂and🙂more',
  '🤖: Hello! 👤: hi 🤖: How can I help you today? 😊',
]

const WHITESPACE = [
  'tab\tseparated\tvalues\t1\t2\t3',
  'windows\r\nline\r\nendings\r\n',
  'old mac\rline\rendings\r',
  'multiple    spaces     between      words',
  'trailing spaces   ',
  '   leading spaces',
  'non\u00a0breaking\u00a0space and narrow\u202fno-break',
  'em\u2003space, en\u2002space, thin\u2009space, hair\u200aspace, ideographic\u3000space',
  'zero\u200bwidth\u200cjoiners\u200dand\u2060word\u2060joiner\ufeffBOM',
  'line\u2028separator and paragraph\u2029separator and next\u0085line',
  '\n\n\nblank lines above\n\n\n\nand below\n\n',
  ' \t \n \r\n \u00a0 mixed \t\t  \n',
  'vertical\u000btab and form\u000cfeed',
  'a \n b \n\n c \t\n d',
  '        indented with eight spaces\n\tindented with a tab',
  '\u00a0\u00a0\u00a0NBSP at the start, NBSP at the end\u00a0\u00a0',
  'x' + ' '.repeat(40) + 'y',
  // U+FEFF and U+0085: whitespace to one regex engine and not the other (JavaScript vs Oniguruma).
  'a \ufeff🙂 b \ufeff! c\ufeff d',
  'x \u0085y \u0085\u0085 z\u0085',
  'tab\t\ufeff\tx \ufeff\ufeff',
  'word\u0085 word \u0085(paren)',
  ' \ufeff',
  '\u0085 ',
  '\t\t\t\t\ttabs\t\t\t\t',
]

const DIGITS_AND_CONTRACTIONS = [
  '1 12 123 1234 12345 123456 1234567 12345678 123456789 1234567890',
  '3.14159265358979 2.71828 -0.5 +42 1e10 6.022e23 0.000001',
  '1,000,000 1.000.000 1 000 000 10^6 1M 1k',
  'Call +1 (555) 123-4567 or 555.987.6543 before 23:59:59 on 2024-02-29.',
  '٠١٢٣٤٥٦٧٨٩ ०१२३४५६७८९ 〇一二三四五六七八九十 ⅠⅡⅢⅣ',
  "I'm sure you're right, they've said we'll go, she'd agree and it's fine.",
  "I'M SURE YOU'RE RIGHT, THEY'VE SAID WE'LL GO, SHE'D AGREE AND IT'S FINE.",
  "don't won't can't shouldn't wouldn't couldn't isn't aren't ain't y'all",
  "rock 'n' roll, 'tis, o'clock, O'Neil, d'Artagnan, l'homme",
  'Curly quotes: I’m, you’re, it’s, “quoted”, ‘single’.',
  "'s 't 're 've 'm 'll 'd 'S 'T 'RE 'VE 'M 'LL 'D 'Re 'vE",
  "x'ſ x'ſt long s: ſ, Kelvin: K, Ångström: Å, ﬁ ligature",
  'Room 101, Apollo 11, 24/7, 9-to-5, 3D, 4K, 5G, COVID-19, A4, B2B',
  '$100.00 €50,25 £30 ¥1000 ₹500 ₿0.01 100% 50‰ 3×4=12 10÷2=5 ±1 ≈ ≠ ≤ ≥',
]

const SPECIAL_LOOKALIKES = [
  '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>',
  'The token <|endoftext|> ends a document, <|begin_of_text|> starts one.',
  '<s>[INST] What is 2+2? [/INST] 4</s>',
  '<bos><start_of_turn>user\nHello<end_of_turn>\n<start_of_turn>model\nHi!<end_of_turn>',
  '<|start_header_id|>assistant<|end_header_id|>\n\nSure.<|eot_id|>',
  'lookalikes: <|im_start |> < |im_start|> <|IM_START|> <im_start> |im_start| <<|im_end|>>',
  '<unk> <pad> <mask> [CLS] [SEP] [MASK] </s><s> <s> </s>',
  '<|fim_prefix|>def f(<|fim_suffix|>):<|fim_middle|>x',
  '<think>\nLet me reason step by step.\n</think>\n\nThe answer is 42.',
  '<tool_call>{"name": "search", "arguments": {"q": "x"}}</tool_call>',
  'Text with <0x41> and <0xE4> written out, ▁ and Ġ and Ċ characters too.',
  '<|reserved_special_token_0|> <|python_tag|> <|finetune_right_pad_id|>',
]

const EDGE = [
  '',
  ' ',
  'a',
  '\n',
  '\t',
  '  ',
  '.',
  '中',
  '🙂',
  'e\u0301',
  'caf\u0065\u0301 na\u0069\u0308ve re\u0301sume\u0301 (NFD input)',
  '\u1100\u1161\u11a8 \uac00\u11a8 (Hangul jamo)',
  'Z\u0351\u0323\u0300\u0301a\u0345l\u0358g\u0310o\u0361 text',
  'A\u030a \u212b \u00c5 (three A-rings)',
  'lone \ud800 high and \udc00 low surrogates',
  'NUL\u0000SOH\u0001ESC\u001bDEL\u007f',
  'a'.repeat(500),
  'ab'.repeat(300),
  '-'.repeat(200) + '=' .repeat(100),
  '!'.repeat(50) + '?'.repeat(50),
  '🙂'.repeat(100),
  '中文'.repeat(150),
  'Supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis',
  'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft',
  '\ufffd replacement chars \ufffd\ufffd',
  'Private use: \ue000\uf8ff and noncharacters \ufdd0\uffff',
  '\u{10ffff}\u{1f000}\u{e0001}\u{e0020}',
]

const INSERTS = [
  '🙂', '👨‍👩‍👧', '🇪🇸', '❤️', '1️⃣', '👍🏿', '<|im_start|>', '<|endoftext|>', '<s>', '</s>', '<bos>',
  '<|eot_id|>', '\u00a0', '\t', '\r\n', '  ', '   ', '\n\n', '\u200b', '東京', '中文', 'ñ', 'é', '2024', '3.14',
  "'s", "'LL", ' ', '\u3000', '\u0085', '\ufeff',
]

function derive(base: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  let text = base.length > 600 ? base.slice(0, 200 + Math.floor(random() * 400)) : base;
  const operations = 1 + Math.floor(random() * 3);
  for (let k = 0; k < operations; k++) {
    switch (Math.floor(random() * 9)) {
      case 0: {
        // Insert something at a random point (possibly inside a word).
        const at = Math.floor(random() * (text.length + 1));
        text = text.slice(0, at) + pick(INSERTS) + text.slice(at);
        break;
      }
      case 1:
        text = text.replace(/ /g, () => pick([' ', '  ', '\t', '\u00a0', ' ', ' ', '\n']));
        break;
      case 2:
        text = text.replace(/\n/g, '\r\n') + pick(['', ' ', '  ', '\n', '\r\n', '\t']);
        break;
      case 3:
        text = random() < 0.5 ? text.toUpperCase() : text.toLowerCase();
        break;
      case 4:
        text = text.normalize(random() < 0.5 ? 'NFD' : 'NFKD');
        break;
      case 5:
        text = `${pick(CHINESE)}${pick(['', ' ', '\n'])}${text}`;
        break;
      case 6:
        text = text.replace(/\d+/g, (d) => d + pick(['', '0', '123456', ',000', '.5']));
        break;
      case 7:
        text = pick(['   ', '\n', '\t', ' ', '\u00a0', '']) + text + pick(['   ', ' ', '\n\n', '\t', '\u00a0', '']);
        break;
      case 8: {
        // Cut at a random UTF-16 unit, which can leave half a surrogate pair.
        const at = Math.floor(random() * text.length);
        text = text.slice(0, at) + pick(EMOJI).slice(0, 1 + Math.floor(random() * 6));
        break;
      }
    }
  }
  return text;
}

/**
 * Paragraph-sized pieces of a document: its paragraphs, and long paragraphs (a speech is one line)
 * cut into runs of one to five sentences, `count` of them spread over the document.
 */
function pieces(document: string, count: number, random: () => number, max = 700): string[] {
  const paragraphs = document.split(/\n\s*\n/).filter((p) => p.trim().length > 20);
  const chunks: string[] = [];
  for (const p of paragraphs) {
    if (p.length <= max) {
      chunks.push(p);
      continue;
    }
    const sentences = p.split(/(?<=[.!?])\s+/);
    for (let i = 0; i < sentences.length; ) {
      const n = 1 + Math.floor(random() * 5);
      chunks.push(sentences.slice(i, i + n).join(' ').slice(0, max));
      i += n;
    }
  }
  return spread(chunks, count);
}

/** Code keeps its lines: a window of 6–30 lines. */
function codeWindows(document: string, count: number, random: () => number): string[] {
  const lines = document.split('\n');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(random() * Math.max(1, lines.length - 30));
    out.push(lines.slice(start, start + 6 + Math.floor(random() * 24)).join('\n'));
  }
  return out;
}

export function buildTokenizerCorpus(): CorpusEntry[] {
  // Seeded, so the derived strings are the same on every run.
  const random = mulberry32(20260907);
  const entries: CorpusEntry[] = [];
  const add = (source: string, texts: readonly string[]) => {
    for (const text of texts) entries.push({ source, text });
  };

  const handWritten = [...SPANISH, ...CHINESE, ...OTHER_SCRIPTS, ...CODE, ...EMOJI, ...WHITESPACE, ...DIGITS_AND_CONTRACTIONS, ...SPECIAL_LOOKALIKES, ...EDGE];
  add('hand-written', handWritten);

  const sotu = loadSotu({ maxChars: 600_000 }).documents;
  add('sotu', sotu.flatMap((d) => pieces(d, 25, random)).slice(0, 400));
  const email = loadSpamAssassinHam({ maxChars: 400_000 }).documents;
  add('spam-assassin', email.flatMap((d) => pieces(d, 4, random)).slice(0, 450));
  const brown = loadBrown({ maxChars: 400_000 }).documents;
  add('brown', brown.flatMap((d) => pieces(d, 12, random)).slice(0, 400));
  const code = loadJsCode({ maxChars: 1_500_000 }).documents;
  add('node_modules-js', code.flatMap((d) => codeWindows(d, 2, random)).slice(0, 250));

  // Mixed-language sentences: every Spanish/Chinese/other sentence with every fourth of another.
  const multilingual = [...SPANISH, ...CHINESE, ...OTHER_SCRIPTS];
  const mixed: string[] = [];
  for (let i = 0; i < multilingual.length; i++) {
    for (let j = i % 4; j < multilingual.length; j += 4) {
      if (i !== j) mixed.push(`${multilingual[i]}${[' ', '\n', '', '  '][(i + j) % 4]}${multilingual[j]}`);
    }
  }
  add('mixed-languages', mixed.slice(0, 250));

  // Variants of everything so far.
  const bases = entries.map((e) => e.text).filter((t) => t.length > 0);
  const derived: string[] = [];
  for (let i = 0; i < 700; i++) derived.push(derive(bases[Math.floor(random() * bases.length)], random));
  add('derived', derived);

  // Exact duplicates add nothing.
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.text) ? false : (seen.add(e.text), true)));
}
