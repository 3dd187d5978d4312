import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { batchNormBackward } from '../groups/norm.js';

export const nativeBatchNormBackward = defineOp({
  schemas: [
    'aten::native_batch_norm_backward(Tensor grad_out, Tensor input, Tensor? weight, Tensor? running_mean, Tensor? running_var, Tensor? save_mean, Tensor? save_invstd, bool train, float eps, bool[3] output_mask) -> (Tensor, Tensor, Tensor)',
    'aten::native_batch_norm_backward.out(Tensor grad_out, Tensor input, Tensor? weight, Tensor? running_mean, Tensor? running_var, Tensor? save_mean, Tensor? save_invstd, bool train, float eps, bool[3] output_mask, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: (a, ctx) =>
    batchNormBackward(
      ctx,
      a.grad_out,
      a.input,
      a.weight,
      a.running_mean,
      a.running_var,
      a.save_mean,
      a.save_invstd,
      a.train,
      num(a.eps),
      a.output_mask,
    ),
  // Double backward: the input gradient is linear in grad_out (a self-adjoint projection in
  // training); grad_weight = sum(g xhat) and grad_bias = sum(g) add xhat Gw + Gb to it. The
  // dependence on input and weight is written out for the eval case, where gI = g w invstd.
  derivative: (F, ctx) => {
    const { grads, grad_out, input, weight, running_mean, running_var, save_mean, save_invstd, train, eps } = ctx;
    const [Gi, Gw, Gb] = grads;
    const nd = input.sizes.length;
    const shape = input.sizes.map((s: number, d: number) => (d === 1 ? s : 1));
    const mean = train ? save_mean : running_mean;
    const invstd = train ? save_invstd : F.rsqrt(F.add(running_var, eps));
    const xhat = F.mul(F.sub(input, F.reshape(mean, shape)), F.reshape(invstd, shape));
    const dims = [...Array(nd).keys()].filter((d) => d !== 1);
    let dg = null;
    if (Gi != null) {
      [dg] = F.nativeBatchNormBackward(
        Gi,
        input,
        weight,
        running_mean,
        running_var,
        save_mean,
        save_invstd,
        train,
        eps,
        [true, false, false],
      );
    }
    if (Gw != null) {
      const t = F.mul(xhat, F.reshape(Gw, shape));
      dg = dg == null ? t : F.add(dg, t);
    }
    if (Gb != null) {
      const t = F.expand(F.reshape(Gb, shape), input.sizes);
      dg = dg == null ? t : F.add(dg, t);
    }
    let dw = null;
    if (Gi != null && weight != null) {
      // d/dw of gI = gI(w = 1) per channel
      const [unit] = F.nativeBatchNormBackward(
        grad_out,
        input,
        null,
        running_mean,
        running_var,
        save_mean,
        save_invstd,
        train,
        eps,
        [true, false, false],
      );
      dw = F.sum(F.mul(Gi, unit), dims);
    }
    let dx = null;
    if (!train) {
      dx = Gw == null ? null : F.mul(F.mul(grad_out, F.reshape(Gw, shape)), F.reshape(invstd, shape));
    } else {
      // Training (mean and invstd s are functions of x): with P = g - mean(g) - xhat A,
      // A = mean(g xhat), GP = sum(Gi P), GX = sum(Gi xhat):
      // dx = w s^2 (-xhat GP / n - A (Gi - mean(Gi)) + A xhat GX / n - GX P / n) + Gw s P
      const n = input.sizes.reduce((p: number, s: number, d: number) => (d === 1 ? p : p * s), 1);
      const is = F.reshape(invstd, shape);
      const A = F.mean(F.mul(grad_out, xhat), dims, true);
      const P = F.sub(F.sub(grad_out, F.mean(grad_out, dims, true)), F.mul(xhat, A));
      let acc = null;
      if (Gi != null) {
        const GP = F.div(F.sum(F.mul(Gi, P), dims, true), n);
        const GX = F.div(F.sum(F.mul(Gi, xhat), dims, true), n);
        const inner = F.sub(
          F.add(F.neg(F.mul(xhat, GP)), F.mul(F.mul(A, xhat), GX)),
          F.add(F.mul(A, F.sub(Gi, F.mean(Gi, dims, true))), F.mul(GX, P)),
        );
        const ws = weight == null ? F.mul(is, is) : F.mul(F.mul(is, is), F.reshape(weight, shape));
        acc = F.mul(inner, ws);
      }
      if (Gw != null) {
        const t = F.mul(F.mul(P, is), F.reshape(Gw, shape));
        acc = acc == null ? t : F.add(acc, t);
      }
      dx = acc;
    }
    return { grad_out: dg, input: dx, weight: dw };
  },
  samples: (S) => {
    // PyTorch's double backward differentiates through the statistics as functions of input (they are
    // non-differentiable arguments): a finite difference in input with them held fixed differs.
    const followStats = {
      noGradcheck:
        'the rule treats mean and invstd as statistics of input (as PyTorch does); here they are fixed inputs. Checked in test/norm-double-backward.test.ts',
    };
    const f = S.float;
    const x = S.randn([2, 3, 4]);
    const mean = S.t([3], { low: -0.5, high: 0.5 });
    const invstd = S.t([3], { low: 0.5, high: 2 });
    return [
      S.call(
        'native_batch_norm_backward',
        [S.randn([2, 3, 4]), x, S.randn([3]), null, null, mean, invstd, true, f(1e-5), [true, true, true]],
        undefined,
        followStats,
      ),
      S.call(
        'native_batch_norm_backward',
        [
          S.randn([4, 3], 'transposed'),
          S.randn([4, 3]),
          null,
          null,
          null,
          mean,
          invstd,
          true,
          f(1e-5),
          [true, false, true],
        ],
        undefined,
        followStats,
      ),
      S.call('native_batch_norm_backward', [
        S.randn([2, 3]),
        S.randn([2, 3], 'strided'),
        S.randn([3]),
        mean,
        S.t([3], { low: 0.5, high: 2 }),
        null,
        null,
        false,
        f(1e-5),
        [true, true, true],
      ]),
      S.call('native_batch_norm_backward', [
        S.randn([2, 3, 2]),
        S.randn([2, 3, 2]),
        null,
        mean,
        invstd,
        null,
        null,
        false,
        f(1e-3),
        [true, false, false],
      ]),
      S.call(
        'native_batch_norm_backward',
        [
          S.t([2, 3], { dtype: 'float64' }),
          S.t([2, 3], { dtype: 'float64' }),
          S.t([3], { dtype: 'float64' }),
          null,
          null,
          S.t([3], { dtype: 'float64' }),
          S.t([3], { dtype: 'float64', low: 0.5, high: 1 }),
          true,
          f(1e-5),
          [false, true, true],
        ],
        undefined,
        followStats,
      ),
      S.call(
        'native_batch_norm_backward.out',
        [S.randn([2, 3]), S.randn([2, 3]), S.randn([3]), null, null, mean, invstd, true, f(1e-5), [true, true, true]],
        {
          out0: S.randn([2, 3]),
          out1: S.randn([3]),
          out2: S.randn([3]),
        },
      ),
    ];
  },
});
