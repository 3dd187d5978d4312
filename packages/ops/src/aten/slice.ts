import { defineOp } from '../core/define-op.js';
import { listSlice } from '../groups/py-lists.js';
import { strSlice } from '../groups/py-strings.js';
import { geometryOf, intArg, sliceBounds, sliceGeometry, viewOf } from '../groups/views.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

const opt = (v: unknown) => (v === null || v === undefined ? null : intArg(v));

/** TorchScript's `x[a:b:c]` along one dim. */
export const slice = defineOp({
  schemas: [
    'aten::slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor(a)',
    'aten::slice.t(t[] l, int? start=None, int? end=None, int step=1) -> t[]',
    'aten::slice.str(str string, int? start=None, int? end=None, int step=1) -> str',
  ],
  impl: withBuiltins(
    ({ self, dim, start, end, step }, ctx) =>
      viewOf(ctx, self, sliceGeometry(geometryOf(self), dim, opt(start), opt(end), intArg(step))),
    { 'slice.t': listSlice, 'slice.str': strSlice },
  ),
  meta: ({ self, dim, start, end, step }) => ({
    sizes: sliceGeometry(geometryOf(self), dim, opt(start), opt(end), intArg(step)).sizes,
    dtype: self.dtype,
  }),
  derivative: (F, { grad, self, dim, start, end, step }) => {
    const sizes = F.sizes(self);
    const d = dim < 0 ? dim + sizes.length : dim;
    const [s, e] = sliceBounds(sizes[d], opt(start), opt(end));
    return { self: F.sliceBackward(grad, sizes, d, s, e, intArg(step)) };
  },
  samples: withBuiltinSamples(
    (S) => [
      S.call('slice.Tensor', [S.randn([5, 3]), 0, 1, 4, 1]),
      S.call('slice.Tensor', [S.randn([5, 3])]),
      S.call('slice.Tensor', [S.randn([5, 3]), 0, null, null, 2]),
      S.call('slice.Tensor', [S.randn([3, 7]), 1, 1, null, 3]),
      S.call('slice.Tensor', [S.randn([3, 7]), -1, -5, -1, 2]),
      S.call('slice.Tensor', [S.randn([3, 7]), 1, -100, 100, 1]),
      S.call('slice.Tensor', [S.randn([3, 7]), 1, 5, 2, 1]),
      S.call('slice.Tensor', [S.randn([3, 7]), 1, 9, 12, 1]),
      S.call('slice.Tensor', [S.randn([3, 7]), 1, 6, 1000000000000000, 1]),
      S.call('slice.Tensor', [S.randn([4, 3], 'transposed'), 0, 1, 3, 1]),
      S.call('slice.Tensor', [S.t([2, 6], { dtype: 'int64', layout: 'strided' }), 1, 0, 6, 4]),
      S.call('slice.Tensor', [S.randn([6], 'offset'), 0, 2]),
      S.call('slice.Tensor', [S.randn([0, 3]), 1, 1, 2, 1]),
      S.call('slice.Tensor', [S.randn([3, 4])], { dim: 1, end: -1 }),
      S.error('slice.Tensor', [S.randn([]), 0, 0, 1, 1], 'slice() cannot be applied to a 0-dim tensor.'),
      S.error('slice.Tensor', [S.randn([3, 4]), 1, 0, 3, 0], 'slice step must be positive'),
      S.error('slice.Tensor', [S.randn([3, 4]), 1, 0, 3, -1], 'slice step must be positive'),
      S.error(
        'slice.Tensor',
        [S.randn([3, 4]), 2, 0, 3, 1],
        'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
      ),
    ],
    (S) => [
      S.call('slice.t', [[0, 1, 2, 3, 4], 1, 3]),
      S.call('slice.t', [[0, 1, 2, 3, 4], null, null, 2]),
      S.call('slice.t', [[0, 1, 2, 3, 4], -2]),
      S.call('slice.t', [[0, 1, 2, 3, 4], null, null, -1]),
      S.call('slice.t', [[0, 1, 2, 3, 4], 4, 0, -2]),
      S.call('slice.t', [[0, 1, 2], 10, 20]),
      S.error('slice.t', [[0, 1], null, null, 0], 'slice step cannot be zero'),
      S.call('slice.str', ['hello', 1, 3]),
      S.call('slice.str', ['hello', null, null, -1]),
      S.call('slice.str', ['hello', -3]),
    ],
  ),
});
