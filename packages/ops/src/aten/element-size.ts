import { itemSize } from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { querySamples } from '../groups/query-samples.js';

export const elementSize = defineOp({
  schemas: ['aten::element_size(Tensor self) -> int'],
  impl: ({ self }) => itemSize[self.dtype as keyof typeof itemSize],
  nondifferentiable: 'returns a dtype property',
  samples: (S) => [
    ...querySamples(S, 'element_size'),
    ...(['float64', 'float16', 'int16', 'int8'] as const).map((dtype) => S.call('element_size', [S.t([2], { dtype })])),
  ],
});
