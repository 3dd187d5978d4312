import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { requireFloating } from '../groups/activation.js';
import { Calc } from '../groups/nn-math.js';

/** weight as a view broadcasting over self's channel dim (dim 1), with PyTorch's checks. */
export function preluWeight(ctx: OpContext, self: TensorLike, weight: TensorLike): TensorLike {
  requireFloating(self.dtype, 'prelu_cpu');
  if (weight.sizes.length > 1) {
    throw new OpError(`prelu: Expected \`weight\` to be a scalar or 1D tensor, but got ndim = ${weight.sizes.length}`);
  }
  if (weight.dtype !== self.dtype) {
    throw new OpError(`Found dtype ${cppDtypeName(weight.dtype)} but expected ${cppDtypeName(self.dtype)}`);
  }
  const n = numel(weight.sizes);
  const channels = self.sizes.length > 1 ? self.sizes[1] : 1;
  if (n !== 1 && n !== channels) {
    throw new OpError(
      `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`,
    );
  }
  const nd = self.sizes.length;
  const sizes = self.sizes.map((s, d) => (d === 1 && n > 1 ? s : 1));
  const stride = weight.sizes.length ? weight.strides[0] : 0;
  const strides = sizes.map((_, d) => (d === 1 && n > 1 ? stride : 0));
  return nd === 0 ? ctx.view(weight, [], [], weight.offset) : ctx.view(weight, sizes, strides, weight.offset);
}

export const prelu = defineOp({
  schemas: [
    'aten::prelu(Tensor self, Tensor weight) -> Tensor',
    'aten::prelu.out(Tensor self, Tensor weight, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const w = preluWeight(ctx, args.self, args.weight);
    const c = new Calc(ctx, args.self.dtype);
    const x = c.t(args.self);
    return c.where(c.cmp('gt', x, 0), x, c.mul(w, x));
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, self, weight }) => {
    const [gi, gw] = F.preluBackward(grad, self, weight);
    return { self: gi, weight: gw };
  },
  samples: (S) => [
    S.call('prelu', [S.randn([2, 3]), S.of([0.25])]),
    S.call('prelu', [S.randn([2, 3, 4]), S.randn([3])]),
    S.call('prelu', [S.randn([4, 3], 'transposed'), S.randn([3], 'strided')]),
    S.call('prelu', [S.randn([2, 3, 2], 'offset'), S.of([0.1])]),
    S.call('prelu', [S.randn([]), S.of([0.5])]),
    S.call('prelu', [S.randn([4]), S.of([0.5])]),
    S.call('prelu', [S.randn([0, 3]), S.randn([3])]),
    S.call('prelu', [S.t([2, 3], { dtype: 'float64' }), S.t([3], { dtype: 'float64' })]),
    S.call('prelu', [S.randn([2, 3]), S.t([], { values: [0.3] })]),
    S.error('prelu', [S.randn([2, 3]), S.randn([2])], 'Found parameter numbers = 2 and channel size = 3.'),
    S.error('prelu', [S.randn([3]), S.randn([3])], 'Found parameter numbers = 3 and channel size = 1.'),
    S.error(
      'prelu',
      [S.randn([2, 3]), S.randn([3, 1])],
      'Expected `weight` to be a scalar or 1D tensor, but got ndim = 2',
    ),
    S.error('prelu', [S.randn([2, 3]), S.t([3], { dtype: 'float64' })], 'Found dtype Double but expected Float'),
    S.call('prelu.out', [S.randn([2, 3]), S.randn([3])], { out: S.randn([2, 3]) }),
  ],
});
