/** Elementwise losses with PyTorch's reductions (0 none, 1 mean, 2 sum) and dtype rules. */
import type { ImplFn, MetaFn } from '../core/define-op.js';
import { type DType, promoteTypes } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import type { OpArgs, TensorLike } from '../core/tensor-like.js';
import { requireFloating } from './activation.js';
import { applyReduction, Calc } from './nn-math.js';

type T = TensorLike;

/** A loss computed elementwise from (self, target) after broadcasting, then reduced. */
export function pointwiseLoss(
  kernelName: string,
  body: (c: Calc, x: T, t: T, args: OpArgs) => T,
  check?: (args: OpArgs) => void,
  names: [string, string] = ['self', 'target'],
  /** huber_loss writes into a tensor like self: the loss is cast to self's dtype before reducing. */
  selfDtype = false,
): { impl: ImplFn; meta: MetaFn } {
  const dtypeOf = (a: OpArgs): DType => requireFloating(promoteTypes(a[names[0]].dtype, a[names[1]].dtype), kernelName);
  return {
    impl: (a, ctx) => {
      const dtype = dtypeOf(a);
      check?.(a);
      const c = new Calc(ctx, dtype);
      const sizes = broadcastShapes(a[names[0]].sizes, a[names[1]].sizes);
      let loss = body(c, c.t(a[names[0]]), c.t(a[names[1]]), a);
      if (loss.sizes.length !== sizes.length) loss = c.add(loss, c.full(sizes, 0));
      if (selfDtype && a[names[0]].dtype !== dtype) {
        const cs = new Calc(ctx, a[names[0]].dtype);
        return applyReduction(cs, cs.t(loss), a.reduction);
      }
      return applyReduction(c, loss, a.reduction);
    },
    meta: (a) => ({
      sizes: a.reduction === 0 ? broadcastShapes(a[names[0]].sizes, a[names[1]].sizes) : [],
      dtype: selfDtype ? a[names[0]].dtype : dtypeOf(a),
    }),
  };
}

/** Every reduction, non-contiguous, broadcast, 0-d, empty, float64 and mixed dtypes. */
export function lossSamples(
  S: SampleBuilder,
  overload: string,
  kwargs: Record<string, any> = {},
  range: { low?: number; high?: number; tlow?: number; thigh?: number } = {},
  mixed = true,
): Sample[] {
  const x = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, low: range.low, high: range.high });
  const t = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, low: range.tlow ?? range.low, high: range.thigh ?? range.high });
  const samples = [
    S.call(overload, [x([2, 5]), t([2, 5])], { ...kwargs }),
    S.call(overload, [x([2, 5]), t([2, 5])], { ...kwargs, reduction: 0 }),
    S.call(overload, [x([2, 5]), t([2, 5])], { ...kwargs, reduction: 2 }),
    S.call(overload, [x([3, 4], 'transposed'), t([3, 4], 'strided')], { ...kwargs, reduction: 1 }),
    S.call(overload, [x([6], 'offset'), t([6])], { ...kwargs, reduction: 0 }),
    S.call(overload, [x([]), t([])], { ...kwargs }),
    S.call(overload, [x([0, 3]), t([0, 3])], { ...kwargs, reduction: 2 }),
    S.call(overload, [x([0, 3]), t([0, 3])], { ...kwargs, reduction: 0 }),
    S.call(overload, [x([3, 2], 'contiguous', 'float64'), t([3, 2], 'contiguous', 'float64')], {
      ...kwargs,
      reduction: 1,
    }),
  ];
  if (mixed) {
    samples.push(
      S.call(overload, [x([3, 2], 'contiguous', 'float32'), t([3, 2], 'contiguous', 'float64')], {
        ...kwargs,
        reduction: 0,
      }),
    );
  }
  return samples;
}

/**
 * The backward ops of the elementwise losses: grad_input = scale * local(x, t) * grad_output with
 * scale 1 / numel for the mean; grad_input has the broadcast shape of self and target.
 */
export function lossBackward(
  kernelName: string,
  local: (c: Calc, x: T, t: T, args: OpArgs) => T,
  tensors: readonly string[] = ['grad_output', 'self', 'target'],
): { impl: ImplFn; meta: MetaFn } {
  const dtypeOf = (a: OpArgs): DType =>
    requireFloating(
      tensors.map((n) => a[n].dtype).reduce((p: DType, d: DType) => promoteTypes(p, d)),
      kernelName,
    );
  const sizesOf = (a: OpArgs) => broadcastShapes(a.self.sizes, a.target.sizes, a[tensors[0]].sizes);
  return {
    impl: (a, ctx) => {
      const c = new Calc(ctx, dtypeOf(a));
      const sizes = sizesOf(a);
      const n = a.reduction === 1 ? sizes.reduce((p, s) => p * s, 1) : 1;
      const g = c.mul(c.t(a[tensors[0]]), 1 / n);
      const out = c.mul(local(c, c.t(a.self), c.t(a.target), a), g);
      return out.sizes.length === sizes.length ? out : c.add(out, c.full(sizes, 0));
    },
    meta: (a) => ({ sizes: sizesOf(a), dtype: dtypeOf(a) }),
  };
}

/** Samples of a loss backward op: every reduction, non-contiguous, 0-d, float64. */
export function lossBackwardSamples(
  S: SampleBuilder,
  overload: string,
  rest: readonly any[] = [],
  tRange: { low?: number; high?: number } = {},
  xRange: { low?: number; high?: number } = {},
): Sample[] {
  const x = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, ...xRange });
  const t = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, ...tRange });
  return [
    S.call(overload, [S.randn([]), x([2, 3]), t([2, 3]), 1, ...rest]),
    S.call(overload, [S.randn([2, 3]), x([2, 3], 'transposed'), t([2, 3]), 0, ...rest]),
    S.call(overload, [S.randn([]), x([2, 3]), t([2, 3], 'strided'), 2, ...rest]),
    S.call(overload, [S.randn([]), x([]), t([]), 1, ...rest]),
    S.call(overload, [
      S.t([], { dtype: 'float64' }),
      x([4], 'contiguous', 'float64'),
      t([4], 'contiguous', 'float64'),
      1,
      ...rest,
    ]),
  ];
}
