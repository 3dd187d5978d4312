import { writeElements } from '../core/elements.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';
import { batchSizesOf } from './rnn.js';

// multi_margin_loss and multilabel_margin_loss (PyTorch's LossMultiMargin.cpp / LossMultiLabelMargin.cpp
// semantics) written with ops over [N, C] scores: the same expressions give the values and, in the
// derivative rules, the gradients.

/** The scores as [N, C] and the per-sample reduction, for 1-D (one sample) or 2-D input. */
function asBatch(F: Functions, self: TensorLike): TensorLike {
  return self.sizes.length <= 1 ? F.reshape(self, [1, self.sizes.length === 0 ? 1 : self.sizes[0]]) : self;
}

function reduce(F: Functions, perSample: TensorLike, reduction: number, sampleSizes: readonly number[]) {
  if (reduction === 1) return F.mean(perSample);
  if (reduction === 2) return F.sum(perSample);
  return F.reshape(perSample, [...sampleSizes]);
}

/** Checks and the [N, C] terms max(0, margin - x[y] + x[i])^p * w[y] / C over i != y. */
export function multiMarginTerms(
  F: Functions,
  self: TensorLike,
  target: TensorLike,
  p: number,
  margin: number,
  weight: TensorLike | null,
  check: boolean,
): { x: TensorLike; h: TensorLike; active: TensorLike; scale: TensorLike | number; classes: number } {
  if (p !== 1 && p !== 2) throw new OpError('only p == 1 and p == 2 supported');
  const x = asBatch(F, self);
  const [n, classes] = x.sizes;
  const y = F.reshape(target, [-1]);
  if (check) {
    if (self.sizes.length > 2) {
      throw new OpError(
        `Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${self.sizes.join(', ')}]`,
      );
    }
    if (y.sizes[0] !== n || target.sizes.length > 1) {
      throw new OpError(`inconsistent target size, got: [${target.sizes.join(', ')}]`);
    }
    const labels = y.dtype === 'int64' ? batchSizesOf(F.contiguous(y)) : [];
    if (labels.some((v) => v < 0 || v >= classes)) throw new OpError('target out of range');
  }
  const y1 = F.unsqueeze(y, 1);
  const xy = F.gather(x, 1, y1);
  const h = F.add(F.sub(x, xy), margin);
  const notTarget = F.logicalNot(F.eq(F.unsqueeze(F.arange(classes), 0), y1));
  const active = F.logicalAnd(F.gt(h, 0), notTarget);
  const w = weight === null ? null : F.unsqueeze(F.index(weight, [y]), 1);
  const scale = w === null ? 1 / classes : F.div(w, classes);
  return { x, h, active, scale, classes };
}

export function multiMarginLossValue(
  F: Functions,
  self: TensorLike,
  target: TensorLike,
  p: number,
  margin: number,
  weight: TensorLike | null,
  reduction: number,
): TensorLike {
  const { h, active, scale } = multiMarginTerms(F, self, target, p, margin, weight, true);
  const hinge = F.where(active, h, F.zerosLike(h));
  const terms = F.mul(p === 2 ? F.mul(hinge, hinge) : hinge, scale);
  return reduce(F, F.sum(terms, [1]), reduction, self.sizes.length <= 1 ? [] : [self.sizes[0]]);
}

/** The gradient of multi_margin_loss with respect to its scores. */
export function multiMarginLossGrad(
  F: Functions,
  grad: TensorLike,
  self: TensorLike,
  target: TensorLike,
  p: number,
  margin: number,
  weight: TensorLike | null,
  reduction: number,
): TensorLike {
  const { x, h, active, scale } = multiMarginTerms(F, self, target, p, margin, weight, false);
  const [n] = x.sizes;
  const local = F.mul(F.where(active, p === 2 ? F.mul(h, 2) : F.onesLike(h), F.zerosLike(h)), scale);
  // d/dx[y] is minus the sum of the others.
  const y1 = F.unsqueeze(F.reshape(target, [-1]), 1);
  const g = F.scatterAdd(local, 1, y1, F.neg(F.sum(local, [1], true)));
  const upstream = reduction === 0 ? F.reshape(grad, [n, 1]) : reduction === 1 ? F.div(grad, n) : grad;
  return F.reshape(F.mul(g, upstream), F.sizes(self));
}

/**
 * is_target of multilabel_margin_loss: per sample, the classes listed in target before its first
 * -1 (a float mask like the scores, as PyTorch returns it).
 */
export function multilabelIsTarget(ctx: OpContext, self: TensorLike, target: TensorLike): TensorLike {
  const F = ctx.F;
  const x = asBatch(F, self);
  const [n, classes] = x.sizes;
  const sameShape = target.sizes.length === self.sizes.length && target.sizes.every((s, i) => s === self.sizes[i]);
  if (self.sizes.length > 2 || !sameShape) {
    throw new OpError(`inconsistent size [${target.sizes.join(', ')}] for argument #2 'target'`);
  }
  const labels = batchSizesOf(F.reshape(F.contiguous(target), [-1]));
  const mask = new Array<number>(n * classes).fill(0);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < classes; j++) {
      const label = labels[s * classes + j];
      if (label < 0) break;
      if (label >= classes) throw new OpError("argument #2 'target' is out of range");
      mask[s * classes + label] = 1;
    }
  }
  const out = ctx.empty([...self.sizes], self.dtype);
  writeElements(out.data, self.dtype, out.offset, mask);
  return out;
}

/** Sum over target classes j and other classes i of max(0, 1 - (x[j] - x[i])) / C, from is_target. */
function multilabelPairs(F: Functions, self: TensorLike, isTarget: TensorLike) {
  const x = asBatch(F, self);
  const m = asBatch(F, isTarget);
  const classes = x.sizes[1];
  // h[n, j, i] = 1 - x[n, j] + x[n, i], counted where j is a target and i is not.
  const h = F.add(F.sub(F.unsqueeze(x, 1), F.unsqueeze(x, 2)), 1);
  const pairs = F.mul(F.unsqueeze(m, 2), F.unsqueeze(F.rsub(m, 1), 1));
  const active = F.mul(pairs, F.gt(h, 0));
  return { x, h, active, classes };
}

export function multilabelMarginLossValue(F: Functions, self: TensorLike, isTarget: TensorLike, reduction: number) {
  const { h, active, classes } = multilabelPairs(F, self, isTarget);
  const perSample = F.div(F.sum(F.mul(h, active), [1, 2]), classes);
  return reduce(F, perSample, reduction, self.sizes.length <= 1 ? [] : [self.sizes[0]]);
}

export function multilabelMarginLossGrad(
  F: Functions,
  grad: TensorLike,
  self: TensorLike,
  isTarget: TensorLike,
  reduction: number,
): TensorLike {
  const { x, active, classes } = multilabelPairs(F, self, isTarget);
  const [n] = x.sizes;
  const local = F.div(F.sub(F.sum(active, [1]), F.sum(active, [2])), classes);
  const upstream = reduction === 0 ? F.reshape(grad, [n, 1]) : reduction === 1 ? F.div(grad, n) : grad;
  return F.reshape(F.mul(local, upstream), F.sizes(self));
}
