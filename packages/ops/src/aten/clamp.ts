import { defineOp, type ImplFn } from '../core/define-op.js';
import { mutatingMeta, sameDtypeOutImpl } from '../groups/pointwise.js';
import { clampGradients, clampSamples } from '../groups/pointwise-clamp.js';
import { clampCompute, clampDtype, clampSizes } from '../groups/pointwise-ternary.js';

const impl: ImplFn = (args, ctx) => clampCompute(ctx, args.self, args.min, args.max);

export const clamp = defineOp({
  schemas: [
    'aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor',
    'aten::clamp.Tensor(Tensor self, Tensor? min=None, Tensor? max=None) -> Tensor',
    'aten::clamp.out(Tensor self, Scalar? min=None, Scalar? max=None, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::clamp.Tensor_out(Tensor self, Tensor? min=None, Tensor? max=None, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::clamp_(Tensor(a!) self, Scalar? min=None, Scalar? max=None) -> Tensor(a!)',
    'aten::clamp_.Tensor(Tensor(a!) self, Tensor? min=None, Tensor? max=None) -> Tensor(a!)',
  ],
  // PyTorch's scalar-bound kernel does not cast into out.
  impl: { '': impl, Tensor: impl, 'clamp.out': sameDtypeOutImpl(impl) },
  meta: mutatingMeta((args) => ({
    sizes: clampSizes(args.self, args.min, args.max),
    dtype: clampDtype(args.self, args.min, args.max),
  })),
  derivative: (F, { grad, self, min, max }) => clampGradients(F, grad, self, min, max),
  samples: (S) => clampSamples(S, 'clamp'),
});
