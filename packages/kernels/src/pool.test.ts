import { describe, expect, it } from 'vitest';
import { type DType, dtypes } from './dtype.js';
import { KernelError } from './kernel-error.js';
import {
  adaptiveAvgPool,
  adaptiveMaxPool,
  avgPool,
  avgPoolOutputSizes,
  maxPool,
  maxPoolOutputSizes,
  type PoolDims,
} from './pool.js';
import { availableKernelPaths } from './runtime.js';
import { numel, type Strided } from './strided.js';
import {
  closeTo,
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  randomValue,
  rng,
  toNumbers,
  withPath,
} from './test-utils.js';

const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];

// Expected values computed with PyTorch 1.13 (torch.nn.functional, return_indices=True for max);
// see the call next to each use. x is the 5x6 plane below (NaNs at [1,1] and [1,2] in xn).
const X = [3, 1, -2, 7, 0, 5, 4, -1, 8, 2, -3, 6, -5, 9, 1, -4, 2, 0.5, 2, 2, 3, -1, 4, -6, 0, -7, 5, 6, 1, 1];
const XN = X.map((v, i) => (i === 7 || i === 8 ? Number.NaN : v));
const X3 = Array.from({ length: 60 }, (_, i) => i % 7);

interface Known {
  values: number[];
  indices?: number[];
  sizes: number[];
}
const K: Record<string, Known> = {
  mp_k2: { values: [4.0, 8.0, 6.0, 9.0, 3.0, 4.0], indices: [6, 8, 11, 13, 20, 22], sizes: [1, 1, 2, 3] },
  mp_k3s2p1_ceil: {
    values: [4.0, 8.0, 7.0, 6.0, 9.0, 9.0, 6.0, 6.0, 2.0, 6.0, 6.0, 1.0],
    indices: [6, 8, 3, 11, 13, 13, 11, 11, 18, 27, 27, 29],
    sizes: [1, 1, 3, 4],
  },
  mp_dil: {
    values: [
      -1.0, 8.0, 2.0, 8.0, 6.0, -3.0, 9.0, 3.0, 9.0, 2.0, 7.0, 2.0, 2.0, 8.0, 2.0, 8.0, 6.0, 4.0, 9.0, 5.0, 9.0, 5.0,
      6.0, 2.0, 2.0, 3.0, 2.0, 4.0, -1.0, 4.0,
    ],
    indices: [
      7, 8, 9, 8, 11, 10, 13, 0, 13, 16, 3, 16, 19, 8, 9, 8, 11, 22, 13, 26, 13, 26, 27, 16, 19, 20, 19, 22, 21, 22,
    ],
    sizes: [1, 1, 5, 6],
  },
  mp_nan: {
    values: [
      NaN,
      NaN,
      NaN,
      NaN,
      7.0,
      6.0,
      NaN,
      NaN,
      NaN,
      NaN,
      7.0,
      6.0,
      NaN,
      NaN,
      NaN,
      NaN,
      6.0,
      6.0,
      9.0,
      9.0,
      9.0,
      6.0,
      6.0,
      4.0,
      2.0,
      5.0,
      6.0,
      6.0,
      6.0,
      4.0,
    ],
    indices: [7, 8, 8, 8, 3, 11, 7, 8, 8, 8, 3, 11, 7, 8, 8, 8, 11, 11, 13, 13, 13, 27, 27, 22, 18, 26, 27, 27, 27, 22],
    sizes: [1, 1, 5, 6],
  },
  mp_k23: {
    values: [3.0, 7.0, 8.0, 8.0, 9.0, 8.0, 9.0, 4.0, 5.0, 6.0, 5.0, 6.0],
    indices: [0, 3, 8, 8, 13, 8, 13, 22, 26, 27, 26, 27],
    sizes: [1, 1, 6, 2],
  },
  ap_k3s2p1: {
    values: [
      0.7777777910232544, 1.6666666269302368, 1.8888888359069824, 1.2222222089767456, 2.1111111640930176,
      0.0555555559694767, -0.3333333432674408, 0.8888888955116272, 0.5555555820465088,
    ],
    sizes: [1, 1, 3, 3],
  },
  ap_k3s2p1_nopad: {
    values: [
      1.75, 2.5, 2.8333332538604736, 1.8333333730697632, 2.1111111640930176, 0.0555555559694767, -0.75,
      1.3333333730697632, 0.8333333134651184,
    ],
    sizes: [1, 1, 3, 3],
  },
  ap_ceil: { values: [1.75, 3.75, 2.0, 2.0, -0.25, 0.125, -3.5, 5.5, 1.0], sizes: [1, 1, 3, 3] },
  ap_ceil_pad: {
    values: [
      0.7777777910232544, 1.6666666269302368, 1.8888888359069824, 1.8333333730697632, 1.2222222089767456,
      2.1111111640930176, 0.0555555559694767, 0.0833333358168602, -0.3333333432674408, 0.8888888955116272,
      0.5555555820465088, -0.8333333134651184,
    ],
    sizes: [1, 1, 3, 4],
  },
  ap_div: {
    values: [2.3333332538604736, 5.0, 2.6666667461395264, 2.6666667461395264, -0.3333333432674408, 0.1666666716337204],
    sizes: [1, 1, 2, 3],
  },
  aap: {
    values: [
      1.75, 1.5, 1.5, 2.0, 1.8333333730697632, 3.6666667461395264, 0.0, 0.5833333134651184, -0.75, 0.75, 2.5, 0.0,
    ],
    sizes: [1, 1, 3, 4],
  },
  amp: {
    values: [NaN, NaN, 7.0, 6.0, 9.0, 9.0, 6.0, 4.0],
    indices: [7, 8, 3, 11, 13, 13, 27, 22],
    sizes: [1, 1, 2, 4],
  },
  mp1: {
    values: [3.0, 7.0, 7.0, 4.0, 8.0, 6.0, 9.0, 9.0, 2.0, 2.0, 3.0, 4.0, 0.0, 6.0, 6.0],
    indices: [0, 3, 3, 0, 2, 5, 1, 1, 4, 0, 2, 4, 0, 3, 3],
    sizes: [1, 5, 3],
  },
  ap1: { values: [2.0, 1.5, 2.5, 1.5, 1.5, 1.5, 2.0, 2.0, 1.25, 2.0, 2.0, -1.0, -3.5, 1.25, 1.0], sizes: [1, 5, 3] },
  mp3: {
    values: [
      1.0, 3.0, 6.0, 6.0, 2.0, 4.0, 6.0, 3.0, 6.0, 6.0, 2.0, 4.0, 6.0, 2.0, 5.0, 6.0, 6.0, 3.0, 6.0, 1.0, 4.0, 6.0, 6.0,
      2.0,
    ],
    indices: [1, 3, 6, 13, 16, 18, 20, 3, 6, 13, 16, 18, 20, 23, 26, 27, 55, 38, 41, 43, 46, 48, 55, 58],
    sizes: [1, 1, 4, 3, 2],
  },
  ap3: {
    values: [
      2.5, 3.0, 2.25, 1.5, 2.5, 3.0, 2.6666667461395264, 3.1666667461395264, 3.0, 2.8333332538604736,
      2.6666667461395264, 2.0, 3.0, 3.5, 3.3333332538604736, 3.1666667461395264, 3.0, 2.3333332538604736, 2.0, 2.5, 3.5,
      4.5, 3.75, 2.5, 3.75, 3.375, 2.625, 1.875, 2.0, 2.5, 3.3333332538604736, 3.25, 3.0833332538604736,
      2.9166667461395264, 2.75, 2.6666667461395264, 2.5, 3.0, 3.4166667461395264, 3.25, 3.0833332538604736, 3.0, 1.5,
      2.0, 3.0, 4.0, 4.125, 3.75, 4.5, 4.125, 3.375, 2.625, 1.875, 1.5, 3.5, 3.4166667461395264, 3.25,
      3.0833332538604736, 2.9166667461395264, 2.8333332538604736, 2.6666667461395264, 2.5833332538604736, 3.0,
      3.4166667461395264, 3.25, 3.1666667461395264, 2.25, 1.875, 2.0, 3.0, 4.0, 4.5, 4.0, 4.5, 3.75, 3.0, 2.25, 1.0,
      3.0, 3.5, 3.3333332538604736, 3.1666667461395264, 3.0, 2.3333332538604736, 3.3333332538604736, 2.6666667461395264,
      2.5, 3.5, 3.3333332538604736, 2.6666667461395264, 3.5, 2.25, 1.5, 2.5, 3.5, 4.0,
    ],
    sizes: [1, 1, 4, 4, 6],
  },
  aap3: {
    values: [
      3.0, 2.0833332538604736, 3.9166667461395264, 3.0, 2.5, 3.9166667461395264, 3.75, 2.25, 3.5, 3.75,
      2.0833332538604736, 3.5,
    ],
    sizes: [1, 2, 3, 2],
  },
  amp1: {
    values: [3.0, 1.0, 7.0, 5.0, 4.0, 8.0, 2.0, 6.0, 9.0, 9.0, 2.0, 2.0, 2.0, 3.0, 4.0, 4.0, 0.0, 5.0, 6.0, 1.0],
    indices: [0, 1, 3, 5, 0, 2, 3, 5, 1, 1, 4, 4, 0, 2, 4, 4, 0, 2, 3, 4],
    sizes: [1, 5, 4],
  },
};

const f32 = (sizes: number[], values: number[]) => makeContiguous('float32', sizes, values);

function checkMax(name: string, nd: PoolDims, x: Strided, opts: Parameters<typeof maxPool>[4]): void {
  const k = K[name];
  expect(maxPoolOutputSizes(nd, x.sizes, opts), name).toEqual(k.sizes);
  for (const path of availableKernelPaths()) {
    withPath(path, () => {
      const out = makeContiguous('float32', k.sizes);
      const ind = makeContiguous('int64', k.sizes);
      maxPool(nd, out, ind, x, opts);
      expect(closeTo(toNumbers(out), k.values), `${name} values (${path})`).toBeNull();
      expect(toNumbers(ind), `${name} indices (${path})`).toEqual(k.indices);
    });
  }
}

function checkAvg(name: string, nd: PoolDims, x: Strided, opts: Parameters<typeof avgPool>[3]): void {
  const k = K[name];
  expect(avgPoolOutputSizes(nd, x.sizes, opts), name).toEqual(k.sizes);
  for (const path of availableKernelPaths()) {
    withPath(path, () => {
      const out = makeContiguous('float32', k.sizes);
      avgPool(nd, out, x, opts);
      expect(closeTo(toNumbers(out), k.values), `${name} (${path})`).toBeNull();
    });
  }
}

describe('known values (PyTorch 1.13)', () => {
  const x = f32([1, 1, 5, 6], X);
  const xn = f32([1, 1, 5, 6], XN);

  it('max_pool2d: stride, padding, ceil_mode, dilation, rectangular kernels, NaN propagation', () => {
    checkMax('mp_k2', 2, x, { kernelSize: 2 }); // F.max_pool2d(x, 2)
    checkMax('mp_k3s2p1_ceil', 2, x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true });
    checkMax('mp_dil', 2, x, { kernelSize: 2, stride: 1, padding: 1, dilation: 2 });
    checkMax('mp_nan', 2, xn, { kernelSize: 3, stride: 1, padding: 1 });
    checkMax('mp_k23', 2, x, { kernelSize: [2, 3], stride: [1, 2], padding: [1, 0] });
  });

  it('max_pool1d and max_pool3d (unbatched input)', () => {
    checkMax('mp1', 1, f32([1, 5, 6], X), { kernelSize: 3, stride: 2, padding: 1 }); // F.max_pool1d(x1, 3, 2, 1)
    checkMax('mp3', 3, f32([1, 1, 3, 4, 5], X3), { kernelSize: 2, stride: [1, 2, 2], padding: [1, 1, 0] });
    // the same through an unbatched [C, D, H, W] view
    const k = K.mp3;
    const out = makeContiguous('float32', k.sizes.slice(1));
    maxPool(3, out, null, f32([1, 3, 4, 5], X3), { kernelSize: 2, stride: [1, 2, 2], padding: [1, 1, 0] });
    expect(toNumbers(out)).toEqual(k.values);
  });

  it('avg_pool1d/2d/3d: count_include_pad, ceil_mode, divisor_override', () => {
    checkAvg('ap_k3s2p1', 2, x, { kernelSize: 3, stride: 2, padding: 1 });
    checkAvg('ap_k3s2p1_nopad', 2, x, { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false });
    checkAvg('ap_ceil', 2, x, { kernelSize: 2, stride: 2, ceilMode: true });
    checkAvg('ap_ceil_pad', 2, x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true });
    checkAvg('ap_div', 2, x, { kernelSize: 2, divisorOverride: 3 });
    checkAvg('ap1', 1, f32([1, 5, 6], X), {
      kernelSize: 4,
      stride: 3,
      padding: 2,
      ceilMode: true,
      countIncludePad: false,
    });
    checkAvg('ap3', 3, f32([1, 1, 3, 4, 5], X3), {
      kernelSize: [2, 3, 2],
      stride: 1,
      padding: 1,
      countIncludePad: false,
    });
  });

  it('adaptive average and max pooling', () => {
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        const a = makeContiguous('float32', K.aap.sizes);
        adaptiveAvgPool(2, a, x);
        expect(closeTo(toNumbers(a), K.aap.values), path).toBeNull();
        const m = makeContiguous('float32', K.amp.sizes);
        const mi = makeContiguous('int64', K.amp.sizes);
        adaptiveMaxPool(2, m, mi, xn);
        expect(closeTo(toNumbers(m), K.amp.values), path).toBeNull();
        expect(toNumbers(mi)).toEqual(K.amp.indices);
        const a3 = makeContiguous('float32', K.aap3.sizes);
        adaptiveAvgPool(3, a3, f32([1, 3, 4, 5], X3));
        expect(closeTo(toNumbers(a3), K.aap3.values), path).toBeNull();
        const m1 = makeContiguous('float32', K.amp1.sizes);
        const m1i = makeContiguous('int64', K.amp1.sizes);
        adaptiveMaxPool(1, m1, m1i, f32([1, 5, 6], X));
        expect(toNumbers(m1)).toEqual(K.amp1.values);
        expect(toNumbers(m1i)).toEqual(K.amp1.indices);
      });
    }
  });
});

describe('PyTorch output size rules and errors', () => {
  const x = f32([1, 1, 5, 6], X);
  it('computes sizes like pooling_output_shape', () => {
    expect(maxPoolOutputSizes(2, [2, 3, 7, 7], { kernelSize: 3, stride: 2, ceilMode: true })).toEqual([2, 3, 3, 3]);
    expect(maxPoolOutputSizes(2, [2, 3, 8, 8], { kernelSize: 3, stride: 2, ceilMode: true })).toEqual([2, 3, 4, 4]);
    expect(maxPoolOutputSizes(2, [2, 3, 8, 8], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true })).toEqual([
      2, 3, 5, 5,
    ]);
    expect(maxPoolOutputSizes(1, [0, 3, 8], { kernelSize: 2 })).toEqual([0, 3, 4]);
    expect(avgPoolOutputSizes(3, [3, 9, 9, 9], { kernelSize: [3, 2, 1], stride: [] })).toEqual([3, 3, 4, 9]);
  });
  it('throws KernelErrors with PyTorch messages', () => {
    const bad = (fn: () => unknown, msg: RegExp) => {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(KernelError.isInstance(err), String(err)).toBe(true);
      expect(String((err as Error).message)).toMatch(msg);
    };
    bad(
      () => maxPoolOutputSizes(2, [1, 1, 4, 4], { kernelSize: 3, padding: 2 }),
      /pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1/,
    );
    bad(
      () => avgPoolOutputSizes(2, [1, 1, 4, 4], { kernelSize: 3, padding: 2 }),
      /pad should be at most half of kernel size, but got pad=2 and kernel_size=3/,
    );
    bad(
      () => maxPoolOutputSizes(2, [1, 1, 2, 2], { kernelSize: 3 }),
      /Given input size: \(1x2x2\). Calculated output size: \(1x0x0\). Output size is too small/,
    );
    bad(() => maxPoolOutputSizes(3, [1, 1, 2, 2, 2], { kernelSize: 3 }), /Output size is too small/);
    bad(() => maxPoolOutputSizes(2, [1, 1, 4, 4], { kernelSize: 0 }), /kernel size should be greater than zero/);
    bad(() => maxPoolOutputSizes(2, [1, 1, 4, 4], { kernelSize: 2, stride: 0 }), /stride should be greater than zero/);
    bad(
      () => maxPoolOutputSizes(2, [1, 1, 4, 4], { kernelSize: 2, dilation: 0 }),
      /dilation should be greater than zero/,
    );
    bad(
      () => maxPoolOutputSizes(2, [1, 1, 4, 4], { kernelSize: [2, 2, 2] }),
      /kernel_size must either be a single int, or a tuple of two ints/,
    );
    bad(() => maxPoolOutputSizes(2, [4, 4], { kernelSize: 2 }), /Expected 3D or 4D/);
    bad(() => maxPoolOutputSizes(2, [1, 0, 4, 4], { kernelSize: 2 }), /Expected 3D or 4D/);
    bad(
      () => avgPool(2, makeContiguous('float32', [1, 1, 2, 3]), x, { kernelSize: 2, divisorOverride: 0 }),
      /divisor must be not zero/,
    );
    bad(
      () => avgPool(2, makeContiguous('int8', [1, 1, 2, 3]), makeContiguous('int8', [1, 1, 5, 6]), { kernelSize: 2 }),
      /not implemented for 'int8'/,
    );
    bad(
      () => maxPool(2, makeContiguous('float32', [1, 1, 2, 2]), null, x, { kernelSize: 2 }),
      /expected \[1, 1, 2, 3\]/,
    );
    bad(
      () =>
        maxPool(2, makeContiguous('float32', [1, 1, 2, 3]), makeContiguous('int32', [1, 1, 2, 3]), x, {
          kernelSize: 2,
        }),
      /indices must be int64/,
    );
    bad(
      () => adaptiveAvgPool(2, makeContiguous('float32', [1, 1, 3, 3]), makeContiguous('float32', [1, 1, 0, 2])),
      /adaptive_avg_pool2d\(\): Expected input to have non-zero size for non-batch dimensions, but input has sizes \[1, 1, 0, 2\] with dimension 2 being empty/,
    );
    bad(
      () =>
        maxPool(2, makeContiguous('float32', [1, 1, 2, 3]), null, { ...x, strides: [30, 30, 7, 1] }, { kernelSize: 2 }),
      /reaches byte/,
    );
  });
});

// ---------------------------------------------------------------------------------------------

function randomInput(r: () => number, nd: PoolDims, dtype: DType, maxSpatial: number): Strided {
  const batched = r() < 0.7;
  const sizes = [
    ...(batched ? [randInt(r, 0, 3)] : []),
    randInt(r, 1, 3),
    ...Array.from({ length: nd }, () => randInt(r, 1, maxSpatial)),
  ];
  const vals = Array.from({ length: numel(sizes) }, () =>
    r() < 0.03 && dtype.startsWith('f') ? Number.NaN : randomValue(dtype, r),
  );
  return makeStrided(dtype, sizes, vals, layouts[randInt(r, 0, 3)]);
}

function randomParams(r: () => number, spatial: number[], isMax: boolean) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const k = spatial.map((s) => randInt(r, 1, Math.min(s + 1, 4)));
    const s = k.map(() => randInt(r, 1, 3));
    const dil = isMax ? k.map(() => randInt(r, 1, 2)) : k.map(() => 1);
    const p = k.map((kk, i) => randInt(r, 0, Math.floor(((kk - 1) * dil[i] + 1) / 2)));
    const ceilMode = r() < 0.5;
    const ok = spatial.every((inp, i) => {
      if (!isMax && p[i] > Math.floor(k[i] / 2)) return false;
      let o = Math.floor((inp + 2 * p[i] - dil[i] * (k[i] - 1) - 1 + (ceilMode ? s[i] - 1 : 0)) / s[i]) + 1;
      if (ceilMode && (o - 1) * s[i] >= inp + p[i]) o--;
      return o >= 1;
    });
    if (ok) return { kernelSize: k, stride: s, padding: p, dilation: dil, ceilMode };
  }
  return null;
}

function sameResults(results: { v: number[]; i?: number[] }[], label: string, tol: number): void {
  for (let j = 1; j < results.length; j++) {
    expect(closeTo(results[j].v, results[0].v, tol, tol), `${label} values (${availableKernelPaths()[j]})`).toBeNull();
    if (results[0].i) expect(results[j].i, `${label} indices`).toEqual(results[0].i);
  }
}

describe('fast paths agree with the reference', () => {
  const poolTypes = dtypes.filter((d) => d !== 'bool');
  for (const nd of [1, 2, 3] as PoolDims[]) {
    it(`max/avg/adaptive pooling ${nd}d on random shapes, layouts and dtypes`, () => {
      const r = rng(100 + nd);
      for (let trial = 0; trial < 80; trial++) {
        const dtype = poolTypes[randInt(r, 0, poolTypes.length - 1)];
        const x = randomInput(r, nd, dtype, nd === 3 ? 6 : 10);
        const spatial = x.sizes.slice(-nd);
        const mp = randomParams(r, spatial, true);
        const outLayout = layouts[randInt(r, 0, 3)];
        if (mp) {
          const os = maxPoolOutputSizes(nd, x.sizes, mp);
          const res = availableKernelPaths().map((p) =>
            withPath(
              p,
              () => {
                const out = makeStrided(dtype, os, new Array(numel(os)).fill(0), outLayout);
                const ind = makeStrided('int64', os, new Array(numel(os)).fill(0), outLayout);
                maxPool(nd, out, ind, x, mp);
                return { v: toNumbers(out), i: toNumbers(ind) };
              },
              2,
            ),
          );
          sameResults(res, `max_pool${nd}d ${trial}`, 0);
        }
        const avgOk = dtype.startsWith('f') || dtype.startsWith('b') || dtype === 'int64';
        const ap = randomParams(r, spatial, false);
        if (ap && avgOk) {
          const opts = { ...ap, countIncludePad: r() < 0.5, divisorOverride: r() < 0.2 ? randInt(r, 1, 5) : null };
          const os = avgPoolOutputSizes(nd, x.sizes, opts);
          const res = availableKernelPaths().map((p) =>
            withPath(
              p,
              () => {
                const out = makeStrided(dtype, os, new Array(numel(os)).fill(0), outLayout);
                avgPool(nd, out, x, opts);
                return { v: toNumbers(out) };
              },
              2,
            ),
          );
          sameResults(res, `avg_pool${nd}d ${trial}`, 0);
        }
        const os = [...x.sizes.slice(0, x.sizes.length - nd), ...spatial.map(() => randInt(r, 1, 7))];
        const res = availableKernelPaths().map((p) =>
          withPath(
            p,
            () => {
              const out = makeStrided(dtype, os, new Array(numel(os)).fill(0), outLayout);
              const ind = makeStrided('int64', os, new Array(numel(os)).fill(0), outLayout);
              adaptiveMaxPool(nd, out, ind, x);
              const avg = makeStrided(dtype, os, new Array(numel(os)).fill(0), outLayout);
              if (avgOk) adaptiveAvgPool(nd, avg, x);
              return { v: [...toNumbers(out), ...toNumbers(avg)], i: toNumbers(ind) };
            },
            2,
          ),
        );
        sameResults(res, `adaptive ${nd}d ${trial}`, 0);
      }
    });
  }

  it('large contiguous float32 NCHW inputs (threaded, vectorized rows) match the reference', () => {
    const r = rng(7);
    const sizes = [2, 8, 57, 61];
    const x = makeContiguous(
      'float32',
      sizes,
      Array.from({ length: numel(sizes) }, () => (r() - 0.5) * 8),
    );
    for (const opts of [
      { kernelSize: 3, stride: 2, padding: 1 },
      { kernelSize: 3, stride: 1, padding: 1 },
      { kernelSize: 2, stride: 2, ceilMode: true },
      { kernelSize: [3, 5], stride: [2, 3], padding: [1, 2], dilation: [2, 1] },
    ]) {
      const os = maxPoolOutputSizes(2, sizes, opts);
      sameResults(
        availableKernelPaths().map((p) =>
          withPath(
            p,
            () => {
              const out = makeContiguous('float32', os);
              const ind = makeContiguous('int64', os);
              maxPool(2, out, ind, x, opts);
              return { v: toNumbers(out), i: toNumbers(ind) };
            },
            2,
          ),
        ),
        `max ${JSON.stringify(opts)}`,
        0,
      );
      if (opts.dilation) continue;
      const aos = avgPoolOutputSizes(2, sizes, opts);
      sameResults(
        availableKernelPaths().map((p) =>
          withPath(
            p,
            () => {
              const out = makeContiguous('float32', aos);
              avgPool(2, out, x, { ...opts, countIncludePad: false });
              return { v: toNumbers(out) };
            },
            2,
          ),
        ),
        `avg ${JSON.stringify(opts)}`,
        0,
      );
    }
  });
});
