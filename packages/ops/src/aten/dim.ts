import { defineOp } from '../core/define-op.js';
import { querySamples } from '../groups/query-samples.js';

export const dim = defineOp({
  schemas: ['aten::dim(Tensor self) -> int'],
  impl: ({ self }) => self.sizes.length,
  nondifferentiable: 'returns the number of dimensions',
  samples: (S) => [...querySamples(S, 'dim'), S.call('dim', [S.randn([])])],
});
