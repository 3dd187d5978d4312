import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, isFloatingDtype } from '../core/dtypes.js';
import { toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { checkHalf, reduceDims, reduceMeta, reduceWith, restoreReduced } from '../groups/reduce.js';
import { reduceSamples } from '../groups/reduce-samples.js';

export const logsumexp = defineOp({
  schemas: [
    'aten::logsumexp(Tensor self, int[1] dim, bool keepdim=False) -> Tensor',
    'aten::logsumexp.out(Tensor self, int[1] dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    // Integral and bool inputs are computed in the default float dtype.
    const x = isFloatingDtype(args.self.dtype) ? args.self : toDtype(ctx, args.self, DEFAULT_FLOAT);
    checkHalf('exp_vml_cpu', x.dtype);
    if (Array.isArray(args.dim) && args.dim.length === 0 && args.keepdim !== true && x.sizes.length > 0) {
      // PyTorch 1.13 computes dim=[] with keepdim and then fails to write it into the 0-d result.
      throw new OpError(`output with shape [] doesn't match the broadcast shape [${x.sizes.map(() => 1).join(', ')}]`);
    }
    return reduceWith(ctx, K.logsumexp, x, reduceDims(args.dim, x.sizes.length), args.keepdim === true, x.dtype);
  },
  meta: reduceMeta((args) => (isFloatingDtype(args.self.dtype) ? args.self.dtype : DEFAULT_FLOAT)),
  derivative: (F, { grad, self, result, dim, keepdim }) => {
    const sizes = F.sizes(self);
    const g = restoreReduced(F, grad, sizes, dim, keepdim === true);
    const r = restoreReduced(F, result, sizes, dim, keepdim === true);
    return { self: F.mul(g, F.exp(F.sub(self, r))) };
  },
  samples: (S) => [
    ...reduceSamples(S, { dim: 'logsumexp', dtypes: ['float64', 'int64', 'bool', 'bfloat16'], emptyAllQuirk: true }),
    S.error('logsumexp', [S.t([3], { dtype: 'float16' }), [0]], `"exp_vml_cpu" not implemented for 'Half'`),
    S.call('logsumexp', [S.of([1000, 1000, -1000, Number.NEGATIVE_INFINITY], [2, 2]), [1]]),
    S.call('logsumexp', [
      S.of([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 1, Number.POSITIVE_INFINITY], [2, 2]),
      [1],
    ]),
    S.call('logsumexp.out', [S.randn([3, 4]), [1]], { out: S.randn([3]) }),
  ],
});
