import { defineOp } from '../core/define-op.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { clampGradients, clampSideSamples } from '../groups/pointwise-clamp.js';
import { clampCompute, clampDtype, clampSizes } from '../groups/pointwise-ternary.js';

export const clampMin = defineOp({
  schemas: [
    'aten::clamp_min(Tensor self, Scalar min) -> Tensor',
    'aten::clamp_min.Tensor(Tensor self, Tensor min) -> Tensor',
    'aten::clamp_min.out(Tensor self, Scalar min, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::clamp_min.Tensor_out(Tensor self, Tensor min, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::clamp_min_(Tensor(a!) self, Scalar min) -> Tensor(a!)',
    'aten::clamp_min_.Tensor(Tensor(a!) self, Tensor min) -> Tensor(a!)',
  ],
  impl: (args, ctx) => clampCompute(ctx, args.self, args.min, null),
  meta: mutatingMeta((args) => ({
    sizes: clampSizes(args.self, args.min, null),
    dtype: clampDtype(args.self, args.min, null),
  })),
  derivative: (F, { grad, self, min }) => clampGradients(F, grad, self, min, null),
  samples: (S) => clampSideSamples(S, 'clamp_min'),
});
