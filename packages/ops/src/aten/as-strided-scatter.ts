import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { formatSizes, sameSizes } from '../core/helpers.js';
import { check } from '../core/op-error.js';
import { asStridedGeometry, cloneTensor, intArg, intList, viewOf } from '../groups/views.js';

const offsetArg = (v: unknown) => (v === null || v === undefined ? null : intArg(v));

/** self's values with src written through as_strided(size, stride, storage_offset) of a fresh copy. */
export const asStridedScatter = defineOp({
  schemas: [
    'aten::as_strided_scatter(Tensor self, Tensor src, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor',
    'aten::as_strided_scatter.out(Tensor self, Tensor src, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: ({ self, src, size, stride, storage_offset }, ctx) => {
    const out = cloneTensor(ctx, self, null);
    const g = asStridedGeometry(out, intList(size), intList(stride), offsetArg(storage_offset));
    check(
      sameSizes(g.sizes, src.sizes),
      () =>
        `expected src to have a size equal to the slice of self. src size = ${formatSizes(src.sizes)}, slice size = ${formatSizes(g.sizes)}`,
    );
    const slot = viewOf(ctx, out, g);
    K.copy(slot, src);
    return out;
  },
  meta: ({ self }) => ({ sizes: [...self.sizes], dtype: self.dtype }),
  derivative: (F, { grad, size, stride, storage_offset }) => ({
    // The slot is overwritten: self gets the gradient everywhere else, src the slot's gradient.
    self: F.asStridedScatter(grad, F.zeros(size, { dtype: grad.dtype }), size, stride, storage_offset),
    src: F.asStrided(grad, size, stride, storage_offset),
  }),
  samples: (S) => [
    S.call('as_strided_scatter', [S.randn([3, 4]), S.randn([2, 2]), [2, 2], [1, 2]]),
    S.call('as_strided_scatter', [S.randn([3, 4]), S.randn([3]), [3], [5], 0]),
    S.call('as_strided_scatter', [S.randn([6]), S.t([2], { dtype: 'int64' }), [2], [2], 1]),
    S.call('as_strided_scatter', [S.randn([3, 4]), S.randn([0]), [0], [1]]),
    S.error(
      'as_strided_scatter',
      [S.randn([3, 4]), S.randn([3]), [2], [1]],
      'expected src to have a size equal to the slice of self. src size = [3], slice size = [2]',
    ),
    S.call('as_strided_scatter.out', [S.randn([2, 3]), S.randn([2]), [2], [3]], { out: S.randn([2, 3]) }),
  ],
});
