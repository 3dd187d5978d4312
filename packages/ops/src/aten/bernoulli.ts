import { defineOp } from '../core/define-op.js';
import { cppDtypeName, isFloatingDtype, scalarToNumber as num } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { expandTo, numel, readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { tensorOfValues } from '../groups/factory.js';
import {
  bernoulliScalarValues,
  bernoulliTensorValues,
  memoryOrder,
  permuted,
  writeInMemoryOrder,
} from '../groups/random.js';

/** 0/1 draws of self's sizes and dtype with probabilities p (broadcast to self). */
function bernoulliTensor(ctx: OpContext, self: TensorLike, p: TensorLike, generator: unknown): TensorLike {
  if (!isFloatingDtype(p.dtype)) {
    throw new OpError(`"bernoulli_tensor_cpu_p_" not implemented for '${cppDtypeName(p.dtype)}'`);
  }
  const probs = Float64Array.from(readNumbers(ctx, expandTo(ctx, p, self.sizes)));
  return tensorOfValues(ctx, self.sizes, self.dtype, bernoulliTensorValues(generatorOf(generator), probs, p.dtype));
}

function bernoulliScalar(ctx: OpContext, self: TensorLike, p: number, generator: unknown): TensorLike {
  const values = bernoulliScalarValues(generatorOf(generator), numel(self.sizes), p);
  return tensorOfValues(ctx, self.sizes, self.dtype, values);
}

// In place: draws in self's memory order (p read in the same order), as PyTorch.
function bernoulliTensorInPlace(ctx: OpContext, self: TensorLike, p: TensorLike, generator: unknown): TensorLike {
  if (!isFloatingDtype(p.dtype)) {
    throw new OpError(`"bernoulli_tensor_cpu_p_" not implemented for '${cppDtypeName(p.dtype)}'`);
  }
  const order = memoryOrder(self);
  const probs = Float64Array.from(readNumbers(ctx, permuted(ctx, expandTo(ctx, p, self.sizes), order)));
  writeInMemoryOrder(ctx, self, bernoulliTensorValues(generatorOf(generator), probs, p.dtype));
  return self;
}

export const bernoulli = defineOp({
  schemas: [
    'aten::bernoulli(Tensor self, *, Generator? generator=None) -> Tensor',
    'aten::bernoulli.out(Tensor self, *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::bernoulli.p(Tensor self, float p, *, Generator? generator=None) -> Tensor',
    'aten::bernoulli.Tensor(Tensor self, Tensor p, *, Generator? generator=None) -> Tensor',
    'aten::bernoulli.Tensor_out(Tensor self, Tensor p, *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::bernoulli.float_out(Tensor self, float p=0.5, *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::bernoulli_.Tensor(Tensor(a!) self, Tensor p, *, Generator? generator=None) -> Tensor(a!)',
    'aten::bernoulli_.float(Tensor(a!) self, float p=0.5, *, Generator? generator=None) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => bernoulliTensor(ctx, args.self, args.self, args.generator),
    p: (args, ctx) => bernoulliScalar(ctx, args.self, num(args.p), args.generator),
    Tensor: (args, ctx) => bernoulliTensor(ctx, args.self, args.p, args.generator),
    'bernoulli_.Tensor': (args, ctx) => bernoulliTensorInPlace(ctx, args.self, args.p, args.generator),
    'bernoulli_.float': (args, ctx) => {
      const self = args.self as TensorLike;
      writeInMemoryOrder(ctx, self, bernoulliScalarValues(generatorOf(args.generator), numel(self.sizes), num(args.p)));
      return self;
    },
  },
  meta: {
    '': (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
    p: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
    Tensor: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  },
  // PyTorch's rules: zero gradients (the draws are not reparameterised).
  derivative: (F, { self, p }) => ({
    self: F.isTensor(self) ? F.zerosLike(self) : null,
    p: F.isTensor(p) ? F.zerosLike(p) : null,
  }),
  samples: (S) => [
    S.call('bernoulli', [S.t([2, 3], { low: 0, high: 1 })], undefined, { check: 'meta' }),
    S.call('bernoulli', [S.t([3, 2], { low: 0, high: 1, layout: 'transposed', dtype: 'float64' })], undefined, {
      check: 'meta',
    }),
    S.call('bernoulli', [S.of([0, 1, 1, 0])]),
    S.call('bernoulli', [S.randn([0])]),
    S.call('bernoulli.out', [S.of([1, 0])], { out: S.randn([1]) }),
    S.call('bernoulli.p', [S.randn([2, 3]), 0.3], undefined, { check: 'meta' }),
    S.call('bernoulli.p', [S.ints([4]), 1]),
    S.call('bernoulli.p', [S.randn([4]), 0]),
    S.call('bernoulli.Tensor', [S.randn([2, 3]), S.t([3], { low: 0, high: 1 })], undefined, { check: 'meta' }),
    S.call('bernoulli.Tensor', [S.ints([2, 2]), S.of([1, 0])]),
    S.call('bernoulli.Tensor_out', [S.randn([2]), S.of([0, 1])], { out: S.randn([2]) }),
    S.call('bernoulli.float_out', [S.randn([3]), 0.5], { out: S.randn([3]) }, { check: 'meta' }),
    S.call('bernoulli_.Tensor', [S.randn([2, 3]), S.t([2, 3], { low: 0, high: 1 })], undefined, { check: 'meta' }),
    S.call('bernoulli_.Tensor', [S.randn([3, 2], 'transposed'), S.of([1])]),
    S.call('bernoulli_.float', [S.randn([4])], undefined, { check: 'meta' }),
    S.call('bernoulli_.float', [S.ints([4]), 1]),
    S.error('bernoulli.p', [S.randn([2]), 1.5], 'bernoulli_ expects p to be in [0, 1], but got p=1.5'),
    S.error('bernoulli', [S.of([1.5])], 'Expected p_in >= 0 && p_in <= 1 to be true, but got false.'),
    S.error('bernoulli', [S.ints([2])], `"bernoulli_tensor_cpu_p_" not implemented for 'Long'`),
  ],
});
