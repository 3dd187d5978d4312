import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { Calc } from '../groups/nn-math.js';
import { normInputGrad, requireNormDtype } from '../groups/norm.js';

export const nativeLayerNormBackward = defineOp({
  schemas: [
    'aten::native_layer_norm_backward(Tensor grad_out, Tensor input, SymInt[] normalized_shape, Tensor mean, Tensor rstd, Tensor? weight, Tensor? bias, bool[3] output_mask) -> (Tensor, Tensor, Tensor)',
    'aten::native_layer_norm_backward.out(Tensor grad_out, Tensor input, SymInt[] normalized_shape, Tensor mean, Tensor rstd, Tensor? weight, Tensor? bias, bool[3] output_mask, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: (a, ctx) => {
    requireNormDtype(a.input, 'LayerNormBackwardKernelImpl');
    const c = new Calc(ctx, promoteTypes(a.grad_out.dtype, a.input.dtype));
    const shape: number[] = a.normalized_shape;
    const nd = a.input.sizes.length;
    const lead = nd - shape.length;
    const normDims = [...Array(nd).keys()].slice(lead);
    const leadDims = [...Array(lead).keys()];
    const g = c.t(a.grad_out);
    const xhat = c.mul(c.sub(a.input, a.mean), a.rstd);
    const mask: boolean[] = a.output_mask;
    const empty = numel(a.input.sizes) === 0;
    const gi = mask[0]
      ? empty
        ? c.empty(a.input.sizes)
        : normInputGrad(c, a.weight == null ? g : c.mul(g, a.weight), xhat, c.t(a.rstd), normDims)
      : null;
    // Summing over no dims would reduce everything (PyTorch's dim=[]): without leading dims there is one row.
    const rows = (v: any) => c.reshape(lead === 0 ? c.mul(v, 1) : c.sum(v, leadDims), shape);
    const gw = mask[1] && a.weight != null ? rows(c.mul(g, xhat)) : null;
    const gb = mask[2] && a.bias != null ? rows(g) : null;
    return [gi, gw, gb];
  },
  // Double backward with h = g w: gI = rstd (h - mean(h) - xhat mean(h xhat)) over the normalised
  // dims, gW = sum_rows(g xhat), gB = sum_rows(g); rstd and mean depend on input (see batch norm).
  derivative: (F, { grads, grad_out, input, normalized_shape, mean, rstd, weight }) => {
    const [Gi, Gw, Gb] = grads;
    const nd = input.sizes.length;
    const lead = nd - normalized_shape.length;
    const dims = [...Array(nd).keys()].slice(lead);
    const n = normalized_shape.reduce((p: number, s: number) => p * s, 1);
    const xhat = F.mul(F.sub(input, mean), rstd);
    const adj = (v: any) =>
      F.mul(F.sub(F.sub(v, F.mean(v, dims, true)), F.mul(xhat, F.mean(F.mul(v, xhat), dims, true))), rstd);
    const h = weight == null ? grad_out : F.mul(grad_out, weight);
    let dg = null;
    let dw = null;
    let dx = null;
    if (Gi != null) {
      const a = adj(Gi);
      dg = weight == null ? a : F.mul(a, weight);
      if (weight != null) dw = F.sumTo(F.mul(grad_out, a), weight.sizes);
      const A = F.mean(F.mul(h, xhat), dims, true);
      const P = F.sub(F.sub(h, F.mean(h, dims, true)), F.mul(xhat, A));
      const GP = F.div(F.sum(F.mul(Gi, P), dims, true), n);
      const GX = F.div(F.sum(F.mul(Gi, xhat), dims, true), n);
      const inner = F.sub(
        F.add(F.neg(F.mul(xhat, GP)), F.mul(F.mul(A, xhat), GX)),
        F.add(F.mul(A, F.sub(Gi, F.mean(Gi, dims, true))), F.mul(GX, P)),
      );
      dx = F.mul(inner, F.mul(rstd, rstd));
    }
    if (Gw != null) {
      const t = F.mul(xhat, Gw);
      dg = dg == null ? t : F.add(dg, t);
      const q = adj(F.mul(grad_out, Gw));
      dx = dx == null ? q : F.add(dx, q);
    }
    if (Gb != null) {
      const t = F.expand(Gb, input.sizes);
      dg = dg == null ? t : F.add(dg, t);
    }
    return { grad_out: dg, input: dx, weight: dw };
  },
  samples: (S) => {
    // PyTorch's double backward differentiates through the statistics as functions of input (they are
    // non-differentiable arguments): a finite difference in input with them held fixed differs.
    const followStats = {
      noGradcheck:
        'the rule treats mean and rstd as statistics of input (as PyTorch does); here they are fixed inputs. Checked in test/norm-double-backward.test.ts',
    };
    const x = S.randn([2, 3, 4]);
    const stats = (lead: number[], k: number) => [
      S.t([...lead, ...Array(k).fill(1)], { low: -0.5, high: 0.5 }),
      S.t([...lead, ...Array(k).fill(1)], { low: 0.5, high: 2 }),
    ];
    return [
      S.call(
        'native_layer_norm_backward',
        [S.randn([2, 3, 4]), x, [4], ...stats([2, 3], 1), S.randn([4]), S.randn([4]), [true, true, true]],
        undefined,
        followStats,
      ),
      S.call(
        'native_layer_norm_backward',
        [S.randn([2, 3, 4], 'strided'), x, [3, 4], ...stats([2], 2), null, null, [true, false, false]],
        undefined,
        followStats,
      ),
      S.call(
        'native_layer_norm_backward',
        [
          S.randn([4, 3], 'transposed'),
          S.randn([4, 3]),
          [3],
          ...stats([4], 1),
          S.randn([3]),
          null,
          [false, true, false],
        ],
        undefined,
        followStats,
      ),
      S.call(
        'native_layer_norm_backward',
        [
          S.randn([0, 3]),
          S.randn([0, 3]),
          [3],
          S.randn([0, 1]),
          S.randn([0, 1]),
          S.randn([3]),
          S.randn([3]),
          [true, true, true],
        ],
        undefined,
        followStats,
      ),
      S.call(
        'native_layer_norm_backward',
        [
          S.t([2, 3], { dtype: 'float64' }),
          S.t([2, 3], { dtype: 'float64' }),
          [3],
          S.t([2, 1], { dtype: 'float64' }),
          S.t([2, 1], { dtype: 'float64', low: 0.5, high: 1 }),
          S.t([3], { dtype: 'float64' }),
          S.t([3], { dtype: 'float64' }),
          [true, true, true],
        ],
        undefined,
        followStats,
      ),
      S.call(
        'native_layer_norm_backward.out',
        [S.randn([2, 3]), S.randn([2, 3]), [3], ...stats([2], 1), S.randn([3]), S.randn([3]), [true, true, true]],
        {
          out0: S.randn([2, 3]),
          out1: S.randn([3]),
          out2: S.randn([3]),
        },
      ),
    ];
  },
});
