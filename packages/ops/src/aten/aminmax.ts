import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { contiguousStrides, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, TensorLike } from '../core/tensor-like.js';
import { checkHalf, oneDim, reducedSizes } from '../groups/reduce.js';

function aminmaxSizes(args: OpArgs): number[] {
  const self = args.self;
  const keepdim = args.keepdim === true;
  if (args.dim === null || args.dim === undefined) return keepdim ? self.sizes.map(() => 1) : [];
  const d = oneDim(args.dim, self.sizes.length);
  // PyTorch keeps a dim of size 1 for a 0-d input with keepdim.
  if (self.sizes.length === 0) return keepdim ? [1] : [];
  return reducedSizes(self.sizes, [d], keepdim);
}

export const aminmax = defineOp({
  schemas: [
    'aten::aminmax(Tensor self, *, int? dim=None, bool keepdim=False) -> (Tensor min, Tensor max)',
    'aten::aminmax.out(Tensor self, *, int? dim=None, bool keepdim=False, Tensor(a!) min, Tensor(b!) max) -> (Tensor(a!) min, Tensor(b!) max)',
  ],
  impl: (args, ctx) => {
    const self = args.self;
    const sizes = aminmaxSizes(args);
    checkHalf('aminmax_cpu', self.dtype);
    const all = args.dim === null || args.dim === undefined;
    if (all && numel(self.sizes) === 0) {
      throw new OpError('aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.');
    }
    const d = all ? null : oneDim(args.dim, self.sizes.length);
    if (d !== null && self.sizes.length > 0 && self.sizes[d] === 0) {
      throw new OpError(`aminmax: Expected reduction dim ${d} to have non-zero size.`, 'IndexError');
    }
    const lo = ctx.empty(sizes, self.dtype);
    const hi = ctx.empty(sizes, self.dtype);
    // The kernels write the reduced sizes; keepdim (or a 0-d input's [1]) is the same storage.
    const reduced = d === null || self.sizes.length === 0 ? [] : reducedSizes(self.sizes, [d], false);
    const flat = (t: TensorLike) => ctx.view(t, reduced, contiguousStrides(reduced), 0);
    K.amin(flat(lo), self, d === null ? null : [d], false);
    K.amax(flat(hi), self, d === null ? null : [d], false);
    return [lo, hi];
  },
  meta: (args) => {
    const sizes = aminmaxSizes(args);
    return [
      { sizes, dtype: args.self.dtype },
      { sizes, dtype: args.self.dtype },
    ];
  },
  nondifferentiable: 'PyTorch 1.13 has no derivative for aminmax',
  samples: (S) => [
    S.call('aminmax', [S.randn([3, 4])]),
    S.call('aminmax', [S.randn([3, 4])], { dim: 1 }),
    S.call('aminmax', [S.randn([3, 4])], { dim: -2, keepdim: true }),
    S.call('aminmax', [S.randn([3, 4])], { keepdim: true }),
    S.call('aminmax', [S.randn([2, 3, 4], 'transposed')], { dim: 1 }),
    S.call('aminmax', [S.randn([3, 4], 'strided')], { dim: 0 }),
    S.call('aminmax', [S.randn([5], 'offset')]),
    S.call('aminmax', [S.randn([])]),
    S.call('aminmax', [S.randn([])], { dim: 0, keepdim: true }),
    S.call('aminmax', [S.randn([0, 3])], { dim: 1 }),
    S.call('aminmax', [S.of([1, Number.NaN, 3, 2], [2, 2])], { dim: 1 }),
    S.call('aminmax', [S.ints([3, 4])], { dim: 1 }),
    S.call('aminmax', [S.bools([5])]),
    S.call('aminmax', [S.t([3], { dtype: 'float64' })]),
    S.error(
      'aminmax',
      [S.randn([0, 3])],
      'aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.',
    ),
    S.error('aminmax', [S.randn([0, 3])], 'aminmax: Expected reduction dim 0 to have non-zero size.', { dim: 0 }),
    S.error('aminmax', [S.t([3], { dtype: 'float16' })], `"aminmax_cpu" not implemented for 'Half'`),
    S.error('aminmax', [S.randn([3])], 'Dimension out of range (expected to be in range of [-1, 0], but got 1)', {
      dim: 1,
    }),
    S.call('aminmax.out', [S.randn([3, 4])], { dim: 1, min: S.randn([3]), max: S.randn([3]) }),
  ],
});
