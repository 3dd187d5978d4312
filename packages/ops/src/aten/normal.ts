import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, isScalar, scalarToNumber as num } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { broadcastShapes, copyInto, expandTo, itemNumber, numel, scalarTensor, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, sizeList } from '../groups/factory.js';
import { checkFloating, checkStd, normalInto } from '../groups/random.js';

function checkStdTensor(ctx: OpContext, std: TensorLike): void {
  if (numel(std.sizes) === 0) return;
  const min = ctx.empty([], std.dtype);
  K.amin(min, std);
  if (!(itemNumber(ctx, min) >= 0)) throw new OpError('normal expects all elements of std >= 0.0');
}

/** PyTorch's normal_out_impl: standard (or std-scaled) draws into a fresh tensor, then * std + mean. */
function normalTensors(
  ctx: OpContext,
  mean: TensorLike | number,
  std: TensorLike | number,
  generator: unknown,
): TensorLike {
  const gen = generatorOf(generator);
  const meanT = typeof mean === 'number' ? null : mean;
  const stdT = typeof std === 'number' ? null : std;
  if (stdT === null) checkStd(std as number);
  else checkStdTensor(ctx, stdT);
  const dtype = (meanT ?? stdT)!.dtype;
  checkFloating(dtype, 'normal_kernel_cpu');
  const sizes = broadcastShapes(meanT?.sizes ?? [], stdT?.sizes ?? []);
  const out = ctx.empty(sizes, dtype);
  normalInto(ctx, out, 0, stdT === null ? (std as number) : 1, gen);
  if (stdT !== null) K.binary('mul', out, out, expandTo(ctx, toDtype(ctx, stdT, dtype), sizes));
  const m = meanT === null ? scalarTensor(ctx, mean as number, dtype) : toDtype(ctx, meanT, dtype);
  K.binary('add', out, out, expandTo(ctx, m, sizes));
  return out;
}

// `float` arguments may arrive as FloatScalar (a Python float that is integral).
const numOrTensor = (v: any) => (isScalar(v) ? num(v) : v);

const zerosFor = (F: any, t: any) => (F.isTensor(t) ? F.zerosLike(t) : null);

export const normal = defineOp({
  schemas: [
    'aten::normal.Tensor_float(Tensor mean, float std=1., *, Generator? generator=None) -> Tensor',
    'aten::normal.Tensor_float_out(Tensor mean, float std=1., *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::normal.float_Tensor_out(float mean, Tensor std, *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::normal.float_Tensor(float mean, Tensor std, *, Generator? generator=None) -> Tensor',
    'aten::normal.Tensor_Tensor(Tensor mean, Tensor std, *, Generator? generator=None) -> Tensor',
    'aten::normal.Tensor_Tensor_out(Tensor mean, Tensor std, *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::normal.float_float(float mean, float std, int[] size, *, Generator? generator=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::normal.float_float_out(float mean, float std, int[] size, *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::normal.out(Tensor self, float mean=0., float std=1., *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::normal_(Tensor(a!) self, float mean=0., float std=1., *, Generator? generator=None) -> Tensor(a!)',
  ],
  impl: {
    Tensor_float: (args, ctx) => normalTensors(ctx, numOrTensor(args.mean), numOrTensor(args.std), args.generator),
    float_Tensor: (args, ctx) => normalTensors(ctx, numOrTensor(args.mean), numOrTensor(args.std), args.generator),
    Tensor_Tensor: (args, ctx) => normalTensors(ctx, numOrTensor(args.mean), numOrTensor(args.std), args.generator),
    float_float: (args, ctx) => {
      const out = ctx.empty(sizeList(args.size), factoryDtype(args, DEFAULT_FLOAT));
      return normalInto(ctx, out, num(args.mean), num(args.std), generatorOf(args.generator));
    },
    float_float_out: (args, ctx: OpContext) => {
      const out = args.out as TensorLike;
      const r = ctx.empty(sizeList(args.size), out.dtype);
      normalInto(ctx, r, num(args.mean), num(args.std), generatorOf(args.generator));
      copyInto(ctx, out, r, 'normal.float_float_out', true);
      return out;
    },
    out: (args: OpArgs, ctx: OpContext) => {
      const out = args.out as TensorLike;
      const r = ctx.empty(args.self.sizes, out.dtype);
      normalInto(ctx, r, num(args.mean), num(args.std), generatorOf(args.generator));
      copyInto(ctx, out, r, 'normal.out', true);
      return out;
    },
    normal_: (args, ctx) => normalInto(ctx, args.self, num(args.mean), num(args.std), generatorOf(args.generator)),
  },
  meta: {
    Tensor_float: (args) => ({ sizes: args.mean.sizes, dtype: args.mean.dtype }),
    float_Tensor: (args) => ({ sizes: args.std.sizes, dtype: args.std.dtype }),
    Tensor_Tensor: (args) => ({ sizes: broadcastShapes(args.mean.sizes, args.std.sizes), dtype: args.mean.dtype }),
    float_float: (args) => ({ sizes: sizeList(args.size), dtype: factoryDtype(args, DEFAULT_FLOAT) }),
  },
  // PyTorch's rules: samples are not reparameterised, the gradients are zeros.
  derivative: (F, { mean, std, self }) => ({
    mean: zerosFor(F, mean),
    std: zerosFor(F, std),
    self: zerosFor(F, self),
  }),
  samples: (S) => [
    S.call('normal.Tensor_float', [S.randn([2, 3])], undefined, { check: 'meta' }),
    S.call('normal.Tensor_float', [S.randn([4, 5], 'transposed'), 2.5], undefined, { check: 'meta' }),
    // std 0: exactly the mean
    S.call('normal.Tensor_float', [S.t([], { dtype: 'float64' }), 0], undefined, {
      noGradcheck: 'PyTorch defines the gradient of normal as zero, even with std 0 where the output is the mean',
    }),
    S.call('normal.Tensor_float_out', [S.randn([3]), 1], { out: S.randn([1]) }, { check: 'meta' }),
    S.call('normal.float_Tensor', [1.5, S.t([2, 3], { low: 0, high: 2 })], undefined, { check: 'meta' }),
    S.call('normal.float_Tensor', [1.5, S.of([0, 0, 0])]),
    S.call('normal.float_Tensor_out', [0, S.t([3], { low: 0, high: 1 })], { out: S.randn([3]) }, { check: 'meta' }),
    S.call('normal.Tensor_Tensor', [S.randn([2, 1]), S.t([3], { low: 0, high: 2 })], undefined, { check: 'meta' }),
    S.call('normal.Tensor_Tensor', [S.randn([2, 3]), S.expand(S.of([0]), [2, 3])], undefined, {
      noGradcheck: 'PyTorch defines the gradient of normal as zero, even with std 0 where the output is the mean',
    }),
    S.call(
      'normal.Tensor_Tensor_out',
      [S.randn([2]), S.t([2], { low: 0, high: 1 })],
      { out: S.randn([2]) },
      { check: 'meta' },
    ),
    S.call('normal.float_float', [0, 1, [2, 3]], undefined, { check: 'meta' }),
    S.call('normal.float_float', [2, 0.5, [20]], { dtype: 'float64', device: 'cpu' }, { check: 'meta' }),
    S.call('normal.float_float', [3, 0, [4]]),
    S.call('normal.float_float_out', [0, 1, [3]], { out: S.randn([3]) }, { check: 'meta' }),
    S.call('normal.out', [S.randn([2, 2])], { mean: 0, std: 1, out: S.randn([4]) }, { check: 'meta' }),
    S.call('normal_', [S.randn([3, 4])], undefined, { check: 'meta' }),
    S.call('normal_', [S.randn([5, 4], 'transposed'), -1, 3], undefined, { check: 'meta' }),
    S.call('normal_', [S.t([3], { dtype: 'float64' }), 2, 0]),
    S.error('normal.float_float', [0, -1, [2]], 'normal expects std >= 0.0, but found std -1'),
    S.error('normal.Tensor_float', [S.randn([2]), -1], 'normal expects std >= 0.0, but found std -1'),
    S.error('normal.Tensor_Tensor', [S.randn([2]), S.of([1, -1])], 'normal expects all elements of std >= 0.0'),
    S.error(
      'normal.Tensor_Tensor',
      [S.randn([2]), S.t([3], { low: 0, high: 1 })],
      'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
    ),
    S.error('normal.Tensor_float', [S.ints([2]), 1], `"normal_kernel_cpu" not implemented for 'Long'`),
    S.error('normal_', [S.ints([2])], `"normal_kernel_cpu" not implemented for 'Long'`),
  ],
});
