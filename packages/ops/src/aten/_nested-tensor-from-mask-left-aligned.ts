import { defineOp } from '../core/define-op.js';
import { checkPaddingMask, maskIsLeftAligned } from '../groups/nested-mask.js';

/**
 * Whether a padding mask (True = a real token) is left-aligned, i.e. could describe a nested tensor of
 * the rows' prefixes. nn.TransformerEncoder calls it (under `mask_check`) before its fast path.
 */
export const _nestedTensorFromMaskLeftAligned = defineOp({
  schemas: ['aten::_nested_tensor_from_mask_left_aligned(Tensor t, Tensor mask) -> bool'],
  impl: (a, ctx) => {
    checkPaddingMask(a.t, a.mask);
    return maskIsLeftAligned(ctx, a.mask);
  },
  nondifferentiable: 'a bool predicate on a mask',
  samples: (S) => {
    const mask = (values: boolean[], sizes = [2, 3]) => S.of(values, sizes, 'bool');
    const op = '_nested_tensor_from_mask_left_aligned';
    return [
      S.call(op, [S.randn([2, 3, 4]), mask([true, true, false, true, false, false])]),
      S.call(op, [S.randn([2, 3, 4]), mask([true, false, true, true, false, false])]),
      S.call(op, [S.randn([2, 3, 4]), mask([false, false, false, true, true, true])]),
      S.call(op, [S.randn([2, 3, 4]), mask([false, true, true, true, true, true])]),
      S.call(op, [S.randn([1, 4, 2]), mask([true, true, true, true], [1, 4])]),
      // A transposed (non-contiguous) mask: rows [T, T, F] and [T, F, F].
      S.call(op, [
        S.randn([2, 3, 4]),
        S.t([2, 3], { dtype: 'bool', values: [1, 1, 1, 0, 0, 0], layout: 'transposed' }),
      ]),
      S.call(op, [S.t([2, 3, 4], { dtype: 'int64' }), mask([true, true, false, true, false, false])]),
      S.call(op, [S.randn([0, 3, 4]), S.t([0, 3], { dtype: 'bool' })]),
      S.call(op, [S.randn([2, 3, 0]), mask([true, true, true, true, true, false])]),
      S.error(
        op,
        [S.randn([2, 3, 4]), S.t([2, 3], { dtype: 'int64', low: 0, high: 2 })],
        'Expected mask to be of ScalarType Bool, but got Long instead.',
      ),
      S.error(op, [S.randn([2, 3, 4]), S.of([true, true, false], [3], 'bool')], 'Padding mask should be 2D'),
      S.error(
        op,
        [S.randn([3]), mask([true, true, false, true, false, false])],
        'Input should be a 3D tensor, N * L * D',
      ),
      S.error(op, [S.randn([2, 3, 4]), S.t([3, 3], { dtype: 'bool' })], 'Mask size should match input size'),
      S.error(op, [S.randn([2, 3, 4]), S.t([2, 2], { dtype: 'bool' })], 'Mask size should match input size'),
      S.error(op, [S.randn([2, 0, 4]), S.t([2, 0], { dtype: 'bool' })], 'select(): index -1 out of range'),
    ];
  },
});
