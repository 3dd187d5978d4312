import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { formatSizes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';

/**
 * self tiled repeats[i] times along each dim (leading repeats add dims). The copy goes through a
 * view of the result split into (repeat, size) pairs, reading self with stride 0 along the repeats.
 */
export function repeatTensor(ctx: OpContext, self: TensorLike, repeats: readonly number[]): TensorLike {
  if (repeats.length < self.sizes.length) {
    throw new OpError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const lead = repeats.length - self.sizes.length;
  const padded = [...new Array<number>(lead).fill(1), ...self.sizes];
  const paddedStrides = [...new Array<number>(lead).fill(0), ...self.strides];
  const sizes = padded.map((s, i) => s * repeats[i]);
  const negative = sizes.find((s) => s < 0);
  if (negative !== undefined) {
    throw new OpError(`Trying to create tensor with negative dimension ${negative}: ${formatSizes(sizes)}`);
  }
  const out = ctx.empty(sizes, self.dtype);
  if (numel(sizes) === 0) return out;
  const viewSizes: number[] = [];
  const outStrides: number[] = [];
  const srcStrides: number[] = [];
  for (let i = 0; i < sizes.length; i++) {
    const inner = out.strides[i];
    if (repeats[i] !== 1 && padded[i] !== 1) {
      viewSizes.push(repeats[i], padded[i]);
      outStrides.push(inner * padded[i], inner);
      srcStrides.push(0, paddedStrides[i]);
    } else {
      viewSizes.push(sizes[i]);
      outStrides.push(inner);
      srcStrides.push(padded[i] === 1 ? 0 : paddedStrides[i]);
    }
  }
  if (viewSizes.length > K.MAX_DIMS) throw new OpError(`repeat: at most ${K.MAX_DIMS} dimensions are supported here`);
  K.copy(ctx.view(out, viewSizes, outStrides, out.offset), ctx.view(self, viewSizes, srcStrides, self.offset));
  return out;
}

/** The gradient of repeat: grad summed over the copies (split each dim into (repeat, size)). */
export function repeatBackward(F: Functions, grad: unknown, self: unknown, repeats: readonly number[]): unknown {
  const sizes = F.sizes(self) as number[];
  const lead = repeats.length - sizes.length;
  const padded = [...new Array<number>(lead).fill(1), ...sizes];
  const split: number[] = [];
  const dims: number[] = [];
  padded.forEach((s, i) => {
    dims.push(split.length);
    split.push(repeats[i], s);
  });
  return F.reshape(F.sum(F.reshape(grad, split), dims), sizes);
}

export const repeat = defineOp({
  schemas: [
    'aten::repeat(Tensor self, SymInt[] repeats) -> Tensor',
    'aten::repeat.out(Tensor self, SymInt[] repeats, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => repeatTensor(ctx, args.self, Array.isArray(args.repeats) ? args.repeats : [args.repeats]),
  meta: (args) => {
    const repeats: number[] = Array.isArray(args.repeats) ? args.repeats : [args.repeats];
    const lead = repeats.length - args.self.sizes.length;
    return { sizes: repeats.map((r, i) => r * (i < lead ? 1 : args.self.sizes[i - lead])), dtype: args.self.dtype };
  },
  derivative: (F, { grad, self, repeats }) => ({
    self: repeatBackward(F, grad, self, Array.isArray(repeats) ? repeats : [repeats]),
  }),
  samples: (S) => [
    S.call('repeat', [S.randn([2, 3]), [2, 1]]),
    S.call('repeat', [S.randn([2, 3], 'transposed'), [1, 2, 3]]),
    S.call('repeat', [S.randn([3], 'strided'), [2, 2]]),
    S.call('repeat', [S.randn([2, 1], 'offset'), [1, 3]]),
    S.call('repeat', [S.randn([]), [3]]),
    S.call('repeat', [S.randn([]), []]),
    S.call('repeat', [S.randn([2, 3]), [0, 2, 1]]),
    S.call('repeat', [S.ints([2]), [2]]),
    S.call('repeat', [S.bools([1, 2]), [2, 2]]),
    S.call('repeat', [S.expand(S.randn([1]), [2]), [2]]),
    S.error(
      'repeat',
      [S.randn([2, 3]), [2]],
      'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor',
    ),
    S.error('repeat', [S.randn([2, 3]), [2, -1]], 'Trying to create tensor with negative dimension -3: [4, -3]'),
    S.call('repeat.out', [S.randn([2]), [2]], { out: S.randn([0]) }),
  ],
});
