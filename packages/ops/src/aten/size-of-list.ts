import { defineOp } from '../core/define-op.js';

/** torch.Size(list): the list of sizes itself. */
export const Size = defineOp({
  schemas: ['aten::Size(int[] sizes) -> int[]'],
  impl: ({ sizes }) => [...sizes],
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('Size', [[2, 3]]), S.call('Size', [[]])],
});
