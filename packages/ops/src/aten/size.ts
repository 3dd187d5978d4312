import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { querySamples } from '../groups/query-samples.js';

// size(dim) and stride(dim) do not wrap a 0-d tensor's dim as other ops do.
function dimOfTensor(dim: number, ndim: number): number {
  if (ndim === 0) throw new OpError(`Dimension specified as ${dim} but tensor has no dimensions`, 'IndexError');
  return normalizeDim(dim, ndim);
}

export const size = defineOp({
  schemas: ['aten::size.int(Tensor self, int dim) -> int', 'aten::size(Tensor self) -> int[]'],
  impl: {
    int: ({ self, dim }) => self.sizes[dimOfTensor(dim, self.sizes.length)],
    '': ({ self }) => [...self.sizes],
  },
  nondifferentiable: 'returns sizes',
  samples: (S) => [
    ...querySamples(S, 'size'),
    S.call('size.int', [S.randn([2, 3, 4]), 1]),
    S.call('size.int', [S.randn([2, 3, 4]), -1]),
    S.error('size.int', [S.randn([2, 3]), 2], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
    S.error('size.int', [S.randn([]), 0], 'Dimension specified as 0 but tensor has no dimensions'),
    S.error('size.int', [S.randn([]), -1], 'Dimension specified as -1 but tensor has no dimensions'),
  ],
});
