import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, type DType } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { numel } from '../core/helpers.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl, sizedMeta, sizeList, tensorOfValues } from '../groups/factory.js';
import { checkFloating, normalValues } from '../groups/random.js';

export function randnTensor(ctx: OpContext, sizes: readonly number[], dtype: DType, generator: unknown): TensorLike {
  checkFloating(dtype, 'normal_kernel_cpu');
  return tensorOfValues(ctx, sizes, dtype, normalValues(generatorOf(generator), numel(sizes), dtype, 0, 1, true));
}

const functional = (args: OpArgs, ctx: OpContext) =>
  randnTensor(ctx, sizeList(args.size), factoryDtype(args, DEFAULT_FLOAT), args.generator);
const out = outImpl((args, ctx, dtype) => randnTensor(ctx, sizeList(args.size), dtype, args.generator), 'randn.out');
const meta = sizedMeta('size', (args) => factoryDtype(args, DEFAULT_FLOAT));

export const randn = defineOp({
  schemas: [
    'aten::randn(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randn.generator(int[] size, *, Generator? generator, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randn.out(int[] size, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::randn.generator_out(int[] size, *, Generator? generator, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: { '': functional, generator: functional, out, generator_out: out },
  meta: { '': meta, generator: meta },
  nondifferentiable: 'random: no tensor inputs',
  samples: (S) => [
    S.call('randn', [[2, 3]], undefined, { check: 'meta' }),
    S.call('randn', [[]], undefined, { check: 'meta' }),
    S.call('randn', [[0]], undefined, { check: 'meta' }),
    S.call('randn', [[5, 7]], { dtype: 'float64', device: 'cpu' }, { check: 'meta' }),
    S.call('randn', [[20]], { dtype: 'bfloat16' }, { check: 'meta' }),
    S.call('randn.generator', [[2]], { generator: null }, { check: 'meta' }),
    S.call('randn.out', [[17]], { out: S.randn([1]) }, { check: 'meta' }),
    S.call('randn.generator_out', [[3]], { generator: null, out: S.randn([3]) }, { check: 'meta' }),
    S.error('randn', [[2]], `"normal_kernel_cpu" not implemented for 'Long'`, { dtype: 'int64' }),
  ],
});
