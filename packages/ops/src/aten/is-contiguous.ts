import { defineOp } from '../core/define-op.js';
import { isContiguous as contiguous } from '../core/helpers.js';
import { querySamples } from '../groups/query-samples.js';

export const isContiguous = defineOp({
  schemas: ['aten::is_contiguous(Tensor self) -> bool'],
  impl: ({ self }) => contiguous(self),
  nondifferentiable: 'returns a layout property',
  samples: (S) => [
    ...querySamples(S, 'is_contiguous'),
    S.call('is_contiguous', [S.randn([1, 3], 'transposed')]),
    S.call('is_contiguous', [S.randn([3], 'offset')]),
  ],
});
