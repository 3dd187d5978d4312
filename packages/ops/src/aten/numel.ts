import { defineOp } from '../core/define-op.js';
import { numel as count } from '../core/helpers.js';
import { querySamples } from '../groups/query-samples.js';

export const numel = defineOp({
  schemas: ['aten::numel(Tensor self) -> int'],
  impl: ({ self }) => count(self.sizes),
  nondifferentiable: 'returns the number of elements',
  samples: (S) => [...querySamples(S, 'numel'), S.call('numel', [S.randn([])])],
});
