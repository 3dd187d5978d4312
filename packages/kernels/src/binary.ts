import { native } from './binding.js';
import { type DType, isFloating, isIntegral } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import {
  argumentError,
  broadcastShapes,
  broadcastStrides,
  checkStrided,
  checkWritable,
  type Strided,
  sameSizes,
  writeMeta,
} from './strided.js';

/**
 * The binary ops, in the order of TSJIT_BINARY_OPS in native/src/binary.cc (the index is the op
 * code). Kinds: A every dtype; N floating and integral; F floating; C every dtype in, bool out;
 * I integral and bool; Z integral.
 */
const BINARY_TABLE = [
  ['add', 'A'],
  ['sub', 'N'],
  ['mul', 'A'],
  ['div', 'F'],
  ['div_trunc', 'N'],
  ['div_floor', 'N'],
  ['remainder', 'N'],
  ['fmod', 'N'],
  ['pow', 'N'],
  ['atan2', 'F'],
  ['maximum', 'A'],
  ['minimum', 'A'],
  ['fmax', 'A'],
  ['fmin', 'A'],
  ['hypot', 'F'],
  ['copysign', 'F'],
  ['xlogy', 'F'],
  ['eq', 'C'],
  ['ne', 'C'],
  ['lt', 'C'],
  ['le', 'C'],
  ['gt', 'C'],
  ['ge', 'C'],
  ['logical_and', 'C'],
  ['logical_or', 'C'],
  ['logical_xor', 'C'],
  ['bitwise_and', 'I'],
  ['bitwise_or', 'I'],
  ['bitwise_xor', 'I'],
  ['bitwise_left_shift', 'Z'],
  ['bitwise_right_shift', 'Z'],
] as const;

type Kind = 'A' | 'N' | 'F' | 'C' | 'I' | 'Z';
/** The binary ops; `floor_divide` is `div_floor`, and `div` takes a rounding mode. */
export type BinaryOp = (typeof BINARY_TABLE)[number][0] | 'floor_divide';

export const BINARY_OPS: readonly BinaryOp[] = [...BINARY_TABLE.map(([name]) => name), 'floor_divide'];
const codes = new Map<string, { code: number; kind: Kind }>(
  BINARY_TABLE.map(([name, kind], i) => [name, { code: i, kind }]),
);
codes.set('floor_divide', codes.get('div_floor')!);

export interface BinaryOptions {
  /** add, sub: out = a + alpha * b (default 1; an integer for integral dtypes, 0/1 for bool). */
  alpha?: number | boolean;
  /** div: 'trunc' or 'floor' (integral dtypes need one of them; true division needs floats). */
  roundingMode?: 'trunc' | 'floor' | null;
}

/** The output dtype of op on inputs of dtype `dtype`, or null when the op does not support it. */
export function binaryOutputDtype(op: BinaryOp, dtype: DType): DType | null {
  const e = codes.get(op);
  if (!e) return null;
  switch (e.kind) {
    case 'A':
      return dtype;
    case 'N':
      return dtype !== 'bool' ? dtype : null;
    case 'F':
      return isFloating(dtype) ? dtype : null;
    case 'C':
      return 'bool';
    case 'I':
      return isIntegral(dtype) || dtype === 'bool' ? dtype : null;
    case 'Z':
      return isIntegral(dtype) ? dtype : null;
  }
}

/**
 * out[...] = op(a[...], b[...]) element-wise with PyTorch's semantics. a and b share one dtype (the
 * caller promotes) and broadcast against each other; out has their broadcast sizes and their
 * dtype, or bool for comparisons and logical ops. Integer division or remainder by zero throws a
 * KernelError 'ZeroDivisionError' (code ERR_TSJIT_ZERO_DIVISION).
 */
export function binary(op: BinaryOp, out: Strided, a: Strided, b: Strided, options: BinaryOptions = {}): void {
  if (options === null || typeof options !== 'object') throw argumentError(String(op), 'options must be an object');
  let name = op;
  if (op === 'div' && options.roundingMode != null) {
    if (options.roundingMode === 'trunc') name = 'div_trunc';
    else if (options.roundingMode === 'floor') name = 'div_floor';
    else {
      throw argumentError(
        'div',
        `expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(options.roundingMode)}'`,
      );
    }
  }
  const e = codes.get(name);
  if (!e) throw argumentError('binary', `unknown op '${String(op)}'`);
  checkWritable(op, 'out', out);
  checkStrided(op, 'a', a);
  checkStrided(op, 'b', b);
  if (a.dtype !== b.dtype) {
    throw argumentError(op, `a and b must have the same dtype, got ${a.dtype} and ${b.dtype} (promote them first)`);
  }
  if (op === 'sub' && a.dtype === 'bool') {
    throw argumentError(
      op,
      'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
    );
  }
  const want = binaryOutputDtype(name, a.dtype);
  if (want === null) {
    if (op === 'div' && isIntegral(a.dtype)) {
      throw argumentError(
        op,
        `true division of ${a.dtype} needs floating inputs (promote them first) or a rounding mode`,
      );
    }
    throw argumentError(op, `not implemented for dtype ${a.dtype}`);
  }
  if (out.dtype !== want)
    throw argumentError(op, `out must have dtype ${want} for ${a.dtype} inputs, got ${out.dtype}`);
  let alpha = 1;
  if (options.alpha !== undefined) {
    if (name !== 'add' && name !== 'sub') throw argumentError(op, 'alpha applies to add and sub only');
    const v = options.alpha;
    if (typeof v === 'boolean') alpha = v ? 1 : 0;
    else if (typeof v === 'number') alpha = v;
    else throw argumentError(op, `alpha must be a number, got ${typeof v}`);
    if (isIntegral(a.dtype) && !Number.isInteger(alpha)) {
      throw argumentError(op, 'For integral input tensors, argument alpha must not be a floating point number.');
    }
    if (a.dtype === 'bool' && alpha !== 0 && alpha !== 1) {
      throw argumentError(op, 'Boolean alpha only supported for Boolean results.');
    }
  }
  const shape = broadcastShapes(op, a.sizes, b.sizes);
  if (!sameSizes(shape, out.sizes)) {
    throw argumentError(
      op,
      `out has sizes [${out.sizes.join(', ')}] but the broadcast of a and b has sizes [${shape.join(', ')}]`,
    );
  }
  const as = broadcastStrides(op, 'a', a, out.sizes);
  const bs = broadcastStrides(op, 'b', b, out.sizes);
  const meta = writeMeta(out.sizes, [out, a, b], [out.strides, as, bs]);
  try {
    native.binary(e.code, out.data, a.data, b.data, meta, alpha);
  } catch (err) {
    rethrowNative(err, op);
  }
}
