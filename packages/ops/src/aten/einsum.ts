import { defineOp } from '../core/define-op.js';
import type { TensorLike } from '../core/tensor-like.js';
import { einsumCompute, einsumGradients } from '../groups/einsum.js';

export const einsum = defineOp({
  schemas: ['aten::einsum(str equation, Tensor[] tensors, *, int[]? path=None) -> Tensor'],
  // `path` only orders the contractions (an optimisation); the result is the same.
  impl: (args, ctx) => einsumCompute(ctx, args.equation, args.tensors as TensorLike[]),
  derivative: (F, { grad, equation, tensors }) => ({ tensors: einsumGradients(F, equation, tensors, grad) }),
  samples: (S) => [
    S.call('einsum', ['ij,jk->ik', [S.randn([2, 3]), S.randn([3, 4])]]),
    S.call('einsum', ['ij,jk', [S.randn([2, 3]), S.randn([3, 4])]]),
    S.call('einsum', ['ij->ji', [S.randn([2, 3])]]),
    S.call('einsum', ['ii->i', [S.randn([3, 3])]]),
    S.call('einsum', ['ii', [S.randn([3, 3], 'transposed')]]),
    S.call('einsum', ['ij->', [S.randn([2, 3])]]),
    S.call('einsum', ['i,i->', [S.randn([4]), S.randn([4], 'strided')]]),
    S.call('einsum', ['i,j->ij', [S.randn([2]), S.randn([3])]]),
    S.call('einsum', ['bij,bjk->bik', [S.randn([2, 2, 3]), S.randn([2, 3, 2])]]),
    S.call('einsum', ['b i j , b j k -> b k i', [S.randn([2, 2, 3]), S.randn([2, 3, 2])]]),
    S.call('einsum', ['...ij,...jk->...ik', [S.randn([2, 2, 3]), S.randn([3, 2])]]),
    S.call('einsum', ['...ij->...ji', [S.randn([2, 2, 3])]]),
    S.call('einsum', ['i...->...', [S.randn([2, 3, 2])]]),
    S.call('einsum', ['ij...,jk...', [S.randn([2, 3, 2]), S.randn([3, 2, 1])]]),
    S.call('einsum', ['iij,jk->ik', [S.randn([2, 2, 3]), S.randn([3, 2], 'offset')]]),
    S.call('einsum', ['ijk,ikl,lm->jm', [S.randn([2, 3, 2]), S.randn([2, 2, 3]), S.randn([3, 2])]]),
    S.call('einsum', ['ij,ij->ij', [S.randn([2, 3]), S.randn([2, 3])]]),
    S.call('einsum', ['ij,jk->ik', [S.randn([2, 3]), S.randn([1, 5])]]),
    S.call('einsum', ['Ab,bC->AC', [S.randn([2, 3]), S.randn([3, 2])]]),
    S.call('einsum', ['ij,jk->ik', [S.t([2, 3], { dtype: 'float64' }), S.t([3, 2], { dtype: 'float64' })]]),
    S.call('einsum', ['i,i->', [S.ints([3]), S.ints([3])]]),
    S.call('einsum', ['ij,jk->ik', [S.ints([2, 3]), S.ints([3, 2])]]),
    S.call('einsum', ['ij,jk->ik', [S.randn([0, 3]), S.randn([3, 2])]]),
    S.call('einsum', ['i,->i', [S.randn([3]), S.randn([])]]),
    S.call('einsum', ['ij,jk->ik', [S.randn([2, 3]), S.randn([3, 2])]], { path: [0, 1] }),
    S.error(
      'einsum',
      ['ij,jk->ik', [S.randn([2, 3]), S.randn([4, 5])]],
      'einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3',
    ),
    S.error(
      'einsum',
      ['ii->i', [S.randn([2, 3])]],
      "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2",
    ),
    S.error(
      'einsum',
      ['ij->k', [S.randn([2, 3])]],
      'einsum(): output subscript k does not appear in the equation for any input operand',
    ),
    S.error(
      'einsum',
      ['ij->ii', [S.randn([2, 3])]],
      'einsum(): output subscript i appears more than once in the output',
    ),
    S.error(
      'einsum',
      ['ij,jk', [S.randn([2, 3])]],
      'einsum(): fewer operands were provided than specified in the equation',
    ),
    S.error(
      'einsum',
      ['ijk', [S.randn([2, 3])]],
      'einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given',
    ),
    S.error(
      'einsum',
      ['ij,jk->ik', [S.randn([2, 3]), S.t([3, 5], { dtype: 'float64' })]],
      'expected scalar type Float but found Double',
    ),
  ],
});
