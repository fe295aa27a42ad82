// Writes public/icons/icon-{16,32,48,128}.png: a magnifying lens with a green ring segment.
// Pure Node (node:zlib CRC + deflate), no network, deterministic output. Run: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'icons');

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shape in unit coordinates (0..1): lens ring, glass tint, handle. Returns [r,g,b,a] or null.
const DARK = [0x1f, 0x2a, 0x37];
const GREEN = [0x1f, 0xa8, 0x5a];
const GLASS = [0xd9, 0xf2, 0xe3];
function shade(x, y) {
  const cx = 0.42, cy = 0.42, r = 0.29, ring = 0.085;
  const d = Math.hypot(x - cx, y - cy);
  // handle: thick segment from lens edge towards bottom-right
  const hx0 = cx + (r + ring / 2) * Math.SQRT1_2, hy0 = cy + (r + ring / 2) * Math.SQRT1_2;
  const hx1 = 0.9, hy1 = 0.9;
  const t = Math.max(0, Math.min(1, ((x - hx0) * (hx1 - hx0) + (y - hy0) * (hy1 - hy0)) / ((hx1 - hx0) ** 2 + (hy1 - hy0) ** 2)));
  const hd = Math.hypot(x - (hx0 + t * (hx1 - hx0)), y - (hy0 + t * (hy1 - hy0)));
  if (hd < 0.075) return DARK;
  if (Math.abs(d - r) < ring / 2) {
    // green arc on the upper-left part of the ring: the "green list"
    const ang = Math.atan2(y - cy, x - cx);
    return ang < -Math.PI / 4 && ang > -Math.PI * 1.0 ? GREEN : DARK;
  }
  if (d < r) return GLASS;
  return null;
}

mkdirSync(outDir, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const ss = 4; // supersampling per axis
  const buf = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        buf[o] = Math.round(r / a);
        buf[o + 1] = Math.round(g / a);
        buf[o + 2] = Math.round(b / a);
        buf[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, png(size, buf));
  console.log(file);
}
