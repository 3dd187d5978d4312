import { defineOp } from '../core/define-op.js';
import { padMeta } from '../groups/nn-meta.js';
import { checkPad, gatherPad } from '../groups/pad.js';

export const replicationPad2d = defineOp({
  schemas: [
    'aten::replication_pad2d(Tensor self, int[4] padding) -> Tensor',
    'aten::replication_pad2d.out(Tensor self, int[4] padding, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPad('replicate', 2, a.self, a.padding);
    return gatherPad(ctx, 'replicate', a.self, a.padding);
  },
  meta: (a) => padMeta(a.self, a.padding),
  derivative: (F, { grad, self, padding }) => ({ self: F.replicationPad2dBackward(grad, self, padding) }),
  samples: (S) => [
    S.call('replication_pad2d', [S.randn([1, 2, 3, 4]), [1, 2, 2, 0]]),
    S.call('replication_pad2d', [S.randn([2, 3, 4]), [2, 1, 1, 2]]),
    S.call('replication_pad2d', [S.randn([2, 1, 3, 4]), [-1, 1, 1, 0]]),
    S.call('replication_pad2d', [S.randn([2, 2, 3, 4], 'transposed'), [1, 2, 2, 0]]),
    S.call('replication_pad2d', [S.t([1, 1, 3, 4], { dtype: 'float64' }), [2, 1, 1, 2]]),
    S.error('replication_pad2d', [S.ints([1, 2, 3, 4]), [1, 2, 2, 0]], "not implemented for 'Long'"),
    S.call('replication_pad2d', [S.randn([0, 2, 3, 4]), [1, 2, 2, 0]]),
    S.call('replication_pad2d.out', [S.randn([1, 1, 3, 4]), [1, 2, 2, 0]], { out: S.randn([0]) }),
    S.error('replication_pad2d', [S.randn([1, 0, 3, 4]), [1, 2, 2, 0]], '(batch mode) tensor'),
  ],
});
