import { native } from './binding.js';
import { copy } from './copy.js';
import { type DType, dtypeCode } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import { argumentError, broadcastStrides, checkStrided, checkWritable, restride, type Strided } from './strided.js';

/** PyTorch's names of the dtypes, for error messages that read like PyTorch's. */
export const scalarTypeName: Readonly<Record<DType, string>> = {
  float32: 'Float',
  float64: 'Double',
  float16: 'Half',
  bfloat16: 'BFloat16',
  int64: 'Long',
  int32: 'Int',
  int16: 'Short',
  int8: 'Char',
  uint8: 'Byte',
  bool: 'Bool',
};

const gemmDtypes: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

export interface GemmScalars {
  /** Multiplies the product (default 1). */
  alpha?: number;
  /** Multiplies the previous contents of the output (default 0 for gemm; 1 for addmm/baddbmm). 0 never reads it. */
  beta?: number;
}

const PARAMS = new Float64Array(19);

function checkScalar(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw argumentError(op, `${name} must be a number, got ${typeof v}`);
  return v;
}

function checkDtypes(op: string, out: Strided, a: Strided, b: Strided): void {
  if (a.dtype !== b.dtype) {
    throw argumentError(op, `expected scalar type ${scalarTypeName[a.dtype]} but found ${scalarTypeName[b.dtype]}`);
  }
  if (out.dtype !== a.dtype) {
    throw argumentError(
      op,
      `expected out to have scalar type ${scalarTypeName[a.dtype]} but found ${scalarTypeName[out.dtype]}`,
    );
  }
  if (!gemmDtypes.includes(a.dtype)) {
    throw argumentError(
      op,
      `"addmm_impl_cpu_" not implemented for '${scalarTypeName[a.dtype]}' (gemm supports float32, float64, float16, bfloat16)`,
    );
  }
}

function sizesText(t: Strided): string {
  return `[${t.sizes.join(', ')}]`;
}

/**
 * The general product: out[q] = beta * out[q] + alpha * a[q] @ b[q]. out is [M, N] or [B, M, N];
 * a is [M, K] or [B', M, K] and b is [K, N] or [B', K, N] where a 2-d operand or a batch size of 1
 * broadcasts over out's batch. Any strides (a transposed matrix is a strided view). beta = 0
 * (the default) never reads out, so out may hold garbage.
 */
export function gemm(out: Strided, a: Strided, b: Strided, scalars: GemmScalars = {}, op = 'gemm'): void {
  checkWritable(op, 'out', out);
  checkStrided(op, 'a', a);
  checkStrided(op, 'b', b);
  checkDtypes(op, out, a, b);
  const alpha = checkScalar(op, 'alpha', scalars.alpha ?? 1);
  const beta = checkScalar(op, 'beta', scalars.beta ?? 0);
  const od = out.sizes.length;
  if (od !== 2 && od !== 3) throw argumentError(op, `out must be a 2-d or 3-d tensor, got sizes ${sizesText(out)}`);
  for (const [name, t] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (t.sizes.length !== 2 && t.sizes.length !== od) {
      throw argumentError(op, `${name} must be a 2-d${od === 3 ? ' or 3-d' : ''} tensor, got sizes ${sizesText(t)}`);
    }
  }
  const batch = od === 3 ? out.sizes[0] : 1;
  const m = out.sizes[od - 2];
  const n = out.sizes[od - 1];
  const ad = a.sizes.length;
  const bd = b.sizes.length;
  const k = a.sizes[ad - 1];
  if (a.sizes[ad - 2] !== m || b.sizes[bd - 1] !== n || b.sizes[bd - 2] !== k) {
    throw argumentError(
      op,
      `shapes cannot be multiplied: a ${sizesText(a)} @ b ${sizesText(b)} into out ${sizesText(out)}`,
    );
  }
  const batchStride = (name: string, t: Strided): number => {
    if (t.sizes.length === 2) return 0;
    if (t.sizes[0] === batch) return batch === 1 ? 0 : t.strides[0];
    if (t.sizes[0] === 1) return 0;
    throw argumentError(op, `batch size of ${name} (${t.sizes[0]}) must be 1 or match out's (${batch})`);
  };
  const p = PARAMS;
  p[0] = dtypeCode[a.dtype];
  p[1] = batch;
  p[2] = m;
  p[3] = n;
  p[4] = k;
  p[5] = a.offset;
  p[6] = batchStride('a', a);
  p[7] = a.strides[ad - 2];
  p[8] = a.strides[ad - 1];
  p[9] = b.offset;
  p[10] = batchStride('b', b);
  p[11] = b.strides[bd - 2];
  p[12] = b.strides[bd - 1];
  p[13] = out.offset;
  p[14] = od === 3 ? out.strides[0] : 0;
  p[15] = out.strides[od - 2];
  p[16] = out.strides[od - 1];
  p[17] = alpha;
  p[18] = beta;
  if (batch === 0 || m === 0 || n === 0) return;
  try {
    native.gemm(out.data, a.data, b.data, p);
  } catch (e) {
    rethrowNative(e, op);
  }
}

function checkOutSizes(op: string, out: Strided, expected: readonly number[]): void {
  checkWritable(op, 'out', out);
  if (out.sizes.length !== expected.length || out.sizes.some((s, i) => s !== expected[i])) {
    throw argumentError(op, `out has sizes ${sizesText(out)} but the result has sizes [${expected.join(', ')}]`);
  }
}

function checkMatrices(op: string, a: Strided, b: Strided): void {
  checkStrided(op, 'self', a);
  checkStrided(op, 'mat2', b);
  if (a.sizes.length !== 2) throw argumentError(op, 'self must be a matrix');
  if (b.sizes.length !== 2) throw argumentError(op, 'mat2 must be a matrix');
  if (a.sizes[1] !== b.sizes[0]) {
    throw argumentError(
      op,
      `mat1 and mat2 shapes cannot be multiplied (${a.sizes[0]}x${a.sizes[1]} and ${b.sizes[0]}x${b.sizes[1]})`,
    );
  }
}

function checkBatches(op: string, a: Strided, b: Strided): void {
  checkStrided(op, 'batch1', a);
  checkStrided(op, 'batch2', b);
  if (a.sizes.length !== 3) throw argumentError(op, 'batch1 must be a 3D tensor');
  if (b.sizes.length !== 3) throw argumentError(op, 'batch2 must be a 3D tensor');
  if (b.sizes[0] !== a.sizes[0] || b.sizes[1] !== a.sizes[2]) {
    throw argumentError(
      op,
      `Expected size for first two dimensions of batch2 tensor to be: [${a.sizes[0]}, ${a.sizes[2]}] but got: [${b.sizes[0]}, ${b.sizes[1]}].`,
    );
  }
}

/** out = a @ b for matrices a [M, K], b [K, N], out [M, N] (torch.mm). */
export function mm(out: Strided, a: Strided, b: Strided): void {
  checkMatrices('mm', a, b);
  checkOutSizes('mm', out, [a.sizes[0], b.sizes[1]]);
  gemm(out, a, b, {}, 'mm');
}

/** out = a @ b for batches a [B, M, K], b [B, K, N], out [B, M, N] (torch.bmm). */
export function bmm(out: Strided, a: Strided, b: Strided): void {
  checkBatches('bmm', a, b);
  checkOutSizes('bmm', out, [a.sizes[0], a.sizes[1], b.sizes[2]]);
  gemm(out, a, b, {}, 'bmm');
}

// out = beta * self + alpha * product, self broadcast to out. beta = 0 ignores self's values.
function addInto(op: string, out: Strided, self: Strided, a: Strided, b: Strided, scalars: GemmScalars): void {
  checkStrided(op, 'self', self);
  checkWritable(op, 'out', out);
  if (self.dtype !== a.dtype) {
    throw argumentError(op, `expected scalar type ${scalarTypeName[a.dtype]} but found ${scalarTypeName[self.dtype]}`);
  }
  const beta = checkScalar(op, 'beta', scalars.beta ?? 1);
  const alpha = checkScalar(op, 'alpha', scalars.alpha ?? 1);
  const selfStrides = broadcastStrides(op, 'self', self, out.sizes);
  checkDtypes(op, out, a, b);
  if (beta !== 0) {
    const view: Strided = restride(self, { sizes: out.sizes, strides: selfStrides });
    if (view.data !== out.data || view.offset !== out.offset || view.strides.some((s, i) => s !== out.strides[i])) {
      copy(out, view);
    }
  }
  gemm(out, a, b, { alpha, beta }, op);
}

/** out = beta * self + alpha * (a @ b), self broadcast to [M, N] (torch.addmm; defaults beta = alpha = 1). */
export function addmm(out: Strided, self: Strided, a: Strided, b: Strided, scalars: GemmScalars = {}): void {
  checkMatrices('addmm', a, b);
  checkOutSizes('addmm', out, [a.sizes[0], b.sizes[1]]);
  addInto('addmm', out, self, a, b, scalars);
}

/** out = beta * self + alpha * (a @ b) per batch, self broadcast to [B, M, N] (torch.baddbmm). */
export function baddbmm(out: Strided, self: Strided, a: Strided, b: Strided, scalars: GemmScalars = {}): void {
  checkBatches('baddbmm', a, b);
  checkOutSizes('baddbmm', out, [a.sizes[0], a.sizes[1], b.sizes[2]]);
  addInto('baddbmm', out, self, a, b, scalars);
}

/**
 * This core's float32 FMA throughput in GFLOP/s with the widest vector ISA (a loop of independent
 * FMAs for about `seconds`), for reporting GEMM speed as a share of peak.
 */
export function fmaPeak(seconds = 0.2): number {
  if (typeof seconds !== 'number' || !(seconds > 0 && seconds <= 10)) {
    throw argumentError('fmaPeak', `seconds must be a number in (0, 10], got ${seconds}`);
  }
  return native.fmaPeak(seconds);
}
