import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName, isFloatingDtype } from '../core/dtypes.js';
import { numel, readNumbers, sameSizes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { nllLossNd, nllLossNdInputGrad } from '../groups/nll.js';
import { Calc, num } from '../groups/nn-math.js';
import { softmaxForward } from '../groups/softmax-like.js';

type T = TensorLike;

/** weight [C] as a view broadcasting along the class dim of an n-d input. */
function classView(ctx: OpContext, w: T, ndim: number, classDim: number): T {
  const sizes = new Array<number>(ndim).fill(1);
  const strides = new Array<number>(ndim).fill(0);
  sizes[classDim] = w.sizes[0];
  strides[classDim] = w.strides[0];
  return ctx.view(w, sizes, strides, w.offset);
}

function crossEntropy(a: OpArgs, ctx: OpContext): T {
  const { self, target, weight, reduction, ignore_index: ignore } = a;
  const ls = num(a.label_smoothing);
  const cd = self.sizes.length === 1 ? 0 : 1;
  const nd = self.sizes.length;
  const c = new Calc(ctx, self.dtype);
  if (sameSizes(self.sizes, target.sizes)) {
    if (!isFloatingDtype(target.dtype)) {
      throw new OpError(
        `Expected floating point type for target with class probabilities, got ${cppDtypeName(target.dtype)}`,
      );
    }
    if (ignore >= 0) throw new OpError('ignore_index is not supported for floating point target');
    const classes = self.sizes[cd];
    const logp = softmaxForward(ctx, true, self, cd, null);
    let t = c.t(target);
    if (ls > 0) t = c.add(c.mul(t, 1 - ls), ls / classes);
    let prod = c.mul(logp, t);
    if (weight != null) prod = c.mul(prod, classView(ctx, weight, nd, cd));
    const loss = c.mul(c.sum(prod, [cd]), -1);
    if (reduction === 0) return loss;
    if (reduction === 2) return c.sum(loss);
    if (numel(self.sizes) === 0) return c.full([], Number.NaN);
    return c.div(c.sum(loss), numel(self.sizes) / classes);
  }
  if (ls > 0 && ls > 1) throw new OpError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  const logp = softmaxForward(ctx, true, self, cd, null);
  const nll = nllLossNd(ctx, logp, target, weight, reduction, ignore);
  if (!(ls > 0)) return nll;
  const classes = logp.sizes[cd];
  const keep = new Calc(ctx, 'int64').cmp('ne', target, ignore);
  let prod = logp;
  if (weight != null) prod = c.mul(logp, classView(ctx, weight, nd, cd));
  const smooth = c.where(keep, c.mul(c.sum(prod, [cd]), -1), 0);
  let ret: T;
  if (reduction === 0) ret = smooth;
  else if (reduction === 2) ret = c.sum(smooth);
  else {
    let denom: T;
    if (weight != null) {
      const flat = new Calc(ctx, 'int64').reshape(target, [numel(target.sizes)]);
      const kept = readNumbers(ctx, flat).filter((v) => v !== ignore);
      const idx = ctx.empty([kept.length], 'int64');
      const view = new BigInt64Array(idx.data.buffer, idx.data.byteOffset, kept.length);
      kept.forEach((v, i) => {
        view[i] = BigInt(v);
      });
      const picked = c.empty([kept.length]);
      K.indexSelect(picked, c.t(weight), 0, idx);
      denom = c.sum(picked);
    } else {
      denom = c.sum(c.where(keep, 1, 0));
    }
    ret = c.div(c.sum(smooth), denom);
  }
  return c.add(c.mul(nll, 1 - ls), c.mul(ret, ls / classes));
}

export const crossEntropyLoss = defineOp({
  schemas: [
    'aten::cross_entropy_loss(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100, float label_smoothing=0.) -> Tensor',
  ],
  impl: crossEntropy,
  // d/dlogp of the loss (G), then through log_softmax: G - softmax * sum(G).
  derivative: (F, { grad, self, target, weight, reduction, ignore_index, label_smoothing }) => {
    const ls = Number(label_smoothing?.value ?? label_smoothing);
    const nd = self.sizes.length;
    const cd = nd === 1 ? 0 : 1;
    const classes = self.sizes[cd];
    const logp = F.logSoftmax(self, cd);
    const wshape = self.sizes.map((s: number, d: number) => (d === cd ? s : 1));
    const wb = weight == null ? null : F.reshape(weight, wshape);
    // A per-sample gradient (reduction none) or the scalar one, broadcast along the class dim.
    const perSample = (scale: any) => (reduction === 0 ? F.unsqueeze(scale, cd) : scale);
    const sameShape =
      self.sizes.length === target.sizes.length && self.sizes.every((s: number, i: number) => s === target.sizes[i]);
    if (sameShape) {
      const count = self.sizes.reduce((p: number, s: number) => p * s, 1) / classes;
      const r = perSample(reduction === 1 ? F.div(grad, count) : grad);
      const t = ls > 0 ? F.add(F.mul(target, 1 - ls), ls / classes) : target;
      const tw = wb == null ? t : F.mul(t, wb);
      const G = F.neg(F.mul(tw, r));
      const lw = wb == null ? logp : F.mul(logp, wb);
      return {
        self: F._logSoftmaxBackwardData(G, logp, cd, self.dtype),
        target: F.mul(F.neg(F.mul(lw, r)), 1 - ls),
      };
    }
    let G = nllLossNdInputGrad(F, grad, logp, target, weight, reduction, ignore_index);
    if (ls > 0) {
      const keep = F.ne(target, ignore_index);
      let r = grad;
      if (reduction === 1) {
        const safe = F.where(keep, target, F.zerosLike(target));
        const denom =
          weight == null
            ? F.sum(keep)
            : F.sum(F.mul(F.reshape(F.indexSelect(weight, 0, F.reshape(safe, [-1])), target.sizes), keep));
        r = F.div(grad, denom);
      }
      const masked =
        reduction === 0 ? F.mul(F.unsqueeze(grad, cd), F.unsqueeze(keep, cd)) : F.mul(F.unsqueeze(keep, cd), r);
      const Gs = F.neg(wb == null ? F.expand(masked, self.sizes) : F.mul(masked, wb));
      G = F.add(F.mul(G, 1 - ls), F.mul(Gs, ls / classes));
    }
    return { self: F._logSoftmaxBackwardData(G, logp, cd, self.dtype) };
  },
  samples: (S) => {
    const t = S.of([0, 1, 3], [3], 'int64');
    const f = S.float;
    return [
      S.call('cross_entropy_loss', [S.randn([3, 4]), t]),
      S.call('cross_entropy_loss', [S.randn([3, 4]), t, null, 0]),
      S.call('cross_entropy_loss', [S.randn([3, 4], 'transposed'), t, S.t([4], { low: 0.5, high: 2 }), 2]),
      S.call('cross_entropy_loss', [
        S.randn([3, 4]),
        S.of([0, -100, 3], [3], 'int64'),
        S.t([4], { low: 0.5, high: 2 }),
      ]),
      S.call('cross_entropy_loss', [S.randn([3, 4]), S.of([0, 2, 3], [3], 'int64'), null, 1, 2]),
      S.call('cross_entropy_loss', [S.randn([4]), S.of([2], [], 'int64')]),
      S.call('cross_entropy_loss', [S.randn([2, 3, 4]), S.ints([2, 4], 0, 3), null, 0]),
      S.call('cross_entropy_loss', [S.randn([2, 3, 2, 2], 'strided'), S.ints([2, 2, 2], 0, 3)]),
      S.call('cross_entropy_loss', [S.randn([3, 4]), t, null, 1, -100, f(0.1)]),
      S.call('cross_entropy_loss', [
        S.randn([3, 4]),
        S.of([0, -100, 3], [3], 'int64'),
        S.t([4], { low: 0.5, high: 2 }),
        1,
        -100,
        f(0.2),
      ]),
      S.call('cross_entropy_loss', [S.randn([3, 4]), S.of([0, -100, 3], [3], 'int64'), null, 0, -100, f(0.2)]),
      S.call('cross_entropy_loss', [S.randn([3, 4]), t, S.t([4], { low: 0.5, high: 2 }), 2, -100, f(0.3)]),
      S.call('cross_entropy_loss', [S.randn([2, 3, 4]), S.ints([2, 4], 0, 3), null, 1, -100, f(0.1)]),
      S.call('cross_entropy_loss', [S.randn([3, 4]), S.t([3, 4], { low: 0, high: 1 })]),
      S.call('cross_entropy_loss', [
        S.randn([3, 4]),
        S.t([3, 4], { low: 0, high: 1 }),
        S.t([4], { low: 0.5, high: 2 }),
        0,
      ]),
      S.call('cross_entropy_loss', [S.randn([2, 3, 2]), S.t([2, 3, 2], { low: 0, high: 1 }), null, 2, -100, f(0.2)]),
      S.call('cross_entropy_loss', [S.randn([0, 3]), S.randn([0, 3])]),
      S.call('cross_entropy_loss', [S.t([2, 3], { dtype: 'float64' }), S.of([0, 2], [2], 'int64')]),
      S.error(
        'cross_entropy_loss',
        [S.randn([3, 4]), t, null, 1, -100, f(1.5)],
        'label_smoothing must be between 0.0 and 1.0. Got: 1.5',
      ),
      S.error(
        'cross_entropy_loss',
        [S.randn([3, 4]), S.randn([3, 4]), null, 1, 2],
        'ignore_index is not supported for floating point target',
      ),
      S.error(
        'cross_entropy_loss',
        [S.randn([3, 4]), S.ints([3, 4], 0, 3)],
        'Expected floating point type for target with class probabilities, got Long',
      ),
      S.error('cross_entropy_loss', [S.randn([3, 4]), S.of([0, 1, 4], [3], 'int64')], 'Target 4 is out of bounds.'),
      S.error(
        'cross_entropy_loss',
        [S.randn([3, 4]), S.of([0, 1], [2], 'int64')],
        'Expected input batch_size (3) to match target batch_size (2).',
      ),
    ];
  },
});
