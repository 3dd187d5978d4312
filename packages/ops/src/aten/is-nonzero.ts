import { defineOp } from '../core/define-op.js';
import { itemNumber, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';

export const isNonzero = defineOp({
  schemas: ['aten::is_nonzero(Tensor self) -> bool'],
  impl: ({ self }, ctx) => {
    const n = numel(self.sizes);
    if (n === 0) throw new OpError('Boolean value of Tensor with no values is ambiguous');
    if (n > 1) throw new OpError('Boolean value of Tensor with more than one value is ambiguous');
    return itemNumber(ctx, self) !== 0;
  },
  nondifferentiable: 'returns a bool',
  samples: (S) => [
    S.call('is_nonzero', [S.of([0], [])]),
    S.call('is_nonzero', [S.of([-2], [1, 1], 'int64')]),
    S.call('is_nonzero', [S.of([Number.NaN], [1])]),
    S.call('is_nonzero', [S.t([], { dtype: 'bool', values: [true] })]),
    S.error('is_nonzero', [S.randn([2])], 'Boolean value of Tensor with more than one value is ambiguous'),
    S.error('is_nonzero', [S.randn([0])], 'Boolean value of Tensor with no values is ambiguous'),
  ],
});
