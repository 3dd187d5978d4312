import { defineOp } from '../core/define-op.js';
import { scalarToNumber as num } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { checkFloating, formatFloat, uniformValues, writeInMemoryOrder } from '../groups/random.js';

export const uniform_ = defineOp({
  schemas: ['aten::uniform_(Tensor(a!) self, float from=0., float to=1., *, Generator? generator=None) -> Tensor(a!)'],
  impl: {
    uniform_: (args, ctx) => {
      const self = args.self as TensorLike;
      checkFloating(self.dtype, 'check_uniform_bounds');
      const from = num(args.from);
      const to = num(args.to);
      if (!(from <= to)) {
        throw new OpError(
          `uniform_ expects to return a [from, to) range, but found from=${formatFloat(from)} > to=${formatFloat(to)}`,
        );
      }
      writeInMemoryOrder(
        ctx,
        self,
        uniformValues(generatorOf(args.generator), numel(self.sizes), self.dtype, from, to),
      );
      return self;
    },
  },
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) => [
    S.call('uniform_', [S.randn([2, 3])], undefined, { check: 'meta' }),
    S.call('uniform_', [S.randn([3, 2], 'transposed'), -2, 5], undefined, { check: 'meta' }),
    S.call('uniform_', [S.t([4], { dtype: 'float64' }), 1, 1]),
    S.call('uniform_', [S.randn([])], { from: 3, to: 3 }),
    S.call('uniform_', [S.randn([0])], undefined, { check: 'meta' }),
    S.error('uniform_', [S.randn([2]), 1, 0], 'uniform_ expects to return a [from, to) range, but found from=1 > to=0'),
    S.error('uniform_', [S.ints([2])], `"check_uniform_bounds" not implemented for 'Long'`),
  ],
});
