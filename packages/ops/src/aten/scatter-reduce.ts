import * as K from '@tsjit/kernels';
import { type DerivativeRule, defineOp } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { contiguousStrides, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { checkGatherScatter, cloneOf, int64Vector, padToSizes, withIndexErrors } from '../groups/indexing.js';

const REDUCTIONS = ['sum', 'prod', 'mean', 'amax', 'amin'];

/** A scalar tensor of `dtype` (an operand for the binary kernels). */
function scalarOf(ctx: OpContext, value: number, dtype: TensorLike['dtype']): TensorLike {
  const t = ctx.empty([], dtype);
  K.fill(t, value);
  return t;
}

/**
 * Flat positions in `out` (contiguous) that index's elements scatter to:
 * index[p] * stride[dim] + Σ_{k≠dim} p_k * stride[k], built with the binary kernels.
 */
function targets(ctx: OpContext, out: TensorLike, dim: number, index: TensorLike): TensorLike {
  const sizes = index.sizes.length ? index.sizes : [1];
  const idx = index.sizes.length ? index : ctx.view(index, [1], [0], index.offset);
  const strides = out.sizes.length ? contiguousStrides(out.sizes) : [1];
  const t = ctx.empty(sizes, 'int64');
  K.binary('mul', t, idx, scalarOf(ctx, strides[dim], 'int64'));
  for (let k = 0; k < sizes.length; k++) {
    if (k === dim || sizes[k] === 1) continue;
    const steps = int64Vector(
      ctx,
      Array.from({ length: sizes[k] }, (_, i) => i * strides[k]),
    );
    const along = ctx.view(
      steps,
      sizes,
      sizes.map((_, j) => (j === k ? 1 : 0)),
      0,
    );
    K.binary('add', t, t, along);
  }
  return ctx.view(t, [numel(sizes)], [1], 0);
}

/** src's elements at index's positions (src may be larger than index), flattened row-major. */
function sourceValues(ctx: OpContext, src: TensorLike, index: TensorLike): TensorLike {
  const sizes = index.sizes.length ? index.sizes : [1];
  const strides = src.sizes.length ? src.strides : [0];
  const view = ctx.view(src, sizes, strides.slice(0, sizes.length), src.offset);
  const flat = ctx.empty([numel(sizes)], src.dtype);
  K.copy(ctx.view(flat, sizes, contiguousStrides(sizes), 0), view);
  return flat;
}

/**
 * amax / amin: the candidates (src's elements, and self's when include_self) sorted so that the
 * winner of each position comes last, then written with index_put, where the last write wins.
 * NaN sorts as the largest value, so it wins both (PyTorch propagates NaN).
 */
function extremum(
  ctx: OpContext,
  out: TensorLike,
  dim: number,
  index: TensorLike,
  src: TensorLike,
  max: boolean,
  includeSelf: boolean,
) {
  const n = numel(out.sizes);
  let pos = targets(ctx, out, dim, index);
  let values = sourceValues(ctx, src, index);
  if (includeSelf) {
    const all = ctx.empty([n + pos.sizes[0]], 'int64');
    K.cat(
      all,
      [
        int64Vector(
          ctx,
          Array.from({ length: n }, (_, i) => i),
        ),
        pos,
      ],
      0,
    );
    const vals = ctx.empty([n + values.sizes[0]], out.dtype);
    K.cat(vals, [ctx.view(out, [n], [1], out.offset), values], 0);
    pos = all;
    values = vals;
  }
  let keys = values.dtype === 'bool' ? cloneOf(ctx, values, values.sizes, 'uint8') : values;
  let descending = false;
  if (!max) {
    if (isFloatingDtype(keys.dtype)) {
      const negated = ctx.empty(keys.sizes, keys.dtype);
      K.binary('mul', negated, keys, scalarOf(ctx, -1, keys.dtype));
      keys = negated;
    } else descending = true;
  }
  const order = ctx.empty(keys.sizes, 'int64');
  K.argsort(order, keys, 0, descending);
  const sortedPos = ctx.empty(pos.sizes, 'int64');
  K.indexSelect(sortedPos, pos, 0, order);
  const sortedValues = ctx.empty(values.sizes, values.dtype);
  K.indexSelect(sortedValues, values, 0, order);
  K.indexPut(ctx.view(out, [n], [1], out.offset), [sortedPos], sortedValues, false);
}

function reduceInto(ctx: OpContext, out: TensorLike, args: OpArgs): TensorLike {
  const { index, src, reduce } = args;
  const includeSelf: boolean = args.include_self;
  if (!REDUCTIONS.includes(reduce)) {
    throw new OpError('reduce argument must be either sum, prod, mean, amax or amin.');
  }
  const d = checkGatherScatter('scatter', out, args.dim, index, src);
  if (numel(index.sizes) === 0) return out;
  // Bounds first (PyTorch's message), on a scratch tensor: the flat positions below do not check.
  withIndexErrors(() => K.scatter(ctx.empty(out.sizes, 'bool'), d, index, 0), 'RuntimeError');
  switch (reduce) {
    case 'sum':
    case 'mean':
      if (!includeSelf) K.scatter(out, d, index, 0);
      K.scatter(out, d, index, src, 'add');
      if (reduce === 'mean') {
        const count = ctx.empty(out.sizes, out.dtype);
        K.fill(count, includeSelf ? 1 : 0);
        if (!includeSelf) K.scatter(count, d, index, 0);
        K.scatter(count, d, index, 1, 'add');
        const empty = ctx.empty(out.sizes, 'bool');
        K.binary('eq', empty, count, scalarOf(ctx, 0, out.dtype));
        K.maskedFill(count, empty, 1);
        K.binary('div', out, out, count, { roundingMode: isFloatingDtype(out.dtype) ? null : 'floor' });
      }
      break;
    case 'prod':
      if (!includeSelf) K.scatter(out, d, index, 1);
      K.scatter(out, d, index, src, 'multiply');
      break;
    default:
      extremum(ctx, out, d, index, src, reduce === 'amax', includeSelf);
  }
  return out;
}

/** PyTorch 1.13's scatter_reduce_backward, rule by rule. */
const derivative: DerivativeRule = (F, { grad, self, dim, index, src: fullSrc, reduce, include_self, result }) => {
  // Only src's leading part (index's sizes) takes part; the rest gets zeros (padToSizes below).
  let src = fullSrc;
  const want = F.sizes(index) as number[];
  (F.sizes(fullSrc) as number[]).forEach((n, d) => {
    if (n !== want[d]) src = F.narrow(src, d, 0, want[d]);
  });
  let gradSelf: unknown;
  let gradSrc: unknown;
  if (reduce === 'sum') {
    gradSelf = grad;
    gradSrc = F.gather(grad, dim, index);
  } else if (reduce === 'prod') {
    // Products over positions holding zeros are recomputed without them (division by zero otherwise).
    const maskedSelf = F.maskedFill(self, F.eq(self, 0), 1);
    const maskedSelfResult = F.scatterReduce(maskedSelf, dim, index, src, reduce, { include_self });
    gradSelf = F.div(F.mul(grad, maskedSelfResult), maskedSelf);
    const srcZero = F.eq(src, 0);
    const srcZeros = F.gather(F.scatterAdd(F.zerosLike(self), dim, index, F.typeAs(srcZero, self)), dim, index);
    const srcSingleZero = F.bitwiseAnd(srcZero, F.eq(srcZeros, 1));
    const maskedSrc = F.maskedFill(src, srcSingleZero, 1);
    const maskedSrcResult = F.scatterReduce(self, dim, index, maskedSrc, reduce, { include_self });
    gradSrc = F.where(
      srcSingleZero,
      F.gather(F.mul(grad, maskedSrcResult), dim, index),
      F.div(F.gather(F.mul(grad, result), dim, index), F.maskedFill(src, srcZero, 1)),
    );
  } else if (reduce === 'mean') {
    const start = include_self ? F.onesLike(grad) : F.zerosLike(grad);
    const count = F.scatterAdd(start, dim, index, F.onesLike(src));
    const n = F.maskedFill(count, F.eq(count, 0), 1);
    gradSelf = F.div(grad, n);
    gradSrc = F.div(F.gather(grad, dim, index), F.gather(n, dim, index));
  } else {
    const value = F.gather(result, dim, index);
    const selfIsResult = F.eq(self, result);
    const srcIsResult = F.eq(src, value);
    const share = F.scatterAdd(F.typeAs(selfIsResult, self), dim, index, F.typeAs(srcIsResult, self));
    const distributed = F.div(grad, share);
    gradSelf = F.mul(selfIsResult, distributed);
    gradSrc = F.mul(srcIsResult, F.gather(distributed, dim, index));
  }
  if (!include_self) gradSelf = F.scatter(gradSelf, dim, index, 0);
  return { self: gradSelf, src: padToSizes(F, gradSrc, F.sizes(fullSrc)) };
};

/** self with src reduced (sum, prod, mean, amax, amin) into the positions index names along dim. */
export const scatterReduce = defineOp({
  schemas: [
    'aten::scatter_reduce.two(Tensor self, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True) -> Tensor',
    'aten::scatter_reduce.two_out(Tensor self, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True, Tensor(a!) out) -> Tensor(a!)',
    'aten::scatter_reduce_.two(Tensor(a!) self, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True) -> Tensor(a!)',
  ],
  impl: {
    'scatter_reduce.two': (args, ctx) => reduceInto(ctx, cloneOf(ctx, args.self), args),
    'scatter_reduce_.two': (args, ctx) => {
      const self: TensorLike = args.self;
      const work = cloneOf(ctx, self);
      reduceInto(ctx, work, args);
      K.copy(self, work);
      ctx.bumpVersion(self);
      return self;
    },
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative,
  samples: (S) => {
    const ix = (values: number[], sizes: number[]) => S.of(values, sizes, 'int64');
    const samples = [];
    for (const reduce of REDUCTIONS) {
      for (const include_self of [true, false]) {
        samples.push(
          S.call(
            'scatter_reduce.two',
            [S.randn([3, 4]), 0, ix([2, 0, 2, 2, 0, 0, 1, 2], [2, 4]), S.randn([2, 4]), reduce],
            {
              include_self,
            },
          ),
        );
      }
      samples.push(
        S.call('scatter_reduce.two', [
          S.randn([3, 4], 'transposed'),
          1,
          ix([3, 3, 0, 1, 1, 1], [3, 2]),
          S.randn([3, 4], 'strided'),
          reduce,
        ]),
        S.call('scatter_reduce.two', [S.ints([5]), 0, ix([4, 4, 0, 1, 4], [5]), S.ints([5]), reduce], {
          include_self: false,
        }),
        S.call('scatter_reduce.two', [
          S.ints([2, 3], -5, 5, 'int32'),
          1,
          ix([0, 0, 2, 1], [2, 2]),
          S.ints([2, 2], -5, 5, 'int32'),
          reduce,
        ]),
      );
    }
    samples.push(
      S.call('scatter_reduce.two', [
        S.of([1, 2, 3, 4]),
        0,
        ix([0, 0, 2, 2, 1], [5]),
        S.of([5, Number.NaN, -1, 2, 7]),
        'amax',
      ]),
      S.call(
        'scatter_reduce.two',
        [S.of([1, 2, 3, 4]), 0, ix([0, 0, 2, 2, 1], [5]), S.of([5, Number.NaN, -1, 2, 7]), 'amin'],
        {
          include_self: false,
        },
      ),
      S.call('scatter_reduce.two', [S.randn([2, 3], 'offset'), -1, ix([2, 2, 0], [1, 3]), S.randn([2, 3]), 'mean']),
      S.call('scatter_reduce.two', [S.randn([]), 0, S.of([0], [], 'int64'), S.randn([]), 'sum']),
      S.call('scatter_reduce.two', [S.randn([3]), 0, ix([], [0]), S.randn([0]), 'prod']),
      S.error(
        'scatter_reduce.two',
        [S.randn([3]), 0, ix([0], [1]), S.randn([1]), 'max'],
        'reduce argument must be either sum, prod, mean, amax or amin.',
      ),
      S.error(
        'scatter_reduce.two',
        [S.randn([3]), 0, ix([9], [1]), S.randn([1]), 'sum'],
        'index 9 is out of bounds for dimension 0 with size 3',
      ),
      S.error(
        'scatter_reduce.two',
        [S.randn([3]), 0, ix([0], [1]), S.t([1], { dtype: 'float64' }), 'sum'],
        'Expected self.dtype to be equal to src.dtype',
      ),
      S.call('scatter_reduce_.two', [S.randn([3, 4]), 0, ix([1, 1, 1, 1], [1, 4]), S.randn([1, 4]), 'amax'], {
        include_self: false,
      }),
      S.call('scatter_reduce.two_out', [S.randn([3]), 0, ix([1, 1], [2]), S.randn([2]), 'prod'], { out: S.randn([0]) }),
    );
    return samples;
  },
});
