import { defineOp } from '../core/define-op.js';
import { clone } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { embedDiagonal } from './diag-embed.js';

/** torch.diag: a vector to a diagonal matrix, or a matrix's diagonal (offset `diagonal`) to a vector. */
export const diag = defineOp({
  schemas: [
    'aten::diag(Tensor self, int diagonal=0) -> Tensor',
    'aten::diag.out(Tensor self, int diagonal=0, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const { self, diagonal } = args;
    if (self.sizes.length === 1) return embedDiagonal(ctx, self, diagonal, 0, 1);
    if (self.sizes.length !== 2) throw new OpError('matrix or a vector expected');
    const [rows, cols] = self.sizes;
    const n = Math.max(0, diagonal >= 0 ? Math.min(rows, cols - diagonal) : Math.min(rows + diagonal, cols));
    const start = n === 0 ? 0 : diagonal >= 0 ? diagonal * self.strides[1] : -diagonal * self.strides[0];
    return clone(ctx, ctx.view(self, [n], [self.strides[0] + self.strides[1]], self.offset + start));
  },
  derivative: (F, { grad, self, diagonal }) => {
    const sizes = F.sizes(self) as number[];
    if (sizes.length === 1) return { self: F.diagonal(grad, diagonal) };
    const n = F.sizes(grad)[0] as number;
    const r0 = diagonal >= 0 ? 0 : -diagonal;
    const c0 = Math.max(diagonal, 0);
    const rows = F.arange(r0, r0 + n);
    const cols = F.arange(c0, c0 + n);
    return { self: F.indexPut(F.newZeros(grad, sizes), [rows, cols], grad, false) };
  },
  samples: (S) => [
    S.call('diag', [S.randn([3])]),
    S.call('diag', [S.randn([3], 'strided'), 2]),
    S.call('diag', [S.ints([2]), -1]),
    S.call('diag', [S.randn([3, 4])]),
    S.call('diag', [S.randn([3, 4], 'transposed'), 1]),
    S.call('diag', [S.randn([3, 4], 'offset'), -2]),
    S.call('diag', [S.randn([3, 4]), 4]),
    S.call('diag', [S.bools([2, 2])]),
    S.call('diag', [S.randn([0])]),
    S.error('diag', [S.randn([2, 3, 4])], 'matrix or a vector expected'),
    S.error('diag', [S.randn([])], 'matrix or a vector expected'),
    S.call('diag.out', [S.randn([3])], { out: S.randn([0]) }),
  ],
});
