import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { full } from '../core/helpers.js';
import type { TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl } from '../groups/factory.js';

// The dtype is self's (not inferred from the fill value, unlike full).
export const fullLike = defineOp({
  schemas: [
    'aten::full_like(Tensor self, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor',
    'aten::full_like.out(Tensor self, Scalar fill_value, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) =>
      full(ctx, (args.self as TensorLike).sizes, scalarToNumber(args.fill_value), factoryDtype(args, args.self.dtype)),
    out: outImpl(
      (args, ctx, dtype) => full(ctx, (args.self as TensorLike).sizes, scalarToNumber(args.fill_value), dtype),
      'full_like.out',
    ),
  },
  meta: { '': (args) => ({ sizes: args.self.sizes, dtype: factoryDtype(args, args.self.dtype) }) },
  nondifferentiable: 'the result does not depend on the values of self',
  samples: (S) => [
    S.call('full_like', [S.randn([2, 3]), 2]),
    S.call('full_like', [S.randn([3, 2], 'transposed'), S.float(-1.5)]),
    S.call('full_like', [S.ints([3]), 2.75]),
    S.call('full_like', [S.bools([2]), true]),
    S.call('full_like', [S.randn([]), 4]),
    S.call('full_like', [S.randn([0])], { fill_value: 1 }),
    S.call('full_like', [S.ints([2]), 1.5], { dtype: 'float64', device: 'cpu' }),
    S.call('full_like.out', [S.randn([2]), 3], { out: S.ints([2]) }),
  ],
});
