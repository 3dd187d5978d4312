import { defineOp } from '../core/define-op.js';
import { resultType } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { addcCompute, addcInplaceInto } from '../groups/pointwise-ternary.js';

export const addcmul = defineOp({
  schemas: [
    'aten::addcmul(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor',
    'aten::addcmul.out(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::addcmul_(Tensor(a!) self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor(a!)',
  ],
  impl: (args, ctx) => addcCompute(ctx, 'addcmul', args.self, args.tensor1, args.tensor2, args.value),
  inplaceInto: addcInplaceInto('addcmul'),
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.self.sizes, args.tensor1.sizes, args.tensor2.sizes),
    dtype: resultType([args.self, args.tensor1, args.tensor2]),
  })),
  derivative: (F, { grad, self, tensor1, tensor2, value }) => ({
    self: F.sumTo(grad, F.sizes(self)),
    tensor1: F.sumTo(F.mul(F.mul(grad, tensor2), value), F.sizes(tensor1)),
    tensor2: F.sumTo(F.mul(F.mul(grad, tensor1), value), F.sizes(tensor2)),
  }),
  samples: (S) => [
    S.call('addcmul', [S.randn([2, 3]), S.randn([2, 3]), S.randn([2, 3])]),
    S.call('addcmul', [S.randn([2, 3], 'transposed'), S.randn([3]), S.randn([2, 1])], { value: S.float(0.5) }),
    S.call('addcmul', [S.randn([3]), S.randn([2, 3], 'strided'), S.randn([], 'contiguous')], { value: -2 }),
    S.call('addcmul', [S.randn([]), S.randn([]), S.randn([])]),
    S.call('addcmul', [S.randn([0, 3]), S.randn([3]), S.randn([1, 3])]),
    S.call('addcmul', [S.ints([2, 3]), S.ints([3]), S.ints([2, 3])], { value: 2 }),
    S.call('addcmul', [S.ints([2, 3]), S.ints([3]), S.ints([2, 3])], { value: S.float(2.5) }),
    S.call('addcmul', [S.randn([2, 3]), S.ints([3]), S.ints([2, 3])], { value: 2 }),
    S.call('addcmul', [S.randn([2, 3]), S.t([3], { dtype: 'float64' }), S.randn([3])]),
    S.call('addcmul', [S.ints([3], 0, 9, 'uint8'), S.ints([3], -3, 3, 'int8'), S.ints([3], 0, 4, 'uint8')]),
    S.error('addcmul', [S.bools([3]), S.bools([3]), S.bools([3])], '"addcmul_cpu_out" not implemented for \'Bool\''),
    S.error(
      'addcmul',
      [S.randn([2, 3]), S.randn([4]), S.randn([2, 3])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.call('addcmul_', [S.randn([2, 3]), S.randn([3]), S.randn([2, 3])], { value: 3 }),
    S.error('addcmul_', [S.ints([3]), S.randn([3]), S.randn([3])], "can't be cast to the desired output type"),
    S.call('addcmul.out', [S.randn([2, 3]), S.randn([3]), S.randn([2, 3])], { out: S.randn([0]) }),
  ],
});
