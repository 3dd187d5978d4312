import { defineOp } from '../core/define-op.js';
import type { TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl } from '../groups/factory.js';
import { randTensor } from './rand.js';

export const randLike = defineOp({
  schemas: [
    'aten::rand_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor',
    'aten::rand_like.out(Tensor self, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => randTensor(ctx, (args.self as TensorLike).sizes, factoryDtype(args, args.self.dtype), null),
    out: outImpl((args, ctx, dtype) => randTensor(ctx, (args.self as TensorLike).sizes, dtype, null), 'rand_like.out'),
  },
  meta: { '': (args) => ({ sizes: args.self.sizes, dtype: factoryDtype(args, args.self.dtype) }) },
  nondifferentiable: 'random: does not depend on the values of self',
  samples: (S) => [
    S.call('rand_like', [S.randn([2, 3])], undefined, { check: 'meta' }),
    S.call('rand_like', [S.randn([3, 2], 'transposed')], undefined, { check: 'meta' }),
    S.call('rand_like', [S.randn([])], undefined, { check: 'meta' }),
    S.call('rand_like', [S.t([0, 2], { dtype: 'float64' })], undefined, { check: 'meta' }),
    S.call('rand_like', [S.ints([3])], { dtype: 'float32', device: 'cpu' }, { check: 'meta' }),
    S.call('rand_like.out', [S.randn([2])], { out: S.randn([1]) }, { check: 'meta' }),
    S.error('rand_like', [S.ints([3])], `"check_uniform_bounds" not implemented for 'Long'`),
  ],
});
