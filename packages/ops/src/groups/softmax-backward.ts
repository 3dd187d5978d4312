/** _softmax_backward_data / _log_softmax_backward_data on kernels. */

import type { ImplFn, MetaFn } from '../core/define-op.js';
import { type DType, toDtype as dtypeOf, promoteTypes } from '../core/dtypes.js';
import { normalizeDim, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { requireFloating } from './activation.js';
import { Calc } from './nn-math.js';

function resultDtype(grad: DType, inputDtype: DType): DType {
  // Only a half input whose softmax ran in float (half_to_float) gets a result of another dtype.
  return (inputDtype === 'float16' || inputDtype === 'bfloat16') && grad === 'float32' ? inputDtype : grad;
}

export function softmaxBackwardImpl(log: boolean): { impl: ImplFn; meta: MetaFn } {
  return {
    impl: (args, ctx) => {
      const { grad_output: g0, output: y0 } = args;
      const dtype = requireFloating(
        promoteTypes(g0.dtype, y0.dtype),
        log ? 'log_softmax_backward_lastdim_kernel_impl' : 'softmax_backward_lastdim_kernel_impl',
      );
      if (g0.sizes.length !== y0.sizes.length || g0.sizes.some((n: number, i: number) => n !== y0.sizes[i])) {
        throw new OpError(
          `The size of tensor a (${g0.sizes.at(-1)}) must match the size of tensor b (${y0.sizes.at(-1)}) at non-singleton dimension ${g0.sizes.length - 1}`,
        );
      }
      const d = normalizeDim(args.dim, g0.sizes.length);
      const c = new Calc(ctx, dtype);
      const dims = g0.sizes.length === 0 ? null : [d];
      const g = c.t(g0);
      const y = c.t(y0);
      const out = log
        ? c.sub(g, c.mul(c.un('exp', y), c.sum(g, dims, true)))
        : c.mul(y, c.sub(g, c.sum(c.mul(g, y), dims, true)));
      const want = resultDtype(g0.dtype, dtypeOf(args.input_dtype));
      return toDtype(ctx, out.sizes.length === g0.sizes.length ? out : c.reshape(out, g0.sizes), want);
    },
    meta: (args) => ({
      sizes: args.grad_output.sizes,
      dtype: resultDtype(args.grad_output.dtype, dtypeOf(args.input_dtype)),
    }),
  };
}
