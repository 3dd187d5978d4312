import { defineOp } from '../core/define-op.js';
import { scalarToNumber as num } from '../core/dtypes.js';
import { matrixPowerCompute } from './matrix-power.js';

// torch.linalg.matrix_power: the same op as matrix_power.
export const linalgMatrixPower = defineOp({
  schemas: [
    'aten::linalg_matrix_power(Tensor self, int n) -> Tensor',
    'aten::linalg_matrix_power.out(Tensor self, int n, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => matrixPowerCompute(ctx, args.self, num(args.n), 'linalg.matrix_power'),
  derivative: (F, { grad, self, n }) => {
    if (n <= 0) return { self: null };
    const at = F.transpose(self, -1, -2);
    let total = null;
    for (let k = 0; k < n; k++) {
      const term = F.matmul(F.matmul(F.matrixPower(at, k), grad), F.matrixPower(at, n - 1 - k));
      total = total === null ? term : F.add(total, term);
    }
    return { self: total };
  },
  samples: (S) => [
    S.call('linalg_matrix_power', [S.randn([3, 3]), 2]),
    S.call('linalg_matrix_power', [S.randn([2, 2, 2], 'transposed'), 3]),
    S.call('linalg_matrix_power', [S.ints([2, 2], -2, 3), 0]),
    S.call('linalg_matrix_power.out', [S.randn([2, 2]), 1], { out: S.randn([2, 2]) }),
    S.error(
      'linalg_matrix_power',
      [S.randn([3]), 2],
      'linalg.matrix_power: The input tensor A must have at least 2 dimensions.',
    ),
  ],
});
