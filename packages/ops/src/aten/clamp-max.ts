import { defineOp } from '../core/define-op.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { clampGradients, clampSideSamples } from '../groups/pointwise-clamp.js';
import { clampCompute, clampDtype, clampSizes } from '../groups/pointwise-ternary.js';

export const clampMax = defineOp({
  schemas: [
    'aten::clamp_max(Tensor self, Scalar max) -> Tensor',
    'aten::clamp_max.Tensor(Tensor self, Tensor max) -> Tensor',
    'aten::clamp_max.out(Tensor self, Scalar max, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::clamp_max.Tensor_out(Tensor self, Tensor max, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::clamp_max_(Tensor(a!) self, Scalar max) -> Tensor(a!)',
    'aten::clamp_max_.Tensor(Tensor(a!) self, Tensor max) -> Tensor(a!)',
  ],
  impl: (args, ctx) => clampCompute(ctx, args.self, null, args.max),
  meta: mutatingMeta((args) => ({
    sizes: clampSizes(args.self, args.max, null),
    dtype: clampDtype(args.self, null, args.max),
  })),
  derivative: (F, { grad, self, max }) => clampGradients(F, grad, self, null, max),
  samples: (S) => clampSideSamples(S, 'clamp_max'),
});
