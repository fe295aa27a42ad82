#!/usr/bin/env python3
"""Cross-check of src/unigram against real numpy (optional; no test depends on Python).

For each case of unigram.json (or the file given), rebuilds the green mask exactly as
XuandongZhao/Unigram-Watermark gptwm.py does and compares its SHA-256 (packed 8 ids a byte, least
significant bit first) with the case's. Usage: python3 scripts/unigram-numpy-check.py [unigram.json]
Needs numpy (Debian: apt-get install python3-numpy).
"""
import hashlib
import json
import sys

import numpy as np


def mask_for(key: int, fraction: float, vocab_size: int) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(np.int64(key).tobytes()).digest()[:4], 'little')
    rng = np.random.default_rng(seed)
    green = int(fraction * vocab_size)
    mask = np.array([True] * green + [False] * (vocab_size - green))
    rng.shuffle(mask)
    return mask


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else '../shared/vectors/unigram.json'
    cases = json.load(open(path))['cases']
    bad = 0
    for c in cases:
        cfg = c['config']
        mask = mask_for(int(cfg['watermarkKey']), cfg['fraction'], cfg['vocabSize'])
        digest = hashlib.sha256(np.packbits(mask, bitorder='little').tobytes()).hexdigest()
        ok = digest == c['expected']['maskSha256']
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {c['name']}")
    print(f'numpy {np.__version__}: {len(cases) - bad}/{len(cases)} masks identical')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
