/** Sample sets shared by the reductions: the shapes, layouts, dims and dtypes every reduction must get right. */
import type { DType } from '@tsjit/kernels';
import type { Sample, SampleBuilder, SampleValue } from '../core/samples.js';

export interface ReduceSampleOptions {
  /** Overload reducing everything (`sum`, `amax` with its default dim), if any. */
  readonly all?: string;
  /** Overload taking (self, dim, keepdim). */
  readonly dim?: string;
  /** The dim argument is an int (max.dim, any.dim) rather than an int list. */
  readonly intDim?: boolean;
  /** dtypes to cover besides float32. */
  readonly dtypes?: readonly DType[];
  readonly low?: number;
  readonly high?: number;
  /** Empty inputs may be reduced over their zero-size dim (false for max-like ops: that is an error). */
  readonly emptyReduces?: boolean;
  /** Extra arguments after dim and keepdim (positional) for the dim overload. */
  readonly kwargs?: Record<string, SampleValue>;
  /** dim=[] without keepdim fails in PyTorch 1.13 (logsumexp): sample it as an error. */
  readonly emptyAllQuirk?: boolean;
}

export function reduceSamples(S: SampleBuilder, o: ReduceSampleOptions): Sample[] {
  const { low, high, kwargs } = o;
  const t = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, low, high });
  const dim = (d: number | number[]) => (o.intDim ? (Array.isArray(d) ? d[0] : d) : Array.isArray(d) ? d : [d]);
  const samples: Sample[] = [];
  if (o.all) {
    samples.push(
      S.call(o.all, [t([3, 4])], kwargs),
      S.call(o.all, [t([3, 4], 'transposed')], kwargs),
      S.call(o.all, [t([2, 3], 'strided')], kwargs),
      S.call(o.all, [t([5], 'offset')], kwargs),
      S.call(o.all, [t([])], kwargs),
      S.call(o.all, [S.expand(t([3]), [2, 3])], kwargs),
    );
    if (o.emptyReduces !== false) samples.push(S.call(o.all, [t([0, 3])], kwargs));
    for (const dtype of o.dtypes ?? []) samples.push(S.call(o.all, [t([2, 3], 'contiguous', dtype)], kwargs));
  }
  if (o.dim) {
    const d = o.dim;
    samples.push(
      S.call(d, [t([3, 4]), dim(1)], kwargs),
      S.call(d, [t([3, 4]), dim(-1), true], kwargs),
      S.call(d, [t([3, 4]), dim(0), false], kwargs),
      S.call(d, [t([2, 3, 4], 'transposed'), dim(-2), true], kwargs),
      S.call(d, [t([3, 4], 'strided'), dim(0)], kwargs),
      S.call(d, [t([2, 5], 'offset'), dim(1)], kwargs),
      S.call(d, [S.expand(t([4]), [3, 4]), dim(0)], kwargs),
      S.call(d, [t([]), dim(0)], kwargs),
      S.call(d, [t([]), dim(-1), true], kwargs),
      S.call(d, [t([0, 3]), dim(1)], kwargs),
      S.call(d, [t([2, 1, 3]), dim(1), true], kwargs),
    );
    if (o.emptyReduces !== false) samples.push(S.call(d, [t([0, 3]), dim(0), true], kwargs));
    if (!o.intDim) {
      samples.push(
        S.call(d, [t([2, 3, 4]), [0, 2]], kwargs),
        S.call(d, [t([2, 3, 4], 'transposed'), [-1, 0], true], kwargs),
        o.emptyAllQuirk
          ? S.error(d, [t([2, 3]), []], "output with shape [] doesn't match the broadcast shape [1, 1]", kwargs)
          : S.call(d, [t([2, 3]), []], kwargs),
        S.call(d, [t([2, 3]), [], true], kwargs),
        S.error(d, [t([2, 3]), [1, -1]], 'dim 1 appears multiple times in the list of dims', kwargs),
      );
    }
    for (const dtype of o.dtypes ?? []) samples.push(S.call(d, [t([3, 2], 'strided', dtype), dim(0)], kwargs));
    samples.push(
      S.error(d, [t([2, 3]), dim(2)], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)', kwargs),
      S.error(d, [t([]), dim(1)], 'Dimension out of range (expected to be in range of [-1, 0], but got 1)', kwargs),
    );
  }
  return samples;
}

/**
 * ScalarType codes for `dtype=` in samples: TorchScript passes dtypes as these ints, and the golden
 * generator hands them to PyTorch unchanged.
 */
export const CODE = {
  uint8: 0,
  int8: 1,
  int16: 2,
  int32: 3,
  int64: 4,
  float16: 5,
  float32: 6,
  float64: 7,
  bool: 11,
} as const;
