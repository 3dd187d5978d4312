import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { binaryCompute } from '../groups/binary.js';
import { einsumCompute } from '../groups/einsum.js';

// y[..., o] = sum_ij input1[..., i] weight[o, i, j] input2[..., j] + bias[o].
export const bilinear = defineOp({
  schemas: ['aten::bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None) -> Tensor'],
  impl: (args, ctx) => {
    const x1 = args.input1 as TensorLike;
    const x2 = args.input2 as TensorLike;
    const w = args.weight as TensorLike;
    const bias = args.bias as TensorLike | null;
    if (x1.sizes.length !== x2.sizes.length) {
      throw new OpError(`bilinear(): input dimensions do not match: got ${x1.sizes.length} and ${x2.sizes.length}`);
    }
    for (let i = 0; i < x1.sizes.length - 1; i++) {
      if (x1.sizes[i] !== x2.sizes[i]) {
        throw new OpError(
          `bilinear(): input batch dimensions do not match at dim ${i}: got ${x1.sizes[i]} and ${x2.sizes[i]}`,
        );
      }
    }
    const last = (t: TensorLike) => t.sizes[t.sizes.length - 1];
    if (last(x1) !== w.sizes[1]) {
      throw new OpError(
        `bilinear(): input1 size does not match weight size: got ${last(x1)} but expected ${w.sizes[1]}`,
      );
    }
    if (last(x2) !== w.sizes[2]) {
      throw new OpError(
        `bilinear(): input2 size does not match weight size: got ${last(x2)} but expected ${w.sizes[2]}`,
      );
    }
    if (bias !== null && (bias.sizes.length !== 1 || bias.sizes[0] !== w.sizes[0])) {
      throw new OpError(
        `bilinear(): bias size does not match weight size: got ${bias.sizes[bias.sizes.length - 1]} but expected ${w.sizes[0]}`,
      );
    }
    const y = einsumCompute(ctx, '...i,oij,...j->...o', [x1, w, x2]);
    return bias === null ? y : binaryCompute(ctx, 'add', y, bias);
  },
  derivative: (F, { grad, input1, input2, weight, bias }) => ({
    input1: F.einsum('...o,oij,...j->...i', [grad, weight, input2]),
    input2: F.einsum('...o,oij,...i->...j', [grad, weight, input1]),
    weight: F.einsum('...o,...i,...j->oij', [grad, input1, input2]),
    bias: bias === null || bias === undefined ? null : F.sumTo(grad, F.sizes(bias)),
  }),
  samples: (S) => [
    S.call('bilinear', [S.randn([2, 3]), S.randn([2, 4]), S.randn([5, 3, 4]), S.randn([5])]),
    S.call('bilinear', [S.randn([2, 3]), S.randn([2, 4]), S.randn([5, 3, 4])]),
    S.call('bilinear', [
      S.randn([2, 2, 3], 'strided'),
      S.randn([2, 2, 2]),
      S.randn([2, 3, 2], 'transposed'),
      S.randn([2]),
    ]),
    S.call('bilinear', [S.randn([3]), S.randn([2]), S.randn([2, 3, 2])]),
    S.call('bilinear', [
      S.t([2, 2], { dtype: 'float64' }),
      S.t([2, 2], { dtype: 'float64' }),
      S.t([1, 2, 2], { dtype: 'float64' }),
    ]),
    S.error(
      'bilinear',
      [S.randn([2, 3]), S.randn([2, 4]), S.randn([5, 3, 3])],
      'bilinear(): input2 size does not match weight size: got 4 but expected 3',
    ),
    S.error(
      'bilinear',
      [S.randn([2, 3]), S.randn([3, 4]), S.randn([5, 3, 4])],
      'bilinear(): input batch dimensions do not match at dim 0: got 2 and 3',
    ),
  ],
});
