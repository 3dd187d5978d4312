import { defineOp } from '../core/define-op.js';
import { scalarToNumber as num } from '../core/dtypes.js';
import { dropoutCompute, dropoutDerivative, dropoutInPlace } from '../groups/dropout.js';

export const dropout = defineOp({
  schemas: [
    'aten::dropout(Tensor input, float p, bool train) -> Tensor',
    'aten::dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)',
  ],
  impl: {
    dropout: (args, ctx) => dropoutCompute(ctx, args.input, num(args.p), args.train, 'plain'),
    dropout_: (args, ctx) => dropoutInPlace(ctx, args.self, num(args.p), args.train, 'plain'),
  },
  meta: { dropout: (args) => ({ sizes: args.input.sizes, dtype: args.input.dtype }) },
  derivative: dropoutDerivative('plain'),
  samples: (S) => [
    S.call('dropout', [S.randn([4, 5]), 0.5, true], undefined, { check: 'meta' }),
    S.call('dropout', [S.randn([3, 4, 2], 'transposed'), 0.2, true], undefined, { check: 'meta' }),
    S.call('dropout', [S.t([2, 3], { dtype: 'float64' }), 0.5, false]),
    S.call('dropout', [S.randn([2, 3]), 0, true]),
    S.call('dropout', [S.randn([2, 3]), 1, true]),
    S.call('dropout', [S.randn([0, 3]), 0.5, true]),
    S.call('dropout_', [S.randn([4, 3]), 0.5, true], undefined, { check: 'meta' }),
    S.call('dropout_', [S.randn([2, 3], 'strided'), 0.5, false]),
    S.error('dropout', [S.randn([2, 3]), 1.5, true], 'dropout probability has to be between 0 and 1, but got 1.5'),
  ],
});
