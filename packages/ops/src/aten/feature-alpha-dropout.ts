import { defineOp } from '../core/define-op.js';
import { scalarToNumber as num } from '../core/dtypes.js';
import { dropoutCompute, dropoutDerivative, dropoutInPlace } from '../groups/dropout.js';

export const featureAlphaDropout = defineOp({
  schemas: [
    'aten::feature_alpha_dropout(Tensor input, float p, bool train) -> Tensor',
    'aten::feature_alpha_dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)',
  ],
  impl: {
    feature_alpha_dropout: (args, ctx) => dropoutCompute(ctx, args.input, num(args.p), args.train, 'feature_alpha'),
    feature_alpha_dropout_: (args, ctx) => dropoutInPlace(ctx, args.self, num(args.p), args.train, 'feature_alpha'),
  },
  meta: { feature_alpha_dropout: (args) => ({ sizes: args.input.sizes, dtype: args.input.dtype }) },
  derivative: dropoutDerivative('feature_alpha'),
  samples: (S) => [
    S.call('feature_alpha_dropout', [S.randn([4, 5]), 0.5, true], undefined, { check: 'meta' }),
    S.call('feature_alpha_dropout', [S.randn([3, 4, 2], 'transposed'), 0.2, true], undefined, { check: 'meta' }),
    S.call('feature_alpha_dropout', [S.t([2, 3], { dtype: 'float64' }), 0.5, false]),
    S.call('feature_alpha_dropout', [S.randn([2, 3]), 0, true]),
    S.call('feature_alpha_dropout', [S.randn([2, 3]), 1, true]),
    S.call('feature_alpha_dropout', [S.randn([0, 3]), 0.5, true]),
    S.call('feature_alpha_dropout_', [S.randn([4, 3]), 0.5, true], undefined, { check: 'meta' }),
    S.call('feature_alpha_dropout_', [S.randn([2, 3], 'strided'), 0.5, false]),
    S.error(
      'feature_alpha_dropout',
      [S.randn([2, 3]), 1.5, true],
      'dropout probability has to be between 0 and 1, but got 1.5',
    ),
  ],
});
