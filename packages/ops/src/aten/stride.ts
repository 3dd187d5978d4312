import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { querySamples } from '../groups/query-samples.js';

// size(dim) and stride(dim) do not wrap a 0-d tensor's dim as other ops do.
function dimOfTensor(dim: number, ndim: number): number {
  if (ndim === 0) throw new OpError(`Dimension specified as ${dim} but tensor has no dimensions`, 'IndexError');
  return normalizeDim(dim, ndim);
}

export const stride = defineOp({
  schemas: ['aten::stride.int(Tensor self, int dim) -> int', 'aten::stride(Tensor self) -> int[]'],
  impl: {
    int: ({ self, dim }) => self.strides[dimOfTensor(dim, self.sizes.length)],
    '': ({ self }) => [...self.strides],
  },
  nondifferentiable: 'returns strides',
  samples: (S) => [
    ...querySamples(S, 'stride'),
    S.call('stride.int', [S.randn([4, 3], 'transposed'), 0]),
    S.call('stride.int', [S.randn([2, 3, 4]), -1]),
    S.error(
      'stride.int',
      [S.randn([2, 3]), -3],
      'Dimension out of range (expected to be in range of [-2, 1], but got -3)',
    ),
  ],
});
