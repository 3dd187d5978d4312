import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { scalarToNumber as num } from '../core/dtypes.js';
import { defaultGenerator } from '../core/generator.js';
import { numel, toDtype } from '../core/helpers.js';
import type { TensorLike } from '../core/tensor-like.js';
import { checkP } from '../groups/dropout.js';
import { tensorOfValues } from '../groups/factory.js';
import { bernoulliScalarValues } from '../groups/random.js';

/** Dropout that also returns its keep mask (bool), so its gradient is exact. */
export const nativeDropout = defineOp({
  schemas: ['aten::native_dropout(Tensor input, float p, bool? train) -> (Tensor, Tensor)'],
  impl: (args, ctx) => {
    const input = args.input as TensorLike;
    const p = num(args.p);
    checkP(p);
    // PyTorch returns an empty mask of the input's dtype for an empty input.
    if (numel(input.sizes) === 0) return [ctx.empty(input.sizes, input.dtype), ctx.empty(input.sizes, input.dtype)];
    const mask = ctx.empty(input.sizes, 'bool');
    const out = ctx.empty(input.sizes, input.dtype);
    if (args.train === false || p === 0 || numel(input.sizes) === 0) {
      K.fill(mask, 1);
      K.copy(out, input);
      return [out, mask];
    }
    const keep = tensorOfValues(
      ctx,
      input.sizes,
      'bool',
      bernoulliScalarValues(defaultGenerator, numel(input.sizes), 1 - p),
    );
    K.copy(mask, keep);
    const scale = ctx.empty([], input.dtype);
    K.fill(scale, p === 1 ? 0 : 1 / (1 - p));
    K.binary('mul', out, input, toDtype(ctx, mask, input.dtype));
    K.binary('mul', out, out, scale);
    return [out, mask];
  },
  meta: (args) => [
    { sizes: args.input.sizes, dtype: args.input.dtype },
    { sizes: args.input.sizes, dtype: args.input.sizes.includes(0) ? args.input.dtype : 'bool' },
  ],
  derivative: (F, { grad, result, p, train }) => ({
    input: train === false ? grad : F.nativeDropoutBackward(grad, result[1], num(p) === 1 ? 0 : 1 / (1 - num(p))),
  }),
  samples: (S) => [
    S.call('native_dropout', [S.randn([4, 5]), 0.5, true], undefined, { check: 'meta' }),
    S.call('native_dropout', [S.randn([3, 2], 'transposed'), 0.3, true], undefined, { check: 'meta' }),
    S.call('native_dropout', [S.randn([2, 3]), 0.5, false]),
    S.call('native_dropout', [S.randn([2, 3]), 0, true]),
    S.call('native_dropout', [S.randn([0]), 0.5, true]),
  ],
});

export const nativeDropoutBackward = defineOp({
  schemas: ['aten::native_dropout_backward(Tensor grad_output, Tensor mask, float scale) -> Tensor'],
  impl: (args, ctx) => {
    const g = args.grad_output as TensorLike;
    const out = ctx.empty(g.sizes, g.dtype);
    const scale = ctx.empty([], g.dtype);
    K.fill(scale, num(args.scale));
    K.binary('mul', out, g, toDtype(ctx, args.mask, g.dtype));
    K.binary('mul', out, out, scale);
    return out;
  },
  meta: (args) => ({ sizes: args.grad_output.sizes, dtype: args.grad_output.dtype }),
  derivative: (F, { grad, mask, scale }) => ({ grad_output: F.nativeDropoutBackward(grad, mask, scale) }),
  samples: (S) => [
    S.call('native_dropout_backward', [S.randn([2, 3]), S.bools([2, 3]), 2]),
    S.call('native_dropout_backward', [S.randn([3, 2], 'transposed'), S.bools([3, 2]), 1.25]),
    S.call('native_dropout_backward', [S.t([4], { dtype: 'float64' }), S.bools([4]), 0]),
  ],
});
