import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, type DType } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { numel } from '../core/helpers.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl, sizedMeta, sizeList, tensorOfValues } from '../groups/factory.js';
import { checkFloating, uniformValues } from '../groups/random.js';

export function randTensor(ctx: OpContext, sizes: readonly number[], dtype: DType, generator: unknown): TensorLike {
  checkFloating(dtype, 'check_uniform_bounds');
  return tensorOfValues(ctx, sizes, dtype, uniformValues(generatorOf(generator), numel(sizes), dtype, 0, 1));
}

const functional = (args: OpArgs, ctx: OpContext) =>
  randTensor(ctx, sizeList(args.size), factoryDtype(args, DEFAULT_FLOAT), args.generator);
const out = outImpl((args, ctx, dtype) => randTensor(ctx, sizeList(args.size), dtype, args.generator), 'rand.out');
const meta = sizedMeta('size', (args) => factoryDtype(args, DEFAULT_FLOAT));

export const rand = defineOp({
  schemas: [
    'aten::rand(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::rand.generator(int[] size, *, Generator? generator, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::rand.out(int[] size, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::rand.generator_out(int[] size, *, Generator? generator, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: { '': functional, generator: functional, out, generator_out: out },
  meta: { '': meta, generator: meta },
  nondifferentiable: 'random: no tensor inputs',
  samples: (S) => [
    S.call('rand', [[2, 3]], undefined, { check: 'meta' }),
    S.call('rand', [[]], undefined, { check: 'meta' }),
    S.call('rand', [[0, 2]], undefined, { check: 'meta' }),
    S.call('rand', [[40]], { dtype: 'float64', device: 'cpu' }, { check: 'meta' }),
    S.call('rand', [[3]], { dtype: 'bfloat16' }, { check: 'meta' }),
    S.call('rand.generator', [[2]], { generator: null }, { check: 'meta' }),
    S.call('rand.out', [[2, 2]], { out: S.randn([1]) }, { check: 'meta' }),
    S.call('rand.generator_out', [[3]], { generator: null, out: S.t([3], { dtype: 'float64' }) }, { check: 'meta' }),
    S.error('rand', [[2]], `"check_uniform_bounds" not implemented for 'Long'`, { dtype: 'int64' }),
    S.error('rand', [[-1]], 'Trying to create tensor with negative dimension -1'),
  ],
});
