import { type DType, dtypes } from '@tsjit/kernels';
import { OpError } from './op-error.js';
import type { Scalar, TensorLike } from './tensor-like.js';
import { FloatScalar } from './tensor-like.js';

export type { DType };

/** PyTorch's ScalarType codes (what TorchScript passes for a `ScalarType` argument). */
const CODE_TO_DTYPE: Readonly<Record<number, DType>> = {
  0: 'uint8',
  1: 'int8',
  2: 'int16',
  3: 'int32',
  4: 'int64',
  5: 'float16',
  6: 'float32',
  7: 'float64',
  11: 'bool',
  15: 'bfloat16',
};
const DTYPE_TO_CODE = Object.fromEntries(Object.entries(CODE_TO_DTYPE).map(([k, v]) => [v, Number(k)])) as Record<
  DType,
  number
>;

/** torch's spelling: `torch.float32`. */
export function torchDtypeName(dtype: DType): string {
  return `torch.${dtype}`;
}

/** PyTorch's C++ spelling in messages: `Float`, `Long`, `Bool`. */
const CPP_NAMES: Readonly<Record<DType, string>> = {
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
export function cppDtypeName(dtype: DType): string {
  return CPP_NAMES[dtype];
}

export function dtypeFromCode(code: number): DType {
  const d = CODE_TO_DTYPE[code];
  if (d === undefined) throw new OpError(`unsupported ScalarType code ${code}`, 'TypeError');
  return d;
}
export function dtypeToCode(dtype: DType): number {
  return DTYPE_TO_CODE[dtype];
}

/** A `ScalarType` argument: a dtype name, `torch.float32`-style name, or ScalarType code. */
export function toDtype(value: unknown): DType {
  if (typeof value === 'number') return dtypeFromCode(value);
  if (typeof value === 'string') {
    const name = value.startsWith('torch.') ? value.slice(6) : value;
    const alias = ALIASES[name] ?? name;
    if ((dtypes as readonly string[]).includes(alias)) return alias as DType;
  }
  throw new OpError(`unknown dtype ${String(value)}`, 'TypeError');
}
const ALIASES: Record<string, DType> = {
  float: 'float32',
  double: 'float64',
  half: 'float16',
  long: 'int64',
  int: 'int32',
  short: 'int16',
  bool: 'bool',
  uint8: 'uint8',
};

export function isFloatingDtype(d: DType): boolean {
  return d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';
}
export function isIntegralDtype(d: DType, includeBool = false): boolean {
  return (
    d === 'int64' || d === 'int32' || d === 'int16' || d === 'int8' || d === 'uint8' || (includeBool && d === 'bool')
  );
}

/** The default dtype for Python floats (torch.get_default_dtype()). */
export const DEFAULT_FLOAT: DType = 'float32';

// Category order of PyTorch's promotion: bool < integral < floating.
function category(d: DType): number {
  if (d === 'bool') return 0;
  return isFloatingDtype(d) ? 2 : 1;
}

const INT_ORDER: readonly DType[] = ['int8', 'int16', 'int32', 'int64'];

/** torch.promote_types. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  const ca = category(a);
  const cb = category(b);
  if (ca !== cb) return ca > cb ? a : b;
  if (ca === 2) {
    if ((a === 'float16' && b === 'bfloat16') || (a === 'bfloat16' && b === 'float16')) return 'float32';
    const order: readonly DType[] = ['float16', 'bfloat16', 'float32', 'float64'];
    return order.indexOf(a) > order.indexOf(b) ? a : b;
  }
  // integral: uint8 with a signed type promotes to the signed type, or to int16 with int8.
  if (a === 'uint8' || b === 'uint8') {
    const other = a === 'uint8' ? b : a;
    return other === 'int8' ? 'int16' : other;
  }
  return INT_ORDER.indexOf(a) > INT_ORDER.indexOf(b) ? a : b;
}

/** The dtype a Python scalar has on its own: bool, int64, or the default float dtype. */
export function scalarDtype(s: Scalar): DType {
  if (typeof s === 'boolean') return 'bool';
  if (typeof s === 'bigint') return 'int64';
  if (s instanceof FloatScalar) return DEFAULT_FLOAT;
  return Number.isInteger(s) ? 'int64' : DEFAULT_FLOAT;
}

export function scalarToNumber(s: Scalar): number {
  if (typeof s === 'boolean') return s ? 1 : 0;
  if (typeof s === 'bigint') return Number(s);
  if (s instanceof FloatScalar) return s.value;
  return s;
}

export function isScalar(v: unknown): v is Scalar {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof FloatScalar;
}

// PyTorch's combine_categories: a higher tier wins unless a lower tier brings a higher category.
function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null || isFloatingDtype(higher)) return higher;
  if (higher === 'bool' || isFloatingDtype(lower)) return promoteTypes(higher, lower);
  return higher;
}

/**
 * torch.result_type over tensors and scalars: dimensioned tensors decide, then 0-d tensors, then
 * Python scalars (bool, int64, or the default float dtype), and a lower tier only counts when it
 * is of a higher category (bool < integral < floating).
 */
export function resultType(operands: readonly (TensorLike | Scalar)[]): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const o of operands) {
    if (isScalar(o)) {
      const d = scalarDtype(o);
      wrapped = wrapped === null ? d : promoteTypes(wrapped, d);
    } else if (o.sizes.length === 0) {
      zero = zero === null ? o.dtype : promoteTypes(zero, o.dtype);
    } else {
      dim = dim === null ? o.dtype : promoteTypes(dim, o.dtype);
    }
  }
  const result = combine(dim, combine(zero, wrapped));
  if (result === null) throw new OpError('result_type needs at least one operand');
  return result;
}

/** torch.can_cast: whether `from` may be written into `to` by an in-place op or out=. */
export function canCast(from: DType, to: DType): boolean {
  return category(from) <= category(to);
}
