import { defineOp } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { itemNumber } from '../core/helpers.js';
import { FloatScalar } from '../core/tensor-like.js';

export const item = defineOp({
  schemas: ['aten::item(Tensor self) -> Scalar'],
  // A float tensor gives a Python float (kept a float when integral), a bool tensor a bool.
  impl: ({ self }, ctx) => {
    const v = itemNumber(ctx, self);
    if (self.dtype === 'bool') return v !== 0;
    return isFloatingDtype(self.dtype) ? new FloatScalar(v) : v;
  },
  nondifferentiable: 'returns a Python number',
  samples: (S) => [
    S.call('item', [S.randn([])]),
    S.call('item', [S.randn([1, 1])]),
    S.call('item', [S.t([1], { dtype: 'int64' })]),
    S.call('item', [S.t([], { dtype: 'bool' })]),
    S.call('item', [S.of([2], [1], 'float64')]),
    S.error('item', [S.randn([2])], 'a Tensor with 2 elements cannot be converted to Scalar'),
  ],
});
