import { defineOp } from '../core/define-op.js';
import { scalarToNumber as num } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { checkFloating, formatFloat, writeInMemoryOrder } from '../groups/random.js';

// exponential_distribution<double>: -log(1 - u) / lambda for a uniform double u.
export const exponential_ = defineOp({
  schemas: ['aten::exponential_(Tensor(a!) self, float lambd=1., *, Generator? generator=None) -> Tensor(a!)'],
  impl: {
    exponential_: (args, ctx) => {
      const self = args.self as TensorLike;
      const lambd = num(args.lambd);
      if (!(lambd >= 0))
        throw new OpError(`exponential_ expects lambda >= 0.0, but found lambda=${formatFloat(lambd)}`);
      checkFloating(self.dtype, 'exponential_cpu');
      const gen = generatorOf(args.generator);
      const n = numel(self.sizes);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = (-1 / lambd) * Math.log1p(-gen.uniformDouble());
      writeInMemoryOrder(ctx, self, values);
      return self;
    },
  },
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) => [
    S.call('exponential_', [S.randn([2, 3])], undefined, { check: 'meta' }),
    S.call('exponential_', [S.t([4], { dtype: 'float64' }), 2.5], undefined, { check: 'meta' }),
    S.call('exponential_', [S.randn([3, 2], 'transposed')], { lambd: 0.5 }, { check: 'meta' }),
    S.call('exponential_', [S.randn([0])], undefined, { check: 'meta' }),
    S.error('exponential_', [S.randn([2]), -1], 'exponential_ expects lambda >= 0.0, but found lambda=-1'),
  ],
});
