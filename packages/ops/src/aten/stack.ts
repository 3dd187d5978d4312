import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { resultType } from '../core/dtypes.js';
import { formatSizes, normalizeDim, sameSizes, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';

/** torch.stack: equal-sized tensors joined along a new dim (dtypes promoted). */
export const stack = defineOp({
  schemas: [
    'aten::stack(Tensor[] tensors, int dim=0) -> Tensor',
    'aten::stack.out(Tensor[] tensors, int dim=0, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const tensors: TensorLike[] = args.tensors;
    if (tensors.length === 0) throw new OpError('stack expects a non-empty TensorList');
    const shape = tensors[0].sizes;
    tensors.forEach((t, i) => {
      if (!sameSizes(t.sizes, shape)) {
        throw new OpError(
          `stack expects each tensor to be equal size, but got ${formatSizes(shape)} at entry 0 and ${formatSizes(t.sizes)} at entry ${i}`,
        );
      }
    });
    const d = normalizeDim(args.dim, shape.length + 1);
    const dtype = resultType(tensors);
    const out = ctx.empty([...shape.slice(0, d), tensors.length, ...shape.slice(d)], dtype);
    K.stack(
      out,
      tensors.map((t) => toDtype(ctx, t, dtype)),
      d,
    );
    return out;
  },
  meta: {
    '': (args) => {
      const shape: readonly number[] = args.tensors[0]?.sizes ?? [];
      const d = normalizeDim(args.dim, shape.length + 1);
      return { sizes: [...shape.slice(0, d), args.tensors.length, ...shape.slice(d)], dtype: resultType(args.tensors) };
    },
  },
  derivative: (F, { grad, tensors, dim }) => {
    const d = dim < 0 ? dim + F.sizes(grad).length : dim;
    return { tensors: tensors.map((_: unknown, i: number) => F.select(grad, d, i)) };
  },
  samples: (S) => [
    S.call('stack', [[S.randn([2, 3]), S.randn([2, 3])]]),
    S.call('stack', [[S.randn([2, 3], 'transposed'), S.randn([2, 3], 'strided'), S.randn([2, 3], 'offset')], 1]),
    S.call('stack', [[S.randn([2, 3]), S.randn([2, 3])], -1]),
    S.call('stack', [[S.randn([2, 3]), S.randn([2, 3])], 2]),
    S.call('stack', [[S.randn([]), S.ints([])]]),
    S.call('stack', [[S.randn([0, 2]), S.randn([0, 2])], 1]),
    S.call('stack', [[S.ints([3], -5, 5, 'int32'), S.bools([3])], -1]),
    S.call('stack', [[S.expand(S.randn([1]), [3])]]),
    S.error('stack', [[]], 'stack expects a non-empty TensorList'),
    S.error(
      'stack',
      [[S.randn([2]), S.randn([3])]],
      'stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1',
    ),
    S.error(
      'stack',
      [[S.randn([2]), S.randn([2])], 2],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
    S.call('stack.out', [[S.randn([2]), S.randn([2])]], { out: S.randn([0]) }),
  ],
});
