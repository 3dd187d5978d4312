import { defineOp } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { querySamples } from '../groups/query-samples.js';

export const isFloatingPoint = defineOp({
  schemas: ['aten::is_floating_point(Tensor self) -> bool'],
  impl: ({ self }) => isFloatingDtype(self.dtype),
  nondifferentiable: 'returns a dtype property',
  samples: (S) => [
    ...querySamples(S, 'is_floating_point'),
    ...(['float64', 'float16', 'bfloat16', 'int32', 'uint8'] as const).map((dtype) =>
      S.call('is_floating_point', [S.t([2], { dtype })]),
    ),
  ],
});
