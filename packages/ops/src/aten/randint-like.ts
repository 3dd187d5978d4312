import { defineOp } from '../core/define-op.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl } from '../groups/factory.js';
import { randintTensor } from './randint.js';

const functional = (args: OpArgs, ctx: OpContext) =>
  randintTensor(
    ctx,
    args.low ?? 0,
    args.high,
    (args.self as TensorLike).sizes,
    factoryDtype(args, args.self.dtype),
    null,
  );
const out = outImpl(
  (args, ctx, dtype) => randintTensor(ctx, args.low ?? 0, args.high, (args.self as TensorLike).sizes, dtype, null),
  'randint_like.out',
);
const meta = (args: OpArgs) => ({ sizes: args.self.sizes, dtype: factoryDtype(args, args.self.dtype) });

export const randintLike = defineOp({
  schemas: [
    'aten::randint_like(Tensor self, int high, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor',
    'aten::randint_like.low_dtype(Tensor self, int low, int high, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor',
    'aten::randint_like.out(Tensor self, int high, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::randint_like.low_dtype_out(Tensor self, int low, int high, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: { '': functional, low_dtype: functional, out, low_dtype_out: out },
  meta: { '': meta, low_dtype: meta },
  nondifferentiable: 'random integers',
  samples: (S) => [
    S.call('randint_like', [S.ints([2, 3]), 10], undefined, { check: 'meta' }),
    S.call('randint_like', [S.randn([3, 2], 'transposed'), 4], undefined, { check: 'meta' }),
    S.call('randint_like', [S.ints([]), 4], { dtype: 'int32', device: 'cpu' }, { check: 'meta' }),
    S.call('randint_like.low_dtype', [S.ints([4]), -2, 2], undefined, { check: 'meta' }),
    S.call('randint_like.low_dtype', [S.ints([0]), -2, 2], { dtype: 'float64' }, { check: 'meta' }),
    S.call('randint_like.out', [S.ints([2]), 3], { out: S.ints([1]) }, { check: 'meta' }),
    S.call('randint_like.low_dtype_out', [S.ints([2]), 1, 3], { out: S.ints([2]) }, { check: 'meta' }),
    S.error(
      'randint_like.low_dtype',
      [S.ints([2]), 3, 3],
      "random_ expects 'from' to be less than 'to', but got from=3 >= to=3",
    ),
  ],
});
