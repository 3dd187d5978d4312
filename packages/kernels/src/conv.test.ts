import { describe, expect, it } from 'vitest';
import { conv, convOutputSizes, convTranspose, convTransposeOutputSizes } from './conv.js';
import type { DType } from './dtype.js';
import { KernelError } from './kernel-error.js';
import { availableKernelPaths, type KernelPath } from './runtime.js';
import { numel, type Strided } from './strided.js';
import {
  closeTo,
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  rng,
  roundTo,
  toNumbers,
  withPath,
} from './test-utils.js';

const floatTypes: DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];
const fastPaths = availableKernelPaths().filter((p) => p !== 'reference');

function randomValues(dtype: DType, n: number, r: () => number): number[] {
  return Array.from({ length: n }, () => roundTo(dtype, (r() - 0.5) * 4));
}

function tolerance(dtype: DType, k: number): { rtol: number; atol: number } {
  switch (dtype) {
    case 'float64':
      return { rtol: 1e-12, atol: 1e-12 * (k + 1) * 4 };
    case 'float32':
      return { rtol: 1e-5, atol: 2e-6 * (k + 1) * 4 };
    case 'float16':
      return { rtol: 2e-3, atol: 2e-3 + 2e-6 * (k + 1) * 4 };
    default:
      return { rtol: 1e-2, atol: 1e-2 + 2e-6 * (k + 1) * 4 };
  }
}

function expectAllClose(fn: () => number[], dtype: DType, k: number, label: string): number[] {
  const ref = withPath('reference', fn, 1);
  const { rtol, atol } = tolerance(dtype, k);
  for (const path of fastPaths) {
    for (const threads of [1, 2]) {
      const res = withPath(path as KernelPath, fn, threads);
      expect(closeTo(res, ref, rtol, atol), `${label} ${path}/${threads}t`).toBeNull();
    }
  }
  return ref;
}

interface Case {
  dtype: DType;
  transposed: boolean;
  input: Strided;
  weight: Strided;
  bias: Strided | null;
  opts: { stride: number[]; padding: number[]; dilation: number[]; groups: number; outputPadding?: number[] };
  outLayout: Layout;
  k: number;
  label: string;
}

function randomCase(r: () => number, trial: number, big = false): Case | null {
  const dtype = floatTypes[trial % 4];
  const transposed = r() < 0.3;
  const nd = randInt(r, 1, 3);
  const groups = r() < 0.25 ? randInt(r, 2, 3) : 1;
  const cinG = randInt(r, big ? 8 : 1, big ? 40 : 4);
  const coutG = randInt(r, 1, big ? 20 : 4);
  const batch = r() < 0.1 ? 0 : randInt(r, 1, 2);
  const kernel = Array.from({ length: nd }, () => randInt(r, 1, nd === 3 ? 2 : big ? 5 : 3));
  const stride = Array.from({ length: nd }, () => randInt(r, 1, 3));
  const padding = Array.from({ length: nd }, (_, i) => randInt(r, 0, kernel[i]));
  const dilation = Array.from({ length: nd }, () => randInt(r, 1, 2));
  const spatial = Array.from({ length: nd }, () => randInt(r, 1, nd === 3 ? 5 : big ? 30 : 9));
  const cin = cinG * groups;
  const cout = coutG * groups;
  const inputSizes = [batch, cin, ...spatial];
  const weightSizes = transposed ? [cin, coutG, ...kernel] : [cout, cinG, ...kernel];
  const outputPadding = transposed ? stride.map((s, i) => randInt(r, 0, Math.max(s, dilation[i]) - 1)) : undefined;
  const input = makeStrided(dtype, inputSizes, randomValues(dtype, numel(inputSizes), r), layouts[randInt(r, 0, 3)]);
  const weight = makeStrided(dtype, weightSizes, randomValues(dtype, numel(weightSizes), r), layouts[randInt(r, 0, 3)]);
  const bias = r() < 0.5 ? makeStrided(dtype, [cout], randomValues(dtype, cout, r), layouts[randInt(r, 0, 3)]) : null;
  const opts = { stride, padding, dilation, groups, outputPadding };
  try {
    if (transposed) convTransposeOutputSizes(input, weight, opts);
    else convOutputSizes(input, weight, opts);
  } catch {
    return null; // an invalid geometry (kernel larger than the padded input, ...): tested separately
  }
  const k = (transposed ? cin : cinG) * kernel.reduce((a, b) => a * b, 1);
  const label = `${dtype} ${transposed ? 'transposed ' : ''}in [${inputSizes}] w [${weightSizes}] ${JSON.stringify(opts)} bias ${bias !== null}`;
  return { dtype, transposed, input, weight, bias, opts, outLayout: layouts[randInt(r, 0, 3)], k, label };
}

function runCase(c: Case): number[] {
  const sizes = c.transposed
    ? convTransposeOutputSizes(c.input, c.weight, c.opts)
    : convOutputSizes(c.input, c.weight, c.opts);
  const out = makeStrided(c.dtype, sizes, new Array(numel(sizes)).fill(Number.NaN), c.outLayout);
  if (c.transposed) convTranspose(out, c.input, c.weight, c.bias, c.opts);
  else conv(out, c.input, c.weight, c.bias, c.opts);
  return toNumbers(out);
}

describe('conv', () => {
  it('matches PyTorch values (conv2d stride 2 padding 1 with bias; conv_transpose1d with output_padding)', () => {
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        const x = makeContiguous(
          'float64',
          [1, 2, 4, 4],
          Array.from({ length: 32 }, (_, i) => i / 10),
        );
        const w = makeContiguous(
          'float64',
          [3, 2, 2, 2],
          Array.from({ length: 24 }, (_, i) => i / 10 - 1),
        );
        const b = makeContiguous('float64', [3], [0.5, -0.5, 1]);
        const out = makeContiguous('float64', [1, 3, 3, 3]);
        conv(out, x, w, b, { stride: 2, padding: 1 });
        const expected = [
          0.02, -0.94, -0.5, -2.14, -6.1, -3.54, -1.98, -5.3, -2.86, 0.3, 1.1, 0.26, 1.34, 2.82, 0.9, 0.22, 0.58, -0.18,
          3.08, 5.64, 3.52, 7.32, 14.24, 7.84, 4.92, 8.96, 5.0,
        ];
        expect(closeTo(toNumbers(out), expected, 1e-12, 1e-12), path).toBeNull();

        const x1 = makeContiguous('float32', [1, 2, 3], [1, 2, 3, 0, -1, 2]);
        const w1 = makeContiguous('float32', [2, 1, 2], [1, 0.5, -1, 2]);
        const out1 = makeContiguous('float32', [1, 1, 7]);
        convTranspose(out1, x1, w1, makeContiguous('float32', [1], [0.25]), { stride: 2, outputPadding: 1 });
        expect(toNumbers(out1), path).toEqual([1.25, 0.75, 3.25, -0.75, 1.25, 5.75, 0.25]);
      });
    }
  });

  it('fast paths agree with the reference on random 1d/2d/3d geometries, groups, layouts and dtypes', () => {
    const r = rng(17);
    let done = 0;
    for (let trial = 0; done < 120 && trial < 1000; trial++) {
      const c = randomCase(r, trial);
      if (!c) continue;
      expectAllClose(() => runCase(c), c.dtype, c.k, `trial ${trial}: ${c.label}`);
      done++;
    }
    expect(done).toBe(120);
  });

  it('larger convolutions (several GEMM blocks, the vector packing paths) agree with the reference', () => {
    const r = rng(23);
    const cases: [number[], number[], { stride: number; padding: number; groups?: number; dilation?: number }][] = [
      [[1, 32, 20, 20], [24, 32, 3, 3], { stride: 1, padding: 1 }],
      [[2, 3, 45, 41], [16, 3, 7, 7], { stride: 2, padding: 3 }],
      [[1, 8, 40, 37], [33, 8, 5, 5], { stride: 2, padding: 0 }],
      [[1, 16, 48, 48], [32, 16, 3, 3], { stride: 1, padding: 1 }], // large enough for 2 threads
      [[2, 24, 30, 31], [48, 1, 3, 3], { stride: 2, padding: 1, groups: 24 }], // depthwise, multiplier 2
      [[1, 96, 40, 40], [96, 1, 5, 5], { stride: 1, padding: 4, groups: 96, dilation: 2 }], // depthwise, threaded
    ];
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const [xs, wsz, opts] of cases) {
        const x = makeContiguous(dtype, xs, randomValues(dtype, numel(xs), r));
        const w = makeContiguous(dtype, wsz, randomValues(dtype, numel(wsz), r));
        const b = makeContiguous(dtype, [wsz[0]], randomValues(dtype, wsz[0], r));
        const k = wsz[1] * wsz[2] * wsz[3];
        expect(wsz[0] % (opts.groups ?? 1)).toBe(0);
        expectAllClose(
          () => {
            const out = makeContiguous(dtype, convOutputSizes(x, w, opts), undefined);
            conv(out, x, w, b, opts);
            return toNumbers(out);
          },
          dtype,
          k,
          `${dtype} x [${xs}] w [${wsz}]`,
        );
      }
    }
  });

  it('larger random cases, including transposed ones', () => {
    const r = rng(29);
    let done = 0;
    for (let trial = 0; done < 12 && trial < 200; trial++) {
      const c = randomCase(r, trial, true);
      if (!c) continue;
      expectAllClose(() => runCase(c), c.dtype, c.k, `big trial ${trial}: ${c.label}`);
      done++;
    }
    expect(done).toBe(12);
  });

  it('handles an empty batch and zero input channels', () => {
    const w = makeContiguous('float32', [4, 3, 3, 3], new Array(108).fill(1));
    const out = makeContiguous('float32', [0, 4, 6, 6]);
    conv(out, makeContiguous('float32', [0, 3, 8, 8]), w, null);
    expect(toNumbers(out)).toEqual([]);
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        const y = makeContiguous('float32', [1, 2, 2], [9, 9, 9, 9]);
        conv(
          y,
          makeContiguous('float32', [1, 0, 3]),
          makeContiguous('float32', [2, 0, 2]),
          makeContiguous('float32', [2], [1, -1]),
        );
        expect(toNumbers(y), path).toEqual([1, 1, -1, -1]);
      });
    }
  });

  it('validates arguments with PyTorch messages', () => {
    const f = (s: number[], d: DType = 'float32') => makeContiguous(d, s);
    const x = f([1, 3, 8, 8]);
    const w = f([4, 3, 3, 3]);
    const o = f([1, 4, 6, 6]);
    expect(() => conv(o, f([1, 4, 8, 8]), w, null)).toThrow(
      'Given groups=1, weight of size [4, 3, 3, 3], expected input[1, 4, 8, 8] to have 3 channels, but got 4 channels instead',
    );
    expect(() => conv(o, f([1, 3, 2, 2]), w, null)).toThrow(
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
    );
    expect(() => conv(o, x, w, null, { stride: 0 })).toThrow('non-positive stride is not supported');
    expect(() => conv(o, x, w, null, { padding: -1 })).toThrow('negative padding is not supported');
    expect(() => conv(o, x, w, null, { dilation: 0 })).toThrow('dilation should be greater than zero, but got [0, 0]');
    expect(() => conv(o, x, w, null, { groups: 0 })).toThrow('non-positive groups is not supported');
    expect(() => conv(o, x, w, null, { groups: 3 })).toThrow(
      'Given groups=3, expected weight to be divisible by 3 at dimension 0, but got weight of size [[4, 3, 3, 3]] instead',
    );
    expect(() => conv(o, x, w, f([3]))).toThrow(
      'Given weight of size [4, 3, 3, 3], expected bias to be 1-dimensional with 4 elements, but got bias of size [3] instead',
    );
    expect(() => conv(o, f([1, 3, 8]), w, null)).toThrow(
      'Expected 4-dimensional input for 4-dimensional weight [4, 3, 3, 3], but got 3-dimensional input of size [1, 3, 8] instead',
    );
    expect(() => conv(o, x, f([0, 3, 3, 3]), null)).toThrow(
      'Given groups=1, expected weight to be at least 1 at dimension 0, but got weight of size [0, 3, 3, 3] instead',
    );
    expect(() => conv(o, x, f([4, 3]), null)).toThrow('weight should have at least three dimensions');
    expect(() => conv(o, x, w, null, { stride: [1, 1, 1] })).toThrow(/list of 2 values/);
    expect(() => conv(f([1, 4, 7, 7]), x, w, null)).toThrow(
      'out has sizes [1, 4, 7, 7] but the result has sizes [1, 4, 6, 6]',
    );
    expect(() => conv(o, f([1, 3, 8, 8], 'float64'), w, null)).toThrow('expected scalar type Double but found Float');
    expect(() => conv(f([1, 4, 6, 6], 'int32'), f([1, 3, 8, 8], 'int32'), f([4, 3, 3, 3], 'int32'), null)).toThrow(
      /not implemented for 'Int'/,
    );
    const wt = f([4, 3, 3, 3]);
    expect(() => convTranspose(f([1, 3, 10, 10]), x, wt, null)).toThrow(
      'Given transposed=1, weight of size [4, 3, 3, 3], expected input[1, 3, 8, 8] to have 4 channels, but got 3 channels instead',
    );
    expect(() => convTranspose(f([1, 3, 11, 11]), f([1, 4, 8, 8]), wt, null, { outputPadding: 1 })).toThrow(
      'output padding must be smaller than either stride or dilation, but got output_padding_height: 1 output_padding_width: 1 stride_height: 1 stride_width: 1 dilation_height: 1 dilation_width: 1',
    );
    expect(() => convTranspose(f([1, 3, 1, 1]), f([1, 4, 1, 1]), wt, null, { padding: 2 })).toThrow(
      'Given input size per channel: (1 x 1). Calculated output size per channel: (-1 x -1). Output size is too small',
    );
    expect(() => convTranspose(f([1, 3, 3, 3]), f([1, 4, 1, 1]), wt, f([4]))).toThrow(
      'Given transposed=1, weight of size [4, 3, 3, 3], expected bias to be 1-dimensional with 3 elements, but got bias of size [4] instead',
    );
    expect(convTransposeOutputSizes(f([1, 4, 8, 8]), wt, { stride: 2, outputPadding: 1 })).toEqual([1, 3, 18, 18]);
    expect(() => conv(o, { ...x, strides: [64, 80, 8, 1] }, w, null)).toThrow(KernelError);
  });
});
