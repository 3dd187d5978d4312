import { defineOp } from '../core/define-op.js';
import { repeatBackward, repeatTensor } from './repeat.js';

/** torch.tile: repeat, with missing leading repeats taken as 1. */
function padded(ndim: number, dims: number | readonly number[]): number[] {
  const list = Array.isArray(dims) ? [...dims] : [dims as number];
  return [...new Array<number>(Math.max(ndim - list.length, 0)).fill(1), ...list];
}

export const tile = defineOp({
  schemas: ['aten::tile(Tensor self, int[] dims) -> Tensor'],
  impl: (args, ctx) => repeatTensor(ctx, args.self, padded(args.self.sizes.length, args.dims)),
  derivative: (F, { grad, self, dims }) => ({
    self: repeatBackward(F, grad, self, padded(F.sizes(self).length, dims)),
  }),
  samples: (S) => [
    S.call('tile', [S.randn([2, 3]), [2]]),
    S.call('tile', [S.randn([2, 3], 'transposed'), [2, 1, 2]]),
    S.call('tile', [S.randn([2, 3]), []]),
    S.call('tile', [S.randn([]), [2, 2]]),
    S.call('tile', [S.ints([3]), [0]]),
    S.error('tile', [S.randn([2, 3]), [-1]], 'Trying to create tensor with negative dimension -3: [2, -3]'),
  ],
});
