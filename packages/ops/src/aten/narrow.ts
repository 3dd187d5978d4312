import { defineOp } from '../core/define-op.js';
import { isIntegralDtype } from '../core/dtypes.js';
import { itemNumber, numel } from '../core/helpers.js';
import { check } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { geometryOf, intArg, narrowGeometry, viewOf, wrapDim } from '../groups/views.js';

function startOf(ctx: OpContext | null, start: unknown): number {
  if (typeof start === 'number' || typeof start === 'bigint') return intArg(start);
  const t = start as TensorLike;
  check(
    t.sizes.length === 0 && isIntegralDtype(t.dtype) && numel(t.sizes) === 1,
    () => 'start must be an 0-dim integral Tensor.',
  );
  if (ctx === null) return 0;
  return itemNumber(ctx, t);
}

export const narrow = defineOp({
  schemas: [
    'aten::narrow(Tensor(a) self, int dim, int start, int length) -> Tensor(a)',
    'aten::narrow.Tensor(Tensor(a) self, int dim, Tensor start, int length) -> Tensor(a)',
  ],
  impl: ({ self, dim, start, length }, ctx) =>
    viewOf(ctx, self, narrowGeometry(geometryOf(self), dim, startOf(ctx, start), length)),
  meta: ({ self, dim, length }) => {
    const sizes = [...self.sizes];
    sizes[wrapDim(dim, sizes.length)] = length;
    return { sizes, dtype: self.dtype };
  },
  derivative: (F, { grad, self, dim, start, length }) => {
    const sizes = F.sizes(self);
    const d = dim < 0 ? dim + sizes.length : dim;
    // A tensor start is read in the eager impl; derivative rules see it through F.item.
    const s0 = F.isTensor(start) ? F.item(start) : start;
    const s = s0 < 0 ? s0 + sizes[d] : s0;
    return { self: F.sliceBackward(grad, sizes, d, s, s + length, 1) };
  },
  samples: (S) => [
    S.call('narrow', [S.randn([3, 4]), 1, 1, 2]),
    S.call('narrow', [S.randn([3, 4]), 0, -2, 2]),
    S.call('narrow', [S.randn([3, 4]), -1, 4, 0]),
    S.call('narrow', [S.randn([3, 4], 'transposed'), 0, 1, 1]),
    S.call('narrow', [S.t([2, 5], { dtype: 'int64', layout: 'strided' }), 1, 2, 3]),
    S.call('narrow', [S.randn([6], 'offset'), 0, 0, 6]),
    S.call('narrow', [S.randn([0, 3]), 1, 1, 2]),
    S.error('narrow', [S.randn([]), 0, 0, 1], 'narrow() cannot be applied to a 0-dim tensor.'),
    S.error('narrow', [S.randn([2, 3]), 1, 2, 3], 'start (2) + length (3) exceeds dimension size (3).'),
    S.error('narrow', [S.randn([2, 3]), 1, 1, -1], 'start (1) + length (-1) exceeds dimension size (3).'),
    S.error(
      'narrow',
      [S.randn([2, 3]), 1, 4, 1],
      'Dimension out of range (expected to be in range of [-3, 2], but got 4)',
    ),
    S.error(
      'narrow',
      [S.randn([2, 3]), 2, 0, 1],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
    S.call('narrow.Tensor', [S.randn([3, 4]), 1, S.t([], { dtype: 'int64', values: [1] }), 2]),
    S.call('narrow.Tensor', [S.randn([3, 4]), 0, S.t([], { dtype: 'int32', values: [-1] }), 1]),
    S.error(
      'narrow.Tensor',
      [S.randn([3, 4]), 1, S.t([], { values: [1] }), 2],
      'start must be an 0-dim integral Tensor.',
    ),
    S.error(
      'narrow.Tensor',
      [S.randn([3, 4]), 1, S.t([1], { dtype: 'int64', values: [1] }), 2],
      'start must be an 0-dim integral Tensor.',
    ),
  ],
});
