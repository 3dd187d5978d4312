import { defineOp } from '../core/define-op.js';
import { resultType } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { addcCompute, addcInplaceInto } from '../groups/pointwise-ternary.js';

export const addcdiv = defineOp({
  schemas: [
    'aten::addcdiv(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor',
    'aten::addcdiv.out(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::addcdiv_(Tensor(a!) self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor(a!)',
  ],
  impl: (args, ctx) => addcCompute(ctx, 'addcdiv', args.self, args.tensor1, args.tensor2, args.value),
  inplaceInto: addcInplaceInto('addcdiv'),
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.self.sizes, args.tensor1.sizes, args.tensor2.sizes),
    dtype: resultType([args.self, args.tensor1, args.tensor2]),
  })),
  derivative: (F, { grad, self, tensor1, tensor2, value }) => ({
    self: F.sumTo(grad, F.sizes(self)),
    tensor1: F.sumTo(F.div(F.mul(grad, value), tensor2), F.sizes(tensor1)),
    tensor2: F.sumTo(F.div(F.mul(F.mul(F.neg(grad), value), tensor1), F.mul(tensor2, tensor2)), F.sizes(tensor2)),
  }),
  samples: (S) => {
    const d = (sizes: number[], layout: 'contiguous' | 'transposed' | 'strided' = 'contiguous') =>
      S.t(sizes, { low: 0.5, high: 3, layout });
    return [
      S.call('addcdiv', [S.randn([2, 3]), S.randn([2, 3]), d([2, 3])]),
      S.call('addcdiv', [S.randn([2, 3], 'transposed'), S.randn([3]), d([2, 1])], { value: S.float(0.5) }),
      S.call('addcdiv', [S.randn([3]), S.randn([2, 3], 'strided'), d([])], { value: -2 }),
      S.call('addcdiv', [S.randn([]), S.randn([]), d([])]),
      S.call('addcdiv', [S.randn([0, 3]), S.randn([3]), d([1, 3])]),
      S.call('addcdiv', [S.ints([2, 3]), S.randn([3]), d([2, 3])], { value: 2 }),
      S.call('addcdiv', [S.randn([2, 3]), S.ints([3]), d([2, 3])]),
      S.call('addcdiv', [S.ints([2, 3]), S.randn([3]), S.ints([2, 3], 1, 4)]),
      S.call('addcdiv', [S.randn([2, 3]), S.t([3], { dtype: 'float64' }), d([3])]),
      S.call('addcdiv', [S.randn([3]), S.randn([3]), S.of([0, -0, 1])]),
      S.error(
        'addcdiv',
        [S.ints([3]), S.ints([3]), S.ints([3], 1, 3)],
        'Integer division with addcdiv is no longer supported',
      ),
      S.error(
        'addcdiv',
        [S.randn([2, 3]), S.randn([4]), d([2, 3])],
        'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
      ),
      S.call('addcdiv_', [S.randn([2, 3]), S.randn([3]), d([2, 3])], { value: 3 }),
      S.call('addcdiv.out', [S.randn([2, 3]), S.randn([3]), d([2, 3])], { out: S.randn([0]) }),
    ];
  },
});
