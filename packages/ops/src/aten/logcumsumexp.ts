import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName, isFloatingDtype } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { Functions } from '../core/tensor-like.js';
import { checkHalf, oneDim, type Value } from '../groups/reduce.js';
import { reverseScan, scanDim, scanSamples } from '../groups/scan.js';

/**
 * grad_i = sum_{j >= i} g_j exp(x_i - out_j), computed in log space with the positive and negative
 * parts of g apart (log of a negative number has no value); a huge negative log stands for log 0.
 */
function logcumsumexpBackward(F: Functions, g: Value, x: Value, result: Value, dim: number): Value {
  const logAbs = F.log(F.abs(g));
  const logZero = -1e30;
  const positive = F.where(F.gt(g, 0), logAbs, logZero);
  const negative = F.where(F.lt(g, 0), logAbs, logZero);
  const part = (logG: Value) =>
    F.exp(
      F.add(
        reverseScan(F, F.sub(logG, result), dim, (u) => F.logcumsumexp(u, dim)),
        x,
      ),
    );
  return F.sub(part(positive), part(negative));
}

export const logcumsumexp = defineOp({
  schemas: [
    'aten::logcumsumexp(Tensor self, int dim) -> Tensor',
    'aten::logcumsumexp.out(Tensor self, int dim, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const self = args.self;
    const d = oneDim(args.dim, self.sizes.length);
    if (!isFloatingDtype(self.dtype)) {
      throw new OpError(`"logcumsumexp_out_cpu" not implemented for '${cppDtypeName(self.dtype)}'`);
    }
    checkHalf('logcumsumexp_out_cpu', self.dtype);
    const out = ctx.empty(self.sizes, self.dtype);
    K.logcumsumexp(out, self, d);
    return out;
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, self, result, dim }) => {
    const d = scanDim(F, self, dim);
    return { self: d === null ? grad : logcumsumexpBackward(F, grad, self, result, d) };
  },
  samples: (S) => [
    ...scanSamples(S, 'logcumsumexp', { dtypes: ['float64', 'bfloat16'] }),
    S.call('logcumsumexp', [S.of([1000, 1000, -1000, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0]), 0]),
    S.error('logcumsumexp', [S.ints([3]), 0], `"logcumsumexp_out_cpu" not implemented for 'Long'`),
    S.error('logcumsumexp', [S.t([3], { dtype: 'float16' }), 0], `"logcumsumexp_out_cpu" not implemented for 'Half'`),
  ],
});
