// The `kernels` suite of ../shared/bench/README.md, on @tsjit/kernels.
import { binary, conv, fmaPeak, getNumThreads, mm, sum } from '@tsjit/kernels';
import { eagerContext, fromArray, torchOps } from '@tsjit/tensor';
import { f32, rand, randn, relError, rng, within } from './data.mjs';

let peak = null;
/** Single-core float32 FMA peak in GFLOP/s, measured once per run. */
function fmaPeakOnce() {
  if (peak === null) peak = fmaPeak(0.3);
  return peak;
}

function gemmWorkload(M, N, K) {
  return {
    name: `gemm_f32_${M}x${N}x${K}`,
    unit: 'GFLOP/s',
    better: 'higher',
    setup() {
      const r = rng(0);
      const A = f32([M, K], randn(M * K, r));
      const B = f32([K, N], randn(K * N, r));
      const C = f32([M, N]);
      return {
        run: () => mm(C, A, B),
        check() {
          mm(C, A, B);
          // float64 reference on up to 64 evenly spaced rows of C
          const rows = Math.min(M, 64);
          const y = [];
          const ref = [];
          for (let q = 0; q < rows; q++) {
            const i = Math.floor((q * M) / rows);
            for (let j = 0; j < N; j++) {
              let s = 0;
              for (let k = 0; k < K; k++) s += A.array[i * K + k] * B.array[k * N + j];
              ref.push(s);
              y.push(C.array[i * N + j]);
            }
          }
          return within('gemm', relError(y, ref), 1e-4);
        },
      };
    },
    value: (seconds) => (2 * M * N * K) / seconds / 1e9,
    extra: (value) =>
      value ? { peakPercent: (100 * value) / (fmaPeakOnce() * getNumThreads()), fmaPeak: fmaPeakOnce() } : null,
  };
}

function conv2dWorkload(name, { cin, cout, h, w, k, stride, pad }) {
  const ho = Math.floor((h + 2 * pad - k) / stride) + 1;
  const wo = Math.floor((w + 2 * pad - k) / stride) + 1;
  const flop = 2 * cout * cin * k * k * ho * wo;
  return {
    name,
    unit: 'GFLOP/s',
    better: 'higher',
    setup() {
      const r = rng(0);
      const x = f32([1, cin, h, w], randn(cin * h * w, r));
      const wt = f32([cout, cin, k, k], randn(cout * cin * k * k, r, 1 / Math.sqrt(cin * k * k)));
      const b = f32([cout], randn(cout, r));
      const y = f32([1, cout, ho, wo]);
      const opts = { stride: [stride, stride], padding: [pad, pad] };
      return {
        run: () => conv(y, x, wt, b, opts),
        check() {
          conv(y, x, wt, b, opts);
          // float64 direct convolution on a sample of output channels and positions
          const got = [];
          const ref = [];
          for (let co = 0; co < cout; co += 7) {
            for (let oy = 0; oy < ho; oy += 5) {
              for (let ox = 0; ox < wo; ox += 3) {
                let s = b.array[co];
                for (let ci = 0; ci < cin; ci++) {
                  for (let ky = 0; ky < k; ky++) {
                    const iy = oy * stride - pad + ky;
                    if (iy < 0 || iy >= h) continue;
                    for (let kx = 0; kx < k; kx++) {
                      const ix = ox * stride - pad + kx;
                      if (ix < 0 || ix >= w) continue;
                      s += x.array[(ci * h + iy) * w + ix] * wt.array[((co * cin + ci) * k + ky) * k + kx];
                    }
                  }
                }
                ref.push(s);
                got.push(y.array[(co * ho + oy) * wo + ox]);
              }
            }
          }
          return within('conv2d', relError(got, ref), 1e-4);
        },
      };
    },
    value: (seconds) => flop / seconds / 1e9,
  };
}

// The element-wise inputs come from one generator, in the README's order.
let elementwiseInputs = null;
function inputs() {
  if (elementwiseInputs) return elementwiseInputs;
  const r = rng(0);
  const n = 16 * 1024 * 1024;
  elementwiseInputs = {
    a: rand(n, r),
    b: rand(n, r),
    x: randn(4096 * 4096, r),
    s: randn(64 * 1024, r),
    weight: randn(1024, r),
    bias: randn(1024, r),
  };
  return elementwiseInputs;
}

function rowsCheck(y, x, rows, cols, fn) {
  const got = [];
  const ref = [];
  for (let i = 0; i < rows; i += 7) {
    const row = Array.from(x.subarray(i * cols, (i + 1) * cols));
    const want = fn(row);
    for (let j = 0; j < cols; j++) {
      ref.push(want[j]);
      got.push(y[i * cols + j]);
    }
  }
  return relError(got, ref);
}

function erf(x) {
  // float64 erf by its Maclaurin series / continued fraction (accurate to ~1e-15 for |x| < 6)
  const ax = Math.abs(x);
  if (ax > 6) return Math.sign(x);
  if (ax < 2.5) {
    let sum = x;
    let term = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return Math.sign(x) * (1 - erfc);
}

export const kernels = [
  gemmWorkload(256, 256, 256),
  gemmWorkload(512, 512, 512),
  gemmWorkload(1024, 1024, 1024),
  gemmWorkload(2048, 2048, 2048),
  gemmWorkload(1, 512, 512),
  gemmWorkload(1, 768, 3072),
  gemmWorkload(128, 768, 768),
  gemmWorkload(49, 512, 4608),
  conv2dWorkload('conv2d_3x3_c64_56x56_b1', { cin: 64, cout: 64, h: 56, w: 56, k: 3, stride: 1, pad: 1 }),
  conv2dWorkload('conv2d_7x7s2_c3to64_224x224_b1', { cin: 3, cout: 64, h: 224, w: 224, k: 7, stride: 2, pad: 3 }),
  {
    name: 'add_f32_16M',
    unit: 'GB/s',
    better: 'higher',
    setup() {
      const { a, b } = inputs();
      const n = a.length;
      const A = f32([n], a);
      const B = f32([n], b);
      const C = f32([n]);
      return {
        run: () => binary('add', C, A, B),
        check() {
          binary('add', C, A, B);
          for (let i = 0; i < n; i += 997) {
            if (C.array[i] !== Math.fround(a[i] + b[i]))
              return `add: c[${i}] = ${C.array[i]}, expected ${Math.fround(a[i] + b[i])}`;
          }
          return null;
        },
      };
    },
    value: (seconds) => (3 * 4 * 16 * 1024 * 1024) / seconds / 1e9,
  },
  {
    name: 'sum_lastdim_f32_4096x4096',
    unit: 'GB/s',
    better: 'higher',
    setup() {
      const { x } = inputs();
      const X = f32([4096, 4096], x);
      const Y = f32([4096]);
      return {
        run: () => sum(Y, X, [-1]),
        check() {
          sum(Y, X, [-1]);
          const got = [];
          const ref = [];
          for (let i = 0; i < 4096; i += 61) {
            let s = 0;
            for (let j = 0; j < 4096; j++) s += x[i * 4096 + j];
            ref.push(s);
            got.push(Y.array[i]);
          }
          return within('sum', relError(got, ref), 1e-5);
        },
      };
    },
    value: (seconds) => ((4096 * 4096 + 4096) * 4) / seconds / 1e9,
  },
  {
    name: 'softmax_f32_64x1024',
    unit: 'us',
    better: 'lower',
    setup() {
      const { s } = inputs();
      // The eager path a user takes (a new tensor per call), as PyTorch's eager softmax.
      const X = fromArray(s, [64, 1024]);
      const out = fromArray(new Float32Array(64 * 1024), [64, 1024]);
      return {
        run: () => X.softmax(-1),
        // eager: a new tensor per call; eager_out: torch.softmax(x, -1, out=y), as PyTorch's eager_out paths.
        paths: { eager: () => X.softmax(-1), eager_out: () => torchOps.softmax(X, -1, { out }) },
        check() {
          const Y = X.softmax(-1);
          const err = rowsCheck(Float32Array.from(Y.toFlatArray()), s, 64, 1024, (row) => {
            const m = Math.max(...row);
            const e = row.map((v) => Math.exp(v - m));
            const z = e.reduce((p, q) => p + q, 0);
            return e.map((v) => v / z);
          });
          return within('softmax', err, 1e-5);
        },
      };
    },
    value: (seconds) => seconds * 1e6,
  },
  {
    name: 'layer_norm_f32_64x1024',
    unit: 'us',
    better: 'lower',
    setup() {
      const { s, weight, bias } = inputs();
      const X = fromArray(s, [64, 1024]);
      const W = fromArray(weight, [1024]);
      const B = fromArray(bias, [1024]);
      const F = eagerContext.F;
      const out = fromArray(new Float32Array(64 * 1024), [64, 1024]);
      const mean = fromArray(new Float32Array(64), [64, 1]);
      const rstd = fromArray(new Float32Array(64), [64, 1]);
      return {
        run: () => F.layerNorm(X, [1024], W, B, 1e-5),
        paths: {
          eager: () => F.layerNorm(X, [1024], W, B, 1e-5),
          eager_out: () => torchOps.nativeLayerNorm(X, [1024], W, B, 1e-5, { out0: out, out1: mean, out2: rstd }),
        },
        check() {
          const Y = F.layerNorm(X, [1024], W, B, 1e-5);
          const err = rowsCheck(Float32Array.from(Y.toFlatArray()), s, 64, 1024, (row) => {
            const mean = row.reduce((p, q) => p + q, 0) / row.length;
            const v = row.reduce((p, q) => p + (q - mean) ** 2, 0) / row.length;
            const r = 1 / Math.sqrt(v + 1e-5);
            return row.map((q, j) => (q - mean) * r * weight[j] + bias[j]);
          });
          return within('layer_norm', err, 1e-5);
        },
      };
    },
    value: (seconds) => seconds * 1e6,
  },
  {
    name: 'gelu_f32_64x1024',
    unit: 'us',
    better: 'lower',
    setup() {
      const { s } = inputs();
      const X = fromArray(s, [64, 1024]);
      const out = fromArray(new Float32Array(64 * 1024), [64, 1024]);
      return {
        run: () => X.gelu(),
        paths: { eager: () => X.gelu(), eager_out: () => torchOps.gelu(X, { out }) },
        check() {
          const Y = X.gelu();
          const err = rowsCheck(Float32Array.from(Y.toFlatArray()), s, 64, 1024, (row) =>
            row.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2))),
          );
          return within('gelu', err, 1e-5);
        },
      };
    },
    value: (seconds) => seconds * 1e6,
  },
];
