import { writeElements } from '../core/elements.js';
import { readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

// The CTC loss (PyTorch's LossCTC.cpp semantics): the forward (alpha) and backward (beta)
// recursions in log space over the extended label sequence blank, l1, blank, l2, ..., blank.

interface CtcProblem {
  lp: number[];
  steps: number;
  batch: number;
  classes: number;
  inputLengths: number[];
  targetLengths: number[];
  /** Label s' (of the extended sequence) of sample b. */
  label: (b: number, s: number) => number;
  maxTarget: number;
}

const lse = (a: number, b: number): number => {
  const m = Math.max(a, b);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

function lengthsOf(ctx: OpContext, v: unknown): number[] {
  return Array.isArray(v) ? v.map(Number) : readNumbers(ctx, v as TensorLike);
}

function problem(
  ctx: OpContext,
  logProbs: TensorLike,
  targets: TensorLike,
  inputLengthsArg: unknown,
  targetLengthsArg: unknown,
  blank: number,
): CtcProblem {
  if (logProbs.sizes.length !== 3) throw new OpError('ctc_loss: expected log_probs to be a 3-D tensor');
  const [steps, batch, classes] = logProbs.sizes;
  const inputLengths = lengthsOf(ctx, inputLengthsArg);
  const targetLengths = lengthsOf(ctx, targetLengthsArg);
  if (blank < 0 || blank >= classes) throw new OpError('blank must be in label range');
  if (inputLengths.length !== batch) throw new OpError('input_lengths must be of size batch_size');
  if (targetLengths.length !== batch) throw new OpError('target_lengths must be of size batch_size');
  const maxTarget = Math.max(0, ...targetLengths);
  const tg = readNumbers(ctx, targets);
  const offsets: number[] = [];
  let stride = 0;
  if (targets.sizes.length === 1) {
    let acc = 0;
    for (const n of targetLengths) {
      offsets.push(acc);
      acc += n;
    }
  } else {
    stride = targets.sizes[1];
    if (stride < maxTarget) {
      throw new OpError(
        `Expected tensor to have size at least ${maxTarget} at dimension 1, but got size ${stride} for argument #2 'targets' (while checking arguments for ctc_loss_cpu)`,
      );
    }
    for (let b = 0; b < batch; b++) offsets.push(b * stride);
  }
  inputLengths.forEach((n) => {
    if (n > steps) {
      throw new OpError(
        `Expected input_lengths to have value at most ${steps}, but got value ${n} (while checking arguments for ctc_loss_cpu)`,
      );
    }
  });
  return {
    lp: readNumbers(ctx, logProbs),
    steps,
    batch,
    classes,
    inputLengths,
    targetLengths,
    maxTarget,
    label: (b, s) => (s % 2 === 0 ? blank : tg[offsets[b] + (s - 1) / 2]),
  };
}

const lpAt = (p: CtcProblem, t: number, b: number, c: number) => p.lp[(t * p.batch + b) * p.classes + c];

function alphas(p: CtcProblem): Float64Array {
  const states = 2 * p.maxTarget + 1;
  const la = new Float64Array(p.batch * p.steps * states).fill(Number.NEGATIVE_INFINITY);
  for (let b = 0; b < p.batch; b++) {
    const n = p.inputLengths[b];
    const sMax = 2 * p.targetLengths[b] + 1;
    const at = (t: number, s: number) => (b * p.steps + t) * states + s;
    if (n > 0) {
      la[at(0, 0)] = lpAt(p, 0, b, p.label(b, 0));
      if (sMax > 1) la[at(0, 1)] = lpAt(p, 0, b, p.label(b, 1));
    }
    for (let t = 1; t < n; t++) {
      for (let s = 0; s < sMax; s++) {
        const l = p.label(b, s);
        let v = la[at(t - 1, s)];
        if (s > 0) v = lse(v, la[at(t - 1, s - 1)]);
        if (s > 1 && l !== p.label(b, s - 2)) v = lse(v, la[at(t - 1, s - 2)]);
        la[at(t, s)] = v === Number.NEGATIVE_INFINITY ? v : v + lpAt(p, t, b, l);
      }
    }
  }
  return la;
}

function nllOf(p: CtcProblem, la: Float64Array, b: number): number {
  const states = 2 * p.maxTarget + 1;
  const n = p.inputLengths[b];
  if (n === 0) return p.targetLengths[b] === 0 ? -0 : Number.POSITIVE_INFINITY;
  const at = (s: number) => (b * p.steps + n - 1) * states + s;
  const tl = p.targetLengths[b];
  const last = tl > 0 ? lse(la[at(2 * tl)], la[at(2 * tl - 1)]) : la[at(0)];
  return -last;
}

/** aten::_ctc_loss: [neg_log_likelihood [N], log_alpha [N, T, 2 max(target_lengths) + 1]]. */
export function ctcLossForward(
  ctx: OpContext,
  logProbs: TensorLike,
  targets: TensorLike,
  inputLengths: unknown,
  targetLengths: unknown,
  blank: number,
): [TensorLike, TensorLike] {
  const p = problem(ctx, logProbs, targets, inputLengths, targetLengths, blank);
  const la = alphas(p);
  const nll = ctx.empty([p.batch], logProbs.dtype);
  writeElements(
    nll.data,
    logProbs.dtype,
    nll.offset,
    Array.from({ length: p.batch }, (_, b) => nllOf(p, la, b)),
  );
  const alpha = ctx.empty([p.batch, p.steps, 2 * p.maxTarget + 1], logProbs.dtype);
  writeElements(alpha.data, logProbs.dtype, alpha.offset, la);
  return [nll, alpha];
}

/**
 * aten::_ctc_loss_backward: PyTorch's gradient, exp(lp) - exp(log(Σ α β) + nll - lp) times the
 * incoming gradient (the form that assumes log_probs come from log_softmax), zero past each
 * input length and, with zero_infinity, for samples whose loss is infinite.
 */
export function ctcLossBackward(
  ctx: OpContext,
  grad: TensorLike,
  logProbs: TensorLike,
  targets: TensorLike,
  inputLengths: unknown,
  targetLengths: unknown,
  nllT: TensorLike,
  logAlpha: TensorLike,
  blank: number,
  zeroInfinity: boolean,
): TensorLike {
  const p = problem(ctx, logProbs, targets, inputLengths, targetLengths, blank);
  // The forward's alphas, as passed (PyTorch does not recompute them).
  const la = readNumbers(ctx, logAlpha);
  const gOut = readNumbers(ctx, grad);
  const nlls = readNumbers(ctx, nllT);
  const states = logAlpha.sizes[2];
  const out = new Float64Array(p.steps * p.batch * p.classes);
  for (let b = 0; b < p.batch; b++) {
    const n = p.inputLengths[b];
    const tl = p.targetLengths[b];
    const nll = nlls[b];
    if (zeroInfinity && nll === Number.POSITIVE_INFINITY) continue;
    const sMax = 2 * tl + 1;
    const lb = new Float64Array(p.steps * states).fill(Number.NEGATIVE_INFINITY);
    const at = (t: number, s: number) => t * states + s;
    if (n > 0) {
      lb[at(n - 1, 2 * tl)] = lpAt(p, n - 1, b, blank);
      if (tl > 0) lb[at(n - 1, 2 * tl - 1)] = lpAt(p, n - 1, b, p.label(b, 2 * tl - 1));
    }
    for (let t = n - 2; t >= 0; t--) {
      for (let s = 0; s < sMax; s++) {
        const l = p.label(b, s);
        let v = lb[at(t + 1, s)];
        if (s < sMax - 1) v = lse(v, lb[at(t + 1, s + 1)]);
        if (s < sMax - 2 && l !== p.label(b, s + 2)) v = lse(v, lb[at(t + 1, s + 2)]);
        lb[at(t, s)] = v === Number.NEGATIVE_INFINITY ? v : v + lpAt(p, t, b, l);
      }
    }
    const g = gOut.length === 1 ? gOut[0] : gOut[b];
    for (let t = 0; t < n; t++) {
      const lcab = new Float64Array(p.classes).fill(Number.NEGATIVE_INFINITY);
      for (let s = 0; s < sMax; s++) {
        const l = p.label(b, s);
        lcab[l] = lse(lcab[l], la[(b * p.steps + t) * states + s] + lb[at(t, s)]);
      }
      for (let c = 0; c < p.classes; c++) {
        const lp = lpAt(p, t, b, c);
        out[(t * p.batch + b) * p.classes + c] = (Math.exp(lp) - Math.exp(lcab[c] + nll - lp)) * g;
      }
    }
  }
  const result = ctx.empty([...logProbs.sizes], logProbs.dtype);
  writeElements(result.data, logProbs.dtype, result.offset, out);
  return result;
}
