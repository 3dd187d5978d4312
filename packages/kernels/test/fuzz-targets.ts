// Valid calls of every kernel entry point, for the malformed-call fuzzer: each target returns a
// fresh argument list from a seed; the fuzzer corrupts some arguments and calls `call(args)`.

import { binary } from '../src/binary.js';
import { conv, convTranspose } from '../src/conv.js';
import { copy, fill } from '../src/copy.js';
import type { DType } from '../src/dtype.js';
import { addmm, bmm, mm } from '../src/gemm.js';
import {
  cat,
  embedding,
  gather,
  indexPut,
  indexSelect,
  maskedFill,
  maskedSelect,
  scatterAdd,
} from '../src/indexing.js';
import { adaptiveAvgPool, avgPool, maxPool } from '../src/pool.js';
import { amax, max, sum, variance } from '../src/reduce.js';
import { cummax, cumsum } from '../src/scan.js';
import { layerNorm, softmax } from '../src/softmax.js';
import { sort, topk } from '../src/sort.js';
import type { Strided } from '../src/strided.js';
import { numel } from '../src/strided.js';
import { clamp, where } from '../src/ternary.js';
import { makeContiguous, makeStrided, randInt, randomShape, randomValue, rng } from '../src/test-utils.js';
import { unary } from '../src/unary.js';
import { upsample2d } from '../src/upsample.js';

export interface Target {
  name: string;
  valid(seed: number): unknown[];
  call(args: unknown[]): void;
}

const floatTypes: DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

export function tensor(r: () => number, dtype: DType, sizes: number[]): Strided {
  const vals = Array.from({ length: numel(sizes) }, () => randomValue(dtype, r));
  const layouts = ['contiguous', 'transposed', 'stepped', 'offset'] as const;
  return makeStrided(dtype, sizes, vals, layouts[randInt(r, 0, 3)]);
}

export function shape(r: () => number): number[] {
  const s = randomShape(r, 3, 5);
  return s.length === 0 ? [randInt(r, 1, 4)] : s;
}

export const targets: Target[] = [
  {
    name: 'copy',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float32', s), tensor(r, floatTypes[randInt(r, 0, 3)], s)];
    },
    call: (a) => copy(a[0] as Strided, a[1] as Strided),
  },
  {
    name: 'fill',
    valid(seed) {
      const r = rng(seed);
      return [makeContiguous('int32', shape(r)), r() * 10];
    },
    call: (a) => fill(a[0] as Strided, a[1] as number),
  },
  {
    name: 'mm',
    valid(seed) {
      const r = rng(seed);
      const [m, k, n] = [randInt(r, 1, 9), randInt(r, 1, 9), randInt(r, 1, 9)];
      return [makeContiguous('float32', [m, n]), tensor(r, 'float32', [m, k]), tensor(r, 'float32', [k, n])];
    },
    call: (a) => mm(a[0] as Strided, a[1] as Strided, a[2] as Strided),
  },
  {
    name: 'bmm',
    valid(seed) {
      const r = rng(seed);
      const [b, m, k, n] = [randInt(r, 1, 3), randInt(r, 1, 6), randInt(r, 1, 6), randInt(r, 1, 6)];
      return [makeContiguous('float64', [b, m, n]), tensor(r, 'float64', [b, m, k]), tensor(r, 'float64', [b, k, n])];
    },
    call: (a) => bmm(a[0] as Strided, a[1] as Strided, a[2] as Strided),
  },
  {
    name: 'addmm',
    valid(seed) {
      const r = rng(seed);
      const [m, k, n] = [randInt(r, 1, 6), randInt(r, 1, 6), randInt(r, 1, 6)];
      const out = makeContiguous('float32', [m, n]);
      return [
        out,
        tensor(r, 'float32', [n]),
        tensor(r, 'float32', [m, k]),
        tensor(r, 'float32', [k, n]),
        { beta: 0.5, alpha: 2 },
      ];
    },
    call: (a) => addmm(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as Strided, a[4] as { beta: number }),
  },
  {
    name: 'conv2d',
    valid(seed) {
      const r = rng(seed);
      const [cin, cout, h, w, k] = [
        randInt(r, 1, 3),
        randInt(r, 1, 4),
        randInt(r, 3, 8),
        randInt(r, 3, 8),
        randInt(r, 1, 3),
      ];
      const ho = h - k + 1;
      const wo = w - k + 1;
      return [
        makeContiguous('float32', [1, cout, ho, wo]),
        tensor(r, 'float32', [1, cin, h, w]),
        tensor(r, 'float32', [cout, cin, k, k]),
        tensor(r, 'float32', [cout]),
        { stride: [1, 1], padding: [0, 0] },
      ];
    },
    call: (a) => conv(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as Strided, a[4] as object),
  },
  {
    name: 'conv_transpose1d',
    valid(seed) {
      const r = rng(seed);
      const [cin, cout, l, k] = [randInt(r, 1, 3), randInt(r, 1, 3), randInt(r, 1, 6), randInt(r, 1, 3)];
      return [
        makeContiguous('float64', [2, cout, l + k - 1]),
        tensor(r, 'float64', [2, cin, l]),
        tensor(r, 'float64', [cin, cout, k]),
        null,
        {},
      ];
    },
    call: (a) =>
      convTranspose(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as Strided | null, a[4] as object),
  },
  {
    name: 'sum',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float32', s.slice(1)), tensor(r, 'float32', s), [0]];
    },
    call: (a) => sum(a[0] as Strided, a[1] as Strided, a[2] as number[]),
  },
  {
    name: 'amax',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r).map((n) => Math.max(n, 1));
      return [makeContiguous('int32', []), tensor(r, 'int32', s), null];
    },
    call: (a) => amax(a[0] as Strided, a[1] as Strided, a[2] as null),
  },
  {
    name: 'var',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float64', s.slice(0, -1)), tensor(r, 'float64', s), [-1], 1];
    },
    call: (a) => variance(a[0] as Strided, a[1] as Strided, a[2] as number[], a[3] as number),
  },
  {
    name: 'max.dim',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r).map((n) => Math.max(n, 1));
      return [makeContiguous('float32', s.slice(1)), makeContiguous('int64', s.slice(1)), tensor(r, 'float32', s), 0];
    },
    call: (a) => max(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as number),
  },
  {
    name: 'softmax',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float32', s), tensor(r, 'float32', s), -1];
    },
    call: (a) => softmax(a[0] as Strided, a[1] as Strided, a[2] as number),
  },
  {
    name: 'layer_norm',
    valid(seed) {
      const r = rng(seed);
      const n = randInt(r, 1, 8);
      const s = [randInt(r, 1, 4), n];
      return [
        makeContiguous('float32', s),
        tensor(r, 'float32', s),
        [n],
        tensor(r, 'float32', [n]),
        tensor(r, 'float32', [n]),
        1e-5,
      ];
    },
    call: (a) =>
      layerNorm(
        a[0] as Strided,
        null,
        null,
        a[1] as Strided,
        a[2] as number[],
        a[3] as Strided,
        a[4] as Strided,
        a[5] as number,
      ),
  },
  {
    name: 'cumsum',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('int64', s), tensor(r, 'int32', s), 0];
    },
    call: (a) => cumsum(a[0] as Strided, a[1] as Strided, a[2] as number),
  },
  {
    name: 'cummax',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float32', s), makeContiguous('int64', s), tensor(r, 'float32', s), -1];
    },
    call: (a) => cummax(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as number),
  },
  {
    name: 'sort',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float64', s), makeContiguous('int64', s), tensor(r, 'float64', s), -1, true];
    },
    call: (a) => sort(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as number, a[4] as boolean),
  },
  {
    name: 'topk',
    valid(seed) {
      const r = rng(seed);
      const n = randInt(r, 1, 9);
      const k = randInt(r, 0, n);
      return [makeContiguous('float32', [2, k]), makeContiguous('int64', [2, k]), tensor(r, 'float32', [2, n]), k];
    },
    call: (a) => topk(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as number),
  },
  {
    name: 'gather',
    valid(seed) {
      const r = rng(seed);
      const [m, n] = [randInt(r, 1, 5), randInt(r, 1, 5)];
      const idx = makeContiguous(
        'int64',
        [m, n],
        Array.from({ length: m * n }, () => randInt(r, 0, n - 1)),
      );
      return [makeContiguous('float32', [m, n]), tensor(r, 'float32', [m, n]), 1, idx];
    },
    call: (a) => gather(a[0] as Strided, a[1] as Strided, a[2] as number, a[3] as Strided),
  },
  {
    name: 'scatter_add',
    valid(seed) {
      const r = rng(seed);
      const [m, n] = [randInt(r, 1, 5), randInt(r, 1, 5)];
      const idx = makeContiguous(
        'int64',
        [m, n],
        Array.from({ length: m * n }, () => randInt(r, 0, m - 1)),
      );
      return [makeContiguous('float64', [m, n]), 0, idx, tensor(r, 'float64', [m, n])];
    },
    call: (a) => scatterAdd(a[0] as Strided, a[1] as number, a[2] as Strided, a[3] as Strided),
  },
  {
    name: 'index_select',
    valid(seed) {
      const r = rng(seed);
      const [m, n, k] = [randInt(r, 1, 5), randInt(r, 1, 5), randInt(r, 0, 6)];
      const idx = makeContiguous(
        'int64',
        [k],
        Array.from({ length: k }, () => randInt(r, 0, m - 1)),
      );
      return [makeContiguous('int16', [k, n]), tensor(r, 'int16', [m, n]), 0, idx];
    },
    call: (a) => indexSelect(a[0] as Strided, a[1] as Strided, a[2] as number, a[3] as Strided),
  },
  {
    name: 'index_put',
    valid(seed) {
      const r = rng(seed);
      const [m, k] = [randInt(r, 1, 6), randInt(r, 1, 4)];
      const idx = makeContiguous(
        'int64',
        [k],
        Array.from({ length: k }, () => randInt(r, -m, m - 1)),
      );
      return [makeContiguous('float32', [m, 3]), [idx], tensor(r, 'float32', [k, 3]), true];
    },
    call: (a) => indexPut(a[0] as Strided, a[1] as Strided[], a[2] as Strided, a[3] as boolean),
  },
  {
    name: 'masked_fill',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [tensor(r, 'float32', s), tensor(r, 'bool', s.slice(1)), 2.5];
    },
    call: (a) => maskedFill(a[0] as Strided, a[1] as Strided, a[2] as number),
  },
  {
    name: 'masked_select',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      const mask = makeContiguous(
        'bool',
        s,
        Array.from({ length: numel(s) }, () => 1),
      );
      return [makeContiguous('uint8', [numel(s)]), tensor(r, 'uint8', s), mask];
    },
    call: (a) => maskedSelect(a[0] as Strided, a[1] as Strided, a[2] as Strided),
  },
  {
    name: 'cat',
    valid(seed) {
      const r = rng(seed);
      const [m, n, p] = [randInt(r, 0, 4), randInt(r, 0, 4), randInt(r, 1, 4)];
      return [makeContiguous('int64', [m + n, p]), [tensor(r, 'int64', [m, p]), tensor(r, 'int64', [n, p])], 0];
    },
    call: (a) => cat(a[0] as Strided, a[1] as Strided[], a[2] as number),
  },
  {
    name: 'embedding',
    valid(seed) {
      const r = rng(seed);
      const [v, d, k] = [randInt(r, 1, 6), randInt(r, 1, 4), randInt(r, 0, 5)];
      const idx = makeContiguous(
        'int64',
        [k],
        Array.from({ length: k }, () => randInt(r, 0, v - 1)),
      );
      return [makeContiguous('float32', [k, d]), tensor(r, 'float32', [v, d]), idx];
    },
    call: (a) => embedding(a[0] as Strided, a[1] as Strided, a[2] as Strided),
  },
  {
    name: 'max_pool2d',
    valid(seed) {
      const r = rng(seed);
      const [c, h, w] = [randInt(r, 1, 3), randInt(r, 2, 7), randInt(r, 2, 7)];
      const oh = Math.floor((h - 2) / 2) + 1;
      const ow = Math.floor((w - 2) / 2) + 1;
      return [
        makeContiguous('float32', [1, c, oh, ow]),
        makeContiguous('int64', [1, c, oh, ow]),
        tensor(r, 'float32', [1, c, h, w]),
        { kernelSize: [2, 2], stride: [2, 2] },
      ];
    },
    call: (a) => maxPool(2, a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as never),
  },
  {
    name: 'avg_pool1d',
    valid(seed) {
      const r = rng(seed);
      const l = randInt(r, 3, 9);
      return [
        makeContiguous('float64', [2, 2, l - 2]),
        tensor(r, 'float64', [2, 2, l]),
        { kernelSize: [3], stride: [1] },
      ];
    },
    call: (a) => avgPool(1, a[0] as Strided, a[1] as Strided, a[2] as never),
  },
  {
    name: 'adaptive_avg_pool2d',
    valid(seed) {
      const r = rng(seed);
      return [
        makeContiguous('float32', [1, 2, 2, 3]),
        tensor(r, 'float32', [1, 2, randInt(r, 2, 9), randInt(r, 3, 9)]),
      ];
    },
    call: (a) => adaptiveAvgPool(2, a[0] as Strided, a[1] as Strided),
  },
  {
    name: 'upsample2d',
    valid(seed) {
      const r = rng(seed);
      const [h, w] = [randInt(r, 1, 5), randInt(r, 1, 5)];
      return [
        makeContiguous('float32', [1, 1, 2 * h, 2 * w]),
        tensor(r, 'float32', [1, 1, h, w]),
        { mode: 'bilinear', alignCorners: false },
      ];
    },
    call: (a) => upsample2d(a[0] as Strided, a[1] as Strided, a[2] as never),
  },
  {
    name: 'unary',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      const ops = ['exp', 'neg', 'gelu', 'sigmoid', 'abs'];
      return [ops[randInt(r, 0, 4)], makeContiguous('float32', s), tensor(r, 'float32', s)];
    },
    call: (a) => unary(a[0] as never, a[1] as Strided, a[2] as Strided),
  },
  {
    name: 'binary',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      const ops = ['add', 'mul', 'sub', 'remainder', 'floor_divide', 'maximum'];
      return [ops[randInt(r, 0, 5)], makeContiguous('int32', s), tensor(r, 'int32', s), tensor(r, 'int32', s.slice(1))];
    },
    call: (a) => binary(a[0] as never, a[1] as Strided, a[2] as Strided, a[3] as Strided),
  },
  {
    name: 'binary_compare',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('bool', s), tensor(r, 'float64', s), tensor(r, 'float64', [])];
    },
    call: (a) => binary('lt', a[0] as Strided, a[1] as Strided, a[2] as Strided),
  },
  {
    name: 'where',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float16', s), tensor(r, 'bool', s), tensor(r, 'float16', s), tensor(r, 'float16', s)];
    },
    call: (a) => where(a[0] as Strided, a[1] as Strided, a[2] as Strided, a[3] as Strided),
  },
  {
    name: 'clamp',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float32', s), tensor(r, 'float32', s), -1, tensor(r, 'float32', s.slice(-1))];
    },
    call: (a) => clamp(a[0] as Strided, a[1] as Strided, a[2] as number, a[3] as Strided),
  },
];
