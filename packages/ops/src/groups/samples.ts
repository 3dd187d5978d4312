/** Sample sets shared by op groups: the shapes and dtypes every pointwise op must get right. */
import type { DType } from '@tsjit/kernels';
import type { Sample, SampleBuilder, SampleTensor } from '../core/samples.js';

export interface BinarySampleOptions {
  /** Overload taking (Tensor self, Tensor other). */
  readonly tensor: string;
  /** Overload taking (Tensor self, Scalar other), if any. */
  readonly scalar?: string;
  /** dtypes to cover besides float32 (default: float64, int64, int32, bool-when-valid). */
  readonly dtypes?: readonly DType[];
  /** Value range of inputs (e.g. positive for pow/log-like ops). */
  readonly low?: number;
  readonly high?: number;
  /** Keyword arguments added to every call (alpha, rounding_mode). */
  readonly kwargs?: Record<string, any>;
  /** Skip integer divisors that could be zero (div/remainder of ints). */
  readonly nonzeroOther?: boolean;
}

/**
 * Same shapes, broadcasting both ways, non-contiguous (transposed, strided, offset), 0-d with
 * n-d, empty, mixed dtypes (type promotion), scalars.
 */
export function binarySamples(S: SampleBuilder, o: BinarySampleOptions): Sample[] {
  const low = o.low;
  const high = o.high;
  const kw = o.kwargs;
  const f = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, low, high });
  const other = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ): SampleTensor =>
    o.nonzeroOther && !dtype.startsWith('float')
      ? S.t(sizes, { dtype, layout, low: 1, high: 6 })
      : S.t(sizes, { dtype, layout, low, high });
  const samples: Sample[] = [
    S.call(o.tensor, [f([2, 3]), other([2, 3])], kw),
    S.call(o.tensor, [f([2, 3]), other([3])], kw),
    S.call(o.tensor, [f([3, 1]), other([1, 4])], kw),
    S.call(o.tensor, [f([4, 3], 'transposed'), other([4, 3], 'strided')], kw),
    S.call(o.tensor, [f([2, 3], 'offset'), other([2, 1, 3])], kw),
    S.call(o.tensor, [f([]), other([2, 2])], kw),
    S.call(o.tensor, [f([]), other([])], kw),
    S.call(o.tensor, [f([0, 3]), other([3])], kw),
    S.call(o.tensor, [f([2, 3], 'contiguous', 'float64'), other([2, 3], 'contiguous', 'float32')], kw),
    S.call(o.tensor, [f([2, 3], 'contiguous', 'float32'), other([3], 'contiguous', 'int64')], kw),
    S.call(o.tensor, [f([], 'contiguous', 'float64'), other([3], 'contiguous', 'float32')], kw),
  ];
  for (const dtype of o.dtypes ?? ['float64', 'int64', 'int32']) {
    samples.push(S.call(o.tensor, [f([3, 2], 'contiguous', dtype), other([3, 2], 'strided', dtype)], kw));
  }
  samples.push(
    S.error(
      o.tensor,
      [f([2, 3]), other([4])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
      kw,
    ),
  );
  if (o.scalar) {
    samples.push(S.call(o.scalar, [f([2, 3]), 2], kw));
    samples.push(S.call(o.scalar, [f([2, 3]), S.float(-1.5)], kw));
    samples.push(S.call(o.scalar, [f([4], 'strided', 'int64'), S.float(2.5)], kw));
    samples.push(S.call(o.scalar, [f([4], 'contiguous', 'int32'), 3], kw));
  }
  // A Python scalar passed to the Tensor overload becomes a wrapped 0-d tensor.
  samples.push(S.call(o.tensor, [f([3], 'contiguous', 'int64'), other([], 'contiguous', 'float64')], kw));
  return samples;
}

export interface UnarySampleOptions {
  readonly overload: string;
  readonly low?: number;
  readonly high?: number;
  readonly dtypes?: readonly DType[];
  readonly kwargs?: Record<string, any>;
}

/** Contiguous, transposed, strided, offset, 0-d, empty, several dtypes. */
export function unarySamples(S: SampleBuilder, o: UnarySampleOptions): Sample[] {
  const { low, high, kwargs } = o;
  const t = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, low, high });
  const samples = [
    S.call(o.overload, [t([2, 5])], kwargs),
    S.call(o.overload, [t([3, 4], 'transposed')], kwargs),
    S.call(o.overload, [t([2, 3], 'strided')], kwargs),
    S.call(o.overload, [t([5], 'offset')], kwargs),
    S.call(o.overload, [t([])], kwargs),
    S.call(o.overload, [t([0, 2])], kwargs),
    S.call(o.overload, [t([40])], kwargs),
  ];
  for (const dtype of o.dtypes ?? ['float64', 'int64'])
    samples.push(S.call(o.overload, [t([2, 3], 'contiguous', dtype)], kwargs));
  return samples;
}
