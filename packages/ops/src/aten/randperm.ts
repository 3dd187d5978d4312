import { defineOp } from '../core/define-op.js';
import type { DType } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl, tensorOfValues } from '../groups/factory.js';
import { randpermValues } from '../groups/random.js';

export function randpermTensor(ctx: OpContext, n: number, dtype: DType, generator: unknown): TensorLike {
  if (n < 0) throw new OpError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  return tensorOfValues(ctx, [n], dtype, randpermValues(generatorOf(generator), n));
}

const functional = (args: OpArgs, ctx: OpContext) =>
  randpermTensor(ctx, args.n, factoryDtype(args, 'int64'), args.generator);
const out = outImpl((args, ctx, dtype) => randpermTensor(ctx, args.n, dtype, args.generator), 'randperm.out');
const meta = (args: OpArgs) => ({ sizes: [args.n], dtype: factoryDtype(args, 'int64') });

export const randperm = defineOp({
  schemas: [
    'aten::randperm(int n, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randperm.generator(int n, *, Generator? generator, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::randperm.out(int n, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::randperm.generator_out(int n, *, Generator? generator, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: { '': functional, generator: functional, out, generator_out: out },
  meta: { '': meta, generator: meta },
  nondifferentiable: 'random integers',
  samples: (S) => [
    S.call('randperm', [10], undefined, { check: 'meta' }),
    S.call('randperm', [0], undefined, { check: 'meta' }),
    S.call('randperm', [1], undefined, { check: 'meta' }),
    S.call('randperm', [5], { dtype: 'float32', device: 'cpu' }, { check: 'meta' }),
    S.call('randperm.generator', [4], { generator: null }, { check: 'meta' }),
    S.call('randperm.out', [6], { out: S.ints([1]) }, { check: 'meta' }),
    S.call('randperm.generator_out', [3], { generator: null, out: S.ints([3]) }, { check: 'meta' }),
    S.error('randperm', [-1], 'Trying to create tensor with negative dimension -1: [-1]'),
  ],
});
