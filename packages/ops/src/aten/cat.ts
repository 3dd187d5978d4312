import { defineOp } from '../core/define-op.js';
import { resultType } from '../core/dtypes.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { catGrads, catSizes, concatenate } from '../groups/shape.js';

/** torch.cat: tensors joined along dim (dtypes promoted; 1-d empty tensors skipped as in PyTorch). */
export const cat = defineOp({
  schemas: [
    'aten::cat(Tensor[] tensors, int dim=0) -> Tensor',
    'aten::cat.out(Tensor[] tensors, int dim=0, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => concatenate(ctx, args.tensors, args.dim),
  // Only the functional overload: out= keeps out's dtype.
  meta: { '': (args) => ({ sizes: catSizes(args.tensors, args.dim).sizes, dtype: resultType(args.tensors) }) },
  derivative: (F, { grad, tensors, dim }) => ({ tensors: catGrads(F, grad, tensors, dim, 0) }),
  samples: (S) => catSamples(S, 'cat'),
});

/** Samples shared by cat and its alias concat. */
export function catSamples(S: SampleBuilder, name: string): Sample[] {
  return [
    S.call(name, [[S.randn([2, 3]), S.randn([1, 3])]]),
    S.call(name, [[S.randn([2, 3], 'transposed'), S.randn([2, 1], 'strided'), S.randn([2, 2], 'offset')], 1]),
    S.call(name, [[S.randn([2, 3]), S.randn([2, 3])], -1]),
    S.call(name, [[S.randn([2, 3, 2]), S.randn([2, 1, 2])], -2]),
    S.call(name, [[S.randn([4])]]),
    S.call(name, [[S.randn([2, 3]), S.randn([0])]]),
    S.call(name, [[S.randn([0]), S.randn([0])]]),
    S.call(name, [[S.randn([0, 3]), S.randn([2, 3])]]),
    S.call(name, [[S.ints([2, 3], -5, 5, 'int32'), S.ints([2, 3])]]),
    S.call(name, [[S.bools([2, 3]), S.t([2, 3], { dtype: 'uint8' })], -1]),
    S.call(name, [[S.ints([2]), S.t([2], { dtype: 'float64' }), S.randn([1])]]),
    S.call(name, [[S.t([2], { dtype: 'float16' }), S.t([1], { dtype: 'bfloat16' })]]),
    S.call(name, [[S.t([2], { dtype: 'int8' }), S.t([1], { dtype: 'uint8' })]]),
    S.call(name, [[S.expand(S.randn([1, 3]), [2, 3]), S.randn([1, 3])]]),
    S.error(name, [[]], 'expected a non-empty list of Tensors'),
    S.error(name, [[S.randn([])]], 'zero-dimensional tensor (at position 0) cannot be concatenated'),
    S.error(
      name,
      [[S.randn([2, 3]), S.randn([3, 3])], 1],
      'Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.',
    ),
    S.error(name, [[S.randn([2, 3]), S.randn([3])]], 'Tensors must have same number of dimensions: got 2 and 1'),
    S.error(name, [[S.randn([2, 3])], 2], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
    S.call(`${name}.out`, [[S.randn([2, 3]), S.randn([1, 3])]], { out: S.randn([0]) }),
    S.call(`${name}.out`, [[S.ints([2]), S.ints([1])]], { out: S.t([3], { dtype: 'float64' }) }),
  ];
}
