import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs } from '../core/tensor-like.js';
import { activationSamples, requireFloating } from '../groups/activation.js';
import { Calc, num } from '../groups/nn-math.js';

export function checkLambd(args: OpArgs): number {
  const l = num(args.lambd);
  if (!(l >= 0)) throw new OpError(`lambda must be greater or equal to 0, but found to be ${l}.`);
  return l;
}

export const softshrink = defineOp({
  schemas: [
    'aten::softshrink(Tensor self, Scalar lambd=0.5) -> Tensor',
    'aten::softshrink.out(Tensor self, Scalar lambd=0.5, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const c = new Calc(ctx, requireFloating(args.self.dtype, 'softshrink_cpu'));
    const l = checkLambd(args);
    const x = c.t(args.self);
    return c.where(c.cmp('gt', x, l), c.sub(x, l), c.where(c.cmp('lt', x, -l), c.add(x, l), 0));
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: requireFloating(args.self.dtype, 'softshrink_cpu') }),
  derivative: (F, { grad, self, lambd }) => ({ self: F.softshrinkBackward(grad, self, lambd) }),
  samples: (S) => [
    ...activationSamples(S, 'softshrink', 'softshrink_cpu'),
    S.call('softshrink', [S.of([-0.5, 0.5, 0.6, -0.7]), 0.5]),
    S.call('softshrink', [S.randn([2, 3]), 1]),
    S.error('softshrink', [S.randn([2]), -1], 'lambda must be greater or equal to 0, but found to be -1.'),
    S.call('softshrink.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
