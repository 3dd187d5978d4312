import { fromNpy, serializeNpy, type Tensor } from '@tsjit/tensor';

/**
 * A VALUE of the shared fixtures' README (tooling/fixtures/gen_fuzz_run_goldens.py's extension:
 * tensors inline, `{"tensor": {"dtype", "shape", "data"}}` with the data flat in C order; floats
 * `nan`/`inf`/`-inf` and ints outside ±2^53 as strings).
 */
export type Value =
  | { readonly int: number | string }
  | { readonly float: number | string }
  | { readonly bool: boolean }
  | { readonly str: string }
  | { readonly none: null }
  | { readonly list: readonly Value[] }
  | { readonly tuple: readonly Value[] }
  | { readonly dict: readonly (readonly [Value, Value])[] }
  | { readonly tensor: InlineTensor };

export interface InlineTensor {
  readonly dtype: Tensor['dtype'];
  readonly shape: readonly number[];
  readonly data: readonly (number | string | boolean)[];
}

/** A float of the encoding: a number or one of the strings `nan`, `inf`, `-inf`. */
export function decodeFloat(x: number | string): number {
  if (typeof x === 'number') return x;
  if (x === 'nan') return Number.NaN;
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  throw new Error(`not a float: ${x}`);
}

/** An int of the encoding as a bigint (ints outside ±2^53 are decimal strings). */
export function decodeInt(x: number | string): bigint {
  return BigInt(x);
}

/** The tensor's values, typed as its dtype's elements: numbers, bigints (int64) or booleans. */
function tensorBytes(t: InlineTensor): Uint8Array {
  const n = t.data.length;
  switch (t.dtype) {
    case 'float32':
      return new Uint8Array(Float32Array.from(t.data, (x) => decodeFloat(x as number | string)).buffer);
    case 'float64':
      return new Uint8Array(Float64Array.from(t.data, (x) => decodeFloat(x as number | string)).buffer);
    case 'int64':
      return new Uint8Array(BigInt64Array.from(t.data, (x) => decodeInt(x as number | string)).buffer);
    case 'int32':
      return new Uint8Array(Int32Array.from(t.data, (x) => Number(x)).buffer);
    case 'bool':
    case 'uint8':
      return Uint8Array.from({ length: n }, (_, i) => Number(t.data[i]));
    default:
      throw new Error(`no inline tensors of dtype ${t.dtype}`);
  }
}

/** A new tensor holding the inline tensor's values. */
export function decodeTensor(t: InlineTensor): Tensor {
  return fromNpy(serializeNpy({ dtype: t.dtype, sizes: [...t.shape], data: tensorBytes(t) }));
}

/**
 * The JS value the interpreter takes for a VALUE: numbers for int (bigint outside ±2^53) and
 * float, booleans, strings, null, arrays for lists, frozen arrays for tuples, Maps for dicts,
 * Tensors. Every call decodes afresh: the programs mutate their arguments.
 */
export function decodeValue(v: Value): unknown {
  if ('int' in v) {
    const i = decodeInt(v.int);
    return i >= -(2n ** 53n) && i <= 2n ** 53n ? Number(i) : i;
  }
  if ('float' in v) return decodeFloat(v.float);
  if ('bool' in v) return v.bool;
  if ('str' in v) return v.str;
  if ('none' in v) return null;
  if ('list' in v) return v.list.map(decodeValue);
  if ('tuple' in v) return Object.freeze(v.tuple.map(decodeValue));
  if ('dict' in v) return new Map(v.dict.map(([k, x]) => [decodeValue(k), decodeValue(x)]));
  if ('tensor' in v) return decodeTensor(v.tensor);
  throw new Error(`unknown VALUE ${JSON.stringify(v)}`);
}
