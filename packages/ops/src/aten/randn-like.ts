import { defineOp } from '../core/define-op.js';
import type { TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl } from '../groups/factory.js';
import { randnTensor } from './randn.js';

export const randnLike = defineOp({
  schemas: [
    'aten::randn_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor',
    'aten::randn_like.out(Tensor self, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => randnTensor(ctx, (args.self as TensorLike).sizes, factoryDtype(args, args.self.dtype), null),
    out: outImpl(
      (args, ctx, dtype) => randnTensor(ctx, (args.self as TensorLike).sizes, dtype, null),
      'randn_like.out',
    ),
  },
  meta: { '': (args) => ({ sizes: args.self.sizes, dtype: factoryDtype(args, args.self.dtype) }) },
  nondifferentiable: 'random: does not depend on the values of self',
  samples: (S) => [
    S.call('randn_like', [S.randn([2, 3])], undefined, { check: 'meta' }),
    S.call('randn_like', [S.randn([4, 5], 'transposed')], undefined, { check: 'meta' }),
    S.call('randn_like', [S.randn([])], undefined, { check: 'meta' }),
    S.call('randn_like', [S.t([0, 2], { dtype: 'float64' })], undefined, { check: 'meta' }),
    S.call('randn_like', [S.ints([3])], { dtype: 'float64', device: 'cpu' }, { check: 'meta' }),
    S.call('randn_like.out', [S.randn([2])], { out: S.randn([1]) }, { check: 'meta' }),
    S.error('randn_like', [S.ints([3])], `"normal_kernel_cpu" not implemented for 'Long'`),
  ],
});
