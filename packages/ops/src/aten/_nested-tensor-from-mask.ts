import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { checkPaddingMask, maskIsLeftAligned } from '../groups/nested-mask.js';

/**
 * The nested tensor of each row's first `mask.sum(1)` positions of a padded [N, L, D] input.
 * nn.TransformerEncoder builds one in eval mode without grad when given `src_key_padding_mask`.
 * tsjit has no nested tensor type: the arguments are checked as PyTorch checks them (so a bad mask
 * fails with PyTorch's error), then the call fails instead of returning a dense stand-in whose
 * `is_nested`, sizes and arithmetic would differ from PyTorch's nested tensor.
 */
export const _nestedTensorFromMask = defineOp({
  schemas: [
    'aten::_nested_tensor_from_mask(Tensor t, Tensor mask, bool mask_check=True) -> Tensor',
    'aten::_nested_tensor_from_mask.out(Tensor t, Tensor mask, bool mask_check=True, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPaddingMask(a.t, a.mask);
    // PyTorch computes the row lengths (and their IndexError on L = 0) whether or not it checks them.
    const leftAligned = maskIsLeftAligned(ctx, a.mask);
    if (a.mask_check && !leftAligned) throw new OpError('Mask must be left-aligned without gaps');
    throw new OpError(
      '_nested_tensor_from_mask: nested tensors are not supported (tsjit tensors are dense and strided); ' +
        'nn.TransformerEncoder builds one only in eval mode without grad when src_key_padding_mask is given',
      'NotImplementedError',
    );
  },
  nondifferentiable: 'it never returns here: tsjit has no nested tensor type',
  samples: (S) => {
    const op = '_nested_tensor_from_mask';
    const mask = (values: boolean[], sizes = [2, 3]) => S.of(values, sizes, 'bool');
    return [
      S.error(
        op,
        [S.randn([2, 3, 4]), mask([true, false, true, true, false, false])],
        'Mask must be left-aligned without gaps',
      ),
      S.error(
        op,
        [S.randn([2, 3, 4]), mask([false, true, true, true, false, false]), true],
        'Mask must be left-aligned without gaps',
      ),
      S.error(
        op,
        [S.randn([2, 3, 4]), S.t([2, 3], { dtype: 'int64', low: 0, high: 2 })],
        'Expected mask to be of ScalarType Bool, but got Long instead.',
      ),
      S.error(op, [S.randn([2, 3, 4]), S.of([true, true, false], [3], 'bool')], 'Padding mask should be 2D'),
      S.error(
        op,
        [S.randn([2, 3]), mask([true, true, false, true, false, false])],
        'Input should be a 3D tensor, N * L * D',
      ),
      S.error(op, [S.randn([2, 3, 4]), S.t([3, 3], { dtype: 'bool' })], 'Mask size should match input size'),
      S.error(op, [S.randn([2, 0, 4]), S.t([2, 0], { dtype: 'bool' }), false], 'select(): index -1 out of range'),
      S.error(
        '_nested_tensor_from_mask.out',
        [S.randn([2, 3, 4]), mask([true, false, true, true, false, false])],
        'Mask must be left-aligned without gaps',
        { out: S.randn([0]) },
      ),
    ];
  },
});
