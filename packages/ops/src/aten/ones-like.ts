import { defineOp } from '../core/define-op.js';
import { full } from '../core/helpers.js';
import type { TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl } from '../groups/factory.js';

// The result is contiguous (memory_format=preserve keeps strides in PyTorch; values are the same).
export const onesLike = defineOp({
  schemas: [
    'aten::ones_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor',
    'aten::ones_like.out(Tensor self, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => full(ctx, (args.self as TensorLike).sizes, 1, factoryDtype(args, args.self.dtype)),
    out: outImpl((args, ctx, dtype) => full(ctx, (args.self as TensorLike).sizes, 1, dtype), 'ones_like.out'),
  },
  meta: { '': (args) => ({ sizes: args.self.sizes, dtype: factoryDtype(args, args.self.dtype) }) },
  nondifferentiable: 'the result does not depend on the values of self',
  samples: (S) => [
    S.call('ones_like', [S.randn([2, 3])]),
    S.call('ones_like', [S.randn([3, 2], 'transposed')]),
    S.call('ones_like', [S.randn([])]),
    S.call('ones_like', [S.randn([0, 3])]),
    S.call('ones_like', [S.ints([4])]),
    S.call('ones_like', [S.bools([2, 2])]),
    S.call('ones_like', [S.randn([2, 3])], { dtype: 'int64', device: 'cpu' }),
    S.call('ones_like', [S.ints([2])], { dtype: 'float64' }),
    S.call('ones_like.out', [S.randn([2, 3])], { out: S.randn([1]) }),
  ],
});
