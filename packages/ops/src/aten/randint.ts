import { defineOp } from '../core/define-op.js';
import type { DType } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl, sizedMeta, sizeList, tensorOfValues } from '../groups/factory.js';
import { randintValues } from '../groups/random.js';

// [min, max] and C++ name of the small integer types, for PyTorch's bounds checks.
const BOUNDS: Partial<Record<DType, [number, number, string]>> = {
  bool: [0, 1, 'bool'],
  uint8: [0, 255, 'unsigned char'],
  int8: [-128, 127, 'signed char'],
  int16: [-32768, 32767, 'short'],
  int32: [-(2 ** 31), 2 ** 31 - 1, 'int'],
};

export function randintTensor(
  ctx: OpContext,
  low: number,
  high: number,
  sizes: readonly number[],
  dtype: DType,
  generator: unknown,
): TensorLike {
  if (!(low < high)) {
    throw new OpError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  }
  const bounds = BOUNDS[dtype];
  if (bounds) {
    if (low < bounds[0] || low > bounds[1]) throw new OpError(`from is out of bounds for ${bounds[2]}`);
    if (high - 1 < bounds[0] || high - 1 > bounds[1]) throw new OpError(`to - 1 is out of bounds for ${bounds[2]}`);
  }
  return tensorOfValues(ctx, sizes, dtype, randintValues(generatorOf(generator), numel(sizes), low, high));
}

const functional = (args: OpArgs, ctx: OpContext) =>
  randintTensor(ctx, args.low ?? 0, args.high, sizeList(args.size), factoryDtype(args, 'int64'), args.generator);
const out = outImpl(
  (args, ctx, dtype) => randintTensor(ctx, args.low ?? 0, args.high, sizeList(args.size), dtype, args.generator),
  'randint.out',
);
const meta = sizedMeta('size', (args) => factoryDtype(args, 'int64'));

export const randint = defineOp({
  schemas: [
    'aten::randint(int high, int[] size, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randint.generator(int high, int[] size, *, Generator? generator, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randint.low(int low, int high, int[] size, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randint.low_generator(int low, int high, int[] size, *, Generator? generator, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randint.out(int high, int[] size, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::randint.generator_out(int high, int[] size, *, Generator? generator, Tensor(a!) out) -> Tensor(a!)',
    'aten::randint.low_out(int low, int high, int[] size, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::randint.low_generator_out(int low, int high, int[] size, *, Generator? generator, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': functional,
    generator: functional,
    low: functional,
    low_generator: functional,
    out,
    generator_out: out,
    low_out: out,
    low_generator_out: out,
  },
  meta: { '': meta, generator: meta, low: meta, low_generator: meta },
  nondifferentiable: 'random integers',
  samples: (S) => [
    S.call('randint', [10, [2, 3]], undefined, { check: 'meta' }),
    S.call('randint', [3, []], undefined, { check: 'meta' }),
    S.call('randint', [3, [0]], undefined, { check: 'meta' }),
    S.call('randint', [5, [4]], { dtype: 'float32', device: 'cpu' }, { check: 'meta' }),
    S.call('randint', [2, [4]], { dtype: 'bool' }, { check: 'meta' }),
    S.call('randint.generator', [5, [4]], { generator: null }, { check: 'meta' }),
    S.call('randint.low', [-3, 3, [2, 2]], undefined, { check: 'meta' }),
    S.call('randint.low', [0, 2 ** 40, [3]], undefined, { check: 'meta' }),
    S.call('randint.low', [0, 255, [3]], { dtype: 'uint8' }, { check: 'meta' }),
    S.call('randint.low_generator', [1, 3, [2]], { generator: null, dtype: 'int32' }, { check: 'meta' }),
    S.call('randint.out', [7, [3]], { out: S.ints([1]) }, { check: 'meta' }),
    S.call('randint.generator_out', [7, [3]], { generator: null, out: S.ints([3]) }, { check: 'meta' }),
    S.call('randint.low_out', [2, 7, [3]], { out: S.randn([3]) }, { check: 'meta' }),
    S.call('randint.low_generator_out', [2, 7, [2]], { generator: null, out: S.ints([2]) }, { check: 'meta' }),
    S.error('randint.low', [5, 5, [2]], "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"),
    S.error('randint.low', [0, 300, [2]], 'to - 1 is out of bounds for unsigned char', { dtype: 'uint8' }),
    S.error('randint', [3, [2]], 'to - 1 is out of bounds for bool', { dtype: 'bool' }),
  ],
});
