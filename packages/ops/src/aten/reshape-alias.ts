import { defineOp } from '../core/define-op.js';
import { intList } from '../groups/views.js';

export const reshapeAlias = defineOp({
  schemas: ['aten::_reshape_alias(Tensor(a) self, SymInt[] size, SymInt[] stride) -> Tensor(a)'],
  // PyTorch's internal fast path of reshape: the caller computed valid strides, nothing is checked.
  impl: ({ self, size, stride }, ctx) => ctx.view(self, intList(size), intList(stride), self.offset),
  meta: ({ self, size }) => ({ sizes: intList(size), dtype: self.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('_reshape_alias', [S.randn([2, 3]), [3, 2], [2, 1]]),
    S.call('_reshape_alias', [S.randn([2, 3]), [2, 3, 1], [3, 1, 1]]),
    S.call('_reshape_alias', [S.randn([4], 'offset'), [2, 2], [2, 1]]),
    S.call('_reshape_alias', [S.randn([]), [1, 1], [1, 1]]),
  ],
});
