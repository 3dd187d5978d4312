import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import { addProduct, checkMm, productDtype, viaFloat } from '../groups/matmul.js';

export const addmm = defineOp({
  schemas: [
    'aten::addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor',
    'aten::addmm.out(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::addmm_(Tensor(a!) self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const { self, mat1, mat2 } = args;
    checkMm(mat1, mat2);
    const dtype = productDtype(mat1, mat2);
    if (self.dtype !== dtype) throw new OpError('self and mat2 must have the same dtype');
    return viaFloat(ctx, dtype, [self, mat1, mat2], ([s, a, b]) =>
      addProduct(ctx, s, a, b, scalarToNumber(args.beta), scalarToNumber(args.alpha)),
    );
  },
  derivative: (F, { grad, self, mat1, mat2, beta, alpha }) => ({
    self: F.sumTo(beta === 1 ? grad : F.mul(grad, beta), F.sizes(self)),
    mat1: alpha === 1 ? F.mm(grad, F.t(mat2)) : F.mul(F.mm(grad, F.t(mat2)), alpha),
    mat2: alpha === 1 ? F.mm(F.t(mat1), grad) : F.mul(F.mm(F.t(mat1), grad), alpha),
  }),
  samples: (S) => [
    S.call('addmm', [S.randn([2, 4]), S.randn([2, 3]), S.randn([3, 4])]),
    S.call('addmm', [S.randn([4]), S.randn([2, 3]), S.randn([3, 4])]),
    S.call('addmm', [S.randn([]), S.randn([3, 2], 'transposed'), S.randn([2, 3], 'strided')]),
    S.call('addmm', [S.randn([2, 1]), S.randn([2, 3]), S.randn([3, 2])], { beta: S.float(0.5), alpha: 2 }),
    S.call('addmm', [S.of([Number.NaN, 1]), S.randn([2, 3]), S.randn([3, 2])], { beta: 0 }),
    S.call(
      'addmm',
      [S.t([2, 2], { dtype: 'float64' }), S.t([2, 3], { dtype: 'float64' }), S.t([3, 2], { dtype: 'float64' })],
      { alpha: S.float(-1.5) },
    ),
    S.call('addmm', [S.ints([2, 2]), S.ints([2, 3]), S.ints([3, 2])], { beta: 2, alpha: 3 }),
    S.call('addmm', [S.randn([2, 0]), S.randn([2, 3]), S.randn([3, 0])]),
    S.call('addmm', [S.randn([2, 2]), S.randn([2, 0]), S.randn([0, 2])]),
    S.call('addmm_', [S.randn([2, 4]), S.randn([2, 3]), S.randn([3, 4])], { alpha: 2 }),
    S.call('addmm.out', [S.randn([4]), S.randn([2, 3]), S.randn([3, 4])], { out: S.randn([2, 4]) }),
    S.error(
      'addmm',
      [S.randn([2, 2]), S.randn([2, 3]), S.randn([3, 3])],
      'The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 1',
    ),
    S.error(
      'addmm',
      [S.randn([2, 2]), S.randn([2, 3]), S.randn([4, 2])],
      'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x2)',
    ),
    S.error(
      'addmm',
      [S.t([2, 3], { dtype: 'float64' }), S.randn([2, 3]), S.randn([3, 3])],
      'self and mat2 must have the same dtype',
    ),
  ],
});
