import { defineOp } from '../core/define-op.js';
import { numel } from '../core/helpers.js';
import { geometryOf, inferSize, intList, viewGeometry, viewOf } from '../groups/views.js';

/** view without view tracking (what reshape uses on its copies); same geometry and errors as view. */
export const unsafeView = defineOp({
  schemas: [
    'aten::_unsafe_view(Tensor self, SymInt[] size) -> Tensor',
    'aten::_unsafe_view.out(Tensor self, SymInt[] size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: ({ self, size }, ctx) => viewOf(ctx, self, viewGeometry(geometryOf(self), intList(size))),
  meta: ({ self, size }) => ({ sizes: inferSize(intList(size), numel(self.sizes)), dtype: self.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('_unsafe_view', [S.randn([2, 3]), [3, 2]]),
    S.call('_unsafe_view', [S.randn([2, 3], 'offset'), [-1]]),
    S.call('_unsafe_view', [S.t([4], { dtype: 'int64' }), [2, 1, 2]]),
    S.call('_unsafe_view', [S.randn([]), [1]]),
    S.error('_unsafe_view', [S.randn([2, 3]), [4]], "shape '[4]' is invalid for input of size 6"),
    S.call('_unsafe_view.out', [S.randn([2, 3]), [6]], { out: S.randn([6]) }),
  ],
});
