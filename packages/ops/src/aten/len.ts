import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { querySamples } from '../groups/query-samples.js';

export const len = defineOp({
  schemas: ['aten::len.Tensor(Tensor t) -> int'],
  impl: ({ t }) => {
    if (t.sizes.length === 0) throw new OpError('len() of a 0-d tensor', 'TypeError');
    return t.sizes[0];
  },
  nondifferentiable: 'returns a size',
  samples: (S) => [...querySamples(S, 'len.Tensor'), S.error('len.Tensor', [S.randn([])], 'len() of a 0-d tensor')],
});
