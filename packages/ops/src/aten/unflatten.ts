import { defineOp } from '../core/define-op.js';
import { formatSizes } from '../core/helpers.js';
import { check } from '../core/op-error.js';
import { geometryOf, intList, viewGeometry, viewOf, wrapDim } from '../groups/views.js';

function unflattenSizes(sizes: readonly number[], dim: number, split: readonly number[]): number[] {
  const d = wrapDim(dim, sizes.length);
  check(sizes.length > 0, () => `Dimension specified as ${d} but tensor has no dimensions`, 'IndexError');
  check(split.length > 0, () => 'unflatten: sizes must be non-empty');
  let n = 1;
  let infer = -1;
  for (let i = 0; i < split.length; i++) {
    if (split[i] === -1) {
      // PyTorch's infer_size runs first and reports this itself.
      check(infer < 0, () => 'only one dimension can be inferred');
      infer = i;
    } else n *= split[i];
  }
  const out = [...split];
  check(
    !(infer >= 0 && n === 0 && sizes[d] === 0),
    () =>
      `cannot reshape tensor of 0 elements into shape ${formatSizes(split)} because the unspecified dimension size -1 can be any value and is ambiguous`,
  );
  if (infer >= 0 && n !== 0 && sizes[d] % n === 0) out[infer] = sizes[d] / n;
  else {
    check(
      infer < 0 && n === sizes[d],
      () =>
        `unflatten: Provided sizes ${formatSizes(split)} don't multiply up to the size of dim ${d} (${sizes[d]}) in the input tensor`,
    );
  }
  return [...sizes.slice(0, d), ...out, ...sizes.slice(d + 1)];
}

export const unflatten = defineOp({
  schemas: ['aten::unflatten.int(Tensor(a) self, int dim, int[] sizes) -> Tensor(a)'],
  impl: ({ self, dim, sizes }, ctx) =>
    viewOf(ctx, self, viewGeometry(geometryOf(self), unflattenSizes(self.sizes, dim, intList(sizes)))),
  meta: ({ self, dim, sizes }) => ({ sizes: unflattenSizes(self.sizes, dim, intList(sizes)), dtype: self.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('unflatten.int', [S.randn([2, 6]), 1, [2, 3]]),
    S.call('unflatten.int', [S.randn([2, 6]), -1, [3, -1]]),
    S.call('unflatten.int', [S.randn([6, 2]), 0, [-1, 1, 2]]),
    S.call('unflatten.int', [S.randn([2, 3], 'transposed'), 0, [1, 2]]),
    S.call('unflatten.int', [S.randn([2, 3], 'transposed'), 1, [3, 1]]),
    S.call('unflatten.int', [S.t([4, 2], { dtype: 'int64', layout: 'offset' }), 0, [2, 2]]),
    S.call('unflatten.int', [S.randn([0, 4]), 1, [2, 2]]),
    S.call('unflatten.int', [S.randn([3]), 0, [3]]),
    S.error(
      'unflatten.int',
      [S.randn([2, 3]), 1, [2, 2]],
      "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor",
    ),
    S.error('unflatten.int', [S.randn([2, 3]), 1, []], 'unflatten: sizes must be non-empty'),
    S.call('unflatten.int', [S.randn([2, 0]), 1, [2, -1]]),
    S.error('unflatten.int', [S.randn([2, 0]), 1, [0, -1]], 'cannot reshape tensor of 0 elements into shape [0, -1]'),
    S.error('unflatten.int', [S.randn([2, 3]), 1, [0, -1]], "unflatten: Provided sizes [0, -1] don't multiply up"),
    S.error('unflatten.int', [S.randn([]), -1, [1]], 'Dimension specified as 0 but tensor has no dimensions'),
    S.error('unflatten.int', [S.randn([2, 3]), 2, [3]], 'Dimension out of range'),
    S.error('unflatten.int', [S.randn([2, 3]), 1, [2, -1]], "unflatten: Provided sizes [2, -1] don't multiply up"),
  ],
});
