import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { Calc } from '../groups/nn-math.js';
import { normInputGrad, requireNormDtype } from '../groups/norm.js';

export const nativeGroupNormBackward = defineOp({
  schemas: [
    'aten::native_group_norm_backward(Tensor grad_out, Tensor input, Tensor mean, Tensor rstd, Tensor? weight, SymInt N, SymInt C, SymInt HxW, int group, bool[3] output_mask) -> (Tensor, Tensor, Tensor)',
    'aten::native_group_norm_backward.out(Tensor grad_out, Tensor input, Tensor mean, Tensor rstd, Tensor? weight, SymInt N, SymInt C, SymInt HxW, int group, bool[3] output_mask, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: (a, ctx) => {
    requireNormDtype(a.input, 'GroupNormBackwardKernelImpl');
    const c = new Calc(ctx, promoteTypes(a.grad_out.dtype, a.input.dtype));
    const { N, C, HxW, group } = a;
    const nd = a.input.sizes.length;
    const g = c.t(a.grad_out);
    // [N, group, C / group, HxW] so that the stats [N, group, 1, 1] and the channels line up.
    const grouped = [N, group, C / group, HxW];
    const x4 = c.reshape(a.input, grouped);
    const g4 = c.reshape(g, grouped);
    const mean = c.reshape(a.mean, [N, group, 1, 1]);
    const rstd = c.reshape(a.rstd, [N, group, 1, 1]);
    const xhat = c.mul(c.sub(x4, mean), rstd);
    const mask: boolean[] = a.output_mask;
    let gi = null;
    if (mask[0]) {
      const h = a.weight == null ? g4 : c.mul(g4, c.reshape(a.weight, [1, group, C / group, 1]));
      gi = c.reshape(normInputGrad(c, h, xhat, rstd, [2, 3]), a.input.sizes);
    }
    const xhatFull = c.reshape(xhat, a.input.sizes);
    const chanDims = [...Array(nd).keys()].filter((d) => d !== 1);
    const gw = mask[1] ? c.sum(c.mul(g, xhatFull), chanDims) : null;
    const gb = mask[2] ? c.sum(g, chanDims) : null;
    return [gi, gw, gb];
  },
  // Group norm is layer norm over [C / group, HxW] per (n, g) followed by a per-channel affine:
  // the double backward reuses the layer-norm formulas on the [N, group, C / group * HxW] view.
  derivative: (F, { grads, grad_out, input, mean, rstd, weight, N, C, HxW, group }) => {
    const [Gi, Gw, Gb] = grads;
    const shape = [N, group, C / group, HxW];
    const dims = [2, 3];
    const n = (C / group) * HxW;
    const x = F.reshape(input, shape);
    const g = F.reshape(grad_out, shape);
    const m = F.reshape(mean, [N, group, 1, 1]);
    const s = F.reshape(rstd, [N, group, 1, 1]);
    const w = weight == null ? null : F.reshape(weight, [1, group, C / group, 1]);
    const xhat = F.mul(F.sub(x, m), s);
    const adj = (v: any) =>
      F.mul(F.sub(F.sub(v, F.mean(v, dims, true)), F.mul(xhat, F.mean(F.mul(v, xhat), dims, true))), s);
    const h = w == null ? g : F.mul(g, w);
    let dg = null;
    let dx = null;
    let dw = null;
    if (Gi != null) {
      const G = F.reshape(Gi, shape);
      const a = adj(G);
      dg = w == null ? a : F.mul(a, w);
      if (w != null) dw = F.reshape(F.sum(F.mul(g, a), [0, 3]), [C]);
      const A = F.mean(F.mul(h, xhat), dims, true);
      const P = F.sub(F.sub(h, F.mean(h, dims, true)), F.mul(xhat, A));
      const GP = F.div(F.sum(F.mul(G, P), dims, true), n);
      const GX = F.div(F.sum(F.mul(G, xhat), dims, true), n);
      const inner = F.sub(
        F.add(F.neg(F.mul(xhat, GP)), F.mul(F.mul(A, xhat), GX)),
        F.add(F.mul(A, F.sub(G, F.mean(G, dims, true))), F.mul(GX, P)),
      );
      dx = F.mul(inner, F.mul(s, s));
    }
    if (Gw != null) {
      const gw = F.reshape(Gw, [1, group, C / group, 1]);
      const t = F.mul(xhat, gw);
      dg = dg == null ? t : F.add(dg, t);
      const q = adj(F.mul(g, gw));
      dx = dx == null ? q : F.add(dx, q);
    }
    if (Gb != null) {
      const t = F.expand(F.reshape(Gb, [1, group, C / group, 1]), shape);
      dg = dg == null ? t : F.add(dg, t);
    }
    return {
      grad_out: dg == null ? null : F.reshape(dg, input.sizes),
      input: dx == null ? null : F.reshape(dx, input.sizes),
      weight: dw,
    };
  },
  samples: (S) => {
    // The double backward differentiates through the statistics as functions of input, like PyTorch's
    // layer and batch norm rules (PyTorch 1.13 has none for group norm): a finite difference in input
    // with them held fixed differs.
    const followStats = {
      noGradcheck:
        'the rule treats mean and rstd as statistics of input (as the layer norm rule of PyTorch does); here they are fixed inputs. Checked in test/norm-double-backward.test.ts',
    };
    const stats = (n: number, g: number) => [S.t([n, g], { low: -0.5, high: 0.5 }), S.t([n, g], { low: 0.5, high: 2 })];
    return [
      S.call(
        'native_group_norm_backward',
        [S.randn([2, 4, 3]), S.randn([2, 4, 3]), ...stats(2, 2), S.randn([4]), 2, 4, 3, 2, [true, true, true]],
        undefined,
        followStats,
      ),
      S.call(
        'native_group_norm_backward',
        [S.randn([2, 3, 2, 2]), S.randn([2, 3, 2, 2]), ...stats(2, 3), S.randn([3]), 2, 3, 4, 3, [true, false, true]],
        undefined,
        followStats,
      ),
      S.call(
        'native_group_norm_backward',
        [S.randn([3, 4]), S.randn([3, 4]), ...stats(3, 1), S.randn([4]), 3, 4, 1, 1, [true, true, false]],
        undefined,
        followStats,
      ),
      S.call(
        'native_group_norm_backward',
        [
          S.t([2, 2, 3], { dtype: 'float64' }),
          S.t([2, 2, 3], { dtype: 'float64' }),
          S.t([2, 2], { dtype: 'float64' }),
          S.t([2, 2], { dtype: 'float64', low: 0.5, high: 1 }),
          S.t([2], { dtype: 'float64' }),
          2,
          2,
          3,
          2,
          [true, true, true],
        ],
        undefined,
        followStats,
      ),
      S.call(
        'native_group_norm_backward.out',
        [S.randn([2, 4]), S.randn([2, 4]), ...stats(2, 2), S.randn([4]), 2, 4, 1, 2, [true, true, true]],
        {
          out0: S.randn([2, 4]),
          out1: S.randn([4]),
          out2: S.randn([4]),
        },
      ),
    ];
  },
});
