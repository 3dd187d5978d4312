import { defineOp, type ImplFn } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { broadcastShapes, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { mutatingMeta } from '../groups/pointwise.js';

// values where x == 0, else (x > 0); both operands must share one dtype (PyTorch does not promote here).
const compute: ImplFn = (args, ctx) => {
  const { self, values } = args;
  if (self.dtype !== values.dtype) {
    throw new OpError('heaviside is not yet implemented for tensors with different dtypes.');
  }
  if (self.dtype === 'float16') throw new OpError(`"heaviside_cpu" not implemented for '${cppDtypeName(self.dtype)}'`);
  const F = ctx.F;
  const step = toDtype(ctx, F.gt(self, 0), self.dtype);
  return F.where(F.eq(self, 0), values, step);
};

export const heaviside = defineOp({
  schemas: [
    'aten::heaviside(Tensor self, Tensor values) -> Tensor',
    'aten::heaviside.out(Tensor self, Tensor values, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::heaviside_(Tensor(a!) self, Tensor values) -> Tensor(a!)',
  ],
  impl: compute,
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.self.sizes, args.values.sizes),
    dtype: args.self.dtype,
  })),
  nondifferentiable: 'step function (PyTorch has no derivative for heaviside)',
  samples: (S) => [
    S.call('heaviside', [S.of([-1, 0, 2, -0, Number.NaN, Infinity]), S.of([0.5])]),
    S.call('heaviside', [S.randn([2, 3]), S.randn([3])]),
    S.call('heaviside', [S.randn([3, 4], 'transposed'), S.randn([3, 4], 'strided')]),
    S.call('heaviside', [S.of([0, 0, 1], [3]), S.randn([2, 1])]),
    S.call('heaviside', [S.randn([]), S.randn([])]),
    S.call('heaviside', [S.randn([0, 3]), S.randn([3])]),
    S.call('heaviside', [S.of([-2, 0, 3], [3], 'int64'), S.of([7], [1], 'int64')]),
    S.call('heaviside', [S.of([true, false], [2], 'bool'), S.of([true, true], [2], 'bool')]),
    S.call('heaviside', [S.of([-2, 0, 3], [3], 'float64'), S.of([0.5], [], 'float64')]),
    S.error(
      'heaviside',
      [S.randn([3]), S.of([1], [1], 'int64')],
      'heaviside is not yet implemented for tensors with different dtypes.',
    ),
    S.error(
      'heaviside',
      [S.randn([2, 3]), S.randn([4])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.call('heaviside_', [S.of([-1, 0, 2]), S.of([0.25])]),
    S.call('heaviside.out', [S.of([-1, 0, 2]), S.of([0.25])], { out: S.randn([0]) }),
  ],
});
