/**
 * Sample sets of the pointwise family, on top of groups/samples.ts: every dtype class (with the
 * dispatch errors where PyTorch has them), special values, in-place and out= overloads.
 */
import type { DType } from '@tsjit/kernels';
import type { Layout, Sample, SampleBuilder } from '../core/samples.js';
import { binarySamples } from './samples.js';

const CPP: Partial<Record<DType, string>> = { float32: 'Float', float64: 'Double', int64: 'Long' };

const SPECIAL = [Number.NaN, Infinity, -Infinity, -0, 0, 0.5, -0.5, 1.5, -2.5, 2.5, 1e-7, -3];

export interface UnaryFamilyOptions {
  /** `abs`: the functional overload; `abs_` and `abs.out` are sampled when present. */
  readonly name: string;
  readonly inplace?: boolean;
  readonly out?: boolean;
  readonly low?: number;
  readonly high?: number;
  /** dtypes that succeed besides float32 (default float64, int64, int32, uint8, bool). */
  readonly dtypes?: readonly DType[];
  /** dtype → the expected error substring (PyTorch rejects the dtype). */
  readonly errors?: Partial<Record<DType, string>>;
  /** The result is floating for integral input (in-place on an int tensor must fail). */
  readonly floatResult?: boolean;
  /** Include NaN, infinities and signed zeros. */
  readonly special?: boolean;
  readonly kwargs?: Record<string, any>;
  /** out= must have the result's dtype (PyTorch's kernel does not cast into out). */
  readonly outSameDtype?: boolean;
  /** The dtype of the layout samples (default float32; bitwise ops take integers). */
  readonly baseDtype?: DType;
}

export function unaryFamilySamples(S: SampleBuilder, o: UnaryFamilyOptions): Sample[] {
  const { low, high, kwargs } = o;
  const dtypes = o.dtypes ?? ['float64', 'int64', 'int32', 'uint8', 'bool'];
  const base = o.baseDtype ?? 'float32';
  const t = (sizes: number[], layout: Layout = 'contiguous', dtype: DType = base) =>
    S.t(sizes, { dtype, layout, low, high });
  const samples = [
    S.call(o.name, [t([2, 5])], kwargs),
    S.call(o.name, [t([3, 4], 'transposed')], kwargs),
    S.call(o.name, [t([2, 3], 'strided')], kwargs),
    S.call(o.name, [t([5], 'offset')], kwargs),
    S.call(o.name, [S.expand(t([3]), [2, 3])], kwargs),
    S.call(o.name, [t([])], kwargs),
    S.call(o.name, [t([0, 2])], kwargs),
    S.call(o.name, [t([40])], kwargs),
  ];
  for (const dtype of dtypes) {
    const lo = dtype === 'uint8' ? Math.max(low ?? 0, 0) : low;
    const hi = dtype === 'uint8' ? Math.max(high ?? 10, 1) : high;
    samples.push(S.call(o.name, [S.t([2, 3], { dtype, low: lo, high: hi })], kwargs));
  }
  for (const [dtype, message] of Object.entries(o.errors ?? {})) {
    samples.push(S.error(o.name, [S.t([3], { dtype: dtype as DType, low: 0, high: 2 })], message!, kwargs));
  }
  if (o.special !== false && base.startsWith('float')) samples.push(S.call(o.name, [S.of(SPECIAL)], kwargs));
  if (o.inplace) {
    samples.push(S.call(`${o.name}_`, [t([3, 2], 'transposed')], kwargs));
    samples.push(S.call(`${o.name}_`, [t([], 'contiguous', base === 'float32' ? 'float64' : base)], kwargs));
    if (o.floatResult) {
      samples.push(
        S.error(
          `${o.name}_`,
          [S.t([3], { dtype: 'int64', low: 1, high: 3 })],
          "result type Float can't be cast to the desired output type Long",
          kwargs,
        ),
      );
    }
  }
  if (o.out) {
    const outDtype: DType = o.floatResult && !base.startsWith('float') ? 'float32' : base;
    const other: DType = outDtype === 'float64' ? 'float32' : 'float64';
    samples.push(S.call(`${o.name}.out`, [t([2, 3])], { ...kwargs, out: S.t([2, 3], { dtype: outDtype }) }));
    samples.push(S.call(`${o.name}.out`, [t([4])], { ...kwargs, out: S.t([0], { dtype: outDtype }) }));
    const call = [`${o.name}.out`, [t([2, 2], 'strided')], { ...kwargs, out: S.t([2, 2], { dtype: other }) }] as const;
    samples.push(
      o.outSameDtype
        ? S.error(call[0], call[1], `Found dtype ${CPP[other]} but expected ${CPP[outDtype]}`, call[2])
        : // A float32 result copied into float64 keeps float32's precision: compare with float32's tolerance.
          S.call(call[0], call[1], call[2], other === 'float64' ? { rtol: 1.3e-6, atol: 1e-5 } : {}),
    );
  }
  return samples;
}

export interface BinaryFamilyOptions {
  /** Overload names; the in-place and out= ones are sampled when given. */
  readonly tensor: string;
  readonly scalar?: string;
  /** (Scalar self, Tensor other). */
  readonly scalarTensor?: string;
  readonly inplace?: string;
  readonly inplaceScalar?: string;
  readonly out?: string;
  readonly scalarOut?: string;
  /** (Scalar self, Tensor other, *, out). */
  readonly scalarTensorOut?: string;
  readonly dtypes?: readonly DType[];
  readonly errors?: Partial<Record<DType, string>>;
  readonly low?: number;
  readonly high?: number;
  readonly kwargs?: Record<string, any>;
  readonly nonzeroOther?: boolean;
  /** Only integral (and bool) inputs (bitwise ops): samples use integers throughout. */
  readonly integral?: boolean;
  /** Skip NaN/inf special values. */
  readonly special?: boolean;
  /** The op computes `other op self` (rsub): PyTorch's broadcast message names the operands swapped. */
  readonly reversed?: boolean;
  /** In-place result of int self with a float other cannot be cast back (true for most ops). */
  readonly floatResult?: boolean;
}

export function binaryFamilySamples(S: SampleBuilder, o: BinaryFamilyOptions): Sample[] {
  const { low, high, kwargs: kw } = o;
  const samples: Sample[] = [];
  if (o.integral) {
    const ints = (
      sizes: number[],
      dtype: DType = 'int64',
      layout: 'contiguous' | 'transposed' | 'strided' = 'contiguous',
    ) => S.t(sizes, { dtype, layout, low: low ?? -8, high: high ?? 8 });
    samples.push(
      S.call(o.tensor, [ints([2, 3]), ints([2, 3])], kw),
      S.call(o.tensor, [ints([2, 3]), ints([3])], kw),
      S.call(o.tensor, [ints([3, 1]), ints([1, 4])], kw),
      S.call(o.tensor, [ints([4, 3], 'int64', 'transposed'), ints([4, 3], 'int64', 'strided')], kw),
      S.call(o.tensor, [ints([]), ints([2, 2])], kw),
      S.call(o.tensor, [ints([]), ints([])], kw),
      S.call(o.tensor, [ints([0, 3]), ints([3])], kw),
      S.call(o.tensor, [ints([2, 3], 'int32'), ints([3], 'int64')], kw),
      S.call(o.tensor, [ints([2, 3], 'int32'), ints([], 'int64')], kw),
      S.call(o.tensor, [S.t([2, 3], { dtype: 'uint8', low: 0, high: 16 }), ints([3], 'int8')], kw),
      S.call(
        o.tensor,
        [S.t([2, 3], { dtype: 'uint8', low: 0, high: 16 }), S.t([3], { dtype: 'uint8', low: 0, high: 8 })],
        kw,
      ),
      S.error(
        o.tensor,
        [ints([2, 3]), ints([4])],
        'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
        kw,
      ),
    );
    if (o.scalar) samples.push(S.call(o.scalar, [ints([2, 3]), 3], kw), S.call(o.scalar, [ints([4], 'int32'), 5], kw));
  } else {
    const base = binarySamples(S, {
      tensor: o.tensor,
      scalar: o.scalar,
      dtypes: o.dtypes ?? ['float64', 'int64', 'int32', 'uint8'],
      low,
      high,
      kwargs: kw,
      nonzeroOther: o.nonzeroOther,
    });
    for (const b of base) {
      samples.push(
        o.reversed && b.error?.startsWith('The size of tensor')
          ? { ...b, error: 'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1' }
          : b,
      );
    }
    if (o.special !== false) {
      const v = [Number.NaN, Infinity, -Infinity, -0, 0, 1.5, -2.5, 3];
      samples.push(S.call(o.tensor, [S.of([...v, ...v]), S.of([...v, ...v.reverse()])], kw));
    }
  }
  for (const [dtype, message] of Object.entries(o.errors ?? {})) {
    const t = S.t([3], { dtype: dtype as DType, low: 1, high: 3 });
    samples.push(S.error(o.tensor, [t, t], message!, kw));
  }
  const other = () =>
    o.integral
      ? S.t([3], { dtype: 'int64', low: 0, high: 4 })
      : o.nonzeroOther
        ? S.t([3], { low: 1, high: 3 })
        : S.t([3], { low, high });
  const self = (sizes: number[]) =>
    o.integral ? S.t(sizes, { dtype: 'int64', low: -8, high: 8 }) : S.t(sizes, { low, high });
  if (o.scalarTensor) {
    samples.push(S.call(o.scalarTensor, [3, other()], kw));
    samples.push(
      S.call(o.scalarTensor, [o.integral ? 6 : S.float(2.5), S.t([2, 3], { dtype: 'int64', low: 1, high: 4 })], kw),
    );
  }
  if (o.inplace) {
    samples.push(S.call(o.inplace, [self([2, 3]), other()], kw));
    samples.push(
      S.error(
        o.inplace,
        [self([3]), o.integral ? S.ints([2, 3], 0, 3) : S.t([2, 3], { low: 1, high: 3 })],
        "doesn't match the broadcast shape",
        kw,
      ),
    );
    if (o.floatResult !== false && !o.integral) {
      samples.push(
        S.error(
          o.inplace,
          [S.t([3], { dtype: 'int64', low: 1, high: 3 }), S.t([3], { low: 1, high: 3 })],
          "can't be cast to the desired output type",
          kw,
        ),
      );
    }
  }
  if (o.inplaceScalar) samples.push(S.call(o.inplaceScalar, [self([4]), o.integral ? 2 : S.float(1.5)], kw));
  if (o.out) {
    samples.push(S.call(o.out, [self([2, 3]), other()], { ...kw, out: S.randn([2, 3]) }));
    samples.push(
      S.call(o.out, [self([2, 3]), other()], { ...kw, out: S.t([0], { dtype: o.integral ? 'int64' : 'float64' }) }),
    );
  }
  if (o.scalarTensorOut)
    samples.push(S.call(o.scalarTensorOut, [3, other()], { ...kw, out: S.t([0], { dtype: 'float64' }) }));
  if (o.scalarOut) samples.push(S.call(o.scalarOut, [self([2, 3]), 2], { ...kw, out: S.randn([2, 3]) }));
  return samples;
}

/** An op's samples followed by the samples of its scalar overloads. */
export function withScalarSamples(
  samples: (S: SampleBuilder) => Sample[],
  scalar: (S: SampleBuilder) => Sample[],
): (S: SampleBuilder) => Sample[] {
  return (S) => [...samples(S), ...scalar(S)];
}
