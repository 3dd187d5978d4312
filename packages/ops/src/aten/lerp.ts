import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { lerpCompute } from '../groups/pointwise-ternary.js';

export const lerp = defineOp({
  schemas: [
    'aten::lerp.Scalar(Tensor self, Tensor end, Scalar weight) -> Tensor',
    'aten::lerp.Tensor(Tensor self, Tensor end, Tensor weight) -> Tensor',
    'aten::lerp.Scalar_out(Tensor self, Tensor end, Scalar weight, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lerp.Tensor_out(Tensor self, Tensor end, Tensor weight, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lerp_.Scalar(Tensor(a!) self, Tensor end, Scalar weight) -> Tensor(a!)',
    'aten::lerp_.Tensor(Tensor(a!) self, Tensor end, Tensor weight) -> Tensor(a!)',
  ],
  impl: (args, ctx) => lerpCompute(ctx, args.self, args.end, args.weight),
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.self.sizes, args.end.sizes, args.weight?.sizes ?? []),
    dtype: args.self.dtype,
  })),
  derivative: (F, { grad, self, end, weight }) => {
    if (!F.isTensor(weight)) {
      const w = scalarToNumber(weight);
      return { self: F.sumTo(F.mul(grad, 1 - w), F.sizes(self)), end: F.sumTo(F.mul(grad, w), F.sizes(end)) };
    }
    return {
      self: F.sumTo(F.mul(grad, F.rsub(weight, 1)), F.sizes(self)),
      end: F.sumTo(F.mul(grad, weight), F.sizes(end)),
      weight: F.sumTo(F.mul(grad, F.sub(end, self)), F.sizes(weight)),
    };
  },
  samples: (S) => [
    S.call('lerp.Scalar', [S.randn([2, 5]), S.randn([2, 5]), S.float(0.3)]),
    S.call('lerp.Scalar', [S.randn([3, 4], 'transposed'), S.randn([4]), S.float(0.75)]),
    S.call('lerp.Scalar', [S.randn([2, 3], 'strided'), S.randn([2, 3], 'offset'), 2]),
    S.call('lerp.Scalar', [S.randn([]), S.randn([]), S.float(0.5)]),
    S.call('lerp.Scalar', [S.randn([0, 2]), S.randn([2]), S.float(0.5)]),
    S.call('lerp.Scalar', [S.randn([3]), S.randn([2, 3]), S.float(-0.5)]),
    S.call('lerp.Scalar', [S.t([2, 3], { dtype: 'float64' }), S.t([3], { dtype: 'float64' }), S.float(0.6)]),
    S.call('lerp.Scalar', [S.of([Number.NaN, Infinity, 1]), S.of([1, 1, -Infinity]), S.float(0.5)]),
    S.error(
      'lerp.Scalar',
      [S.ints([3]), S.ints([3]), S.float(0.5)],
      '"lerp_kernel_scalar" not implemented for \'Long\'',
    ),
    S.error(
      'lerp.Scalar',
      [S.randn([3]), S.t([3], { dtype: 'float64' }), S.float(0.5)],
      'expected dtype float for `end` but got dtype double',
    ),
    S.error(
      'lerp.Scalar',
      [S.randn([2, 3]), S.randn([4]), S.float(0.5)],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.call('lerp.Tensor', [S.randn([2, 3]), S.randn([2, 3]), S.t([2, 3], { low: 0, high: 1 })]),
    S.call('lerp.Tensor', [S.randn([2, 3], 'transposed'), S.randn([3]), S.t([2, 1], { low: 0, high: 1 })]),
    S.call('lerp.Tensor', [S.randn([3]), S.randn([]), S.t([2, 3], { low: 0, high: 1, layout: 'strided' })]),
    S.call('lerp.Tensor', [S.randn([]), S.randn([]), S.t([], { low: 0, high: 1 })]),
    S.error(
      'lerp.Tensor',
      [S.ints([3]), S.ints([3]), S.ints([3])],
      '"lerp_kernel_tensor" not implemented for \'Long\'',
    ),
    S.error(
      'lerp.Tensor',
      [S.randn([3]), S.randn([3]), S.t([], { dtype: 'float64' })],
      'expected dtype float for `weight` but got dtype double',
    ),
    S.call('lerp_.Scalar', [S.randn([2, 3]), S.randn([3]), S.float(0.25)]),
    S.call('lerp_.Tensor', [S.randn([2, 3], 'transposed'), S.randn([2, 3]), S.randn([3])]),
    S.error('lerp_.Scalar', [S.randn([3]), S.randn([2, 3]), S.float(0.25)], "doesn't match the broadcast shape"),
    S.call('lerp.Scalar_out', [S.randn([2, 3]), S.randn([3]), S.float(0.5)], {
      out: S.t([2, 3], { dtype: 'float64' }),
    }),
    S.call('lerp.Tensor_out', [S.randn([2, 3]), S.randn([3]), S.randn([3])], { out: S.randn([0]) }),
  ],
});
