import { native } from './binding.js';
import { type DType, isFloating, isIntegral } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import { argumentError, broadcastStrides, checkStrided, checkWritable, type Strided, writeMeta } from './strided.js';

/**
 * The unary ops, in the order of TSJIT_UNARY_OPS in native/src/unary.cc (the index is the op code).
 * Kinds: F floating dtypes; N floating and integral; S every dtype; I integral and bool; P every
 * dtype in, bool out.
 */
const UNARY_TABLE = [
  ['neg', 'N'],
  ['abs', 'N'],
  ['sign', 'S'],
  ['sgn', 'S'],
  ['sqrt', 'F'],
  ['rsqrt', 'F'],
  ['reciprocal', 'F'],
  ['square', 'N'],
  ['exp', 'F'],
  ['exp2', 'F'],
  ['expm1', 'F'],
  ['log', 'F'],
  ['log2', 'F'],
  ['log10', 'F'],
  ['log1p', 'F'],
  ['sin', 'F'],
  ['cos', 'F'],
  ['tan', 'F'],
  ['asin', 'F'],
  ['acos', 'F'],
  ['atan', 'F'],
  ['sinh', 'F'],
  ['cosh', 'F'],
  ['tanh', 'F'],
  ['asinh', 'F'],
  ['acosh', 'F'],
  ['atanh', 'F'],
  ['sigmoid', 'F'],
  ['logsigmoid', 'F'],
  ['erf', 'F'],
  ['erfc', 'F'],
  ['erfinv', 'F'],
  ['lgamma', 'F'],
  ['digamma', 'F'],
  ['floor', 'N'],
  ['ceil', 'N'],
  ['round', 'N'],
  ['trunc', 'N'],
  ['frac', 'F'],
  ['relu', 'N'],
  ['relu6', 'N'],
  ['gelu', 'F'],
  ['gelu_tanh', 'F'],
  ['silu', 'F'],
  ['mish', 'F'],
  ['hardswish', 'F'],
  ['hardsigmoid', 'F'],
  ['softplus', 'F'],
  ['elu', 'F'],
  ['leaky_relu', 'F'],
  ['hardtanh', 'N'],
  ['threshold', 'N'],
  ['logical_not', 'P'],
  ['bitwise_not', 'I'],
  ['isnan', 'P'],
  ['isinf', 'P'],
  ['isfinite', 'P'],
  ['nan_to_num', 'N'],
] as const;

export type UnaryOp = (typeof UNARY_TABLE)[number][0];
type Kind = 'F' | 'N' | 'S' | 'I' | 'P';

export const UNARY_OPS: readonly UnaryOp[] = UNARY_TABLE.map(([name]) => name);
const codes = new Map<string, { code: number; kind: Kind }>(
  UNARY_TABLE.map(([name, kind], i) => [name, { code: i, kind }]),
);

/** Parameters of the parameterised unary ops (PyTorch's names and defaults). */
export interface UnaryOptions {
  /** softplus: default 1 */
  beta?: number;
  /** softplus: default 20; threshold: required */
  threshold?: number;
  /** elu: default 1 (selu: 1.6732632423543772, celu: its alpha) */
  alpha?: number;
  /** elu: default 1 (selu: 1.0507009873554805) */
  scale?: number;
  /** elu: default 1 (celu: 1 / alpha) */
  inputScale?: number;
  /** leaky_relu: default 0.01 */
  negativeSlope?: number;
  /** hardtanh: defaults -1 and 1 */
  min?: number;
  max?: number;
  /** threshold: the replacement value (required) */
  value?: number;
  /** nan_to_num: defaults 0, the dtype's largest finite value and its lowest */
  nan?: number;
  posinf?: number;
  neginf?: number;
}

const FLOAT_MAX: Partial<Record<DType, number>> = {
  float32: 3.4028234663852886e38,
  float64: Number.MAX_VALUE,
  float16: 65504,
  bfloat16: 3.3895313892515355e38,
};

/** Whether the unary op `op` accepts input dtype `dtype`, and the output dtype it produces. */
export function unaryOutputDtype(op: UnaryOp, dtype: DType): DType | null {
  const e = codes.get(op);
  if (!e) return null;
  switch (e.kind) {
    case 'F':
      return isFloating(dtype) ? dtype : null;
    case 'N':
      return dtype !== 'bool' ? dtype : null;
    case 'S':
      return dtype;
    case 'I':
      return isIntegral(dtype) || dtype === 'bool' ? dtype : null;
    case 'P':
      return 'bool';
  }
}

function num(op: string, name: string, v: unknown, fallback?: number): number {
  if (v === undefined) {
    if (fallback === undefined) throw argumentError(op, `${name} is required`);
    return fallback;
  }
  if (typeof v !== 'number') throw argumentError(op, `${name} must be a number, got ${typeof v}`);
  return v;
}

function params(op: UnaryOp, dtype: DType, o: UnaryOptions): [number, number, number] {
  switch (op) {
    case 'softplus':
      return [num(op, 'beta', o.beta, 1), num(op, 'threshold', o.threshold, 20), 0];
    case 'elu':
      return [num(op, 'alpha', o.alpha, 1), num(op, 'scale', o.scale, 1), num(op, 'inputScale', o.inputScale, 1)];
    case 'leaky_relu':
      return [num(op, 'negativeSlope', o.negativeSlope, 0.01), 0, 0];
    case 'hardtanh': {
      const lo = num(op, 'min', o.min, -1);
      const hi = num(op, 'max', o.max, 1);
      if (lo > hi) throw argumentError(op, `min (${lo}) must not be greater than max (${hi})`);
      return [lo, hi, 0];
    }
    case 'threshold':
      return [num(op, 'threshold', o.threshold), num(op, 'value', o.value), 0];
    case 'nan_to_num': {
      const max = FLOAT_MAX[dtype] ?? 0;
      return [num(op, 'nan', o.nan, 0), num(op, 'posinf', o.posinf, max), num(op, 'neginf', o.neginf, -max)];
    }
    default:
      return [0, 0, 0];
  }
}

/**
 * out[...] = op(x[...]) element-wise with PyTorch's semantics, x broadcast to out's sizes. out has
 * x's dtype, or bool for the predicates (isnan, isinf, isfinite, logical_not). Floating-only ops
 * (sqrt, exp, gelu, ...) need a floating x: the caller promotes integers first.
 */
export function unary(op: UnaryOp, out: Strided, x: Strided, options: UnaryOptions = {}): void {
  const e = codes.get(op);
  if (!e) throw argumentError('unary', `unknown op '${String(op)}'`);
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  const want = unaryOutputDtype(op, x.dtype);
  if (want === null) throw argumentError(op, `not implemented for dtype ${x.dtype}`);
  if (out.dtype !== want)
    throw argumentError(op, `out must have dtype ${want} for a ${x.dtype} input, got ${out.dtype}`);
  if (options === null || typeof options !== 'object') throw argumentError(op, 'options must be an object');
  const [a, b, c] = params(op, x.dtype, options);
  const xs = broadcastStrides(op, 'x', x, out.sizes);
  const meta = writeMeta(out.sizes, [out, x], [out.strides, xs]);
  try {
    native.unary(e.code, out.data, x.data, meta, a, b, c);
  } catch (err) {
    rethrowNative(err, op);
  }
}
