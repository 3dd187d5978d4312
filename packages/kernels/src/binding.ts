/**
 * The whole native surface of the addon, typed, and its loader. Nothing else in tsjit touches the
 * addon: the family modules (copy.ts, elementwise.ts, ...) validate every argument and then call
 * these raw functions.
 *
 * Calling convention: a tensor is a Uint8Array view of its storage plus its part of a Float64Array
 * meta record written by `writeMeta` (see meta.ts):
 *   [ndim, size_0 .. size_{ndim-1}, then per operand: dtype code, offset, stride_0 .. stride_{ndim-1}]
 * Offsets and strides are in elements. Scalars follow as plain numbers.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KernelError } from './kernel-error.js';

export interface NativeBinding {
  // runtime
  setNumThreads(n: number): void;
  keepFreedMemory(bytes: number): boolean;
  /** A private copy-on-write mapping of a regular file; undefined where mmap does not exist. */
  mapFile(path: string): ArrayBuffer | undefined;
  getNumThreads(): number;
  /** 0 reference, 1 portable, 2 avx2, 3 avx512 */
  setKernelPath(code: number): void;
  getKernelPath(): number;
  detectedIsa(): number;

  // copy.cc
  copy(out: Uint8Array, x: Uint8Array, meta: Float64Array): void;
  fill(out: Uint8Array, meta: Float64Array, value: number): void;

  // reduce.cc (meta operands: out, x; out has stride 0 along the reduced dims; mask: reduced dims)
  reduce(out: Uint8Array, x: Uint8Array, meta: Float64Array, op: number, mask: number, scalar: number): void;
  /** meta operands: values (indices again when !hasValues), x, indices; op 0 max, 1 min */
  reduceIndex(
    values: Uint8Array,
    x: Uint8Array,
    indices: Uint8Array,
    meta: Float64Array,
    op: number,
    mask: number,
    hasValues: boolean,
  ): void;

  // softmax.cc
  softmax(out: Uint8Array, x: Uint8Array, meta: Float64Array, dim: number, log: boolean): void;
  /** meta operands: out, x, weight, bias, mean, rstd (weight/bias: x again when absent) */
  layerNorm(
    out: Uint8Array,
    x: Uint8Array,
    weight: Uint8Array,
    bias: Uint8Array,
    mean: Uint8Array,
    rstd: Uint8Array,
    meta: Float64Array,
    k: number,
    eps: number,
    hasWeight: boolean,
    hasBias: boolean,
  ): void;

  // scan.cc (dim already wrapped; op 0 cumsum, 1 cumprod, 2 logcumsumexp)
  scan(out: Uint8Array, x: Uint8Array, meta: Float64Array, dim: number, op: number): void;
  /** meta operands: values, x, indices */
  scanIndex(
    values: Uint8Array,
    x: Uint8Array,
    indices: Uint8Array,
    meta: Float64Array,
    dim: number,
    max: boolean,
  ): void;

  // sort.cc (meta operands: values (indices again when !hasValues), indices, x; mode 0 sort, 1 topk, 2 kthvalue, 3 median)
  sortLike(
    values: Uint8Array,
    indices: Uint8Array,
    x: Uint8Array,
    meta: Float64Array,
    dim: number,
    mode: number,
    k: number,
    descending: boolean,
    hasValues: boolean,
  ): void;

  // gemm.cc
  /** params: [dtype, batch, m, n, k, then per operand a, b, c: offset, batch/row/column strides; alpha, beta] */
  gemm(c: Uint8Array, a: Uint8Array, b: Uint8Array, params: Float64Array): void;
  /** float32 FMA throughput of one core in GFLOP/s, measured for about `seconds` */
  fmaPeak(seconds: number): number;

  // conv.cc
  /** params: see conv.ts (dtype, transposed, hasBias, batch, cin, cout, groups, 3-d geometry, offsets and strides) */
  conv(y: Uint8Array, x: Uint8Array, w: Uint8Array, bias: Uint8Array, params: Float64Array): void;

  // index.cc (buffers first, then one meta record; layouts in indexing.ts)
  indexGather(bufs: Uint8Array[], meta: Float64Array): void;
  indexScatter(bufs: Uint8Array[], meta: Float64Array): void;
  maskedFill(bufs: Uint8Array[], meta: Float64Array): void;
  countNonzero(bufs: Uint8Array[], meta: Float64Array): number;
  maskedSelect(bufs: Uint8Array[], meta: Float64Array): void;
  maskedScatter(bufs: Uint8Array[], meta: Float64Array): void;
  nonzero(bufs: Uint8Array[], meta: Float64Array): void;
  cat(bufs: Uint8Array[], meta: Float64Array): void;
  flip(bufs: Uint8Array[], meta: Float64Array): void;
  tri(bufs: Uint8Array[], meta: Float64Array): void;
  embeddingBag(bufs: Uint8Array[], meta: Float64Array): void;

  // pool.cc (layout in pool.ts)
  pool(bufs: Uint8Array[], meta: Float64Array): void;

  // upsample.cc (layout in upsample.ts)
  upsample2d(bufs: Uint8Array[], meta: Float64Array): void;
  // unary.cc (op: index in UNARY_OPS; a, b, c: the op's parameters)
  unary(op: number, out: Uint8Array, x: Uint8Array, meta: Float64Array, a: number, b: number, c: number): void;

  // binary.cc (op: index in the BINARY_TABLE of binary.ts)
  binary(op: number, out: Uint8Array, a: Uint8Array, b: Uint8Array, meta: Float64Array, alpha: number): void;

  // ternary.cc (op: 0 where, 1 clamp, 2 lerp, 3 addcmul, 4 addcdiv; mode: which optional inputs are tensors)
  ternary(
    op: number,
    out: Uint8Array,
    a: Uint8Array,
    b: Uint8Array,
    c: Uint8Array,
    meta: Float64Array,
    s0: number,
    s1: number,
    mode: number,
  ): void;

  // rnn.cc (kind: 0 lstm, 1 gru, 2 rnn_tanh, 3 rnn_relu; meta: per slot present, offset, row stride)
  rnnCell(
    kind: number,
    backward: boolean,
    dtype: number,
    batch: number,
    hidden: number,
    meta: Float64Array,
    ...buffers: Uint8Array[]
  ): void;
}

function packageRoot(): string {
  // dist/index.js and src/binding.ts both sit one level below the package root.
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}

function load(): NativeBinding {
  const require = createRequire(import.meta.url);
  const override = process.env.TSJIT_KERNELS_ADDON;
  const root = packageRoot();
  try {
    if (override) return require(override) as NativeBinding;
    const nodeGypBuild = require('node-gyp-build') as (dir: string) => unknown;
    return nodeGypBuild(root) as NativeBinding;
  } catch (cause) {
    const built = existsSync(join(root, 'build', 'Release', 'tsjit_kernels.node'));
    const hint = override
      ? `TSJIT_KERNELS_ADDON points at ${override}, which did not load.`
      : built
        ? 'A build exists but did not load; rebuild it for this Node version with `pnpm --filter @tsjit/kernels build:addon`.'
        : 'No prebuilt binary matches this platform and the addon was not built from source. Run `pnpm --filter @tsjit/kernels build:addon` (needs python3, make and g++).';
    throw new KernelError(
      'ERR_TSJIT_ADDON_LOAD',
      `@tsjit/kernels could not load its native addon (${process.platform}-${process.arch}, Node ${process.version}). ${hint}\nCause: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
  }
}

/** The loaded addon (loaded once per JS thread, on first import). */
export const native: NativeBinding = load();
