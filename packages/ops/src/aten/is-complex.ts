import { defineOp } from '../core/define-op.js';
import { querySamples } from '../groups/query-samples.js';

export const isComplex = defineOp({
  schemas: ['aten::is_complex(Tensor self) -> bool'],
  // tsjit has no complex dtypes.
  impl: () => false,
  nondifferentiable: 'returns a dtype property',
  samples: (S) => querySamples(S, 'is_complex'),
});
