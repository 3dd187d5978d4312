import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { clone, expandTo, full } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { batchedProduct, viaFloat } from '../groups/matmul.js';

/** A^n by repeated squaring (n >= 0; negative powers need an inverse, which tsjit does not have). */
export function matrixPowerCompute(ctx: OpContext, a: TensorLike, n: number, name: string): TensorLike {
  const nd = a.sizes.length;
  if (nd < 2) throw new OpError(`${name}: The input tensor A must have at least 2 dimensions.`);
  if (a.sizes[nd - 1] !== a.sizes[nd - 2]) {
    throw new OpError(
      `${name}: A must be batches of square matrices, but they are ${a.sizes[nd - 2]} by ${a.sizes[nd - 1]} matrices`,
    );
  }
  if (n < 0) throw new OpError(`${name}: negative powers need a matrix inverse, which is not supported`);
  const k = a.sizes[nd - 1];
  if (n === 0) {
    return clone(ctx, expandTo(ctx, identity(ctx, k, a.dtype), a.sizes));
  }
  if (n === 1) return clone(ctx, a);
  if (a.dtype === 'bool' || a.dtype === 'float16') {
    throw new OpError(`"addmm_impl_cpu_" not implemented for '${a.dtype === 'bool' ? 'Bool' : 'Half'}'`);
  }
  return viaFloat(ctx, a.dtype, [a], ([x]) => {
    let result: TensorLike | null = null;
    let base = x;
    let e = n;
    while (e > 0) {
      if (e & 1) result = result === null ? base : batchedProduct(ctx, result, base);
      e >>= 1;
      if (e > 0) base = batchedProduct(ctx, base, base);
    }
    return result === x ? clone(ctx, x) : (result as TensorLike);
  });
}

function identity(ctx: OpContext, k: number, dtype: TensorLike['dtype']): TensorLike {
  const eye = full(ctx, [k, k], 0, dtype);
  if (k > 0) K.fill(ctx.view(eye, [k], [k + 1], eye.offset), 1);
  return eye;
}

export const matrixPower = defineOp({
  schemas: [
    'aten::matrix_power(Tensor self, int n) -> Tensor',
    'aten::matrix_power.out(Tensor self, int n, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => matrixPowerCompute(ctx, args.self, args.n, 'linalg.matrix_power'),
  // d(A^n) = sum_k A^k dA A^(n-1-k): grad_A = sum_k (A^T)^k grad (A^T)^(n-1-k).
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
    S.call('matrix_power', [S.randn([3, 3]), 2]),
    S.call('matrix_power', [S.randn([3, 3], 'transposed'), 3]),
    S.call('matrix_power', [S.randn([2, 2, 2]), 5]),
    S.call('matrix_power', [S.randn([2, 2]), 1]),
    S.call('matrix_power', [S.randn([2, 3, 3]), 0]),
    S.call('matrix_power', [S.ints([3, 3], -2, 3, 'int32'), 0]),
    S.call('matrix_power', [S.ints([2, 2], -2, 3), 3]),
    S.call('matrix_power', [S.t([2, 2], { dtype: 'float64' }), 4]),
    S.call('matrix_power', [S.randn([0, 2, 2]), 2]),
    S.call('matrix_power.out', [S.randn([2, 2]), 2], { out: S.randn([2, 2]) }),
    S.error(
      'matrix_power',
      [S.randn([2, 3]), 2],
      'linalg.matrix_power: A must be batches of square matrices, but they are 2 by 3 matrices',
    ),
  ],
});
