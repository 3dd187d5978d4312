import { defineOp } from '../core/define-op.js';
import { rangeLength } from '../groups/py-math.js';

/** len(range(lo, hi, step)). */
export const __rangeLength = defineOp({
  schemas: ['aten::__range_length(int lo, int hi, int step) -> int'],
  impl: rangeLength,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('__range_length', [0, 10, 3]),
    S.call('__range_length', [10, 0, -3]),
    S.call('__range_length', [5, 2, 1]),
    S.error('__range_length', [0, 10, 0], 'range() arg 3 must not be zero'),
  ],
});
