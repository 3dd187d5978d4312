import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { Calc } from '../groups/nn-math.js';
import { preluWeight } from './prelu.js';

export const preluBackward = defineOp({
  schemas: [
    'aten::prelu_backward(Tensor grad_output, Tensor self, Tensor weight) -> (Tensor, Tensor)',
    'aten::prelu_backward.out(Tensor grad_output, Tensor self, Tensor weight, *, Tensor(a!) out0, Tensor(b!) out1) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: (args, ctx) => {
    const w = preluWeight(ctx, args.self, args.weight);
    const c = new Calc(ctx, promoteTypes(args.grad_output.dtype, args.self.dtype));
    const g = c.t(args.grad_output);
    const x = c.t(args.self);
    const pos = c.cmp('gt', x, 0);
    const gi = c.where(pos, g, c.mul(w, g));
    const contrib = c.where(pos, 0, c.mul(x, g));
    // Sum over every dim but the channel one (all of them for a single weight).
    const perChannel = w.sizes.length > 1 && w.sizes[1] > 1;
    const dims = x.sizes.map((_, d) => d).filter((d) => !(perChannel && d === 1));
    const summed = dims.length ? c.sum(c.add(contrib, c.full(x.sizes, 0)), dims) : contrib;
    return [gi, c.reshape(summed, args.weight.sizes)];
  },
  meta: (args) => [
    { sizes: args.self.sizes, dtype: args.self.dtype },
    { sizes: args.weight.sizes, dtype: args.weight.dtype },
  ],
  // gi = where(x > 0, g, w g); gw = sum(where(x > 0, 0, x g)) over non-channel dims.
  derivative: (F, { grads, grad_output, self, weight }) => {
    const [Gi, Gw] = grads;
    const pos = F.gt(self, 0);
    const channels = self.sizes.length > 1 ? self.sizes[1] : 1;
    const shape = self.sizes.map((s: number, d: number) =>
      d === 1 && weight.sizes.length && weight.sizes[0] > 1 ? s : 1,
    );
    const w = F.reshape(weight, shape);
    void channels;
    const zero = F.zerosLike(grad_output);
    const gwB = Gw == null ? null : F.reshape(Gw, shape);
    let dg = Gi == null ? zero : F.where(pos, Gi, F.mul(w, Gi));
    if (gwB != null) dg = F.add(dg, F.where(pos, zero, F.mul(self, gwB)));
    const dx = gwB == null ? zero : F.where(pos, zero, F.mul(grad_output, gwB));
    const dw = Gi == null ? null : F.sumTo(F.where(pos, zero, F.mul(grad_output, Gi)), shape);
    return { grad_output: dg, self: dx, weight: dw == null ? null : F.reshape(dw, weight.sizes) };
  },
  samples: (S) => [
    S.call('prelu_backward', [S.randn([2, 3]), S.randn([2, 3]), S.of([0.25])]),
    S.call('prelu_backward', [S.randn([2, 3, 2]), S.randn([2, 3, 2], 'transposed'), S.randn([3])]),
    S.call('prelu_backward', [S.randn([]), S.randn([]), S.of([0.5])]),
    S.call('prelu_backward', [S.randn([4]), S.randn([4], 'strided'), S.of([0.5])]),
    S.call('prelu_backward', [
      S.t([2, 3], { dtype: 'float64' }),
      S.t([2, 3], { dtype: 'float64' }),
      S.t([3], { dtype: 'float64' }),
    ]),
    S.call('prelu_backward', [S.randn([2, 3]), S.randn([2, 3]), S.t([], { values: [0.3] })]),
    S.call('prelu_backward.out', [S.randn([2, 3]), S.randn([2, 3]), S.randn([3])], {
      out0: S.randn([2, 3]),
      out1: S.randn([3]),
    }),
  ],
});
