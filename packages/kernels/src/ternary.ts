import { native } from './binding.js';
import { isFloating } from './dtype.js';
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

// Op codes of native/src/ternary.cc.
const WHERE = 0;
const CLAMP = 1;
const LERP = 2;
const ADDCMUL = 3;
const ADDCDIV = 4;

function isStrided(v: unknown): v is Strided {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number')
    throw argumentError(op, `${name} must be a number or a tensor, got ${v === null ? 'null' : typeof v}`);
  return v;
}

/**
 * Validates out and the tensor inputs (same dtype as out unless noted), checks that out has the
 * broadcast of their sizes, and runs the op. Scalar inputs are passed as `x` with zero strides.
 */
function run(
  op: string,
  code: number,
  out: Strided,
  inputs: readonly (Strided | null)[],
  names: readonly string[],
  s0: number,
  s1: number,
  mode: number,
): void {
  checkWritable(op, 'out', out);
  const tensors: Strided[] = [];
  for (let k = 0; k < inputs.length; k++) {
    const t = inputs[k];
    if (t === null) continue;
    checkStrided(op, names[k], t);
    tensors.push(t);
  }
  const shape = broadcastShapes(op, ...tensors.map((t) => t.sizes));
  if (!sameSizes(shape, out.sizes)) {
    throw argumentError(
      op,
      `out has sizes [${out.sizes.join(', ')}] but the broadcast of the inputs has sizes [${shape.join(', ')}]`,
    );
  }
  const first = inputs[0] as Strided;
  const zeros = new Array<number>(out.sizes.length).fill(0);
  const ops = inputs.map((t) => t ?? first);
  const strides = inputs.map((t, k) => (t === null ? zeros : broadcastStrides(op, names[k], t, out.sizes)));
  const meta = writeMeta(out.sizes, [out, ...ops], [out.strides, ...strides]);
  try {
    native.ternary(code, out.data, ops[0].data, ops[1].data, ops[2].data, meta, s0, s1, mode);
  } catch (err) {
    rethrowNative(err, op);
  }
}

function sameDtype(op: string, out: Strided, named: Record<string, Strided | null>): void {
  checkWritable(op, 'out', out);
  for (const [name, t] of Object.entries(named)) {
    if (t !== null && t.dtype !== out.dtype) {
      throw argumentError(op, `${name} must have out's dtype ${out.dtype}, got ${t.dtype} (promote it first)`);
    }
  }
}

/** out = cond ? a : b element-wise (cond bool; a, b and out share one dtype), all broadcast. */
export function where(out: Strided, cond: Strided, a: Strided, b: Strided): void {
  checkStrided('where', 'cond', cond);
  if (cond.dtype !== 'bool') throw argumentError('where', `condition must be a bool tensor, got ${cond.dtype}`);
  checkStrided('where', 'a', a);
  checkStrided('where', 'b', b);
  sameDtype('where', out, { a, b });
  run('where', WHERE, out, [cond, a, b], ['condition', 'a', 'b'], 0, 0, 0);
}

/**
 * out = min(max(x, min), max) element-wise; each bound is a tensor (broadcast), a number, or
 * absent (undefined/null), not both absent. NaN in x or in a bound gives NaN; min > max gives max.
 */
export function clamp(out: Strided, x: Strided, min?: Strided | number | null, max?: Strided | number | null): void {
  const op = 'clamp';
  if (min == null && max == null) throw argumentError(op, "At least one of 'min' or 'max' must not be None");
  checkStrided(op, 'x', x);
  if (x.dtype === 'bool') throw argumentError(op, 'not implemented for dtype bool');
  const lo = isStrided(min) ? min : null;
  const hi = isStrided(max) ? max : null;
  const s0 = lo === null ? (min == null ? Number.NEGATIVE_INFINITY : checkNumber(op, 'min', min)) : 0;
  const s1 = hi === null ? (max == null ? Number.POSITIVE_INFINITY : checkNumber(op, 'max', max)) : 0;
  if (lo) checkStrided(op, 'min', lo);
  if (hi) checkStrided(op, 'max', hi);
  sameDtype(op, out, { x, min: lo, max: hi });
  run(op, CLAMP, out, [x, lo, hi], ['x', 'min', 'max'], s0, s1, (lo ? 1 : 0) | (hi ? 2 : 0));
}

/** out = start + weight * (end - start) (floating dtypes), weight a tensor or a number. */
export function lerp(out: Strided, start: Strided, end: Strided, weight: Strided | number): void {
  const op = 'lerp';
  checkStrided(op, 'start', start);
  checkStrided(op, 'end', end);
  if (!isFloating(start.dtype)) throw argumentError(op, `not implemented for dtype ${start.dtype}`);
  const w = isStrided(weight) ? weight : null;
  const s0 = w === null ? checkNumber(op, 'weight', weight) : 0;
  if (w) checkStrided(op, 'weight', w);
  sameDtype(op, out, { start, end, weight: w });
  run(op, LERP, out, [start, end, w], ['start', 'end', 'weight'], s0, 0, w ? 2 : 0);
}

function addc(op: string, code: number, out: Strided, self: Strided, t1: Strided, t2: Strided, value: number): void {
  checkStrided(op, 'self', self);
  checkStrided(op, 'tensor1', t1);
  checkStrided(op, 'tensor2', t2);
  checkNumber(op, 'value', value);
  sameDtype(op, out, { self, tensor1: t1, tensor2: t2 });
  if (self.dtype === 'bool') throw argumentError(op, 'not implemented for dtype bool');
  if (code === ADDCDIV && !isFloating(self.dtype)) {
    throw argumentError(op, 'Integer division with addcdiv is no longer supported: use floating inputs');
  }
  if (code === ADDCMUL && !isFloating(self.dtype) && !Number.isInteger(value)) {
    throw argumentError(op, `value must be an integer for dtype ${self.dtype}, got ${value}`);
  }
  run(op, code, out, [self, t1, t2], ['self', 'tensor1', 'tensor2'], value, 0, 0);
}

/** out = self + value * t1 * t2 (all broadcast). */
export function addcmul(out: Strided, self: Strided, t1: Strided, t2: Strided, value = 1): void {
  addc('addcmul', ADDCMUL, out, self, t1, t2, value);
}

/** out = self + value * t1 / t2 (floating dtypes, all broadcast). */
export function addcdiv(out: Strided, self: Strided, t1: Strided, t2: Strided, value = 1): void {
  addc('addcdiv', ADDCDIV, out, self, t1, t2, value);
}
