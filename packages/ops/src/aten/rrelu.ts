import { defineOp } from '../core/define-op.js';
import { generatorOf } from '../core/generator.js';
import { numel, readNumbers } from '../core/helpers.js';
import { requireFloating } from '../groups/activation.js';
import { Calc, num } from '../groups/nn-math.js';

export const rrelu = defineOp({
  schemas: [
    'aten::rrelu(Tensor self, Scalar lower=0.125, Scalar upper=0.33333333333333331, bool training=False, Generator? generator=None) -> Tensor',
    'aten::rrelu_(Tensor(a!) self, Scalar lower=0.125, Scalar upper=0.33333333333333331, bool training=False, Generator? generator=None) -> Tensor(a!)',
  ],
  // Eval: leaky_relu with the mean slope. Training: PyTorch's _rrelu_with_noise_train, a slope
  // U(lower, upper) drawn from the generator (a double draw, rounded to the dtype) for each element
  // <= 0 in row-major order, and 1 for the others.
  impl: (args, ctx) => {
    const c = new Calc(ctx, requireFloating(args.self.dtype, 'leaky_relu_cpu'));
    const lo = num(args.lower);
    const hi = num(args.upper);
    const x = c.t(args.self);
    if (!args.training) return c.un('leaky_relu', x, { negativeSlope: (lo + hi) / 2 });
    const n = numel(x.sizes);
    const round = args.self.dtype === 'float64' ? (v: number) => v : Math.fround;
    const from = round(lo);
    const to = round(hi);
    const gen = generatorOf(args.generator);
    const values = readNumbers(ctx, args.self);
    const slopes = new Float64Array(n);
    for (let i = 0; i < n; i++) slopes[i] = values[i] <= 0 ? round(gen.uniformDouble() * (to - from) + from) : 1;
    const src = ctx.empty(x.sizes, 'float64');
    new Float64Array(src.data.buffer, src.data.byteOffset, n).set(slopes);
    return c.mul(x, c.t(src));
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  // The slope of each negative element is result / self, so the rule holds in training mode too.
  derivative: (F, { grad, self, result }) => ({
    self: F.where(F.ge(self, 0), grad, F.mul(grad, F.div(result, F.where(F.ge(self, 0), F.onesLike(self), self)))),
  }),
  samples: (S) => [
    S.call('rrelu', [S.randn([2, 5])]),
    S.call('rrelu', [S.randn([3, 4], 'transposed'), S.float(0.1), S.float(0.3)]),
    S.call('rrelu', [S.randn([])]),
    S.call('rrelu', [S.randn([0, 2])]),
    S.call('rrelu', [S.t([4], { dtype: 'float64' }), 0, 1]),
    S.call('rrelu', [S.randn([2, 3]), S.float(0.1), S.float(0.3), true], undefined, { check: 'meta' }),
    S.error('rrelu', [S.ints([3])], '"leaky_relu_cpu" not implemented for \'Long\''),
    S.call('rrelu_', [S.randn([3, 2], 'strided')]),
  ],
});
