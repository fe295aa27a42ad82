;; The green-list inner loop in WebAssembly (SIMD): torch's CPU MT19937 and the Fisher–Yates steps of
;; randperm, exactly as src/rng/green-list.ts and src/rng/mt19937.ts compute them in JavaScript (which
;; stay the reference and the fallback). Compiled by scripts/build-wasm.mjs (wabt) into
;; green-kernel.wasm.ts; src/rng/wasm/kernel.ts is its JavaScript side.
;;
;; (Helpers are written out inline in the hot loops: V8 does not inline wasm calls everywhere.)
;; Per block of 624 draws: the twist and the tempering run 4 words at a time (i32x4), and the bounded
;; modulo j = i + r mod (n - i) 2 at a time in float64 by the reciprocal method of src/rng/fast-mod.ts
;; (same operations, same IEEE rounding, so the same exact result); the j's go to a buffer that the
;; scalar loop (swaps, bitset, target tracking) then reads. Nothing is allocated in any loop.
;;
;; Memory: MT state at 0 (624 words), j buffer at 2560 (624 words), placeMany's few target positions
;; at 5120 and their indices at 5136 (4 words each), then, laid out by prepare(n): the
;; bitset (n bits), inv[i] = 1 / (n - i) as f64, the identity permutation and the permutation scratch.
(module
  (memory (export "memory") 1)
  (global $n (mut i32) (i32.const 0))
  (global $bits (mut i32) (i32.const 8192))
  (global $inv (mut i32) (i32.const 0))
  (global $id (mut i32) (i32.const 0))
  (global $val (mut i32) (i32.const 0))
  (global $marks (mut i32) (i32.const 0))
  (global $many (mut i32) (i32.const 0))

  (func (export "bitsPtr") (result i32) (global.get $bits))
  (func (export "valPtr") (result i32) (global.get $val))
  (func (export "manyPtr") (result i32) (global.get $many))

  ;; Lays out and fills the tables for permutations of length n; 0 when memory cannot grow.
  (func (export "prepare") (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $pages i32)
    (if (i32.eq (local.get $n) (global.get $n)) (then (return (i32.const 1))))
    (global.set $n (i32.const 0))
    ;; bitset bytes rounded up to 16; each table gets 4 spare entries for the last vector's extra lanes
    (global.set $inv (i32.add (i32.const 8192)
      (i32.and (i32.add (i32.shl (i32.shr_u (i32.add (local.get $n) (i32.const 31)) (i32.const 5)) (i32.const 2)) (i32.const 15)) (i32.const -16))))
    (global.set $id (i32.add (global.get $inv) (i32.shl (i32.add (local.get $n) (i32.const 4)) (i32.const 3))))
    (global.set $val (i32.add (global.get $id)
      (i32.and (i32.add (i32.shl (i32.add (local.get $n) (i32.const 4)) (i32.const 2)) (i32.const 15)) (i32.const -16))))
    ;; marks: one u16 per position (which tracked target sits there, 1-based); then MAX_MANY targets
    ;; and as many results (i32 each)
    (global.set $marks (i32.add (global.get $val) (i32.shl (i32.add (local.get $n) (i32.const 4)) (i32.const 2))))
    (global.set $many (i32.add (global.get $marks)
      (i32.and (i32.add (i32.shl (i32.add (local.get $n) (i32.const 4)) (i32.const 1)) (i32.const 15)) (i32.const -16))))
    (local.set $end (i32.add (global.get $many) (i32.const 32768)))
    (local.set $pages (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
        (then (return (i32.const 0))))))
    ;; In chunks through a small function: V8 runs a wasm function in its baseline tier until it has
    ;; been entered often enough, so a hot loop inside a function entered once never gets fast code.
    (local.set $i (i32.const 0))
    (block $done (loop $fill
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (call $fillTables (local.get $n) (local.get $i)
        (select (local.get $n) (i32.add (local.get $i) (i32.const 4096)) (i32.lt_u (i32.sub (local.get $n) (local.get $i)) (i32.const 4096))))
      (local.set $i (i32.add (local.get $i) (i32.const 4096)))
      (br $fill)))
    (memory.fill (global.get $marks) (i32.const 0) (i32.shl (local.get $n) (i32.const 1)))
    ;; the spare lanes: any finite value (their results are never read)
    (memory.fill (i32.add (global.get $inv) (i32.shl (local.get $n) (i32.const 3))) (i32.const 0) (i32.const 32))
    (global.set $n (local.get $n))
    (i32.const 1))

  (func $fillTables (param $n i32) (param $i i32) (param $end i32)
    (loop $l
      (f64.store (i32.add (global.get $inv) (i32.shl (local.get $i) (i32.const 3)))
        (f64.div (f64.const 1) (f64.convert_i32_u (i32.sub (local.get $n) (local.get $i)))))
      (i32.store (i32.add (global.get $id) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $end)))))

  ;; init_genrand(seed32)
  (func $seed (param $x i32)
    (local $j i32)
    (i32.store (i32.const 0) (local.get $x))
    (local.set $j (i32.const 1))
    (loop $l
      (local.set $x (i32.add
        (i32.mul (i32.const 1812433253) (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 30))))
        (local.get $j)))
      (i32.store (i32.shl (local.get $j) (i32.const 2)) (local.get $x))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $j) (i32.const 624)))))

  ;; (y >>> 1) ^ (-(y & 1) & MATRIX_A), y from the upper bit of a and the lower 31 of b
  (func $mix (param $a i32) (param $b i32) (result i32)
    (local $y i32)
    (local.set $y (i32.or (i32.and (local.get $a) (i32.const 0x80000000)) (i32.and (local.get $b) (i32.const 0x7fffffff))))
    (i32.xor (i32.shr_u (local.get $y) (i32.const 1))
      (i32.and (i32.sub (i32.const 0) (i32.and (local.get $y) (i32.const 1))) (i32.const 0x9908b0df))))

  ;; Regenerates the 624 words in place, in the reference's order of dependencies: words k < 227 read
  ;; only old words; later ones read words updated 227 or 397 places earlier, never within a vector.
  (func $twist
    (local $p i32) (local $y v128)
    (local.set $p (i32.const 0))
    (loop $a ;; k = 0 .. 223
      (v128.store (local.get $p) (v128.xor (v128.load offset=1588 (local.get $p))
        (v128.xor (i32x4.shr_u (local.tee $y (v128.or (v128.and (v128.load (local.get $p)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                                                      (v128.and (v128.load offset=4 (local.get $p)) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)))) (i32.const 1))
          (v128.and (i32x4.shr_s (i32x4.shl (local.get $y) (i32.const 31)) (i32.const 31))
                    (v128.const i32x4 0x9908b0df 0x9908b0df 0x9908b0df 0x9908b0df)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $a (i32.lt_u (local.get $p) (i32.const 896))))
    (loop $b ;; k = 224 .. 226
      (i32.store (local.get $p) (i32.xor (i32.load offset=1588 (local.get $p))
        (call $mix (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $b (i32.lt_u (local.get $p) (i32.const 908))))
    (loop $c ;; k = 227 .. 622: s[k] = s[k - 227] ^ mix(s[k], s[k + 1])
      (v128.store (local.get $p) (v128.xor (v128.load (i32.sub (local.get $p) (i32.const 908)))
        (v128.xor (i32x4.shr_u (local.tee $y (v128.or (v128.and (v128.load (local.get $p)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                                                      (v128.and (v128.load offset=4 (local.get $p)) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)))) (i32.const 1))
          (v128.and (i32x4.shr_s (i32x4.shl (local.get $y) (i32.const 31)) (i32.const 31))
                    (v128.const i32x4 0x9908b0df 0x9908b0df 0x9908b0df 0x9908b0df)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $c (i32.lt_u (local.get $p) (i32.const 2492))))
    ;; k = 623
    (i32.store (i32.const 2492) (i32.xor (i32.load (i32.const 1584))
      (call $mix (i32.load (i32.const 2492)) (i32.load (i32.const 0))))))

  ;; jbuf[k] = i0 + k + (temper(s[k]) mod (n - i0 - k)) for k < count (rounded up to 4)
  ;;
  ;; Conversions by bit pattern instead of instruction (x86 has none for unsigned lanes): a draw r
  ;; becomes the double X = 2^52 + r by pairing it with the high word 0x43300000 (one unpack);
  ;; X - (2^52 - 0.5) = r + 0.5 exactly, so q = floor((r + 0.5) * inv) is the very quotient of
  ;; fast-mod.ts; and X - q*(n - i) + i = 2^52 + j exactly (every term an integer below 2^53), whose low
  ;; 32 bits are j.
  (func $fillJ (param $i0 i32) (param $count i32)
    (local $p i32) (local $end i32) (local $pinv i32)
    (local $y v128) (local $x v128) (local $fi v128) (local $fn v128) (local $lo v128) (local $hi v128)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $pinv (i32.add (global.get $inv) (i32.shl (local.get $i0) (i32.const 3))))
    (local.set $fn (f64x2.splat (f64.convert_i32_u (global.get $n))))
    (local.set $fi (f64x2.add (f64x2.splat (f64.convert_i32_u (local.get $i0))) (v128.const f64x2 0 1)))
    (local.set $p (i32.const 0))
    (loop $l
      (local.set $y (v128.load (local.get $p)))
      (local.set $y (v128.xor (local.get $y) (i32x4.shr_u (local.get $y) (i32.const 11))))
      (local.set $y (v128.xor (local.get $y) (v128.and (i32x4.shl (local.get $y) (i32.const 7))
        (v128.const i32x4 0x9d2c5680 0x9d2c5680 0x9d2c5680 0x9d2c5680))))
      (local.set $y (v128.xor (local.get $y) (v128.and (i32x4.shl (local.get $y) (i32.const 15))
        (v128.const i32x4 0xefc60000 0xefc60000 0xefc60000 0xefc60000))))
      (local.set $y (v128.xor (local.get $y) (i32x4.shr_u (local.get $y) (i32.const 18))))
      ;; lanes 0, 1: X = 2^52 + r
      (local.set $x (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
        (local.get $y) (v128.const i32x4 0x43300000 0x43300000 0x43300000 0x43300000)))
      (local.set $lo (f64x2.add (local.get $fi) (f64x2.sub (local.get $x) (f64x2.mul
        (f64x2.floor (f64x2.mul (f64x2.sub (local.get $x) (v128.const f64x2 4503599627370495.5 4503599627370495.5)) (v128.load (local.get $pinv))))
        (f64x2.sub (local.get $fn) (local.get $fi))))))
      (local.set $fi (f64x2.add (local.get $fi) (v128.const f64x2 2 2)))
      ;; lanes 2, 3
      (local.set $x (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
        (local.get $y) (v128.const i32x4 0x43300000 0x43300000 0x43300000 0x43300000)))
      (local.set $hi (f64x2.add (local.get $fi) (f64x2.sub (local.get $x) (f64x2.mul
        (f64x2.floor (f64x2.mul (f64x2.sub (local.get $x) (v128.const f64x2 4503599627370495.5 4503599627370495.5)) (v128.load offset=16 (local.get $pinv))))
        (f64x2.sub (local.get $fn) (local.get $fi))))))
      (local.set $fi (f64x2.add (local.get $fi) (v128.const f64x2 2 2)))
      ;; the low words of the four 2^52 + j
      (v128.store offset=2560 (local.get $p)
        (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $lo) (local.get $hi)))
      (local.set $pinv (i32.add (local.get $pinv) (i32.const 32)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $end)))))

  (func $bitsetBlock (param $i i32) (param $count i32) (param $setBits i32)
    (local $p i32) (local $end i32) (local $pj i32) (local $v i32) (local $w i32)
    (local.set $p (i32.const 2560))
    (local.set $end (i32.add (i32.const 2560) (i32.shl (local.get $count) (i32.const 2))))
    (loop $step
      (local.set $pj (i32.add (global.get $val) (i32.shl (i32.load (local.get $p)) (i32.const 2))))
      (local.set $v (i32.load (local.get $pj)))
      (i32.store (local.get $pj) (i32.load (i32.add (global.get $val) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $w (i32.add (global.get $bits) (i32.shl (i32.shr_u (local.get $v) (i32.const 5)) (i32.const 2))))
      (if (local.get $setBits)
        (then (i32.store (local.get $w) (i32.or (i32.load (local.get $w)) (i32.shl (i32.const 1) (local.get $v)))))
        (else (i32.store (local.get $w) (i32.and (i32.load (local.get $w)) (i32.rotl (i32.const -2) (local.get $v))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $step (i32.lt_u (local.get $p) (local.get $end)))))

  ;; The values placed by the first `steps` Fisher–Yates steps go into the bitset: set (setBits = 1)
  ;; or cleared (0, the legacy tail list). The caller has filled the bitset beforehand.
  (func (export "bitset") (param $seed i32) (param $steps i32) (param $setBits i32)
    (local $i i32) (local $count i32)
    (call $seed (local.get $seed))
    (memory.copy (global.get $val) (global.get $id) (i32.shl (global.get $n) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done (loop $block
      (br_if $done (i32.ge_u (local.get $i) (local.get $steps)))
      (call $twist)
      (local.set $count (select (i32.sub (local.get $steps) (local.get $i)) (i32.const 624)
        (i32.lt_u (i32.sub (local.get $steps) (local.get $i)) (i32.const 624))))
      (call $fillJ (local.get $i) (local.get $count))
      (call $bitsetBlock (local.get $i) (local.get $count) (local.get $setBits))
      (local.set $i (i32.add (local.get $i) (local.get $count)))
      (br $block))))

  ;; One block of placement steps: the target's new position, or -1 - step when the step places it.
  (func $placementBlock (param $i i32) (param $count i32) (param $at i32) (result i32)
    (local $p i32) (local $end i32) (local $j i32)
    (local.set $p (i32.const 2560))
    (local.set $end (i32.add (i32.const 2560) (i32.shl (local.get $count) (i32.const 2))))
    (loop $step
      (local.set $j (i32.load (local.get $p)))
      (if (i32.eq (local.get $j) (local.get $at)) (then (return (i32.sub (i32.const -1) (local.get $i)))))
      (if (i32.eq (local.get $i) (local.get $at)) (then (local.set $at (local.get $j))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $step (i32.lt_u (local.get $p) (local.get $end))))
    (local.get $at))

  ;; The step at which `target` gets placed, or -1 if still unplaced after `steps` steps (placementStep).
  (func (export "placement") (param $seed i32) (param $steps i32) (param $target i32) (result i32)
    (local $i i32) (local $count i32) (local $at i32)
    (call $seed (local.get $seed))
    (local.set $at (local.get $target))
    (local.set $i (i32.const 0))
    (block $done (loop $block
      (br_if $done (i32.ge_u (local.get $i) (local.get $steps)))
      (call $twist)
      (local.set $count (select (i32.sub (local.get $steps) (local.get $i)) (i32.const 624)
        (i32.lt_u (i32.sub (local.get $steps) (local.get $i)) (i32.const 624))))
      (call $fillJ (local.get $i) (local.get $count))
      ;; a negative answer: placed at step -1 - answer
      (local.set $at (call $placementBlock (local.get $i) (local.get $count) (local.get $at)))
      (if (i32.lt_s (local.get $at) (i32.const 0)) (then (return (i32.sub (i32.const -1) (local.get $at)))))
      (local.set $i (i32.add (local.get $i) (local.get $count)))
      (br $block)))
    (i32.const -1))

  (func $permuteBlock (param $i i32) (param $count i32)
    (local $p i32) (local $end i32) (local $pi i32) (local $pj i32) (local $t i32)
    (local.set $p (i32.const 2560))
    (local.set $end (i32.add (i32.const 2560) (i32.shl (local.get $count) (i32.const 2))))
    (loop $step
      (local.set $pi (i32.add (global.get $val) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $pj (i32.add (global.get $val) (i32.shl (i32.load (local.get $p)) (i32.const 2))))
      (local.set $t (i32.load (local.get $pi)))
      (i32.store (local.get $pi) (i32.load (local.get $pj)))
      (i32.store (local.get $pj) (local.get $t))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $step (i32.lt_u (local.get $p) (local.get $end)))))

  ;; The first `steps` Fisher–Yates steps on the identity, in place: val[0 .. steps) is the permutation's
  ;; prefix, and with steps = n - 1 val is the whole randperm(n).
  (func (export "permute") (param $seed i32) (param $steps i32)
    (local $i i32) (local $count i32)
    (call $seed (local.get $seed))
    (memory.copy (global.get $val) (global.get $id) (i32.shl (global.get $n) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done (loop $block
      (br_if $done (i32.ge_u (local.get $i) (local.get $steps)))
      (call $twist)
      (local.set $count (select (i32.sub (local.get $steps) (local.get $i)) (i32.const 624)
        (i32.lt_u (i32.sub (local.get $steps) (local.get $i)) (i32.const 624))))
      (call $fillJ (local.get $i) (local.get $count))
      (call $permuteBlock (local.get $i) (local.get $count))
      (local.set $i (i32.add (local.get $i) (local.get $count)))
      (br $block))))
;; One block of placeMany steps; returns how many targets are still unplaced. Step i swaps positions i
  ;; and j: the target sitting at j (if any) is placed at step i, and the one at i (if any) moves to j.
  (func $placeManyBlock (param $i i32) (param $count i32) (param $left i32) (result i32)
    (local $p i32) (local $end i32) (local $j i32) (local $mj i32) (local $mi i32) (local $results i32)
    (local.set $results (i32.add (global.get $many) (i32.const 16384)))
    (local.set $p (i32.const 2560))
    (local.set $end (i32.add (i32.const 2560) (i32.shl (local.get $count) (i32.const 2))))
    (loop $step
      (local.set $j (i32.load (local.get $p)))
      (local.set $mj (i32.load16_u (i32.add (global.get $marks) (i32.shl (local.get $j) (i32.const 1)))))
      (if (local.get $mj) (then
        (i32.store (i32.add (local.get $results) (i32.shl (i32.sub (local.get $mj) (i32.const 1)) (i32.const 2))) (local.get $i))
        (i32.store16 (i32.add (global.get $marks) (i32.shl (local.get $j) (i32.const 1))) (i32.const 0))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (if (i32.eqz (local.get $left)) (then (return (i32.const 0))))))
      (local.set $mi (i32.load16_u (i32.add (global.get $marks) (i32.shl (local.get $i) (i32.const 1)))))
      (if (local.get $mi) (then
        (i32.store16 (i32.add (global.get $marks) (i32.shl (local.get $i) (i32.const 1))) (i32.const 0))
        (i32.store16 (i32.add (global.get $marks) (i32.shl (local.get $j) (i32.const 1))) (local.get $mi))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $step (i32.lt_u (local.get $p) (local.get $end))))
    (local.get $left))

  ;; placeMany() of at most 4 targets (most contexts have that few): their positions sit in the lanes of
  ;; one i32x4 (at address 5120, -1 once placed; the index of each lane's target at 5136), compared
  ;; with 4 j's at a time as they are computed. The scalar steps below run only for a group of 4 steps
  ;; in which a j meets a target or a step reaches a target's position, i.e. rarely.
  (func $fewSteps (param $i i32) (param $m i32) (param $left i32) (result i32)
    (local $s i32) (local $j i32) (local $a i32) (local $p i32)
    (local.set $s (i32.const 0))
    (loop $step
      (local.set $j (i32.load offset=2560 (i32.shl (local.get $s) (i32.const 2))))
      (local.set $a (i32.const 5120))
      (loop $lane
        (local.set $p (i32.load (local.get $a)))
        (if (i32.eq (local.get $p) (local.get $j))
          (then ;; the target sitting at j is placed at step i
            (i32.store (i32.add (i32.add (global.get $many) (i32.const 16384)) (i32.shl (i32.load offset=16 (local.get $a)) (i32.const 2))) (local.get $i))
            (i32.store (local.get $a) (i32.const -1))
            (local.set $left (i32.sub (local.get $left) (i32.const 1))))
          (else ;; the target sitting at i moves to j
            (if (i32.eq (local.get $p) (local.get $i)) (then (i32.store (local.get $a) (local.get $j))))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br_if $lane (i32.lt_u (local.get $a) (i32.const 5136))))
      (if (i32.eqz (local.get $left)) (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br_if $step (i32.lt_u (local.get $s) (local.get $m))))
    (local.get $left))

  ;; One block of steps i0 .. i0 + count - 1 for the few targets: the j's as in $fillJ, never stored
  ;; unless a group of 4 needs the scalar steps. Returns how many targets are still unplaced.
  (func $fewBlock (param $i0 i32) (param $count i32) (param $left i32) (result i32)
    (local $p i32) (local $end i32) (local $pinv i32) (local $i i32)
    (local $y v128) (local $x v128) (local $fi v128) (local $fn v128) (local $lo v128) (local $hi v128) (local $j v128)
    (local $P v128) (local $P0 v128) (local $P1 v128) (local $P2 v128) (local $P3 v128)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $pinv (i32.add (global.get $inv) (i32.shl (local.get $i0) (i32.const 3))))
    (local.set $fn (f64x2.splat (f64.convert_i32_u (global.get $n))))
    (local.set $fi (f64x2.add (f64x2.splat (f64.convert_i32_u (local.get $i0))) (v128.const f64x2 0 1)))
    (local.set $P (v128.load (i32.const 5120)))
    (local.set $P0 (i32x4.splat (i32x4.extract_lane 0 (local.get $P))))
    (local.set $P1 (i32x4.splat (i32x4.extract_lane 1 (local.get $P))))
    (local.set $P2 (i32x4.splat (i32x4.extract_lane 2 (local.get $P))))
    (local.set $P3 (i32x4.splat (i32x4.extract_lane 3 (local.get $P))))
    (local.set $i (local.get $i0))
    (local.set $p (i32.const 0))
    (loop $l
      (local.set $y (v128.load (local.get $p)))
      (local.set $y (v128.xor (local.get $y) (i32x4.shr_u (local.get $y) (i32.const 11))))
      (local.set $y (v128.xor (local.get $y) (v128.and (i32x4.shl (local.get $y) (i32.const 7))
        (v128.const i32x4 0x9d2c5680 0x9d2c5680 0x9d2c5680 0x9d2c5680))))
      (local.set $y (v128.xor (local.get $y) (v128.and (i32x4.shl (local.get $y) (i32.const 15))
        (v128.const i32x4 0xefc60000 0xefc60000 0xefc60000 0xefc60000))))
      (local.set $y (v128.xor (local.get $y) (i32x4.shr_u (local.get $y) (i32.const 18))))
      (local.set $x (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
        (local.get $y) (v128.const i32x4 0x43300000 0x43300000 0x43300000 0x43300000)))
      (local.set $lo (f64x2.add (local.get $fi) (f64x2.sub (local.get $x) (f64x2.mul
        (f64x2.floor (f64x2.mul (f64x2.sub (local.get $x) (v128.const f64x2 4503599627370495.5 4503599627370495.5)) (v128.load (local.get $pinv))))
        (f64x2.sub (local.get $fn) (local.get $fi))))))
      (local.set $fi (f64x2.add (local.get $fi) (v128.const f64x2 2 2)))
      (local.set $x (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
        (local.get $y) (v128.const i32x4 0x43300000 0x43300000 0x43300000 0x43300000)))
      (local.set $hi (f64x2.add (local.get $fi) (f64x2.sub (local.get $x) (f64x2.mul
        (f64x2.floor (f64x2.mul (f64x2.sub (local.get $x) (v128.const f64x2 4503599627370495.5 4503599627370495.5)) (v128.load offset=16 (local.get $pinv))))
        (f64x2.sub (local.get $fn) (local.get $fi))))))
      (local.set $fi (f64x2.add (local.get $fi) (v128.const f64x2 2 2)))
      (local.set $j (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $lo) (local.get $hi)))
      ;; a j at a target's position, or a target's position among steps i .. i + 3
      (if (v128.any_true (v128.or
            (v128.or (v128.or (i32x4.eq (local.get $j) (local.get $P0)) (i32x4.eq (local.get $j) (local.get $P1)))
                     (v128.or (i32x4.eq (local.get $j) (local.get $P2)) (i32x4.eq (local.get $j) (local.get $P3))))
            (i32x4.lt_u (i32x4.sub (local.get $P) (i32x4.splat (local.get $i))) (v128.const i32x4 4 4 4 4))))
        (then
          (v128.store (i32.const 2560) (local.get $j))
          (local.set $left (call $fewSteps (local.get $i)
            (select (i32.const 4) (i32.shr_u (i32.sub (local.get $end) (local.get $p)) (i32.const 2))
              (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 16)))
            (local.get $left)))
          (if (i32.eqz (local.get $left)) (then (return (i32.const 0))))
          (local.set $P (v128.load (i32.const 5120)))
          (local.set $P0 (i32x4.splat (i32x4.extract_lane 0 (local.get $P))))
          (local.set $P1 (i32x4.splat (i32x4.extract_lane 1 (local.get $P))))
          (local.set $P2 (i32x4.splat (i32x4.extract_lane 2 (local.get $P))))
          (local.set $P3 (i32x4.splat (i32x4.extract_lane 3 (local.get $P))))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (local.set $pinv (i32.add (local.get $pinv) (i32.const 32)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $end))))
    (local.get $left))

  ;; placement() for `count` distinct targets at once (at most 4096, at manyPtr): the step placing each,
  ;; or -1, goes to manyPtr + 16384. Stops as soon as every target is placed. Marks are left all clear.
  (func (export "placeMany") (param $seed i32) (param $steps i32) (param $count i32)
    (local $i i32) (local $block i32) (local $k i32) (local $left i32) (local $results i32) (local $t i32)
    (local.set $results (i32.add (global.get $many) (i32.const 16384)))
    (if (i32.le_u (local.get $count) (i32.const 4)) (then
      (v128.store (i32.const 5120) (v128.const i32x4 -1 -1 -1 -1))
      (local.set $k (i32.const 0))
      (block $set4 (loop $lane
        (br_if $set4 (i32.ge_u (local.get $k) (local.get $count)))
        (i32.store offset=5120 (i32.shl (local.get $k) (i32.const 2)) (i32.load (i32.add (global.get $many) (i32.shl (local.get $k) (i32.const 2)))))
        (i32.store offset=5136 (i32.shl (local.get $k) (i32.const 2)) (local.get $k))
        (i32.store (i32.add (local.get $results) (i32.shl (local.get $k) (i32.const 2))) (i32.const -1))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $lane)))
      (local.set $left (local.get $count))
      (call $seed (local.get $seed))
      (local.set $i (i32.const 0))
      (block $done4 (loop $blocks4
        (br_if $done4 (i32.or (i32.eqz (local.get $left)) (i32.ge_u (local.get $i) (local.get $steps))))
        (call $twist)
        (local.set $block (select (i32.sub (local.get $steps) (local.get $i)) (i32.const 624)
          (i32.lt_u (i32.sub (local.get $steps) (local.get $i)) (i32.const 624))))
        (local.set $left (call $fewBlock (local.get $i) (local.get $block) (local.get $left)))
        (local.set $i (i32.add (local.get $i) (local.get $block)))
        (br $blocks4)))
      (return)))
    (local.set $k (i32.const 0))
    (block $set (loop $mark
      (br_if $set (i32.ge_u (local.get $k) (local.get $count)))
      (local.set $t (i32.load (i32.add (global.get $many) (i32.shl (local.get $k) (i32.const 2)))))
      (i32.store16 (i32.add (global.get $marks) (i32.shl (local.get $t) (i32.const 1))) (i32.add (local.get $k) (i32.const 1)))
      (i32.store (i32.add (local.get $results) (i32.shl (local.get $k) (i32.const 2))) (i32.const -1))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $mark)))
    (local.set $left (local.get $count))
    (call $seed (local.get $seed))
    (local.set $i (i32.const 0))
    (block $done (loop $blocks
      (br_if $done (i32.or (i32.eqz (local.get $left)) (i32.ge_u (local.get $i) (local.get $steps))))
      (call $twist)
      (local.set $block (select (i32.sub (local.get $steps) (local.get $i)) (i32.const 624)
        (i32.lt_u (i32.sub (local.get $steps) (local.get $i)) (i32.const 624))))
      (call $fillJ (local.get $i) (local.get $block))
      (local.set $left (call $placeManyBlock (local.get $i) (local.get $block) (local.get $left)))
      (local.set $i (i32.add (local.get $i) (local.get $block)))
      (br $blocks)))
    ;; clear the marks of the targets never placed (they sit somewhere at or after position steps)
    (if (local.get $left) (then
      (memory.fill (i32.add (global.get $marks) (i32.shl (local.get $steps) (i32.const 1))) (i32.const 0)
        (i32.shl (i32.sub (global.get $n) (local.get $steps)) (i32.const 1))))))
)
