import { defineOp } from '../core/define-op.js';
import type { TensorLike } from '../core/tensor-like.js';
import { nonzeroOf } from './nonzero.js';

/** torch.nonzero(x, as_tuple=True) in TorchScript: one int64 vector of coordinates per dim (0-d as 1-d). */
export const nonzeroNumpy = defineOp({
  schemas: ['aten::nonzero_numpy(Tensor self) -> Tensor[]'],
  impl: (args, ctx) => {
    const self: TensorLike = args.self;
    const x = self.sizes.length === 0 ? ctx.view(self, [1], [0], self.offset) : self;
    const nz = nonzeroOf(ctx, x);
    const [n, k] = nz.sizes;
    return Array.from({ length: k }, (_, j) => ctx.view(nz, [n], [k], nz.offset + j));
  },
  nondifferentiable: 'integer output (indices)',
  samples: (S) => [
    S.call('nonzero_numpy', [S.of([0, 1, 2, 0], [2, 2], 'int64')]),
    S.call('nonzero_numpy', [S.bools([2, 3, 2])]),
    S.call('nonzero_numpy', [S.t([3, 2], { layout: 'transposed', values: [0, 1.5, 0, 0, -2, 1] })]),
    S.call('nonzero_numpy', [S.of([3], [], 'int64')]),
    S.call('nonzero_numpy', [S.of([0], [], 'int64')]),
    S.call('nonzero_numpy', [S.randn([0, 2])]),
  ],
});
